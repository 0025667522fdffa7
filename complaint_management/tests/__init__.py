from . import (
    test_complaint_accountability,
    test_complaint_base,
    test_complaint_category,
    test_complaint_rectification,
    test_customer_followup,
)
