from . import (
    account_payment_register,
    insurance_claim_complexity,
    insurance_claim_event_bulk,
    insurance_claim_flag_clear,
    insurance_claim_money_report,
    insurance_claim_reserve_rollforward,
    insurance_claim_reserve_rollforward_line,
    insurance_policy_insured_import,
)
