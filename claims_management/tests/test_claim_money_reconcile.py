import base64
import io
import threading

import openpyxl
from psycopg2.errors import UniqueViolation

from odoo import SUPERUSER_ID, api, fields
from odoo.sql_db import db_connect
from odoo.tests import tagged

from .money_common import ClaimsMoneyCase


@tagged("post_install", "-at_install")
class TestClaimMoneyReconcile(ClaimsMoneyCase):
    def _billed_payout(self, amount, claim=None, kind="partial"):
        claim = claim or self.new_claim()
        payout = self.env["insurance.claim.payout"].create(
            {"claim_id": claim.id, "kind": kind, "amount": amount, "partner_bank_id": self.holder_bank.id}
        )
        payout.action_submit()
        payout.with_user(self.accountant_user).action_create_bill()
        payout.move_id.with_user(self.accountant_user).action_post()
        return payout

    def _bank_line(self, amount, **values):
        return self.env["account.bank.statement.line"].create(
            {
                "journal_id": self.bank_journal.id,
                "date": fields.Date.context_today(self.bank_journal),
                "amount": amount,
                **values,
            }
        )

    def test_match_by_claim_number_after_payment(self):
        """Payment registered, bank line with the claim number: matched, bill paid, claim paid and reconciled."""
        claim = self.assess(self.new_claim(), 30000)
        claim.action_claimant_agrees()
        final = claim.payout_ids
        self.assertEqual(final.amount, 25000)
        final.action_submit()
        final.with_user(self.accountant_user).action_create_bill()
        final.move_id.with_user(self.accountant_user).action_post()
        self.pay(final.move_id)
        self.assertIn(final.move_id.payment_state, ("paid", "in_payment"))
        self.assertFalse(final.bank_reconciled)
        self.assertEqual(claim.state, "paid")
        self.assertEqual(claim.payout_payment_state, "in_payment")
        Payout = self.env["insurance.claim.payout"]
        self.assertIn(
            final, Payout.search([("bank_reconciled", "=", False), ("payment_state", "in", ("paid", "in_payment"))])
        )
        noise = self._bank_line(-25000, payment_ref="Transfer without reference")
        line = self._bank_line(-25000, payment_ref=f"Claim {claim.name.lower()} settlement")
        matched = (noise + line).with_user(self.accountant_user).action_match_claim_payouts()
        self.assertEqual(matched, final)
        self.assertTrue(line.is_reconciled)
        self.assertFalse(noise.is_reconciled, "the same amount to nobody in particular is left for the accountant")
        self.assertEqual(final.move_id.payment_state, "paid")
        self.assertTrue(final.bank_reconciled)
        self.assertEqual(claim.payout_payment_state, "paid")
        self.assertEqual(line.partner_id, self.holder)

    def test_match_by_amount_and_partner_unpaid_bill(self):
        """A bank line paying the bill directly: matched by amount and partner with the payable line."""
        claim = self.new_claim()
        payout = self._billed_payout(1234.56, claim=claim, kind="prepayment")
        other = self._billed_payout(999.99)
        line = self._bank_line(-1234.56, payment_ref="BANK TRANSFER 778", partner_id=self.holder.id)
        wrong = self._bank_line(-1234.55, payment_ref="BANK TRANSFER 779", partner_id=self.holder.id)
        matched = (line + wrong).with_user(self.accountant_user).action_match_claim_payouts()
        self.assertEqual(matched, payout)
        self.assertEqual(payout.move_id.payment_state, "paid")
        self.assertEqual(other.move_id.payment_state, "not_paid")
        self.assertFalse(wrong.is_reconciled)
        self.assertEqual(claim.paid_amount, 1234.56)
        # reconciled while the claim is still open: it shows in the accountant's list
        open_reconciled = self.env["insurance.claim.payout"].search(
            [("bank_reconciled", "=", True), ("claim_state", "not in", ("paid", "closed"))]
        )
        self.assertIn(payout, open_reconciled)

    def test_rollforward_ties_to_gl_and_excel(self):
        c1 = self.new_claim(estimated_loss=10000.10)
        c2 = self.new_claim(estimated_loss=20000.20)
        self.env["insurance.claim.reserve"].create(
            {"claim_id": c1.id, "coverage_id": self.cover.id, "amount": 333.33, "reason": "Quote"}
        )
        self._billed_payout(5000.05, claim=c2)
        c1.state = "rejected"
        c1.action_close()
        today = fields.Date.context_today(c1)
        wizard = (
            self.env["insurance.claim.reserve.rollforward"]
            .with_user(self.accountant_user)
            .create({"date_from": today.replace(day=1), "date_to": today})
        )
        wizard.action_compute()
        # opening: both initial reserves (June); the month: +333.33, -10,333.43 released, 5,000.05 paid
        self.assertEqual(wizard.opening, 30000.30)
        self.assertEqual(wizard.changes, 333.33 - 10333.43)
        self.assertEqual(wizard.payments, 5000.05)
        self.assertEqual(wizard.closing, 15000.15)
        self.assertEqual(wizard.gl_closing, 15000.15)
        self.assertEqual(wizard.gl_closing, -self.balance(self.reserve_account))
        self.assertEqual(wizard.difference, 0)
        self.assertEqual(sum(wizard.line_ids.mapped("closing")), 15000.15)
        book = openpyxl.load_workbook(io.BytesIO(wizard._xlsx()))
        sheet = book.active
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        claims_rows = [row for row in rows if row[0] in (c1.name, c2.name)]
        self.assertEqual(len(claims_rows), 2)
        self.assertAlmostEqual(sum(row[5] for row in claims_rows), 15000.15, places=2)
        for row in claims_rows:
            self.assertAlmostEqual(row[2] + row[3] - row[4], row[5], places=2)
        total = next(row for row in rows if row[0] == "Total")
        gl = next(row for row in rows if row[0] == "Reserve account balance")
        self.assertAlmostEqual(total[5], gl[5], places=2)
        action = wizard.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        self.assertTrue(base64.b64decode(attachment.datas).startswith(b"PK"))

    def test_recovery_reduces_net_incurred(self):
        claim = self.new_claim()
        payout = self._billed_payout(30000, claim=claim)
        self.pay(payout.move_id)
        recovery = (
            self.env["insurance.claim.recovery"]
            .with_user(self.handler_user)
            .create(
                {
                    "claim_id": claim.id,
                    "kind": "subrogation",
                    "partner_id": self.repair_shop.id,
                    "expected_amount": 12000,
                }
            )
        )
        self.assertEqual((claim.expected_recovery_amount, claim.recovered_amount), (12000, 0))
        self.assertEqual(claim.net_incurred_amount, 80000)  # 30,000 paid + 50,000 reserve
        recovery.with_user(self.accountant_user).action_create_invoice()
        invoice = recovery.move_id
        self.assertEqual((invoice.move_type, invoice.ref, invoice.amount_total), ("out_invoice", claim.name, 12000))
        invoice.with_user(self.accountant_user).action_post()
        self.assertEqual(recovery.state, "invoiced")
        self.assertEqual(claim.recovered_amount, 12000)
        self.assertEqual(claim.net_incurred_amount, 68000)
        self.assertEqual(self.balance(self.accounting["claim_recovery_account_id"]), -12000)


