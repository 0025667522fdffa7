from odoo import models
from odoo.exceptions import UserError


class AccountPaymentRegister(models.TransientModel):
    """Odoo's payment register pays a claim payout bill only to the payee's validated (trusted) bank account."""

    _inherit = "account.payment.register"

    def _init_payments(self, to_process, edit_mode=False):
        payments = super()._init_payments(to_process, edit_mode=edit_mode)
        bills = self.env["account.move"].browse(
            [move.id for vals in to_process for move in vals["to_reconcile"].move_id]
        )
        payouts = bills._claims_payouts()
        for vals in to_process:
            bank = vals["payment"].partner_bank_id
            for payout in payouts.filtered(lambda payout, vals=vals: payout.move_id in vals["to_reconcile"].move_id):
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
        return payments
