from . import (
    duty_holiday,
    duty_post,
    duty_roster,
    duty_roster_export,
    duty_roster_violation,
    duty_rotation,
    duty_rotation_member,
    duty_rotation_version,
    duty_shift,
    duty_shift_template,
    res_company,
    res_config_settings,
)
