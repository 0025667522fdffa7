import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A manager opens the Insurance app and walks it: the claims board, the policies, the claim
// types from claims_management and the regulator's complaint categories.
registry.category("web_tour.tours").add("insurance_configuration_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Insurance app",
            trigger: ".o_app[data-menu-xmlid='claims_management.menu_insurance_root']",
            run: "click",
        },
        {
            content: "The claims board shows the demo storm claims",
            trigger: ".o_kanban_view .o_kanban_record:contains('浏阳市公路养护中心')",
        },
        {
            content: "Open the Policies menu",
            trigger: ".o_menu_sections [data-menu-xmlid='claims_management.menu_insurance_policies']",
            run: "click",
        },
        {
            content: "Open the policies",
            trigger: ".dropdown-item[data-menu-xmlid='claims_management.menu_insurance_policy']",
            run: "click",
        },
        {
            content: "The demo policies are listed",
            trigger: ".o_list_view .o_data_row:contains('PPR2026430181000001')",
        },
        {
            content: "Open the Configuration menu",
            trigger: ".o_menu_sections [data-menu-xmlid='claims_management.menu_insurance_configuration']",
            run: "click",
        },
        {
            content: "Open the claim types",
            trigger: ".dropdown-item[data-menu-xmlid='claims_management.menu_insurance_claim_type']",
            run: "click",
        },
        {
            content: "Claim types are listed",
            trigger: ".o_list_view .o_data_row:contains('公路财产损失')",
        },
        {
            content: "Open the Configuration menu again",
            trigger: ".o_menu_sections [data-menu-xmlid='claims_management.menu_insurance_configuration']",
            run: "click",
        },
        {
            content: "Open the complaint categories",
            trigger: ".dropdown-item[data-menu-xmlid='complaint_management.menu_complaint_category']",
            run: "click",
        },
        {
            content: "The regulator's claims-dispute cause is there",
            trigger: ".o_list_view .o_data_row:contains('Claims dispute / Claim refused')",
        },
    ],
});
