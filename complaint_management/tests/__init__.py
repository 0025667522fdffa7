from . import test_complaint_base, test_complaint_category
