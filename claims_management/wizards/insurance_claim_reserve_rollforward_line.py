from odoo import fields, models


class InsuranceClaimReserveRollforwardLine(models.TransientModel):
    _name = "insurance.claim.reserve.rollforward.line"
    _description = "Claim Reserve Roll-forward Line"

    wizard_id = fields.Many2one("insurance.claim.reserve.rollforward", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    name = fields.Char("Product Line")
    opening = fields.Monetary(currency_field="currency_id")
    changes = fields.Monetary(currency_field="currency_id")
    payments = fields.Monetary(currency_field="currency_id")
    closing = fields.Monetary(currency_field="currency_id")
