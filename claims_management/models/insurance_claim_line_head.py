from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import benefit


class InsuranceClaimLineHead(models.Model):
    """Dead or lost animals of one (weight) class on a per-head assessment line."""

    _name = "insurance.claim.line.head"
    _description = "Claim Line Heads by Class"
    _order = "line_id, sequence, id"

    line_id = fields.Many2one(
        "insurance.claim.line", string="Assessment Line", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="line_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="line_id.currency_id")
    sequence = fields.Integer(default=10)
    weight_class = fields.Char(required=True, help="e.g. Pigs 50-100 kg, as in the policy's schedule.")
    heads = fields.Integer()
    amount_per_head = fields.Monetary(currency_field="currency_id")
    subtotal = fields.Monetary(currency_field="currency_id", compute="_compute_subtotal")

    @api.depends("heads", "amount_per_head")
    def _compute_subtotal(self):
        for head in self:
            head.subtotal = head.currency_id.round(head.heads * head.amount_per_head) if head.currency_id else 0.0

    @api.constrains("heads", "amount_per_head")
    def _check_values(self):
        for head in self:
            try:
                benefit.per_head([(head.weight_class, head.heads, head.amount_per_head)])
            except benefit.CalculationError as error:
                raise ValidationError(head.line_id._error_prefix(error.code, error.params)) from None

    @api.model_create_multi
    def create(self, vals_list):
        heads = super().create(vals_list)
        heads.line_id._check_claim_editable()
        return heads

    def write(self, vals):
        self.line_id._check_claim_editable()
        result = super().write(vals)
        if "line_id" in vals:
            self.line_id._check_claim_editable()
        return result

    def unlink(self):
        self.line_id._check_claim_editable()
        return super().unlink()
