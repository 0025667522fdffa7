{
    "name": "Chinese Working-Day Calendar",
    "summary": "Chinese statutory holidays and make-up working days (调休), synced from chinesecalendar, "
    "with working-day arithmetic that never guesses an unknown year",
    "version": "18.0.1.1.0",
    "category": "Human Resources",
    "website": "https://github.com/insurance-ops/insurance-suite",
    "author": "Insurance Operations Suite",
    "license": "LGPL-3",
    "maintainers": ["insurance-ops"],
    "development_status": "Beta",
    "depends": ["resource"],
    "external_dependencies": {"python": ["chinesecalendar"]},
    "data": [
        "security/cn_working_calendar_security.xml",
        "security/ir.model.access.csv",
        "data/cn_calendar_cron.xml",
        "views/cn_calendar_day_views.xml",
        "views/cn_calendar_year_views.xml",
    ],
}
