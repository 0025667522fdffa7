from . import (
    insurance_complaint,
    insurance_complaint_category,
    insurance_complaint_representative,
    res_company_complaint_classification,
    res_config_settings_complaint_classification,
)
