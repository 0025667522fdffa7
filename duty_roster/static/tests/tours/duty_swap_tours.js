import { registry } from "@web/core/registry";

// The three steps of a duty swap, each by its own user: the employee asks, the colleague accepts,
// a duty leader approves. The expected texts (duty names, days) come from the Python case.
// steps() is also called before the values are stored (odoo.isTourReady): it must not fail on missing ones
function expectedValues() {
    return JSON.parse(sessionStorage.getItem("insurance_tour_values") || "{}");
}

// the statusbar's current state; ":visible" on the form lifts the visibility check of the button itself,
// which the statusbar folds away when the header buttons leave it no room
function currentState(state) {
    return `.o_form_view:visible .o_statusbar_status button.o_arrow_button_current[data-value='${state}']`;
}

registry.category("web_tour.tours").add("duty_swap_request_tour", {
    steps: () => {
        const expected = expectedValues();
        return [
            {
                content: "A new request is a draft swap",
                trigger: currentState("draft"),
            },
            {
                content: "Choose my duty",
                trigger: ".o_field_widget[name='shift_id'] input",
                run: `edit ${(expected.myDuty || "").slice(0, 10)}`,
            },
            {
                content: "Pick my duty",
                trigger: `.o-autocomplete--dropdown-item:contains('${expected.myDuty}')`,
                run: "click",
            },
            {
                content: "The duty's start day is shown",
                trigger: `.o_field_widget[name='shift_start']:contains('${expected.myDay}')`,
            },
            {
                content: "Choose the colleague",
                trigger: ".o_field_widget[name='counterpart_id'] input",
                run: `edit ${expected.colleague}`,
            },
            {
                content: "Pick the colleague",
                trigger: `.o-autocomplete--dropdown-item:contains('${expected.colleague}')`,
                run: "click",
            },
            {
                content: "Choose the colleague's duty",
                trigger: ".o_field_widget[name='counterpart_shift_id'] input",
                run: `edit ${(expected.theirDuty || "").slice(0, 10)}`,
            },
            {
                content: "Pick the colleague's duty",
                trigger: `.o-autocomplete--dropdown-item:contains('${expected.theirDuty}')`,
                run: "click",
            },
            {
                content: "The colleague's duty start day is shown",
                trigger: `.o_field_widget[name='counterpart_shift_start']:contains('${expected.theirDay}')`,
            },
            {
                content: "The reason",
                trigger: ".o_field_widget[name='reason'] textarea",
                run: "edit Family matter",
            },
            {
                content: "Save",
                trigger: ".o_form_button_save",
                run: "click",
            },
            {
                content: "Send it to the colleague",
                trigger: ".o_form_statusbar button[name='action_send']",
                run: "click",
            },
            {
                content: "The request waits for the colleague",
                trigger: currentState("requested"),
            },
            {
                content: "The duties cannot change any more",
                trigger: `.o_field_widget[name='shift_id']:contains('${expected.myDuty}'):not(:has(input))`,
            },
        ];
    },
});

registry.category("web_tour.tours").add("duty_swap_accept_tour", {
    steps: () => {
        const expected = expectedValues();
        return [
            {
                content: "The request asks me for my duty",
                trigger: `.o_field_widget[name='counterpart_shift_id']:contains('${expected.theirDuty}')`,
            },
            {
                content: "It is waiting for my answer",
                trigger: currentState("requested"),
            },
            {
                content: "Accept",
                trigger: ".o_form_statusbar button[name='action_accept']",
                run: "click",
            },
            {
                content: "Accepted: now a duty leader decides",
                trigger: currentState("accepted"),
            },
            {
                content: "I can no longer answer it",
                trigger: ".o_form_statusbar:not(:has(button[name='action_accept']))",
            },
        ];
    },
});

registry.category("web_tour.tours").add("duty_swap_approve_tour", {
    steps: () => {
        const expected = expectedValues();
        return [
            {
                content: "The colleague accepted the swap",
                trigger: currentState("accepted"),
            },
            {
                content: "The requester's duty day",
                trigger: `.o_field_widget[name='shift_start']:contains('${expected.myDay}')`,
            },
            {
                content: "The colleague's duty day",
                trigger: `.o_field_widget[name='counterpart_shift_start']:contains('${expected.theirDay}')`,
            },
            {
                content: "Approve",
                trigger: ".o_form_statusbar button[name='action_approve']",
                run: "click",
            },
            {
                content: "Approved: the duties changed hands",
                trigger: currentState("approved"),
            },
            {
                content: "The colleague now holds the requester's duty",
                trigger: `.o_field_widget[name='shift_id']:contains('${expected.colleague}')`,
            },
        ];
    },
});
