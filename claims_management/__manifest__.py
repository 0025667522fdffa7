{
    "name": "Insurance Claims",
    "summary": "Policies, insured rosters, the claim life cycle with statutory clocks, "
    "notices, the claimant portal, reserves and payouts",
    "version": "18.0.1.0.0",
    "category": "Insurance/Claims",
    "website": "https://github.com/insurance-ops/insurance-suite",
    "author": "Insurance Operations Suite",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["duty_roster", "account", "portal", "hr", "mail"],
    "external_dependencies": {"python": ["python-stdnum", "XlsxWriter"]},
    "data": [
        "security/claims_security.xml",
        "security/ir.model.access.csv",
        "data/insurance_policy_cron.xml",
        "data/insurance_claim_data.xml",
        "views/insurance_claim_type_views.xml",
        "views/insurance_policy_views.xml",
        "views/insurance_claim_views.xml",
        "views/insurance_claim_line_views.xml",
        "views/duty_post_views.xml",
        "views/claims_menus.xml",
        "data/insurance_claim_clock_cron.xml",
        "views/insurance_claim_document_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/claims_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "claims_management/static/tests/tours/*.js",
        ],
    },
}
