{
    "name": "Duty Roster",
    "summary": "365x24 duty rosters: posts, rotations, Chinese holidays with make-up "
    "working days, handovers and a live on-duty lookup",
    "version": "18.0.1.3.0",
    "category": "Human Resources/Duty Roster",
    "website": "https://github.com/insurance-ops/insurance-suite",
    "author": "Insurance Operations Suite",
    "license": "LGPL-3",
    "maintainers": ["insurance-ops"],
    "development_status": "Beta",
    "application": True,
    "depends": ["cn_working_calendar", "insurance_base", "hr", "resource", "mail"],
    "external_dependencies": {"python": ["vobject", "XlsxWriter", "openupgradelib"]},
    "data": [
        "security/duty_roster_security.xml",
        "security/ir.model.access.csv",
        "data/duty_handover_cron.xml",
        "data/duty_roster_calendar_cron.xml",
        "wizards/duty_reinforce_wizard_views.xml",
        "views/duty_post_views.xml",
        "views/duty_rotation_views.xml",
        "views/duty_roster_views.xml",
        "views/duty_roster_calendar_views.xml",
        "views/res_config_settings_views.xml",
        "views/duty_swap_request_views.xml",
        "views/duty_handover_views.xml",
        "views/duty_roster_menus.xml",
        "report/duty_roster_report.xml",
    ],
    "demo": [
        "demo/duty_roster_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "duty_roster/static/tests/tours/*.js",
        ],
    },
}
