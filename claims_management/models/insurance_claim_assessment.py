from odoo import api, fields, models

from ..lib import benefit
from .insurance_claim_line import COUNTED_STATES, EDITABLE_STATES


class InsuranceClaim(models.Model):
    """The assessment lines of a claim and their total.

    Kept apart from ``insurance_claim.py`` so that the calculation stays in one place.
    """

    _inherit = "insurance.claim"

    line_ids = fields.One2many("insurance.claim.line", "claim_id", string="Assessment Lines", copy=False)
    assessed_amount = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_assessed_amount",
        store=True,
        tracking=True,
        help="The sum of the assessment lines.",
    )

    @api.depends("line_ids.amount")
    def _compute_assessed_amount(self):
        for claim in self:
            claim.assessed_amount = claim.currency_id.round(sum(claim.line_ids.mapped("amount")))

    def _policy_year(self):
        """``(first day, first day of the next)`` of the policy year of the loss, or ``None``."""
        self.ensure_one()
        if not (self.loss_datetime and self.policy_id.date_start):
            return None
        return benefit.policy_year(self.policy_id.date_start, self.loss_datetime.date())

    def write(self, vals):
        if "state" not in vals:
            return super().write(vals)
        # finish the pending calculations while the lines may still change
        self.line_ids.mapped("amount")
        before = {claim: claim.state for claim in self}
        result = super().write(vals)
        # back in assessment (returned by the director, reopened): calculate with today's limits
        reopened = self.filtered(lambda claim: claim.state in EDITABLE_STATES and before[claim] not in EDITABLE_STATES)
        reopened.line_ids._refresh_benefit()
        # a claim whose amounts start or stop counting against its covers changes
        # the remaining limit of the open claims on the same covers
        changed = self.filtered(lambda claim: (claim.state in COUNTED_STATES) != (before[claim] in COUNTED_STATES))
        if changed.line_ids:
            others = self.env["insurance.claim.line"].search(
                [
                    ("coverage_id", "in", changed.line_ids.coverage_id.ids),
                    ("claim_id.state", "in", EDITABLE_STATES),
                ]
            )
            others._refresh_benefit()
        return result
