from . import insurance_claim_type, insurance_policy, insurance_policy_coverage, insurance_policy_insured
