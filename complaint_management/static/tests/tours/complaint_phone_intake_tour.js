import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A complaint officer takes a complaint on the phone: registers it with the Art. 13 facts of a
// person (name, contact, ID number), validates it and assigns it to themselves.
registry.category("web_tour.tours").add("complaint_phone_intake_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Insurance app",
            trigger: ".o_app[data-menu-xmlid='claims_management.menu_insurance_root']",
            run: "click",
        },
        {
            content: "Open the Complaints menu",
            trigger: ".o_menu_sections [data-menu-xmlid='complaint_management.menu_complaint_root']",
            run: "click",
        },
        {
            content: "Open the complaints",
            trigger: ".dropdown-item[data-menu-xmlid='complaint_management.menu_complaint_all']",
            run: "click",
        },
        {
            content: "Register a new complaint",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Received by phone",
            trigger: ".o_field_widget[name='channel'] select",
            run: "select \"phone\"",
        },
        {
            content: "The complainant",
            trigger: ".o_field_widget[name='partner_id'] input",
            run: "edit Tour Caller",
        },
        {
            content: "Pick the complainant",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Caller')",
            run: "click",
        },
        {
            content: "Art. 13 still asks for the contact and the ID number",
            trigger: ".alert-info:contains('Still missing for this complainant')",
        },
        {
            content: "The ID number (Art. 13)",
            trigger: ".o_field_widget[name='complainant_id_number'] input",
            run: "edit 430181198503120021",
        },
        {
            content: "The contact (Art. 13)",
            trigger: ".o_field_widget[name='complainant_contact'] input",
            run: "edit 13807319999",
        },
        {
            content: "The demand",
            trigger: ".o_field_widget[name='demand'] textarea",
            run: "edit Refund the premium of the travel policy.",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved with its number",
            trigger: ".o_field_widget[name='name']:contains('TS')",
        },
        {
            content: "Validate",
            trigger: ".o_form_statusbar button[name='action_validate']",
            run: "click",
        },
        {
            content: "Validated: it can be assigned now",
            trigger: ".o_form_statusbar button[name='action_assign']",
        },
        {
            content: "Choose the owner",
            trigger: ".o_field_widget[name='user_id'] input",
            run: "edit Tour Officer",
        },
        {
            content: "Pick the officer",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Officer')",
            run: "click",
        },
        {
            content: "Assign",
            trigger: ".o_form_statusbar button[name='action_assign']",
            run: "click",
        },
        {
            content: "Assigned: the investigation can start",
            trigger: ".o_form_statusbar button[name='action_investigate']",
        },
        {
            content: "The handling department came from the owner",
            trigger: ".o_field_widget[name='department_id'] input:value('Tour Customer Service')",
        },
    ],
});
