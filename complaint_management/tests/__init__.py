from . import (
    test_complaint_base,
    test_complaint_category,
    test_complaint_intake,
    test_complaint_statistics,
    test_complaint_stats_lib,
    test_complaint_web_form,
)
