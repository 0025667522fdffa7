from . import (
    insurance_complaint,
    insurance_complaint_analysis,
    insurance_complaint_category,
    insurance_complaint_intake,
    insurance_complaint_intake_attempt,
    insurance_complaint_report_wizard,
    insurance_complaint_statistics,
)
