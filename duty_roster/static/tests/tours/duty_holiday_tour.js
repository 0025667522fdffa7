import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// What the holiday list shows, in each language the suite ships.
const LABELS = {
    "en-US": {
        nationalDay: "National Day",
        dayOff: "Day off",
        makeup: "Make-up working day",
        oct1: "10/01/2026",
        oct10: "10/10/2026",
    },
    "zh-CN": {
        nationalDay: "国庆节",
        dayOff: "休息日",
        makeup: "调休上班日",
        oct1: "2026年10月01日",
        oct10: "2026年10月10日",
    },
};

// A roster manager opens the Duty Roster app and finds National Day 2026
// with its make-up working day in the holiday calendar.
registry.category("web_tour.tours").add("duty_roster_holiday_tour", {
    url: "/odoo",
    steps: () => {
        const label = LABELS[user.lang] || LABELS["en-US"];
        return [
            stepUtils.showAppsMenuItem(),
            {
                content: "Open the Duty Roster app",
                trigger: ".o_app[data-menu-xmlid='duty_roster.menu_duty_root']",
                run: "click",
            },
            {
                content: "Open the Configuration menu",
                trigger: ".o_menu_sections [data-menu-xmlid='duty_roster.menu_duty_configuration']",
                run: "click",
            },
            {
                content: "Open the holiday calendar",
                trigger: ".dropdown-item[data-menu-xmlid='duty_roster.menu_duty_holiday']",
                run: "click",
            },
            {
                content: "Open the 2026 group of the holiday calendar",
                trigger: ".o_list_view .o_group_name:contains('2026')",
                run: "click",
            },
            {
                content: "National Day is a day off",
                trigger: `.o_data_row:contains('${label.oct1}'):contains('${label.nationalDay}'):contains('${label.dayOff}')`,
            },
            {
                content: "Saturday 10 October is a make-up working day",
                trigger: `.o_data_row:contains('${label.oct10}'):contains('${label.makeup}')`,
            },
        ];
    },
});
