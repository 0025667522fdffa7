from . import (
    test_demo,
    test_destruction,
    test_disclosure,
    test_end_to_end,
    test_filing,
    test_lib,
    test_loan_tour,
    test_loans,
)
