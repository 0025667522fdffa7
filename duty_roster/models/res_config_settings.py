from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    duty_weight_day = fields.Float(related="company_id.duty_weight_day", readonly=False)
    duty_weight_night = fields.Float(related="company_id.duty_weight_night", readonly=False)
    duty_weight_weekend = fields.Float(related="company_id.duty_weight_weekend", readonly=False)
    duty_weight_holiday = fields.Float(related="company_id.duty_weight_holiday", readonly=False)
    duty_handover_retention_months = fields.Integer(related="company_id.duty_handover_retention_months", readonly=False)
    duty_weight_in_lieu = fields.Float(related="company_id.duty_weight_in_lieu", readonly=False)
    duty_weight_holiday_weekend = fields.Float(related="company_id.duty_weight_holiday_weekend", readonly=False)
    duty_weight_emergency = fields.Float(related="company_id.duty_weight_emergency", readonly=False)
