from odoo import api, models


class AccountPartialReconcile(models.Model):
    """A payment or a bank line matched with a payout bill may finish paying its claim."""

    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        moves = partials.debit_move_id.move_id | partials.credit_move_id.move_id
        self._claims_sync_paid(moves)
        return partials

    @api.model
    def _claims_sync_paid(self, moves):
        # reading the payouts' payment status recomputes it from the new partials: no flush needed
        moves._claims_payouts().claim_id._sync_paid_state()
