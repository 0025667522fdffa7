from . import report_complaint_decision
