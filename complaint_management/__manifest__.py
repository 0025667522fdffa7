{
    "name": "Insurance Complaints",
    "summary": "Regulatory complaint handling: intake, statutory clocks with approved "
    "extensions, decision letters, review, rectification, follow-up visits, statistics",
    "version": "18.0.1.0.0",
    "category": "Insurance/Complaints",
    "website": "https://github.com/insurance-ops/insurance-suite",
    "author": "Insurance Operations Suite",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["claims_management", "duty_roster", "portal", "mail"],
    "external_dependencies": {"python": ["XlsxWriter"]},
    "data": [
        "security/complaint_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/insurance_complaint_category_data.xml",
        "views/insurance_complaint_category_views.xml",
        "views/insurance_complaint_views.xml",
        "views/complaint_menus.xml",
        "data/complaint_mail_alias_data.xml",
        "views/complaint_reporting_views.xml",
        "views/complaint_web_form_templates.xml",
        "views/complaint_portal_templates.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "complaint_management/static/tests/tours/*.js",
        ],
    },
}
