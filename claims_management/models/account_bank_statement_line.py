from odoo import Command, models
from odoo.exceptions import AccessError
from odoo.tools import float_compare


class AccountBankStatementLine(models.Model):
    """Match bank statement lines with claim payouts, in Odoo Community.

    A bank line is matched with the payout bill of a claim whose number is in its
    label or reference, or else with the one payout of the same amount to the
    same partner. The counterpart is the outstanding line of the payment
    registered for the bill, or the bill's payable line when no payment was
    registered. The bank line's suspense line is replaced by a line on the
    counterpart's account and both are reconciled, as the bank reconciliation
    widget does.
    """

    _inherit = "account.bank.statement.line"

    def action_match_claim_payouts(self):
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(self.env._("Only accountants reconcile bank lines."))
        lines = self.filtered(lambda line: not line.is_reconciled and line.amount < 0)
        if not lines:
            return self.env["insurance.claim.payout"]
        payouts = self.env["insurance.claim.payout"].search(
            [
                ("company_id", "in", lines.company_id.ids),
                ("state", "=", "billed"),
                ("bill_state", "=", "posted"),
                ("bank_reconciled", "=", False),
            ]
        )
        counterparts = payouts._claims_open_counterparts()
        matched = self.env["insurance.claim.payout"]
        for line in lines:
            payout = line._claims_find_payout(payouts - matched, counterparts)
            if payout:
                line._claims_reconcile_with(counterparts[payout], payout)
                matched |= payout
        return matched

    def action_match_claim_payouts_notify(self):
        """The button of the Bank Lines views: match, then say how many lines were matched and reload."""
        matched = self.action_match_claim_payouts()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if matched else "warning",
                "message": self.env._(
                    "%(count)s of the %(total)s bank lines were matched with claim payouts.",
                    count=len(matched),
                    total=len(self),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _claims_find_payout(self, payouts, counterparts):
        self.ensure_one()
        amount = -self.amount
        rounding = self.currency_id.rounding or self.company_id.currency_id.rounding

        def fits(payout):
            lines = counterparts.get(payout)
            if not lines or payout.company_id != self.company_id:
                return False
            return not float_compare(-sum(lines.mapped("amount_residual")), amount, precision_rounding=rounding)

        text = " ".join(filter(None, [self.payment_ref, self.ref, self.narration and str(self.narration)])).upper()
        by_number = payouts.filtered(lambda payout: payout.claim_id.name.upper() in text and fits(payout))
        if by_number:
            return by_number[:1]
        partner = self.partner_id.commercial_partner_id
        by_partner = payouts.filtered(
            lambda payout: partner and payout.payee_id.commercial_partner_id == partner and fits(payout)
        )
        return by_partner if len(by_partner) == 1 else self.env["insurance.claim.payout"]

    def _claims_reconcile_with(self, counterpart, payout):
        self.ensure_one()
        suspense_account = self.journal_id.suspense_account_id
        suspense = self.move_id.line_ids.filtered(lambda line: line.account_id == suspense_account)
        partner = payout.payee_id.commercial_partner_id
        move = self.move_id.with_context(
            skip_account_move_synchronization=True,
            force_delete=True,
            skip_invoice_sync=True,
            skip_readonly_check=True,
        )
        move.write(
            {
                "partner_id": partner.id,
                "line_ids": [Command.delete(line.id) for line in suspense]
                + [
                    Command.create(
                        {
                            "name": self.payment_ref or payout.claim_id.name,
                            "account_id": counterpart[:1].account_id.id,
                            "partner_id": partner.id,
                            "debit": sum(suspense.mapped("debit")),
                            "credit": sum(suspense.mapped("credit")),
                            "amount_currency": sum(suspense.mapped("amount_currency")),
                            "currency_id": suspense[:1].currency_id.id,
                        }
                    )
                ],
            }
        )
        self.with_context(skip_account_move_synchronization=True).partner_id = partner
        new_line = self.move_id.line_ids.filtered(
            lambda line: line.account_id == counterpart[:1].account_id and not line.reconciled
        )
        (new_line + counterpart).reconcile()
