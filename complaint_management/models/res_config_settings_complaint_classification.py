from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_major_loss = fields.Monetary(related="company_id.complaint_major_loss", readonly=False)
