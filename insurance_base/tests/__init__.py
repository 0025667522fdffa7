from . import (
    test_company_hotline,
    test_deadline,
    test_sequence_numbers,
)
