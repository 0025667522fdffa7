{
    "name": "Insurance Dashboards",
    "summary": "Claims, complaints and duty dashboards in Odoo's Dashboards app",
    "version": "18.0.1.0.0",
    "category": "Insurance/Dashboards",
    "website": "https://github.com/insurance-ops/insurance-suite",
    "author": "Insurance Operations Suite",
    "maintainers": ["insurance-ops"],
    "development_status": "Beta",
    "license": "LGPL-3",
    "depends": ["spreadsheet_dashboard", "claims_management", "complaint_management", "duty_roster"],
    "data": ["data/dashboards.xml"],
    "assets": {
        "web.assets_tests": [
            "insurance_spreadsheet_dashboard/static/tests/tours/*.js",
        ],
    },
}
