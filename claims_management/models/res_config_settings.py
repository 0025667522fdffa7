from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    claim_decision_days = fields.Integer(related="company_id.claim_decision_days", readonly=False)
    claim_decision_working_days = fields.Integer(related="company_id.claim_decision_working_days", readonly=False)
    claim_payment_days = fields.Integer(related="company_id.claim_payment_days", readonly=False)
    claim_rejection_notice_days = fields.Integer(related="company_id.claim_rejection_notice_days", readonly=False)
    claim_prepayment_days = fields.Integer(related="company_id.claim_prepayment_days", readonly=False)
    claim_clock_warning_days = fields.Integer(related="company_id.claim_clock_warning_days", readonly=False)
    claim_limitation_years = fields.Integer(related="company_id.claim_limitation_years", readonly=False)
    claim_limitation_life_years = fields.Integer(related="company_id.claim_limitation_life_years", readonly=False)

    # Employee property-loss compensation
    employee_compensation_journal_id = fields.Many2one(
        related="company_id.employee_compensation_journal_id", readonly=False
    )
    employee_compensation_receivable_account_id = fields.Many2one(
        related="company_id.employee_compensation_receivable_account_id", readonly=False
    )
    employee_compensation_income_account_id = fields.Many2one(
        related="company_id.employee_compensation_income_account_id", readonly=False
    )
    employee_compensation_deduction_account_id = fields.Many2one(
        related="company_id.employee_compensation_deduction_account_id", readonly=False
    )
    employee_compensation_share_rule = fields.Boolean(
        related="company_id.employee_compensation_share_rule", readonly=False
    )
    employee_compensation_share_percent = fields.Float(
        related="company_id.employee_compensation_share_percent", readonly=False
    )
    employee_compensation_share_min = fields.Monetary(
        related="company_id.employee_compensation_share_min", readonly=False
    )
    employee_compensation_share_max = fields.Monetary(
        related="company_id.employee_compensation_share_max", readonly=False
    )
    employee_compensation_deduction_cap = fields.Monetary(
        related="company_id.employee_compensation_deduction_cap", readonly=False
    )
    employee_compensation_wage_percent = fields.Float(
        related="company_id.employee_compensation_wage_percent", readonly=False
    )
    employee_compensation_minimum_wage = fields.Monetary(
        related="company_id.employee_compensation_minimum_wage", readonly=False
    )
    claim_flag_repeat_count = fields.Integer(related="company_id.claim_flag_repeat_count", readonly=False)
    claim_flag_repeat_days = fields.Integer(related="company_id.claim_flag_repeat_days", readonly=False)
    claim_flag_early_loss_days = fields.Integer(related="company_id.claim_flag_early_loss_days", readonly=False)
    # claims accounting
    claim_payout_journal_id = fields.Many2one(related="company_id.claim_payout_journal_id", readonly=False)
    claim_reserve_journal_id = fields.Many2one(related="company_id.claim_reserve_journal_id", readonly=False)
    claim_paid_account_id = fields.Many2one(related="company_id.claim_paid_account_id", readonly=False)
    claim_reserve_account_id = fields.Many2one(related="company_id.claim_reserve_account_id", readonly=False)
    claim_reserve_change_account_id = fields.Many2one(
        related="company_id.claim_reserve_change_account_id", readonly=False
    )
    claim_recovery_account_id = fields.Many2one(related="company_id.claim_recovery_account_id", readonly=False)
    claim_payment_journal_id = fields.Many2one(related="company_id.claim_payment_journal_id", readonly=False)
    claim_subrogation_account_id = fields.Many2one(related="company_id.claim_subrogation_account_id", readonly=False)
    claim_salvage_account_id = fields.Many2one(related="company_id.claim_salvage_account_id", readonly=False)

    def action_claims_create_default_accounting(self):
        self.company_id.action_claims_create_default_accounting()
        return {"type": "ir.actions.client", "tag": "reload"}
