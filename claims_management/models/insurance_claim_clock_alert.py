from odoo import fields, models

from ..lib import clocks

CLOCK_SELECTION = [
    (clocks.DECISION, "Coverage decision (Art. 23)"),
    (clocks.PAYMENT, "Payment (Art. 23)"),
    (clocks.REJECTION_NOTICE, "Rejection notice (Art. 24)"),
    (clocks.PREPAYMENT, "Prepayment (Art. 25)"),
]
# The claim type's switch of each clock (insurance_claim_type.py).
CLOCK_TYPE_FIELDS = {
    clocks.DECISION: "clock_decision",
    clocks.PAYMENT: "clock_payment",
    clocks.REJECTION_NOTICE: "clock_rejection_notice",
    clocks.PREPAYMENT: "clock_prepayment",
}


class InsuranceClaimClockAlert(models.Model):
    """Which statutory deadline of a claim has already been signalled, so the hourly cron signals it once."""

    _name = "insurance.claim.clock.alert"
    _description = "Claim Deadline Alert"
    _order = "date desc, id desc"

    claim_id = fields.Many2one("insurance.claim", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="claim_id.company_id", store=True, index=True)
    clock = fields.Selection(CLOCK_SELECTION, required=True)
    level = fields.Selection([(clocks.DUE_SOON, "Due soon"), (clocks.OVERDUE, "Overdue")], required=True)
    due_date = fields.Date(required=True)
    date = fields.Datetime("Signalled On", required=True, default=fields.Datetime.now)
    user_ids = fields.Many2many("res.users", string="Notified")

    _sql_constraints = [
        (
            "claim_clock_level_due_unique",
            "UNIQUE(claim_id, clock, level, due_date)",
            "A deadline of a claim is signalled once per level.",
        ),
    ]
