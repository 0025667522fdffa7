import { registry } from "@web/core/registry";

// steps() is also called before the values are stored (odoo.isTourReady): it must not fail on missing ones
function expectedValues() {
    return JSON.parse(sessionStorage.getItem("insurance_tour_values") || "{}");
}

// ":visible" on the form lifts the visibility check of the statusbar button, which the statusbar may fold away
function currentState(state) {
    return `.o_form_view:visible .o_statusbar_status button.o_arrow_button_current[data-value='${state}']`;
}

// An accountant bills an approved payout, posts and pays the bill with the payment register, then matches
// the bank statement line with the payout.
registry.category("web_tour.tours").add("claims_payout_pay_and_match_tour", {
    steps: () => {
        const expected = expectedValues();
        return [
            {
                content: "The payout is approved",
                trigger: currentState("approved"),
            },
            {
                content: "For the settlement amount",
                trigger: `.o_form_view .o_field_widget[name='amount']:contains('${expected.amount}')`,
            },
            {
                content: "Create the bill",
                trigger: ".o_form_statusbar button[name='action_create_bill']",
                run: "click",
            },
            {
                content: "The draft bill pays the payout",
                trigger: `.o_form_view .o_field_widget[name='tax_totals']:contains('${expected.amount}')`,
            },
            {
                content: "Confirm the bill",
                trigger: ".o_form_statusbar button[name='action_post']",
                run: "click",
            },
            {
                content: "The bill is posted",
                trigger: currentState("posted"),
            },
            {
                content: "Register the payment",
                trigger: ".o_form_statusbar button[name='action_register_payment']",
                run: "click",
            },
            {
                content: "The payment register offers the amount due",
                trigger: `.modal .o_field_widget[name='amount'] input:value('${expected.amount}')`,
            },
            {
                content: "Create the payment",
                trigger: ".modal button[name='action_create_payments']",
                run: "click",
            },
            {
                content: "The bill is paid",
                trigger: `.o_form_view:not(:has(.modal)) .o_form_statusbar:not(:has(button[name='action_register_payment']:visible))`,
            },
            {
                content: "Back to the payout",
                trigger: ".o_breadcrumb",
                run: `goToUrl ${expected.payoutUrl}`,
            },
            {
                content: "The payout shows the bill paid",
                trigger: `.o_form_view .o_field_widget[name='payment_state']:contains('${expected.inPayment}'), .o_form_view .o_field_widget[name='payment_state']:contains('${expected.paid}')`,
            },
            {
                content: "Nothing is left due",
                trigger: `.o_form_view .o_field_widget[name='amount_residual']:contains('${expected.zero}')`,
            },
            {
                content: "Open the bank statement line",
                trigger: ".o_form_view",
                run: `goToUrl ${expected.bankLineUrl}`,
            },
            {
                content: "The bank line pays the settlement",
                trigger: `.o_form_view .o_field_widget[name='payment_ref']:has(input:value('Settlement ${expected.claim}'))`,
            },
            {
                content: "It is not reconciled yet",
                trigger: ".o_form_view .o_field_widget[name='is_reconciled'] input:not(:checked)",
            },
            {
                content: "Match it with the claim payouts",
                trigger: ".o_form_statusbar button[name='action_match_claim_payouts_notify']",
                run: "click",
            },
            {
                content: "The bank line is reconciled",
                trigger: ".o_form_view .o_field_widget[name='is_reconciled'] input:checked",
            },
            {
                content: "With the payee",
                trigger: `.o_form_view .o_field_widget[name='partner_id']:contains('${expected.payee}')`,
            },
            {
                content: "Nothing is left to match",
                trigger: ".o_form_view .o_form_sheet_bg:not(:has(button[name='action_match_claim_payouts_notify']))",
            },
        ];
    },
});
