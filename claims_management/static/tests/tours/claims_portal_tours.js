import { registry } from "@web/core/registry";

// steps() is also called before the values are stored (odoo.isTourReady): it must not fail on missing ones
function expectedValues() {
    return JSON.parse(sessionStorage.getItem("insurance_tour_values") || "{}");
}

// a small but real PDF: the portal checks the content of the file, not only its name
function attachPdf(name) {
    return function () {
        const pdf = "%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";
        const transfer = new DataTransfer();
        transfer.items.add(new File([pdf], name, { type: "application/pdf" }));
        this.anchor.files = transfer.files;
        this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
    };
}

function uploadSteps(document, index) {
    const row = `tr.o_claim_portal_document:contains('${document}')`;
    return [
        {
            content: `Choose the file for ${document}`,
            trigger: `${row} input[type='file'][name='attachment']`,
            run: attachPdf(`document-${index}.pdf`),
        },
        {
            content: `Send ${document}`,
            trigger: `${row} button[type='submit']`,
            run: "click",
        },
        {
            content: `${document} was received`,
            trigger: `.o_claim_portal_message:contains('${document}')`,
        },
        {
            content: `${document} is no longer asked for`,
            trigger: `${row}:not(:has(input[type='file']))`,
        },
    ];
}

// A claimant reports a loss on the portal and sends the documents the claim asks for.
registry.category("web_tour.tours").add("claims_portal_report_tour", {
    steps: () => {
        const expected = expectedValues();
        const documents = expected.documents || [];
        return [
            {
                content: "Choose the policy",
                trigger: ".o_claim_portal_new_form select[name='policy_id']",
                run: `select ${expected.policy}`,
            },
            {
                content: "Choose the kind of loss",
                trigger: ".o_claim_portal_new_form select[name='claim_type_id']",
                run: `select ${expected.claimType}`,
            },
            {
                content: "The date of the loss",
                trigger: ".o_claim_portal_new_form input[name='loss_date']",
                // a date input takes its value as ISO text (the "edit" helper reads dates back as Date objects)
                run() {
                    this.anchor.value = expected.lossDate;
                    this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
                },
            },
            {
                content: "The place",
                trigger: ".o_claim_portal_new_form input[name='loss_place']",
                run: `edit ${expected.place}`,
            },
            {
                content: "What happened",
                trigger: ".o_claim_portal_new_form textarea[name='description']",
                run: "edit A pipe burst in the kitchen and flooded the floor.",
            },
            {
                content: "Report the claim",
                trigger: ".o_claim_portal_new_form button[type='submit']",
                run: "click",
            },
            {
                content: "The claim is reported",
                trigger: `.o_claim_portal_detail .o_claim_portal_state:contains('${expected.reported}')`,
            },
            {
                content: "With the date of the loss given",
                trigger: `.o_claim_portal_detail:contains('${expected.lossDateShown}'):contains('${expected.place}')`,
            },
            {
                content: "The claim asks for its documents",
                trigger: documents.reduce(
                    (selector, document) => `${selector}:contains('${document}')`,
                    ".o_claim_portal_missing"
                ),
            },
            ...documents.flatMap(uploadSteps),
            {
                content: "Nothing is missing any more",
                trigger: ".o_claim_portal_detail:not(:has(.o_claim_portal_missing)) .text-success",
            },
        ];
    },
});

// The claimant accepts the settlement of the approved claim.
registry.category("web_tour.tours").add("claims_portal_accept_tour", {
    steps: () => {
        const expected = expectedValues();
        return [
            {
                content: "The claim is approved",
                trigger: `.o_claim_portal_detail .o_claim_portal_state:contains('${expected.approved}')`,
            },
            {
                content: "The settlement offered",
                trigger: `.o_claim_portal_settlement:contains('${expected.amount}')`,
            },
            {
                content: "Accept the settlement",
                trigger: "button.o_claim_portal_accept",
                run: "click",
            },
            {
                content: "The acceptance is recorded",
                trigger: `.o_claim_portal_message:visible .o_claim_portal_state:contains('${expected.agreed}'), .o_claim_portal_detail:has(.o_claim_portal_message) .o_claim_portal_state:contains('${expected.agreed}')`,
            },
            {
                content: "The settlement amount is still shown",
                trigger: `.o_claim_portal_settlement:contains('${expected.amount}')`,
            },
            {
                content: "The offer cannot be accepted twice",
                trigger: ".o_claim_portal_detail:not(:has(button.o_claim_portal_accept))",
            },
        ];
    },
});
