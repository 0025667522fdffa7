from . import (
    cn_calendar_year,
    insurance_clock,
    insurance_clock_alert,
    insurance_clock_log,
    insurance_clock_mixin,
    insurance_clock_pause,
    insurance_job,
    insurance_portal_restricted,
    insurance_workflow_guard,
    res_company,
    res_config_settings,
    res_users,
)
