from . import test_benefit, test_claim_calculation, test_claim_lifecycle, test_claim_type, test_policy
