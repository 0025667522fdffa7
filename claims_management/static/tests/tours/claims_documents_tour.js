import { registry } from "@web/core/registry";

// A claims director works a claim's document checklist, sends the one-time
// missing-documents notice and finds the overdue claim on the deadlines board.
registry.category("web_tour.tours").add("claims_documents_tour", {
    steps: () => [
        {
            content: "Open the Documents page of the claim",
            trigger: ".o_notebook .nav-link:contains('Documents')",
            run: "click",
        },
        {
            content: "The Documents page is open",
            trigger: ".o_notebook .nav-link.active:contains('Documents')",
        },
        {
            content: "Send the missing-documents notice",
            trigger: ".o_form_statusbar button[name='action_missing_documents_notice']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The notice lists the missing documents in the chatter",
            trigger: ".o-mail-Message:contains('still need the documents'):contains('Tour repair invoice')",
        },
        {
            content: "The decision clock is paused",
            trigger: ".alert-info:contains('decision clock is paused')",
        },
        {
            content: "Open the Statutory Clocks page",
            trigger: ".o_notebook .nav-link:contains('Statutory Clocks')",
            run: "click",
        },
        {
            content: "The deadlines are listed",
            trigger: ".o_notebook .tab-pane.active .o_inner_group .o_form_label:contains('Prepayment Due')",
        },
        {
            content: "Open the Claims menu",
            trigger: ".o_menu_sections [data-menu-xmlid='claims_management.menu_insurance_claims']",
            run: "click",
        },
        {
            content: "Open the statutory deadlines board",
            trigger: ".dropdown-item[data-menu-xmlid='claims_management.menu_insurance_claim_deadlines']",
            run: "click",
        },
        {
            content: "The board filters what is due this week or overdue",
            trigger: ".o_searchview .o_facet_values:contains('Due This Week'):contains('Overdue')",
        },
        {
            content: "The overdue claim is shown in red",
            trigger: ".o_list_view .o_data_row.text-danger:contains('Tour overdue claimant')",
        },
    ],
});
