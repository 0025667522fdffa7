from . import report_claim_rejection, report_claim_settlement
