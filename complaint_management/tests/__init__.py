from . import (
    test_complaint_base,
    test_complaint_category,
    test_complaint_classification,
    test_complaint_intake,
    test_complaint_lifecycle,
)
