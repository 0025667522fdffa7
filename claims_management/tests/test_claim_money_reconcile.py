import base64
import io

import openpyxl
from psycopg2.errors import LockNotAvailable, UniqueViolation

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .money_common import ClaimsMoneyCase
from .race_common import ClaimRaceMixin


@tagged("post_install", "-at_install")
class TestClaimMoneyReconcile(ClaimsMoneyCase):
    def _billed_payout(self, amount, claim=None, kind="partial"):
        claim = self.ready_for(claim or self.new_claim(), kind, amount)
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

    def test_match_button_of_the_bank_lines_views(self):
        """The views' button matches as the server action does, says how many lines matched, accountants only."""
        payout = self._billed_payout(321.0)
        line = self._bank_line(-321.0, payment_ref=f"Claim {payout.claim_id.name}")
        stranger = self._bank_line(-55.0, payment_ref="Unrelated transfer")
        with self.assertRaises(AccessError):
            (line + stranger).with_user(self.handler_user).action_match_claim_payouts_notify()
        self.assertFalse(line.is_reconciled, "refused before anything was matched")
        action = (line + stranger).with_user(self.accountant_user).action_match_claim_payouts_notify()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(action["params"]["message"], "1 of the 2 bank lines were matched with claim payouts.")
        self.assertTrue(line.is_reconciled)
        self.assertFalse(stranger.is_reconciled)
        self.assertTrue(payout.bank_reconciled)
        again = line.with_user(self.accountant_user).action_match_claim_payouts_notify()
        self.assertEqual(
            (again["params"]["type"], again["params"]["message"]),
            ("warning", "0 of the 1 bank lines were matched with claim payouts."),
        )

    def test_rollforward_ties_to_gl_and_excel(self):
        c1 = self.new_claim(estimated_loss=10000.10)
        c2 = self.new_claim(estimated_loss=20000.20)
        self.env["insurance.claim.reserve"].create(
            {"claim_id": c1.id, "coverage_id": self.cover.id, "amount": 333.33, "reason": "Quote"}
        )
        self._billed_payout(5000.05, claim=c2)
        self.reject(c1)
        c1.action_close()
        # the director's rejection released the reserve; an accountant posts that entry
        c1.reserve_ids.filtered(lambda movement: movement.state == "draft").with_user(
            self.accountant_user
        ).action_post_entries()
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
class TestPayoutRace(ClaimRaceMixin, ClaimsMoneyCase):
    """Two transactions prepare one settlement at once, through the ORM: the unique index lets one through.

    The claim must be committed for two other transactions to see it: a fixture of ``ClaimRaceMixin``
    (a claim type, a policy and a claim inserted without side effects), removed afterwards. Nothing
    waits for a fixed time: the second insert is observed blocked behind the first
    (``pg_blocking_pids``) before the first commits; ``lock_timeout`` only bounds a hang.
    """

    KEY = "final-0"  # the key the ORM gives the final settlement of a claim's first decision

    def _committed_fixture(self, cr):
        ids = self._claim_fixture(cr, "RACE", [{"state": "agreed"}])
        return dict(ids, claim=ids["claims"][0])

    def _insert(self, cr, ids):
        """A final payout of the agreed claim created through the ORM; the flush sends the INSERT."""
        env = self.superuser_env(cr, mail_create_nosubscribe=False, mail_create_nolog=False)
        claim = env["insurance.claim"].browse(ids["claim"])
        payout = env["insurance.claim.payout"].create({"claim_id": claim.id, "kind": "final", "amount": 1})
        self.assertEqual(payout.settlement_key, self.KEY, "the system gives the key, the same in both")
        env.flush_all()

    def test_two_transactions_one_settlement(self):
        """The second insert waits for the first; once the first commits, it is refused as a duplicate."""
        with self.committed_fixture() as (setup_cr, ids), self.transactions(2) as (first_cr, second_cr):
            first_pid, second_pid = self.backend_pid(first_cr), self.backend_pid(second_cr)
            self._insert(first_cr, ids)  # uncommitted: holds the index entry

            # 1. without waiting, the second transaction cannot insert the same settlement
            second_cr.execute("SAVEPOINT nowait")
            second_cr.execute("SET LOCAL lock_timeout = '100ms'")
            with self.assertRaises(LockNotAvailable), mute_logger("odoo.sql_db"):
                self._insert(second_cr, ids)
            second_cr.execute("ROLLBACK TO SAVEPOINT nowait")
            second_cr.clear()  # the ORM's caches of the refused create

            # 2. waiting, it stays blocked behind the first transaction until that one commits
            second_cr.execute("SET LOCAL lock_timeout = '60s'")  # a bound, never reached when all is well
            with mute_logger("odoo.sql_db"):
                thread, outcome = self.start_thread(lambda: self._insert(second_cr, ids))
                blocked = self.wait_until_blocked(setup_cr, first_pid, second_pid, thread)
                self.assertTrue(blocked, "the second insert waits for the first transaction")
                self.assertNotIn("error", outcome)
                first_cr.commit()  # pylint: disable=invalid-commit
                thread.join(60)
            self.assertFalse(thread.is_alive())
            self.assertIsInstance(outcome["error"], UniqueViolation)
            second_cr.rollback()
            setup_cr.rollback()  # a fresh snapshot
            setup_cr.execute(
                "SELECT count(*) FROM insurance_claim_payout WHERE claim_id = %s AND settlement_key = %s",
                [ids["claim"], self.KEY],
            )
            self.assertEqual(setup_cr.fetchone()[0], 1)
