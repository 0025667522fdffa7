from . import (
    test_complaint_base,
    test_complaint_category,
    test_complaint_clocks,
    test_complaint_clocks_lib,
    test_complaint_letters,
)
