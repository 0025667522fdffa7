from odoo import api, fields, models
from odoo.tools import float_compare

from .insurance_claim_payout import ACTIVE_STATES
from .insurance_clock import PREPAYMENT

# the reserve left on a claim is released when it ends in one of these states
ENDING_STATES = ("closed", "rejected", "withdrawn")
PAID_STATES = ("in_payment", "paid")


class InsuranceClaim(models.Model):
    """The money of a claim: its reserve, payouts and recoveries, read from accounting."""

    _inherit = "insurance.claim"

    reserve_ids = fields.One2many("insurance.claim.reserve", "claim_id", string="Reserve Movements")
    payout_ids = fields.One2many("insurance.claim.payout", "claim_id", string="Payouts")
    recovery_ids = fields.One2many("insurance.claim.recovery", "claim_id", string="Recoveries")
    reserve_amount = fields.Monetary(
        "Outstanding Reserve",
        currency_field="currency_id",
        compute="_compute_money",
        help="Sum of the reserve movements.",
    )
    paid_amount = fields.Monetary(
        currency_field="currency_id", compute="_compute_money", help="Paid on the payout bills."
    )
    payout_amount = fields.Monetary(
        "Payouts Prepared",
        currency_field="currency_id",
        compute="_compute_money",
        help="Payouts prepared, not cancelled.",
    )
    recovered_amount = fields.Monetary(
        currency_field="currency_id", compute="_compute_money", help="Recoveries invoiced (posted)."
    )
    expected_recovery_amount = fields.Monetary(currency_field="currency_id", compute="_compute_money")
    net_incurred_amount = fields.Monetary(
        "Net Incurred",
        currency_field="currency_id",
        compute="_compute_money",
        help="Paid + outstanding reserve - recovered.",
    )
    payout_payment_state = fields.Selection(
        [
            ("none", "No bill"),
            ("not_paid", "Not paid"),
            ("partial", "Partially paid"),
            ("in_payment", "Paid, not reconciled"),
            ("paid", "Paid and reconciled"),
        ],
        "Payment Status",
        compute="_compute_payout_payment_state",
        store=True,
        help="From the payment status of the payout bills in accounting.",
    )
    determinable_amount = fields.Monetary(
        "Determinable Amount (Art. 25)",
        currency_field="currency_id",
        tracking=True,
        copy=False,
        help="Insurance Law Art. 25: when the amount cannot be decided within 60 days of the claim and its "
        "materials, the insurer first pays the amount that can already be determined. Prepayments stay within it.",
    )
    reserve_count = fields.Integer(compute="_compute_money_counts")
    payout_count = fields.Integer(compute="_compute_money_counts")
    recovery_count = fields.Integer(compute="_compute_money_counts")

    @api.depends(
        "reserve_ids.amount",
        "payout_ids.amount",
        "payout_ids.state",
        "payout_ids.amount_residual",
        "payout_ids.move_id.reversal_move_ids.state",
        "recovery_ids.expected_amount",
        "recovery_ids.invoiced_amount",
    )
    def _compute_money(self):
        reserves = self.env["insurance.claim.reserve"]._read_group(
            [("claim_id", "in", self.ids)], ["claim_id"], ["amount:sum"]
        )
        reserve = {claim.id: amount for claim, amount in reserves}
        for claim in self:
            payouts = claim.payout_ids.filtered(lambda payout: payout.state in ACTIVE_STATES)
            posted = payouts.filtered(lambda payout: payout.move_id.state == "posted")
            # credit notes on the bills take back what they refund
            refunds = posted.move_id.reversal_move_ids.filtered(lambda move: move.state == "posted")
            recoveries = claim.recovery_ids.filtered(lambda recovery: recovery.state != "cancelled")
            claim.reserve_amount = reserve.get(claim.id, 0.0)
            claim.payout_amount = sum(payouts.mapped("amount"))
            claim.paid_amount = claim.currency_id.round(
                sum(posted.mapped("move_id.amount_total"))
                - sum(posted.mapped("move_id.amount_residual"))
                - sum(refunds.mapped("amount_total"))
            )
            claim.recovered_amount = sum(recoveries.mapped("invoiced_amount"))
            claim.expected_recovery_amount = sum(recoveries.mapped("expected_amount"))
            claim.net_incurred_amount = claim.currency_id.round(
                claim.paid_amount + claim.reserve_amount - claim.recovered_amount
            )

    def _compute_money_counts(self):
        for claim in self:
            claim.reserve_count = len(claim.reserve_ids)
            claim.payout_count = len(claim.payout_ids)
            claim.recovery_count = len(claim.recovery_ids)

    @api.depends("payout_ids.state", "payout_ids.payment_state", "payout_ids.bill_state", "payout_ids.bank_reconciled")
    def _compute_payout_payment_state(self):
        for claim in self:
            bills = claim.payout_ids.filtered(lambda payout: payout.state == "billed" and payout.bill_state == "posted")
            states = set(bills.mapped("payment_state"))
            if not bills:
                claim.payout_payment_state = "none"
            elif states <= set(PAID_STATES) and all(bills.mapped("bank_reconciled")):
                claim.payout_payment_state = "paid"
            elif states <= set(PAID_STATES):
                claim.payout_payment_state = "in_payment"
            elif states & {"partial", "in_payment", "paid"}:
                claim.payout_payment_state = "partial"
            else:
                claim.payout_payment_state = "not_paid"

    def _reserve_on(self, coverage):
        self.ensure_one()
        return self.env["insurance.claim.reserve"]._balances(self, coverage).get((self.id, coverage.id), 0.0)

    # ------------------------------------------------------------------
    # Life cycle: initial reserve, final payout, release, paid
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        claims = super().create(vals_list)
        claims._set_initial_reserve()
        return claims

    def _set_initial_reserve(self):
        """At registration the reserve is the estimated loss on the claim's cover."""
        self.env["insurance.claim.reserve"]._workflow_create(
            [
                {
                    "claim_id": claim.id,
                    "coverage_id": claim.coverage_id.id,
                    "kind": "initial",
                    "amount": claim.estimated_loss,
                    "date": fields.Date.context_today(claim, claim.reported_at),
                    "reason": self.env._("Estimated loss at registration"),
                }
                for claim in self
                if claim.coverage_id and claim.estimated_loss > 0
            ]
        )

    def _move(self, new_state, allowed_from, note=""):
        result = super()._move(new_state, allowed_from, note)
        if new_state in ENDING_STATES:
            self._release_reserve()
        return result

    def action_claimant_agrees(self):
        result = super().action_claimant_agrees()
        self._prepare_final_payout()
        return result

    def _prepare_final_payout(self):
        """The agreed settlement becomes the final payout (what the earlier payouts did not pay yet)."""
        vals_list = []
        for claim in self:
            rest = claim.currency_id.round(claim.assessed_amount - claim.payout_amount)
            if float_compare(rest, 0.0, precision_rounding=claim.currency_id.rounding) > 0 and not any(
                payout.kind == "final" and payout.state in ACTIVE_STATES for payout in claim.payout_ids
            ):
                vals_list.append({"claim_id": claim.id, "kind": "final", "amount": rest})
        payouts = self.env["insurance.claim.payout"].create(vals_list)
        for payout in payouts.filtered(lambda payout: not payout.partner_bank_id):
            payout._onchange_payee_id()
        return payouts

    def _release_reserve(self):
        balances = self.env["insurance.claim.reserve"]._balances(self)
        currencies = {claim.id: claim.currency_id for claim in self}
        self.env["insurance.claim.reserve"]._workflow_create(
            [
                {
                    "claim_id": claim_id,
                    "coverage_id": coverage_id,
                    "kind": "release",
                    "amount": -currencies[claim_id].round(amount),
                    "reason": self.env._("Claim ended: the rest of the reserve is released"),
                }
                for (claim_id, coverage_id), amount in balances.items()
                if currencies[claim_id].compare_amounts(amount, 0.0) > 0
            ]
        )

    def _sync_paid_state(self):
        """From accounting: an agreed claim whose final settlement is billed and every bill paid moves to Paid;
        a paid claim whose bill was reset, refunded or unpaid goes back to Agreed. A prepayment paid meets the
        prepayment clock (Art. 25)."""
        self.filtered(
            lambda claim: any(
                payout.kind == "prepayment" and payout.state == "billed" and payout.payment_state in PAID_STATES
                for payout in claim.payout_ids
            )
        )._clock_meet(PREPAYMENT)
        for claim in self.filtered(lambda claim: claim.state in ("agreed", "paid")):
            payouts = claim.payout_ids.filtered(lambda payout: payout.state in ACTIVE_STATES)
            final = payouts.filtered(lambda payout: payout.kind == "final")
            paid = (
                final
                and all(payout.state == "billed" and payout.bill_state == "posted" for payout in payouts)
                and all(payout.payment_state in PAID_STATES for payout in payouts)
                and not payouts.move_id.reversal_move_ids.filtered(lambda move: move.state == "posted")
            )
            if paid and claim.state == "agreed":
                claim._move("paid", ("agreed",), self.env._("Paid in full (from accounting)"))
            elif not paid and claim.state == "paid":
                claim._move("agreed", ("paid",), self.env._("No longer paid in full (from accounting)"))

    @api.model
    def _claims_money_demo(self, claim_ids, bank_id, salvage_buyer_id):
        """Demo data: a reserve change, a prepayment bill (posted) and a salvage recovery (invoiced) on a claim.

        Only for a company with a chart of accounts; run by the installing administrator.
        """
        claim = self.browse(claim_ids).exists()
        if not claim or not claim.company_id.chart_template or claim.payout_ids or not claim.coverage_id:
            return False
        claim.company_id._claims_create_default_accounting()
        bank = self.env["res.partner.bank"].browse(bank_id)
        bank.allow_out_payment = True
        claim.determinable_amount = claim.determinable_amount or 60000
        reserves = self.env["insurance.claim.reserve"]
        reserves |= reserves.create(
            {
                "claim_id": claim.id,
                "coverage_id": claim.coverage_id.id,
                "amount": 25000,
                "reason": self.env._("Revised repair quote for the bridge abutment"),
            }
        )
        payout = self.env["insurance.claim.payout"].create(
            {
                "claim_id": claim.id,
                "kind": "prepayment",
                "amount": 40000,
                "payee_id": bank.partner_id.id,
                "partner_bank_id": bank.id,
            }
        )
        payout.action_submit()
        if payout.state == "approved":
            payout.action_create_bill()
            payout.move_id.action_post()
        recovery = self.env["insurance.claim.recovery"].create(
            {
                "claim_id": claim.id,
                "kind": "salvage",
                "partner_id": salvage_buyer_id,
                "expected_amount": 6800,
                "note": self.env._("Scrap steel of the damaged bridge railings sold to a recycler."),
            }
        )
        recovery.action_create_invoice()
        recovery.move_id.action_post()
        (claim.reserve_ids | reserves).filtered(lambda movement: movement.state == "draft")._post_entries()
        return True

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def _money_action(self, model, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("claim_id", "=", self.id)],
            "context": {"default_claim_id": self.id, "default_coverage_id": self.coverage_id.id},
        }

    def action_view_reserves(self):
        return self._money_action("insurance.claim.reserve", self.env._("Reserve Movements"))

    def action_view_payouts(self):
        return self._money_action("insurance.claim.payout", self.env._("Payouts"))

    def action_view_recoveries(self):
        return self._money_action("insurance.claim.recovery", self.env._("Recoveries"))

    def action_change_reserve(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Reserve"),
            "res_model": "insurance.claim.reserve",
            "view_mode": "form",
            "views": [(self.env.ref("claims_management.insurance_claim_reserve_view_form_change").id, "form")],
            "target": "new",
            "context": {
                "default_claim_id": self.id,
                "default_coverage_id": self.coverage_id.id,
                "default_kind": "change",
            },
        }

    def action_new_payout(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Prepare Payout"),
            "res_model": "insurance.claim.payout",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {
                "default_claim_id": self.id,
                "default_coverage_id": self.coverage_id.id,
                "default_payee_id": (self.payee_id or self.claimant_id).id,
                "default_kind": "partial" if self.state in ("approved", "agreed") else "prepayment",
            },
        }
