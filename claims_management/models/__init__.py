from . import (
    duty_post,
    insurance_claim,
    insurance_claim_assessment,
    insurance_claim_event,
    insurance_claim_line,
    insurance_claim_line_head,
    insurance_claim_stage_log,
    insurance_claim_type,
    insurance_policy,
    insurance_policy_coverage,
    insurance_policy_insured,
)
