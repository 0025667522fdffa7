from . import insurance_claim_type
