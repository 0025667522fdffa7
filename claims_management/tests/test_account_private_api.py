"""The private internals of Odoo's accounting that the claims addon still relies on, where Odoo offers no
public API. Each is checked by its signature and by what it does on a real record, so that a change in
Odoo fails here first, with a message naming the internal, before a claim bill gets a wrong number or a
payout is paid to an untrusted account.

Replaced by public APIs (nothing to check here): ``account.move._get_reconciled_amls`` (the matched lines
are read from ``matched_debit_ids``/``matched_credit_ids``), ``account.bank.statement.line._seek_for_lines``
(the suspense lines are those on the journal's suspense account), ``account.account._search_new_account_code``
(``create`` with ``prefix`` and ``code_digits``)."""

import inspect

from odoo.api import Environment
from odoo.exceptions import UserError
from odoo.models import BaseModel
from odoo.tests import tagged

from .money_common import ClaimsMoneyCase, D

# internal -> (the class it is looked up on, the parameters the claims code passes)
SIGNATURES = {
    "account.move._set_next_sequence": ("account.move", ["self"]),
    "account.move._get_sequence_format_param": ("account.move", ["self", "previous"]),
    "account.move._inverse_name": ("account.move", ["self"]),
    "account.move._post": ("account.move", ["self", "soft"]),
    "account.payment.register._init_payments": ("account.payment.register", ["self", "to_process", "edit_mode"]),
    "account.chart.template._post_load_data": (
        "account.chart.template",
        ["self", "template_code", "company", "template_data"],
    ),
}


@tagged("post_install", "-at_install")
class TestAccountPrivateApi(ClaimsMoneyCase):
    def _odoo_method(self, model, name):
        """The method as the account addon defines it (the class after account's own, before claims')."""
        for cls in type(self.env[model]).__mro__:
            if name in vars(cls) and cls.__module__.startswith("odoo.addons.account."):
                return vars(cls)[name]
        self.fail(f"Odoo changed: {model}.{name} is no longer defined by the account addon")

    def test_signatures(self):
        for internal, (model, parameters) in SIGNATURES.items():
            name = internal.rsplit(".", 1)[1]
            with self.subTest(internal=internal):
                method = self._odoo_method(model, name)
                self.assertEqual(
                    list(inspect.signature(method).parameters),
                    parameters,
                    f"Odoo changed the signature of {internal}: the claims override or call must follow it",
                )
        self.assertEqual(
            list(inspect.signature(Environment.protecting).parameters),
            ["self", "what", "records"],
            "Odoo changed Environment.protecting: account_move._claims_number_batch must follow it",
        )
        self.assertEqual(
            list(inspect.signature(BaseModel._check_company_domain).parameters),
            ["self", "companies"],
            "Odoo changed BaseModel._check_company_domain (used for the default journals and accounts)",
        )

    def _draft_bills(self, count):
        return self.env["account.move"].concat(
            *(self.init_invoice("in_invoice", invoice_date=D(2026, 6, 18), amounts=[100.0]) for _i in range(count))
        )

    def test_sequence_internals_number_a_draft_bill_after_the_last_one(self):
        first = self.init_invoice("in_invoice", invoice_date=D(2026, 6, 18), amounts=[100.0], post=True)
        format_string, values = first._get_sequence_format_param(first.name)
        self.assertIn("seq", values, "Odoo changed _get_sequence_format_param: no 'seq' in its values")
        self.assertEqual(
            format_string.format(**values), first.name, "Odoo changed _get_sequence_format_param: no round trip"
        )
        draft = self._draft_bills(1)
        draft._set_next_sequence()
        self.assertEqual(
            (draft.sequence_prefix, draft.sequence_number),
            (first.sequence_prefix, first.sequence_number + 1),
            "Odoo changed _set_next_sequence: the draft bill is not numbered after the last one",
        )

    def test_protecting_keeps_a_field_from_recomputation(self):
        bill = self._draft_bills(1)
        name = bill._fields["name"]
        with self.env.protecting([name], bill):
            self.assertTrue(self.env.is_protected(name, bill), "Odoo changed Environment.protecting")
        self.assertFalse(self.env.is_protected(name, bill))

    def test_batch_numbering_on_the_internals_gives_consecutive_numbers_without_gap(self):
        last = self.init_invoice("in_invoice", invoice_date=D(2026, 6, 18), amounts=[100.0], post=True)
        bills = self._draft_bills(3)
        bills._claims_number_batch()
        self.assertEqual(
            bills.mapped("sequence_number"),
            [last.sequence_number + 1, last.sequence_number + 2, last.sequence_number + 3],
            "the batch numbering on Odoo's sequence internals no longer numbers like Odoo",
        )
        self.assertEqual(set(bills.mapped("sequence_prefix")), {last.sequence_prefix})
        bills.action_post()
        self.assertEqual(len(set(bills.mapped("name"))), 3)
        self.assertFalse(bills.filtered("made_sequence_gap"), "_inverse_name no longer clears the gap flags")

    def test_post_returns_the_posted_moves(self):
        bills = self._draft_bills(2)
        posted = bills._post(soft=False)
        self.assertEqual(posted, bills, "Odoo changed account.move._post: it no longer returns the posted moves")

    def test_payment_register_still_goes_through_init_payments(self):
        """The trusted-account check sits in ``_init_payments``: if Odoo stopped calling it, this fails."""
        claim = self.ready_for(self.new_claim(), "partial", 1000)
        payout = self.env["insurance.claim.payout"].create(
            {"claim_id": claim.id, "kind": "partial", "amount": 1000, "partner_bank_id": self.holder_bank.id}
        )
        payout.action_submit()
        payout.with_user(self.accountant_user).action_create_bill()
        payout.move_id.with_user(self.accountant_user).action_post()
        with self.assertRaisesRegex(UserError, "validated"), self.cr.savepoint():
            self.pay(payout.move_id, bank=self.untrusted_bank)
        self.assertEqual(payout.move_id.payment_state, "not_paid")

    def test_chart_loading_still_calls_post_load_data(self):
        """The employee compensation journal and accounts are set after a chart is loaded."""
        company = self.company
        self.assertTrue(company.chart_template)
        self.assertTrue(
            company.employee_compensation_journal_id
            and company.employee_compensation_receivable_account_id
            and company.employee_compensation_income_account_id,
            "Odoo no longer calls account.chart.template._post_load_data after loading a chart",
        )
