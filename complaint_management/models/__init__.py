from . import insurance_complaint_category
