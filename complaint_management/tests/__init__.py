from . import (
    test_complaint_accountability,
    test_complaint_base,
    test_complaint_category,
    test_complaint_classification,
    test_complaint_clocks,
    test_complaint_clocks_lib,
    test_complaint_intake,
    test_complaint_letters,
    test_complaint_lifecycle,
    test_complaint_rectification,
    test_customer_followup,
)
