from odoo import fields, models


class AccountMove(models.Model):
    """Claim payout bills: posting checks the payout and releases the reserve in the same transaction."""

    _inherit = "account.move"

    claim_payout_ids = fields.One2many("insurance.claim.payout", "move_id", string="Claim Payouts", readonly=True)

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        payouts = self.env["insurance.claim.payout"].search([("move_id", "in", posted.ids)])
        payouts._on_bill_posted()
        return posted

    def button_draft(self):
        payouts = self.env["insurance.claim.payout"].search(
            [("move_id", "in", self.filtered(lambda move: move.state == "posted").ids)]
        )
        result = super().button_draft()
        payouts._on_bill_reset()
        return result

    def button_cancel(self):
        payouts = self.env["insurance.claim.payout"].search(
            [("move_id", "in", self.filtered(lambda move: move.state == "posted").ids)]
        )
        result = super().button_cancel()
        payouts._on_bill_reset()
        return result
