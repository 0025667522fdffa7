from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .money_common import ClaimsMoneyCase


@tagged("post_install", "-at_install")
class TestClaimMoney(ClaimsMoneyCase):
    def test_default_accounting(self):
        """A company with the generic chart gets its claims journals and accounts, typed and reused."""
        acc = self.accounting
        self.assertEqual(acc["claim_payout_journal_id"].type, "purchase")
        self.assertEqual(acc["claim_reserve_journal_id"].type, "general")
        self.assertEqual(self.reserve_account.account_type, "liability_current")
        self.assertEqual(self.change_account.account_type, "expense")
        self.assertEqual(self.paid_account.account_type, "expense")
        self.assertEqual(acc["claim_recovery_account_id"].account_type, "income_other")
        self.assertNotEqual(self.paid_account, self.change_account)
        self.company._claims_create_default_accounting()
        self.assertEqual(self.company._claim_accounting(), acc)
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.claim_reserve_account_id, self.reserve_account)

    def test_reserve_entries_to_the_cent(self):
        """Handler records, accountant posts: Dr change in reserve / Cr reserve, balances to the cent."""
        claim = self.new_claim(user=self.handler_user)
        initial = claim.reserve_ids
        self.assertEqual((initial.kind, initial.amount, initial.state), ("initial", 80000, "draft"))
        with self.assertRaises(AccessError):
            initial.with_user(self.handler_user).action_post_entries()
        initial.with_user(self.accountant_user).action_post_entries()
        self.assertEqual(initial.state, "posted")
        self.assertRecordValues(
            initial.move_id.line_ids.sorted("debit"),
            [
                {"account_id": self.reserve_account.id, "debit": 0.0, "credit": 80000.0},
                {"account_id": self.change_account.id, "debit": 80000.0, "credit": 0.0},
            ],
        )
        with self.assertRaisesRegex(ValidationError, "Give the reason"), self.cr.savepoint():
            self.env["insurance.claim.reserve"].with_user(self.handler_user).create(
                {"claim_id": claim.id, "coverage_id": self.cover.id, "amount": 1000}
            )
        change = (
            self.env["insurance.claim.reserve"]
            .with_user(self.handler_user)
            .create(
                {"claim_id": claim.id, "coverage_id": self.cover.id, "amount": 12345.67, "reason": "Bridge deck quote"}
            )
        )
        down = (
            self.env["insurance.claim.reserve"]
            .with_user(self.accountant_user)
            .create({"claim_id": claim.id, "coverage_id": self.cover.id, "amount": -0.01, "reason": "Rounding"})
        )
        self.assertEqual(down.state, "posted", "an accountant's change is posted at once")
        change.with_user(self.accountant_user).action_post_entries()
        self.assertEqual(claim.reserve_amount, 92345.66)
        self.assertEqual(self.balance(self.reserve_account), -92345.66)
        self.assertEqual(self.balance(self.change_account), 92345.66)
        with self.assertRaisesRegex(ValidationError, "negative"), self.cr.savepoint():
            self.env["insurance.claim.reserve"].create(
                {"claim_id": claim.id, "coverage_id": self.cover.id, "amount": -92345.67, "reason": "Too much"}
            )
        with self.assertRaises(UserError):
            change.write({"amount": 1})
        self.assertEqual(len(claim.reserve_ids), 3, "the refused changes left nothing behind")

    def test_payouts_prepayment_final_paid_closed(self):
        """Prepayment, director-approved final settlement, payment register, claim paid, closing releases."""
        claim = self.new_claim()
        self.assertEqual(claim.reserve_ids.state, "posted")
        # Art. 25: no prepayment before registration, nor without the determinable amount
        Payout = self.env["insurance.claim.payout"].with_user(self.handler_user)
        early = Payout.create(
            {"claim_id": claim.id, "kind": "prepayment", "amount": 20000, "partner_bank_id": self.holder_bank.id}
        )
        with self.assertRaisesRegex(ValidationError, "registered claim"), self.cr.savepoint():
            early.action_submit()
        self.register(claim)
        with self.assertRaisesRegex(ValidationError, "determined"), self.cr.savepoint():
            early.action_submit()
        early.action_cancel()
        self.assertFalse(early.settlement_key, "a cancelled payout frees its settlement key")
        claim.determinable_amount = 25000
        claim.action_mark_materials_complete()  # the prepayment clock (Art. 25) runs
        self.assertEqual(claim._clock_last("claim_prepayment").state, "running")
        with self.assertRaisesRegex(ValidationError, "partial payment is made once the decision"), self.cr.savepoint():
            Payout.create(
                {"claim_id": claim.id, "kind": "partial", "amount": 100, "partner_bank_id": self.holder_bank.id}
            ).action_submit()
        prepay = (
            self.env["insurance.claim.payout"]
            .with_user(self.handler_user)
            .create(
                {
                    "claim_id": claim.id,
                    "kind": "prepayment",
                    "amount": 20000,
                    "partner_bank_id": self.holder_bank.id,
                }
            )
        )
        self.assertEqual((prepay.payee_id, prepay.settlement_key), (self.holder, "prepayment-0"))
        prepay.with_user(self.handler_user).action_submit()
        self.assertEqual(prepay.state, "approved", "within the authority limit")
        with self.assertRaises(AccessError):
            prepay.with_user(self.handler_user).action_create_bill()
        prepay.with_user(self.accountant_user).action_create_bill()
        bill = prepay.move_id
        self.assertRecordValues(
            bill,
            [
                {
                    "move_type": "in_invoice",
                    "partner_id": self.holder.id,
                    "ref": claim.name,
                    "payment_reference": claim.name,
                    "amount_total": 20000.0,
                    "state": "draft",
                    "journal_id": self.accounting["claim_payout_journal_id"].id,
                }
            ],
        )
        with self.assertRaisesRegex(UserError, "already has the bill"):
            prepay.with_user(self.accountant_user).action_create_bill()
        bill.with_user(self.accountant_user).action_post()
        release = claim.reserve_ids.filtered(lambda movement: movement.kind == "payment")
        self.assertEqual((release.amount, release.state), (-20000, "posted"))
        self.assertEqual(claim.reserve_amount, 60000)
        self.assertEqual(self.balance(self.paid_account), 20000)
        self.pay(bill)
        self.assertIn(bill.payment_state, ("in_payment", "paid"))
        self.assertEqual(claim.paid_amount, 20000)
        self.assertEqual(claim._clock_last("claim_prepayment").state, "met_on_time", "the prepayment was paid")

        # the settlement: 70,000 assessed - 5,000 deductible = 65,000; 45,000 left after the prepayment
        self.env["insurance.claim.reserve"].create(
            {"claim_id": claim.id, "coverage_id": self.cover.id, "amount": 5000, "reason": "Final assessment"}
        )
        self.assess(claim, 70000)
        self.assertEqual(claim.assessed_amount, 65000)
        claim.with_user(self.handler_user).action_claimant_agrees()
        final = claim.payout_ids.filtered(lambda payout: payout.kind == "final")
        self.assertEqual(
            (final.amount, final.partner_bank_id, final.settlement_key), (45000, self.holder_bank, "final-0")
        )
        # never more than the settlement left to pay: 65,000 - 20,000 prepaid
        final.amount = 55000
        with self.assertRaisesRegex(ValidationError, "left to pay"), self.cr.savepoint():
            final.with_user(self.handler_user).action_submit()
        self.assertEqual(final.state, "draft")
        final.amount = 45000
        self.assertTrue(final.needs_director, "20,000 + 45,000 pass the 50,000 authority limit together")
        final.with_user(self.handler_user).action_submit()
        self.assertEqual(final.state, "to_approve")
        with self.assertRaisesRegex(UserError, "must be approved"):
            final.with_user(self.accountant_user).action_create_bill()
        with self.assertRaises(AccessError):
            final.with_user(self.handler_user).action_director_approve()
        final.with_user(self.director_user).action_director_approve()
        final.with_user(self.accountant_user).action_create_bill()
        final.move_id.with_user(self.accountant_user).action_post()
        self.assertEqual(claim.reserve_amount, 20000)
        self.assertEqual(claim.state, "agreed")
        self.pay(final.move_id)
        self.assertEqual(claim.state, "paid", "paid in full, read from accounting")
        self.assertIn(claim.payout_payment_state, ("in_payment", "paid"))
        claim.action_close()
        self.assertEqual(claim.reserve_amount, 0)
        self.assertEqual(self.balance(self.reserve_account), 0.0)
        # incurred = the 65,000 settlement paid; change in reserve nets to 0 after the releases
        self.assertEqual(claim.paid_amount, 65000)
        self.assertEqual(self.balance(self.paid_account), 65000)
        self.assertEqual(self.balance(self.change_account), 0.0)

    def test_bad_payouts(self):
        claim = self.assess(self.new_claim(), 20000)
        Payout = self.env["insurance.claim.payout"].with_user(self.handler_user)
        too_much = Payout.create({"claim_id": claim.id, "amount": 80000.01, "partner_bank_id": self.holder_bank.id})
        with self.assertRaisesRegex(ValidationError, "above the outstanding reserve"):
            too_much.action_submit()
        untrusted = Payout.create(
            {
                "claim_id": claim.id,
                "amount": 100,
                "payee_id": self.repair_shop.id,
                "partner_bank_id": self.untrusted_bank.id,
            }
        )
        with self.assertRaisesRegex(ValidationError, "no validated"):
            untrusted.action_submit()
        wrong_owner = Payout.create(
            {
                "claim_id": claim.id,
                "amount": 100,
                "payee_id": self.repair_shop.id,
                "partner_bank_id": self.holder_bank.id,
            }
        )
        with self.assertRaisesRegex(ValidationError, "does not belong"):
            wrong_owner.action_submit()
        self.env["insurance.claim.reserve"].create(
            {"claim_id": claim.id, "coverage_id": self.cover.id, "amount": 500000, "reason": "Collapse"}
        )
        above_limit = Payout.create({"claim_id": claim.id, "amount": 500000.01, "partner_bank_id": self.holder_bank.id})
        with self.assertRaisesRegex(ValidationError, "remaining limit"):
            above_limit.action_submit()
        (too_much + untrusted + wrong_owner + above_limit).action_cancel()
        claim.action_claimant_agrees()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            Payout.create({"claim_id": claim.id, "kind": "final", "amount": 10, "partner_bank_id": self.holder_bank.id})
            self.env.flush_all()
        # an edited bill is not posted and releases nothing
        final = claim.payout_ids.filtered(lambda payout: payout.kind == "final")
        final.action_submit()
        final.with_user(self.accountant_user).action_create_bill()
        final.move_id.invoice_line_ids.price_unit = 15001
        movements = len(claim.reserve_ids)
        with self.assertRaisesRegex(UserError, "differs from the approved payout"), self.cr.savepoint():
            final.move_id.with_user(self.accountant_user).action_post()
        self.assertEqual(final.move_id.state, "draft")
        self.assertEqual(len(claim.reserve_ids), movements)
        # the payment register pays only the trusted account of the payee
        final.move_id.invoice_line_ids.price_unit = 15000
        final.move_id.with_user(self.accountant_user).action_post()
        with self.assertRaisesRegex(UserError, "validated"), self.cr.savepoint():
            self.pay(final.move_id, bank=self.untrusted_bank)
        self.assertEqual(final.move_id.payment_state, "not_paid")

    def test_access_rights(self):
        claim = self.new_claim(user=self.handler_user)
        payout = (
            self.env["insurance.claim.payout"]
            .with_user(self.handler_user)
            .create({"claim_id": claim.id, "amount": 100, "partner_bank_id": self.holder_bank.id})
        )
        # the auditor reads, changes nothing
        self.assertEqual(payout.with_user(self.auditor_user).amount, 100)
        self.assertEqual(claim.with_user(self.auditor_user).reserve_amount, 80000)
        with self.assertRaises(AccessError):
            self.env["insurance.claim.payout"].with_user(self.auditor_user).create({"claim_id": claim.id, "amount": 1})
        with self.assertRaises(AccessError):
            payout.with_user(self.auditor_user).write({"amount": 2})
        with self.assertRaises(AccessError):
            self.env["insurance.claim.reserve"].with_user(self.auditor_user).create(
                {"claim_id": claim.id, "coverage_id": self.cover.id, "amount": 1, "reason": "x"}
            )
        # claims staff cannot touch the accounting
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.handler_user).create({"move_type": "in_invoice"})
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.director_user).search([])
        # another handler does not see the claim's money
        other = self.env["res.users"].create(
            {
                "name": "Other Handler",
                "login": "money_other",
                "company_id": self.company.id,
                "company_ids": [self.company.id],
                "groups_id": [(6, 0, [self.env.ref("claims_management.group_claims_user").id])],
            }
        )
        self.assertFalse(self.env["insurance.claim.payout"].with_user(other).search([("id", "=", payout.id)]))
        self.assertTrue(
            self.env["insurance.claim.payout"].with_user(self.accountant_user).search([("id", "=", payout.id)])
        )
        # no unlink of movements for anyone
        with self.assertRaises(UserError):
            claim.reserve_ids.unlink()
