from . import insurance_complaint_merge
