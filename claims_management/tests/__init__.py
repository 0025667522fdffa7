from . import test_claim_type, test_policy
