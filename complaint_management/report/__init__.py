from . import (
    insurance_complaint_agent_report,
    insurance_complaint_analysis,
    insurance_complaint_repeat_report,
    insurance_complaint_root_cause_report,
    insurance_customer_followup_report,
    report_complaint_decision,
)
