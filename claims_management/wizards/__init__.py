from . import insurance_policy_insured_import
