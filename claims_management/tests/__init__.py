from . import test_claim_type
