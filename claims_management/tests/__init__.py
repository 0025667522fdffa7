from . import (
    test_benefit,
    test_claim_calculation,
    test_claim_clocks,
    test_claim_documents,
    test_claim_documents_tour,
    test_claim_lifecycle,
    test_claim_notices,
    test_claim_type,
    test_clocks_lib,
    test_policy,
    test_portal,
    test_portal_access,
)
