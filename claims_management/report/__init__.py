from . import insurance_claim_money_analysis
