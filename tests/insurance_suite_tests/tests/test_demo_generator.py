"""The demo generator (data/demo_generator) at a small scale, in the test transaction."""

import datetime
import importlib.util
import os
import sys

from odoo.tests import TransactionCase, tagged

# the repository's data/ folder (this file is tests/insurance_suite_tests/tests/)
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), *[os.pardir] * 3, "data")
if DATA_DIR not in sys.path:
    sys.path.insert(0, DATA_DIR)

from demo_generator import MODULE, DemoError, Generator, parse_seed, parse_size  # noqa: E402
from demo_generator.claims import ClaimsPart  # noqa: E402
from demo_generator.complaints import ComplaintsPart  # noqa: E402

from odoo.addons.claims_management.models.insurance_claim import STATES as CLAIM_STATES  # noqa: E402
from odoo.addons.complaint_management.models.insurance_complaint import CHANNELS as COMPLAINT_CHANNELS  # noqa: E402
from odoo.addons.complaint_management.models.insurance_complaint import STATES as COMPLAINT_STATES  # noqa: E402

# a fixed day whose three months lie in a year with a known holiday calendar
TODAY = datetime.date(2026, 6, 30)
SEED = 42
SCALE = 0.07


@tagged("post_install", "-at_install")
class TestDemoGenerator(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.generator = Generator(cls.env, SEED, scale=SCALE, today=TODAY)
        cls.counts = dict(cls.generator.run())

    def generated(self, model, prefix):
        rows = self.env["ir.model.data"].search(
            [("module", "=", MODULE), ("model", "=", model), ("name", "=like", f"{prefix}_s{SEED}_%")]
        )
        return self.env[model].browse(rows.mapped("res_id"))

    def test_every_claim_state_and_type(self):
        claims = self.generated("insurance.claim", "claim")
        self.assertGreaterEqual(len(claims), len(CLAIM_STATES))
        self.assertEqual(set(claims.mapped("state")), {state for state, _label in CLAIM_STATES})
        self.assertLessEqual({"HWP", "NRS", "LVS", "EPL"}, set(claims.mapped("claim_type_id.code")))
        self.assertTrue(claims.filtered("event_id"), "a catastrophe event with its claims")
        self.assertTrue(claims.reserve_ids.filtered(lambda movement: movement.kind == "change"))
        self.assertTrue(claims.recovery_ids.filtered("move_id"), "a recovery invoiced")

    def test_claims_went_through_the_transitions_at_their_dates(self):
        claims = self.generated("insurance.claim", "claim")
        closed = claims.filtered(lambda claim: claim.state == "closed" and claim.payout_ids)[:1]
        self.assertTrue(closed)
        logs = closed.stage_log_ids.sorted("id")
        self.assertEqual(logs[0].state_to, "reported")
        self.assertEqual(logs[-1].state_to, "closed")
        self.assertIn("approved", logs.mapped("state_to"))
        first_day, last_day = TODAY - datetime.timedelta(days=91), TODAY - datetime.timedelta(days=1)
        company = self.env.ref("base.main_company")
        for log in logs:
            self.assertTrue(first_day <= company._insurance_local_date(log.date) <= last_day, log.date)
        self.assertEqual(logs.mapped("date"), sorted(logs.mapped("date")), "stamped in the order of the steps")
        approver = logs.filtered(lambda log: log.state_to == "approved").user_id
        self.assertTrue(approver.has_group("claims_management.group_claims_director"))
        self.assertNotEqual(approver, closed.handler_user_id, "another user than the handler approved it")
        self.assertEqual(closed.payout_payment_state, "paid")

    def test_every_complaint_channel_and_state(self):
        complaints = self.generated("insurance.complaint", "complaint")
        self.assertEqual(set(complaints.mapped("channel")), {channel for channel, _label in COMPLAINT_CHANNELS})
        self.assertEqual(set(complaints.mapped("state")), {state for state, _label in COMPLAINT_STATES})
        self.assertTrue(complaints.filtered("merged_into_id"), "a duplicate merged into its master")
        self.assertTrue(complaints.extension_ids, "an extended case")
        self.assertTrue(complaints.followup_ids.filtered(lambda followup: followup.state == "done"))
        regulator = complaints.filtered(lambda complaint: complaint.channel == "regulator")
        self.assertTrue(all(regulator.mapped("regulator_case_number")))
        clocks = self.env["insurance.clock"].search(
            [
                ("res_model", "=", "insurance.complaint"),
                ("res_id", "in", complaints.ids),
                ("kind", "=", "complaint_decision"),
            ]
        )
        late = clocks.filtered(lambda clock: clock.overdue_since)
        on_time = clocks.filtered(lambda clock: clock.met_at and not clock.overdue_since)
        self.assertTrue(late, "an overdue decision")
        self.assertTrue(on_time, "a decision on time")

    def test_bank_statement_matched(self):
        statement = self.env.ref(f"{MODULE}.statement_s{SEED}")
        lines = statement.line_ids
        matched = lines.filtered("is_reconciled")
        self.assertTrue(matched)
        self.assertTrue(lines - matched, "a few lines are left for the accountant")
        payouts = self.env["insurance.claim.payout"].search([("move_id.line_ids.matched_debit_ids", "!=", False)])
        reconciled = payouts.filtered("bank_reconciled")
        self.assertTrue(reconciled)
        for line in matched:
            self.assertTrue(any(payout.claim_id.name in line.payment_ref for payout in reconciled), line.payment_ref)

    def test_roster_published_with_swaps_and_handovers(self):
        rosters = self.env["duty.roster"].browse(
            self.env["ir.model.data"].search([("module", "=", MODULE), ("model", "=", "duty.roster")]).mapped("res_id")
        )
        months = {(roster.date_from.year, roster.date_from.month) for roster in rosters}
        self.assertLessEqual({(2026, 4), (2026, 5), (2026, 6)}, months)
        self.assertEqual(set(rosters.mapped("state")), {"published"})
        swaps = self.env["duty.swap.request"].search([("shift_id.roster_id", "in", rosters.ids)])
        self.assertLessEqual({"requested", "accepted", "approved"}, set(swaps.mapped("state")))
        handovers = self.env["duty.handover"].search([("shift_id.roster_id", "in", rosters.ids)])
        self.assertTrue(handovers.filtered(lambda handover: handover.state == "signed"))

    def test_rerun_adds_nothing(self):
        claims = self.env["insurance.claim"].search_count([])
        complaints = self.env["insurance.complaint"].search_count([])
        data = self.env["ir.model.data"].search_count([("module", "=", MODULE)])
        again = Generator(self.env, SEED, scale=SCALE, today=TODAY)
        self.assertEqual(sum(again.run().values()), 0)
        self.assertEqual(self.env["insurance.claim"].search_count([]), claims)
        self.assertEqual(self.env["insurance.complaint"].search_count([]), complaints)
        self.assertEqual(self.env["ir.model.data"].search_count([("module", "=", MODULE)]), data)

    def test_same_seed_same_plan(self):
        def plans(seed):
            generator = Generator(self.env, seed, scale=SCALE, today=TODAY)
            complaints = ComplaintsPart(generator)
            complaints.categories = range(5)
            return ClaimsPart(generator).plan(), complaints.plan()

        self.assertEqual(plans(SEED), plans(SEED))
        self.assertNotEqual(plans(SEED)[0], plans(SEED + 1)[0])

    def test_bad_seed_and_size_refused(self):
        for seed in ("abc", "12.5", "", "0x1F", "1" * 19):
            with self.assertRaisesRegex(DemoError, "--seed must be a whole number"):
                parse_seed(seed)
        for size in ("0", "501", "-1", "1.5", "big"):
            with self.assertRaisesRegex(DemoError, "--size must be a whole number from 1 to 500"):
                parse_size(size)
        self.assertEqual((parse_seed(" 20261204 "), parse_size("500")), (20261204, 500))
        # the command refuses before it opens any database (this one does not exist)
        spec = importlib.util.spec_from_file_location("generate_demo", os.path.join(DATA_DIR, "generate_demo.py"))
        command = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(command)
        base = ["--db", "no_such_database_h4", "--config", "/nonexistent.conf"]
        self.assertEqual(command.main([*base, "--seed", "abc"]), 2)
        self.assertEqual(command.main([*base, "--seed", "1", "--size", "501"]), 2)
        self.assertEqual(command.main([*base, "--seed", "1", "--today", "2026-13-01"]), 2)
