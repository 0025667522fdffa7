from . import test_claim_lifecycle, test_claim_type, test_policy
