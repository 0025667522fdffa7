from . import (
    test_company_hotline,
    test_deadline,
)
