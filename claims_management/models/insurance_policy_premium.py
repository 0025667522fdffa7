from odoo import api, fields, models
from odoo.exceptions import ValidationError

PREMIUM_KINDS = [
    ("first", "First premium"),
    ("instalment", "Instalment"),
    ("renewal", "Renewal premium"),
    ("cancellation", "Cancellation refund"),
]


class InsurancePolicyPremium(models.Model):
    """One line of a policy's premium schedule: a premium written on a day, or the refund of a cancellation.

    The written premium of a period (the denominator of the regulator's complaints per ¥100 m premium) is
    the sum of the lines dated in the period, refunds negative; instalments a cancelled policy no longer
    owes (dated on or after its cancellation) are not written.
    """

    _name = "insurance.policy.premium"
    _description = "Policy Premium Schedule Line"
    _order = "policy_id, date, id"
    _check_company_auto = True

    policy_id = fields.Many2one("insurance.policy", required=True, index=True, ondelete="cascade", check_company=True)
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="policy_id.currency_id")
    product_line = fields.Selection(related="policy_id.product_line", store=True, index=True)
    date = fields.Date("Due On", required=True, index=True, help="The day the premium is written (due).")
    kind = fields.Selection(PREMIUM_KINDS, required=True, default="instalment")
    amount = fields.Monetary(currency_field="currency_id", required=True, help="Always positive; a refund reduces.")
    signed_amount = fields.Monetary(
        "Written Premium",
        currency_field="currency_id",
        compute="_compute_signed_amount",
        store=True,
        help="The amount the line adds to the written premium: the refund of a cancellation negative.",
    )
    is_written = fields.Boolean(
        "Written",
        compute="_compute_is_written",
        store=True,
        index=True,
        help="Counts in the written premium: the policy was put in force, and the line is not an instalment "
        "falling due on or after the policy's cancellation.",
    )

    @api.depends("kind", "date", "policy_id.state", "policy_id.cancel_date")
    def _compute_is_written(self):
        for line in self:
            policy = line.policy_id
            if policy.state == "draft":
                line.is_written = False
            elif line.kind == "cancellation" or policy.state != "cancelled" or not policy.cancel_date:
                line.is_written = True
            else:
                line.is_written = line.date < policy.cancel_date

    @api.depends("kind", "amount")
    def _compute_signed_amount(self):
        for line in self:
            line.signed_amount = -line.amount if line.kind == "cancellation" else line.amount

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount <= 0:
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s: a premium schedule line needs a positive amount.",
                        policy=line.policy_id.name,
                    )
                )
