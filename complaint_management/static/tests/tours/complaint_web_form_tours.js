import { registry } from "@web/core/registry";

// steps() is also called before the values are stored (odoo.isTourReady): it must not fail on missing ones
function expectedValues() {
    return JSON.parse(sessionStorage.getItem("insurance_tour_values") || "{}");
}

// a state change as the chatter's tracking shows it (the statusbar may fold the current state away when
// the header's buttons leave it no room)
function stateChange(from, to) {
    return `.o-mail-Message-tracking:has(.o-mail-Message-trackingOld:contains('${from}')):has(.o-mail-Message-trackingNew:contains('${to}'))`;
}

// An anonymous visitor files a complaint on the public form and receives its number.
registry.category("web_tour.tours").add("complaint_web_form_tour", {
    steps: () => {
        const expected = expectedValues();
        return [
            {
                content: "The form is shown in the visitor's language",
                trigger: `.o_complaint_web_form:has(h1:contains('${expected.formTitle}')) form[action='/complaint/new']`,
            },
            {
                content: "Name",
                trigger: ".o_complaint_web_form input[name='name']",
                run: `edit ${expected.name}`,
            },
            {
                content: "Phone",
                trigger: ".o_complaint_web_form input[name='phone']",
                run: `edit ${expected.phone}`,
            },
            {
                content: "The demand",
                trigger: ".o_complaint_web_form input[name='demand']",
                run: `edit ${expected.demand}`,
            },
            {
                content: "The facts",
                trigger: ".o_complaint_web_form textarea[name='facts']",
                run: "edit The claim was refused without any reason given.",
            },
            {
                content: "Send",
                trigger: ".o_complaint_web_form button[type='submit']",
                run: "click",
            },
            {
                content: "The complaint was received and has its number",
                trigger: `.o_complaint_web_form_thanks:has(h1:contains('${expected.thanksTitle}')) strong:contains('TS')`,
            },
        ];
    },
});

// A complaint officer finds the complaint by its number, completes it and assigns it to a handler.
registry.category("web_tour.tours").add("complaint_find_and_assign_tour", {
    steps: () => {
        const expected = expectedValues();
        return [
            {
                content: "Search the complaint number",
                trigger: ".o_searchview_input",
                run: `edit ${expected.number}`,
            },
            {
                content: "Search it",
                trigger: ".o_searchview_input",
                run: "press Enter",
            },
            {
                content: "The search is applied",
                trigger: `.o_searchview .o_facet_values:contains('${expected.number}')`,
            },
            {
                content: "Open the complaint found",
                trigger: `.o_list_view .o_data_row:only-child .o_data_cell[name='name']:contains('${expected.number}')`,
                run: "click",
            },
            {
                content: "It came through the public form",
                trigger: `.o_form_view .o_field_widget[name='channel'] select:has(option:selected:contains('${expected.channel}'))`,
            },
            {
                content: "The complainant is the visitor",
                trigger: `.o_field_widget[name='complainant_name'] input:value('${expected.name}')`,
            },
            {
                content: "Their phone is the contact",
                trigger: `.o_field_widget[name='complainant_contact'] input:value('${expected.phone}')`,
            },
            {
                content: "The ID number the officer obtained (Art. 13)",
                trigger: ".o_field_widget[name='complainant_id_number'] input",
                run: "edit 430181198503120021",
            },
            {
                content: "Validate",
                trigger: ".o_form_statusbar button[name='action_validate']",
                run: "click",
            },
            {
                content: "Validated",
                trigger: stateChange(expected.registered, expected.validated),
            },
            {
                content: "It can be assigned now",
                trigger: ".o_form_statusbar button[name='action_assign']",
            },
            {
                content: "Choose the handling department",
                trigger: ".o_field_widget[name='department_id'] input",
                run: `edit ${expected.department}`,
            },
            {
                content: "Pick the department",
                trigger: `.o-autocomplete--dropdown-item:contains('${expected.department}')`,
                run: "click",
            },
            {
                content: "Choose the handler",
                trigger: ".o_field_widget[name='user_id'] input",
                run: `edit ${expected.handler}`,
            },
            {
                content: "Pick the handler",
                trigger: `.o-autocomplete--dropdown-item:contains('${expected.handler}')`,
                run: "click",
            },
            {
                content: "Assign",
                trigger: ".o_form_statusbar button[name='action_assign']",
                run: "click",
            },
            {
                content: "Assigned",
                trigger: stateChange(expected.validated, expected.assigned),
            },
            {
                content: "Assigned: the investigation can start",
                trigger: ".o_form_statusbar button[name='action_investigate']",
            },
            {
                content: "The complaint keeps its handling department",
                trigger: `.o_field_widget[name='department_id'] input:value('${expected.department}')`,
            },
        ];
    },
});