@tagged("post_install", "-at_install")
class TestPayoutRace(ClaimsMoneyCase):
    def test_two_transactions_one_settlement(self):
        """Two users create the payout of one settlement at the same time: the database lets one through."""
        # the claim must be committed for two other transactions to see it
        setup_cr = db_connect(self.env.cr.dbname).cursor()
        try:
            env = api.Environment(setup_cr, SUPERUSER_ID, {})
            claim = env["insurance.claim"].search([("coverage_id", "!=", False)], limit=1)
            claim_id = claim.id
            self.assertTrue(claim_id, "the demo claim")
            results = {}
            first_inserted = threading.Event()
            second_done = threading.Event()

            def attempt(name, wait_for=None, hold=None):
                cr = db_connect(self.env.cr.dbname).cursor()
                try:
                    if wait_for:
                        wait_for.wait(10)
                    cr.execute(
                        "INSERT INTO insurance_claim_payout (claim_id, settlement_key, kind, amount, coverage_id, "
                        "payee_id, state) SELECT id, 'race-final', 'final', 1, coverage_id, claimant_id, 'draft' "
                        "FROM insurance_claim WHERE id = %s",
                        [claim_id],
                    )
                    if hold:
                        hold.set()
                        second_done.wait(1)  # the second insert is blocked on our uncommitted row
                    cr.commit()  # pylint: disable=invalid-commit
                    results[name] = "ok"
                except UniqueViolation:
                    cr.rollback()
                    results[name] = "duplicate"
                except Exception as error:  # noqa: BLE001  # pylint: disable=broad-except
                    results[name] = repr(error)
                finally:
                    if not hold:
                        second_done.set()
                    cr.close()

            first = threading.Thread(target=attempt, args=("first", None, first_inserted))
            second = threading.Thread(target=attempt, args=("second", first_inserted, None))
            first.start()
            second.start()
            first.join(20)
            second.join(20)
            self.assertEqual(results, {"first": "ok", "second": "duplicate"})
        finally:
            setup_cr.execute("DELETE FROM insurance_claim_payout WHERE settlement_key = 'race-final'")
            setup_cr.commit()  # pylint: disable=invalid-commit
            setup_cr.close()
