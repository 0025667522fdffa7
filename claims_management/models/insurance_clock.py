from odoo import api, fields, models

DECISION = "claim_decision"
PAYMENT = "claim_payment"
REJECTION_NOTICE = "claim_rejection_notice"
PREPAYMENT = "claim_prepayment"
CLAIM_CLOCKS = (DECISION, PAYMENT, REJECTION_NOTICE, PREPAYMENT)
CLAIM_CLOCK_SELECTION = [
    (DECISION, "Coverage decision (Art. 23)"),
    (PAYMENT, "Payment (Art. 23)"),
    (REJECTION_NOTICE, "Rejection notice (Art. 24)"),
    (PREPAYMENT, "Prepayment (Art. 25)"),
]


class InsuranceClock(models.Model):
    """The four statutory clocks of a claim (PRC Insurance Law Arts. 23-25) on the deadline engine."""

    _inherit = "insurance.clock"

    kind = fields.Selection(selection_add=CLAIM_CLOCK_SELECTION, ondelete={key: "cascade" for key in CLAIM_CLOCKS})
    claim_id = fields.Many2one(
        "insurance.claim",
        compute="_compute_claim_id",
        store=True,
        index="btree_not_null",
        ondelete="cascade",
        help="The claim of the deadline, for the access rules of claims staff.",
    )

    @api.depends("res_model", "res_id")
    def _compute_claim_id(self):
        for clock in self:
            clock.claim_id = clock.res_id if clock.res_model == "insurance.claim" else False
