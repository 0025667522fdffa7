from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    insurance_civil_code_203 = fields.Boolean(related="company_id.insurance_civil_code_203", readonly=False)
    insurance_pause_backdate_days = fields.Integer(related="company_id.insurance_pause_backdate_days", readonly=False)
    insurance_hotline = fields.Char(related="company_id.insurance_hotline", readonly=False)
