from . import insurance_complaint, insurance_complaint_category
