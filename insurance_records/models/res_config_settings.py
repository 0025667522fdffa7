from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    records_long_years = fields.Integer(related="company_id.records_long_years", readonly=False)
    records_short_years = fields.Integer(related="company_id.records_short_years", readonly=False)
    records_loan_max_days = fields.Integer(related="company_id.records_loan_max_days", readonly=False)
