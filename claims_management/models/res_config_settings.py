from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    claim_decision_days = fields.Integer(related="company_id.claim_decision_days", readonly=False)
    claim_decision_working_days = fields.Integer(related="company_id.claim_decision_working_days", readonly=False)
    claim_payment_days = fields.Integer(related="company_id.claim_payment_days", readonly=False)
    claim_rejection_notice_days = fields.Integer(related="company_id.claim_rejection_notice_days", readonly=False)
    claim_prepayment_days = fields.Integer(related="company_id.claim_prepayment_days", readonly=False)
    claim_clock_warning_days = fields.Integer(related="company_id.claim_clock_warning_days", readonly=False)
