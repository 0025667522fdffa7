{
    "name": "Insurance Base",
    "summary": "The deadline engine of the insurance suite: statutory clocks as rows with pauses, extensions, "
    "an audit log, one alert sweep and one on-time report",
    "version": "18.0.1.1.0",
    "category": "Insurance",
    "website": "https://github.com/insurance-ops/insurance-suite",
    "author": "Insurance Operations Suite",
    "license": "LGPL-3",
    "maintainers": ["insurance-ops"],
    "development_status": "Beta",
    "installable": True,
    "depends": ["cn_working_calendar", "mail", "portal", "hr"],
    "data": [
        "security/insurance_base_security.xml",
        "security/ir.model.access.csv",
        "data/insurance_clock_cron.xml",
        "views/insurance_clock_views.xml",
        "views/insurance_clock_report_views.xml",
        "views/cn_calendar_year_views.xml",
        "views/res_config_settings_views.xml",
    ],
}
