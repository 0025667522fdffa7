from psycopg2 import IntegrityError
from psycopg2.errors import SerializationFailure

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .money_common import ClaimsMoneyCase
from .race_common import ClaimRaceMixin


@tagged("post_install", "-at_install")
class TestClaimWorkflowIntegrity(ClaimsMoneyCase):
    """Forgeries tried as the weakest role by any ORM path (what RPC, imports and forms call)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        cls.second_director = new_test_user(
            cls.env, "money_director_2", groups="claims_management.group_claims_director", **common
        )

    def new_payout(self, claim, amount, kind="partial", user=None):
        return (
            self.env["insurance.claim.payout"]
            .with_user(user or self.handler_user)
            .create({"claim_id": claim.id, "kind": kind, "amount": amount, "partner_bank_id": self.holder_bank.id})
        )

    def _billed_and_paid(self, payout):
        payout.with_user(self.accountant_user).action_create_bill()
        payout.move_id.with_user(self.accountant_user).action_post()
        self.pay(payout.move_id)
        return payout

    # ------------------------------------------------------------------
    # Claims
    # ------------------------------------------------------------------
    def test_claims_user_cannot_write_or_create_a_claim_state(self):
        claim = self.to_stage(self.new_claim(user=self.handler_user), "assessment")
        as_handler = claim.with_user(self.handler_user)
        logs = len(claim.stage_log_ids)
        for state in ("approved", "agreed", "paid", "closed"):
            with self.assertRaisesRegex(AccessError, "claims director approves"), self.cr.savepoint():
                as_handler.write({"state": state})
        with self.assertRaises(AccessError), self.cr.savepoint():
            as_handler.write({"reopen_count": 5})
        # a context key named like the guard's, with any JSON value an RPC caller could send
        for forged in (True, "insurance.claim", {"model": "insurance.claim", "ids": [claim.id], "fields": ["state"]}):
            with self.assertRaises(AccessError), self.cr.savepoint():
                as_handler.with_context(insurance_workflow_transition=forged).write({"state": "approved"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.new_claim(user=self.handler_user, state="approved")
        # a default_state in the context does not set it either
        fresh = (
            self.env["insurance.claim"]
            .with_user(self.handler_user)
            .with_context(default_state="approved")
            .create(
                {
                    "company_id": self.company.id,
                    "claim_type_id": self.claim_type.id,
                    "policy_id": self.policy.id,
                    "claimant_id": self.holder.id,
                    "handler_id": self.handler.id,
                    "reported_at": fields.Datetime.now(),
                    "loss_at": fields.Datetime.now(),
                }
            )
        )
        self.assertEqual(fresh.state, "reported")
        self.assertEqual((claim.state, len(claim.stage_log_ids)), ("assessment", logs), "nothing half-written")
        # re-saving the same value (an import line) is no change
        as_handler.write({"state": "assessment"})

    def test_director_approval_segregation_of_duties(self):
        claim = self.to_stage(self.new_claim(), "assessment")
        self.env["insurance.claim.line"].create({"claim_id": claim.id, "assessed_loss": 30000})
        claim.decision = "approve"
        claim.with_user(self.director_user).action_next_stage()
        claim.with_user(self.director_user).action_next_stage()
        self.assertEqual(claim.state, "review")
        with self.assertRaises(AccessError):
            claim.with_user(self.handler_user).action_director_approve()
        with self.assertRaisesRegex(AccessError, "segregation of duties"):
            claim.with_user(self.director_user).action_director_approve()
        self.assertEqual(claim.state, "review")
        claim.with_user(self.second_director).action_director_approve()
        log = claim.stage_log_ids.sorted("id")[-1]
        self.assertEqual((log.state_from, log.state_to, log.user_id), ("review", "approved", self.second_director))

    def test_limit_rechecked_at_approval(self):
        """80,000 and 70,000 on a 100,000 cover: the second approval is refused."""
        self.cover.limit_amount = 100000
        first, second = self.new_claim(), self.new_claim()
        for claim, loss in ((first, 85000), (second, 75000)):
            self.to_stage(claim, "assessment")
            self.env["insurance.claim.line"].create({"claim_id": claim.id, "assessed_loss": loss})
            claim.decision = "approve"
            self.to_stage(claim, "review")
        self.assertEqual((first.assessed_amount, second.assessed_amount), (80000, 70000))
        first.with_user(self.director_user).action_director_approve()
        with self.assertRaisesRegex(ValidationError, "cannot be approved"):
            second.with_user(self.director_user).action_director_approve()
        self.assertEqual(second.state, "review")

    # ------------------------------------------------------------------
    # Progress ledger
    # ------------------------------------------------------------------
    def test_progress_ledger_is_written_by_the_system_only(self):
        claim = self.to_stage(self.new_claim(user=self.handler_user), "dispatched")
        log = claim.stage_log_ids.filtered(lambda row: row.state_to == "dispatched")
        self.assertEqual(log.user_id, self.handler_user)
        Log = self.env["insurance.claim.stage.log"]
        for user in (self.handler_user, self.director_user, self.accountant_user):
            with self.assertRaises(AccessError), self.cr.savepoint():
                Log.with_user(user).create({"claim_id": claim.id, "state_to": "closed", "user_id": user.id})
            with self.assertRaises(UserError), self.cr.savepoint():
                log.with_user(user).write({"note": "rewritten"})
            with self.assertRaises(UserError), self.cr.savepoint():
                log.with_user(user).unlink()
        # the states are labels in the user's language, not keys
        self.assertEqual(
            log.with_context(lang="en_US")._fields["state_to"].convert_to_export(log.state_to, log), "Dispatched"
        )
        # another team's handler does not read this claim's ledger
        stranger = new_test_user(
            self.env,
            "money_stranger",
            groups="claims_management.group_claims_user",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        self.assertFalse(Log.with_user(stranger).search([("claim_id", "=", claim.id)]))
        self.assertTrue(Log.with_user(self.handler_user).search([("claim_id", "=", claim.id)]))

    def test_missing_documents_notice_is_not_entered_by_hand(self):
        claim = self.new_claim(user=self.handler_user)
        Notice = self.env["insurance.claim.document.notice"].with_user(self.handler_user)
        with self.assertRaisesRegex(UserError, "recorded by sending it"):
            Notice.create(
                {
                    "claim_id": claim.id,
                    "partner_id": self.holder.id,
                    "missing_items": "Resident ID card",
                    "user_id": self.director_user.id,
                }
            )
        self.assertFalse(claim.with_user(self.handler_user).document_notice_ids)

    # ------------------------------------------------------------------
    # Reserve movements and recoveries
    # ------------------------------------------------------------------
    def test_reserve_movements_only_changes_by_users(self):
        claim = self.new_claim(user=self.handler_user)
        Reserve = self.env["insurance.claim.reserve"].with_user(self.handler_user)
        base = {"claim_id": claim.id, "coverage_id": self.cover.id, "amount": -1000, "reason": "forged"}
        for forged in (
            {"kind": "payment"},
            {"kind": "initial"},
            {"kind": "release"},
            {"user_id": self.director_user.id},
        ):
            with self.assertRaises(AccessError), self.cr.savepoint():
                Reserve.create(dict(base, **forged))
        with self.assertRaises(AccessError), self.cr.savepoint():
            claim.reserve_ids.with_user(self.accountant_user).write({"state": "posted"})
        self.assertEqual(len(claim.reserve_ids), 1)
        change = Reserve.create(dict(base, amount=500))
        self.assertEqual((change.kind, change.user_id), ("change", self.handler_user))

    def test_recovery_invoice_link_cannot_be_forged(self):
        claim = self.new_claim(user=self.handler_user)
        recovery = (
            self.env["insurance.claim.recovery"]
            .with_user(self.handler_user)
            .create({"claim_id": claim.id, "partner_id": self.repair_shop.id, "expected_amount": 500})
        )
        some_move = self.env["account.move"].create({"move_type": "out_invoice", "partner_id": self.repair_shop.id})
        with self.assertRaises(AccessError):
            recovery.with_user(self.handler_user).write({"move_id": some_move.id})
        with self.assertRaises(AccessError):
            recovery.with_user(self.handler_user).write({"state": "received"})

    # ------------------------------------------------------------------
    # Payouts
    # ------------------------------------------------------------------
    def test_payout_state_and_approvals_cannot_be_forged(self):
        claim = self.assess(self.new_claim(), 70000)
        payout = self.new_payout(claim, 60000)
        as_handler = payout.with_user(self.handler_user)
        for vals in (
            {"state": "approved"},
            {"state": "approved", "director_approved_by": self.handler_user.id},
            {"director_approved_by": self.director_user.id},
            {"settlement_key": "partial-9-9"},
            {"director_required": True},
        ):
            with self.assertRaisesRegex(AccessError, "claims director approves it"), self.cr.savepoint():
                as_handler.write(vals)
        for vals in ({"settlement_key": "mine"}, {"state": "approved"}, {"director_approved_by": self.handler_user.id}):
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.env["insurance.claim.payout"].with_user(self.handler_user).create(
                    dict({"claim_id": claim.id, "amount": 1, "partner_bank_id": self.holder_bank.id}, **vals)
                )
        self.assertEqual(len(claim.payout_ids), 1, "nothing half-written")
        as_handler.action_submit()
        self.assertEqual(payout.state, "to_approve")
        # a director who prepared it cannot approve it
        own = self.new_payout(self.assess(self.new_claim(), 70000), 60000, user=self.director_user)
        own.with_user(self.director_user).action_submit()
        with self.assertRaisesRegex(AccessError, "segregation of duties"):
            own.with_user(self.director_user).action_director_approve()
        own.with_user(self.second_director).action_director_approve()
        self.assertEqual((own.state, own.director_approved_by), ("approved", self.second_director))

    def test_authority_limit_applies_to_the_sum_of_the_payouts(self):
        """Two 45,000 partial payouts under a 50,000 limit: the second waits for the director."""
        claim = self.assess(self.new_claim(), 95000)
        self.env["insurance.claim.reserve"].create(
            {"claim_id": claim.id, "coverage_id": self.cover.id, "amount": 20000, "reason": "Final quote"}
        )
        first = self.new_payout(claim, 45000)
        first.with_user(self.handler_user).action_submit()
        self.assertEqual((first.state, first.director_required), ("approved", False))
        second = self.new_payout(claim, 45000)
        self.assertTrue(second.needs_director)
        second.with_user(self.handler_user).action_submit()
        self.assertEqual((second.state, second.director_required), ("to_approve", True))
        with self.assertRaisesRegex(UserError, "must be approved"):
            second.with_user(self.accountant_user).action_create_bill()
        # never more than the settlement left: 90,000 - 90,000
        third = self.new_payout(claim, 0.01)
        with self.assertRaisesRegex(ValidationError, "left to pay"):
            third.with_user(self.handler_user).action_submit()
        second.with_user(self.director_user).action_director_approve()
        self._billed_and_paid(first)
        self._billed_and_paid(second)
        self.assertEqual(claim.paid_amount, 90000)

    def test_cancelled_final_settlement_frees_its_key_and_a_replacement_pays_the_claim(self):
        claim = self.assess(self.new_claim(), 30000)
        claim.with_user(self.handler_user).action_claimant_agrees()
        final = claim.payout_ids
        self.assertEqual((final.kind, final.settlement_key, final.amount), ("final", "final-0", 25000))
        final.with_user(self.handler_user).action_cancel()
        self.assertEqual((final.state, final.settlement_key), ("cancelled", False))
        replacement = self.new_payout(claim, 25000, kind="final")
        self.assertEqual(replacement.settlement_key, "final-0")
        with self.assertRaises(IntegrityError), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.new_payout(claim, 1, kind="final")
            self.env.flush_all()
        replacement.with_user(self.handler_user).action_submit()
        self._billed_and_paid(replacement)
        self.assertEqual(claim.state, "paid")

    def test_credit_note_on_a_paid_payout_bill_restores_paid_reserve_and_state(self):
        claim = self.assess(self.new_claim(), 30000)
        claim.with_user(self.handler_user).action_claimant_agrees()
        final = claim.payout_ids
        final.with_user(self.handler_user).action_submit()
        self._billed_and_paid(final)
        self.assertEqual((claim.state, claim.paid_amount, claim.reserve_amount), ("paid", 25000, 55000))
        reversal = (
            self.env["account.move.reversal"]
            .with_user(self.accountant_user)
            .with_context(active_model="account.move", active_ids=final.move_id.ids)
            .create({"journal_id": final.move_id.journal_id.id, "reason": "Paid twice by the bank"})
        )
        action = reversal.refund_moves()
        refund = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(refund.reversed_entry_id, final.move_id)
        refund.with_user(self.accountant_user).action_post()
        self.assertEqual(claim.state, "agreed")
        self.assertEqual(claim.paid_amount, 0)
        self.assertEqual(claim.reserve_amount, 80000)
        self.assertEqual((final.state, final.settlement_key), ("cancelled", False), "the settlement is free again")
        self.assertEqual(claim.stage_log_ids.sorted("id")[-1].state_to, "agreed")

    def test_payout_kinds_follow_the_claim(self):
        claim = self.new_claim()
        with self.assertRaisesRegex(ValidationError, "partial payment is made once the decision"):
            self.new_payout(claim, 100).with_user(self.handler_user).action_submit()
        self.register(claim, determinable=10000)
        prepayment = self.new_payout(claim, 10000.01, kind="prepayment")
        with self.assertRaisesRegex(ValidationError, "determinable amount"):
            prepayment.with_user(self.handler_user).action_submit()
        with self.assertRaisesRegex(ValidationError, "claimant agreed"):
            self.new_payout(claim, 100, kind="final").with_user(self.handler_user).action_submit()


@tagged("post_install", "-at_install")
class TestCoverApprovalRace(ClaimRaceMixin, ClaimsMoneyCase):
    """Two directors approve two claims on one cover in two transactions: the limit holds.

    Claims of 80,000 and 70,000 in director review on a 100,000 cover. The first approval locks and
    touches the cover row; the second transaction, started before the first commits, waits on that
    lock and then fails to serialise (Odoo retries such a request); its retry sees the first approval
    and is refused. The fixture must be committed for two transactions to see it: claims of
    ``ClaimRaceMixin``, inserted without side effects and removed afterwards.
    """

    def _committed_fixture(self, cr):
        review = {"state": "review", "decision": "approve"}
        ids = self._claim_fixture(cr, "LIMIT", [review, review], limit=100000)
        for claim_id, amount in zip(ids["claims"], (80000, 70000), strict=True):
            cr.execute(
                """INSERT INTO insurance_claim_line (claim_id, coverage_id, method, depreciation_basis, amount,
                                                     company_id)
                   SELECT id, coverage_id, 'indemnity', 'book', %s, company_id FROM insurance_claim WHERE id = %s""",
                [amount, claim_id],
            )
        return ids

    def _approve(self, cr, claim_id):
        env = self.superuser_env(cr, mail_create_nosubscribe=False, mail_create_nolog=False)
        env["insurance.claim"].browse(claim_id).action_director_approve()
        env.flush_all()

    def test_two_approvals_on_one_cover(self):
        with self.committed_fixture() as (setup_cr, ids), self.transactions(2) as (first_cr, second_cr):
            first_id, second_id = ids["claims"]
            first_pid = self.backend_pid(first_cr)
            second_pid = self.backend_pid(second_cr)  # the second transaction's snapshot starts here
            self._approve(first_cr, first_id)  # uncommitted: holds the cover's row lock
            second_cr.execute("SET LOCAL lock_timeout = '60s'")  # a bound, never reached when all is well
            with mute_logger("odoo.sql_db"):
                thread, outcome = self.start_thread(lambda: self._approve(second_cr, second_id))
                blocked = self.wait_until_blocked(setup_cr, first_pid, second_pid, thread)
                self.assertTrue(blocked, "the second approval waits for the first transaction")
                first_cr.commit()  # pylint: disable=invalid-commit
                thread.join(60)
            self.assertFalse(thread.is_alive())
            self.assertIsInstance(outcome["error"], SerializationFailure)
            # Odoo's retry of the request: a new transaction sees the first approval and refuses
            second_cr.rollback()
            with self.assertRaisesRegex(ValidationError, "cannot be approved"):
                self._approve(second_cr, second_id)
            second_cr.rollback()
            setup_cr.rollback()
            setup_cr.execute("SELECT id, state FROM insurance_claim WHERE id IN %s ORDER BY id", [tuple(ids["claims"])])
            self.assertEqual(setup_cr.fetchall(), [(first_id, "approved"), (second_id, "review")])
