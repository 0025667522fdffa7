from . import (
    duty_post_complaint,
    insurance_complaint,
    insurance_complaint_category,
    insurance_complaint_clock,
    insurance_complaint_clock_alert,
    insurance_complaint_extension,
    insurance_complaint_letter,
    insurance_complaint_notification,
    insurance_complaint_pause,
    res_company_complaint_clock,
)
