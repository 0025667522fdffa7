"""What the claims addon adds to Odoo's accounting: no cost on foreign records, and the account
internals it still relies on, checked so that a change in Odoo fails here first and loudly."""

import contextlib
import inspect

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

    def test_private_account_internals_the_batch_numbering_relies_on(self):
        """Odoo offers no public API to number a batch of moves: ``_claims_number_batch`` follows
        Odoo's own sequence mixin. If one of these internals is renamed or changes its shape, this
        fails before any claim bill gets a wrong number."""
        move_model = type(self.env["account.move"])
        expected = {
            "_set_next_sequence": ["self"],
            "_get_sequence_format_param": ["self", "previous"],
            "_inverse_name": ["self"],
        }
        for name, parameters in expected.items():
            method = getattr(move_model, name, None)
            self.assertTrue(callable(method), f"account.move.{name} is gone")
            self.assertEqual(list(inspect.signature(method).parameters), parameters, name)
        self.assertTrue(callable(getattr(self.env, "protecting", None)), "Environment.protecting is gone")
        bill = self.init_invoice("in_invoice", amounts=[100.0], post=True)
        format_string, values = bill._get_sequence_format_param(bill.name)
        self.assertIn("seq", values)
        self.assertEqual(format_string.format(**values), bill.name)
