import { registry } from "@web/core/registry";

// A claims director opens a claim sent to review whose assessment is exactly the cover's limit,
// approves it and sees it approved with that amount. The expected texts come from the Python case.
registry.category("web_tour.tours").add("claims_director_approval_tour", {
    steps: () => {
        const expected = JSON.parse(sessionStorage.getItem("insurance_tour_values") || "{}");
        return [
            {
                content: "The claim waits for the director",
                trigger: `.o_form_view:visible .o_statusbar_status button.o_arrow_button_current[data-value='review']`,
            },
            {
                content: "Its assessment is the cover's whole limit",
                trigger: `.o_form_view .o_field_widget[name='assessed_amount']:contains('${expected.amount}')`,
            },
            {
                content: "Approve",
                trigger: ".o_form_statusbar button[name='action_director_approve']",
                run: "click",
            },
            {
                content: "The claim is approved",
                trigger: `.o_form_view:visible .o_statusbar_status button.o_arrow_button_current[data-value='approved']:contains('${expected.approved}')`,
            },
            {
                content: "Approved: the claimant's agreement is next",
                trigger: ".o_form_statusbar button[name='action_claimant_agrees']",
            },
            {
                content: "The approved amount is the limit",
                trigger: `.o_form_view .o_field_widget[name='assessed_amount']:contains('${expected.amount}')`,
            },
        ];
    },
});
