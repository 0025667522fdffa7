"""What the claims addon adds to Odoo's accounting costs nothing on foreign records (the account internals
it still relies on are checked in test_account_private_api.py)."""

import contextlib

from odoo import fields
from odoo.tests import tagged

from .money_common import ClaimsMoneyCase


@tagged("post_install", "-at_install")
class TestAccountHooks(ClaimsMoneyCase):
    def _recorded_queries(self):
        return contextlib.contextmanager(self._patchExecute)([])

    def test_reconciling_a_customer_invoice_never_looks_at_payouts(self):
        invoice = self.init_invoice("out_invoice", amounts=[1000.0], post=True)
        register = self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        )
        wizard = register.create({"payment_date": fields.Date.context_today(invoice)})
        with self._recorded_queries() as queries:
            wizard._create_payments()
        self.assertEqual(invoice.payment_state, self.env["account.move"]._get_invoice_in_payment_state())
        self.assertTrue(queries, "the payment ran no query at all: the recorder is not working")
        self.assertFalse(
            [query for query in queries if "insurance_claim_payout" in str(query)],
            "a reconciliation of a customer invoice read the claim payouts",
        )

    def test_paying_a_vendor_bill_that_is_no_claim_payout_costs_no_extra_query(self):
        """A vendor bill is what a payout bill looks like: the hook reads only the stored flag of the move."""
        bill = self.init_invoice("in_invoice", amounts=[1000.0], post=True)
        self.assertFalse(bill.claim_payout_bill)
        # the payment comes in another request: nothing of the posting is left in the cache
        self.env.invalidate_all()
        register = self.env["account.payment.register"].with_context(active_model="account.move", active_ids=bill.ids)
        wizard = register.create({"payment_date": fields.Date.context_today(bill)})
        with self._recorded_queries() as queries:
            payment = wizard._create_payments()
        self.assertIn(bill.payment_state, ("paid", "in_payment"))
        self.assertTrue(queries, "the payment ran no query at all: the recorder is not working")
        # Odoo's own dependency triggers of the claims models' stored fields on the move (payout, recovery and
        # compensation states) look for dependent records once per model, through the cached inverses
        for table in ("insurance_claim_payout", "insurance_claim_recovery", "insurance_employee_compensation"):
            with self.subTest(table=table):
                self.assertLessEqual(
                    len([query for query in queries if f'FROM "{table}"' in str(query)]),
                    1,
                    "paying a vendor bill that is no payout searched the claims records more than once",
                )
        # the hook itself, on the moves of the partials with their rows read, as the reconciliation has them
        partials = bill.line_ids.matched_debit_ids | bill.line_ids.matched_credit_ids
        moves = partials.debit_move_id.move_id | partials.credit_move_id.move_id
        self.assertEqual(moves, bill | payment.move_id)
        self.env.invalidate_all()
        moves.mapped("state")
        with self.assertQueryCount(0):
            self.env["account.partial.reconcile"]._claims_sync_paid(moves)

    def test_a_payout_bill_carries_the_flag(self):
        claim = self.ready_for(self.new_claim(), "partial", 1000)
        payout = self.env["insurance.claim.payout"].create(
            {"claim_id": claim.id, "kind": "partial", "amount": 1000, "partner_bank_id": self.holder_bank.id}
        )
        payout.action_submit()
        payout.with_user(self.accountant_user).action_create_bill()
        self.assertTrue(payout.move_id.claim_payout_bill)
        self.assertEqual(payout.move_id._claims_payouts(), payout)
