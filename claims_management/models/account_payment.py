from odoo import models
from odoo.exceptions import UserError


class AccountPayment(models.Model):
    """A payment of a claim payout bill goes only to the payee's validated (trusted) bank account."""

    _inherit = "account.payment"

    def action_post(self):
        payouts = self.env["insurance.claim.payout"].search([("move_id", "in", self.invoice_ids.ids)])
        for payment in self:
            for payout in payouts.filtered(lambda payout, payment=payment: payout.move_id in payment.invoice_ids):
                bank = payment.partner_bank_id
                if (
                    not bank.allow_out_payment
                    or bank.partner_id.commercial_partner_id != payout.payee_id.commercial_partner_id
                ):
                    raise UserError(
                        self.env._(
                            "Claim %(claim)s is paid only to a validated (trusted) bank account of %(payee)s.",
                            claim=payout.claim_id.name,
                            payee=payout.payee_id.display_name,
                        )
                    )
        return super().action_post()
