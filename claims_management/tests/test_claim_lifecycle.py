from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DT, ClaimsCase, D


@tagged("post_install", "-at_install")
class TestClaimLifecycle(ClaimsCase):
    def test_number_complexity_and_ledger(self):
        claim = self.new_claim()
        self.assertTrue(claim.name.startswith("CLM2026") or claim.name.startswith("CLM"), claim.name)
        self.assertEqual(claim.complexity, "complex")
        self.assertEqual(self.new_claim(estimated_loss=3000).complexity, "simple", "under the fast-track threshold")
        self.assertEqual(claim.stage_log_ids.state_to, "reported")

    def test_intake_refuses_what_is_not_covered(self):
        late_insured = self.env["insurance.policy.insured"].create(
            {"policy_id": self.policy.id, "kind": "object", "name": "New tunnel", "date_from": D(2026, 7, 1)}
        )
        cases = [
            ("was not in force on 2027-01-05", {"loss_at": DT(2027, 1, 5), "reported_at": DT(2027, 1, 6)}),
            ("was not on the insured roster on 2026-06-18", {"insured_id": late_insured.id}),
            ("cannot be negative", {"estimated_loss": -1}),
            ("ten times the sum insured", {"claimed_amount": 10000000 * 11}),
            ("after it was reported", {"reported_at": DT(2026, 6, 17)}),
        ]
        for message, values in cases:
            # a savepoint stands for the request's transaction, rolled back on the error
            with self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
                self.new_claim(**values)
        self.assertFalse(
            self.env["insurance.claim"].search([("company_id", "=", self.company.id)]), "nothing half-saved"
        )

    def test_limitation_warning(self):
        self.policy.write({"date_start": D(2020, 1, 1)})
        # non-life: 2 years from the day the insured knew of the loss (local day)
        claim = self.new_claim(loss_at=DT(2023, 3, 1, 2), reported_at=DT(2026, 6, 1))
        self.assertIn("limitation period ended on 2025-03-01", claim.limitation_warning)
        self.assertEqual(claim.limitation_end_date, D(2025, 3, 1))
        self.assertFalse(self.new_claim().limitation_warning)
        # known later: the period runs from then
        known = self.new_claim(loss_at=DT(2023, 3, 1, 2), reported_at=DT(2026, 6, 1), loss_known_date=D(2024, 8, 1))
        self.assertFalse(known.limitation_warning)
        self.assertEqual(known.limitation_end_date, D(2026, 8, 1))
        # accident and health is not life insurance: 2 years too
        self.policy.product_line = "accident_health"
        claim.invalidate_recordset(["limitation_warning"])
        self.assertIn("2 years", claim.limitation_warning)
        # life insurance: 5 years, reported within them, then after them
        self.policy.product_line = "life"
        life = self.new_claim(loss_at=DT(2021, 7, 1, 2), reported_at=DT(2026, 6, 1))
        self.assertFalse(life.limitation_warning)
        self.assertEqual(life.limitation_end_date, D(2026, 7, 1))
        late_life = self.new_claim(loss_at=DT(2021, 5, 1, 2), reported_at=DT(2026, 6, 1))
        self.assertIn("ended on 2026-05-01 (5 years for life", late_life.limitation_warning)
        # the years are company settings
        self.company.claim_limitation_life_years = 10
        late_life.invalidate_recordset(["limitation_warning"])
        self.assertFalse(late_life.limitation_warning)

    def test_full_path_with_director_return(self):
        claim = self.new_claim(surveyor_id=self.surveyors[0].id, handler_id=self.handler.id)
        self.assertEqual(claim.state, "dispatched", "a claim with its surveyor is dispatched at intake")
        claim.action_next_stage()  # surveyed
        claim.action_next_stage()  # documents
        claim.action_next_stage()  # assessment
        with self.assertRaisesRegex(UserError, "Record the decision"):
            claim.action_next_stage()
        claim.decision = "approve"
        claim.action_next_stage()  # decision
        claim.action_next_stage()  # review
        with self.assertRaisesRegex(UserError, "Only a claims director"):
            claim.with_user(self.handler_user).action_director_approve()
        director_claim = claim.with_user(self.director_user)
        with self.assertRaisesRegex(UserError, "reasons for returning"):
            director_claim.action_director_return()
        director_claim.review_note = "Repair quote missing for the guard rail"
        director_claim.action_director_return()
        self.assertEqual(claim.state, "assessment")
        claim.action_next_stage()
        claim.action_next_stage()
        director_claim.action_director_approve()
        self.assertEqual(claim.state, "approved")
        claim.action_claimant_agrees()
        claim.action_close()
        self.assertEqual(claim.state, "closed")
        path = claim.stage_log_ids.sorted("id").mapped("state_to")
        self.assertEqual(
            path,
            [
                "reported",
                "dispatched",
                "surveyed",
                "documents",
                "assessment",
                "decision",
                "review",
                "assessment",
                "decision",
                "review",
                "approved",
                "agreed",
                "closed",
            ],
        )
        self.assertEqual(
            claim.stage_log_ids.filtered(lambda log: log.note == "Repair quote missing for the guard rail").state_to,
            "assessment",
        )

    def test_rejection_needs_a_coded_reason_and_ends_rejected(self):
        claim = self.new_claim(surveyor_id=self.surveyors[0].id, state="assessment")
        claim.decision = "reject"
        with self.assertRaisesRegex(UserError, "coded reason"):
            claim.action_next_stage()
        claim.rejection_code = "exclusion"
        claim.action_next_stage()
        claim.action_next_stage()
        claim.with_user(self.director_user).action_director_approve()
        self.assertEqual(claim.state, "rejected")
        claim.with_user(self.director_user).action_reopen()
        self.assertEqual((claim.state, claim.reopen_count), ("assessment", 1))

    def test_wrong_transitions_are_refused(self):
        claim = self.new_claim()
        with self.assertRaisesRegex(UserError, "cannot go to"):
            claim.action_claimant_agrees()
        claim.action_withdraw()
        with self.assertRaises(UserError):
            claim.action_withdraw()

    def test_major_case_notifies_directors(self):
        claim = self.new_claim(is_major=True)
        activity = claim.activity_ids.filtered(lambda a: a.user_id == self.director_user)
        self.assertTrue(activity, "the director has an activity at once")
        plain = self.new_claim()
        self.assertFalse(plain.activity_ids)
        plain.is_major = True
        self.assertTrue(plain.activity_ids.filtered(lambda a: a.user_id == self.director_user))

    def test_access_own_team_and_auditor(self):
        mine = self.new_claim(handler_id=self.handler.id)
        other = self.new_claim()
        Claim = self.env["insurance.claim"]
        visible = Claim.with_user(self.handler_user).search([("id", "in", (mine | other).ids)])
        self.assertEqual(visible, mine)
        self.assertEqual(Claim.with_user(self.director_user).search_count([("id", "in", (mine | other).ids)]), 2)
        self.assertEqual(Claim.with_user(self.auditor_user).search_count([("id", "in", (mine | other).ids)]), 2)
        with self.assertRaises(AccessError):
            mine.with_user(self.auditor_user).cause = "changed"
        foreign = self.env["res.company"].create({"name": "Other insurer"})
        foreign_holder = self.holder.copy({"company_id": foreign.id})
        foreign_policy = self.policy.copy(
            {"name": "FOREIGN-1", "company_id": foreign.id, "policyholder_id": foreign_holder.id, "state": "active"}
        )
        foreign_claim = self.new_claim(
            company_id=foreign.id,
            policy_id=foreign_policy.id,
            claimant_id=foreign_holder.id,
            coverage_id=False,
            insured_id=False,
            claim_type_id=self.claim_type.copy({"company_id": foreign.id, "code": "HWP2"}).id,
        )
        self.assertFalse(Claim.with_user(self.director_user).search([("id", "=", foreign_claim.id)]))


@tagged("post_install", "-at_install")
class TestClaimDispatch(ClaimsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.day24 = cls.env["duty.shift.template"].create({"name": "24 h", "start_time": 8, "duration": 24})
        cls.leader_post = cls.env["duty.post"].create(
            {"name": "Duty leader", "company_id": cls.company.id, "employee_ids": [(6, 0, cls.surveyors[2].ids)]}
        )
        cls.post = cls.env["duty.post"].create(
            {
                "name": "Surveyors Liuyang",
                "company_id": cls.company.id,
                "claim_region": "Liuyang",
                "headcount_backup": 1,
                "ack_timeout_minutes": 20,
                "leader_post_id": cls.leader_post.id,
                "employee_ids": [(6, 0, cls.surveyors.ids)],
            }
        )
        Shift = cls.env["duty.shift"]
        Shift.create(
            [
                {
                    "post_id": cls.post.id,
                    "tier": "primary",
                    "employee_id": cls.surveyors[0].id,
                    "start": DT(2026, 6, 18, 0),
                    "end": DT(2026, 6, 19, 0),
                    "is_published": True,
                },
                {
                    "post_id": cls.post.id,
                    "tier": "backup",
                    "employee_id": cls.surveyors[1].id,
                    "start": DT(2026, 6, 18, 0),
                    "end": DT(2026, 6, 19, 0),
                    "is_published": True,
                },
                {
                    "post_id": cls.leader_post.id,
                    "tier": "primary",
                    "employee_id": cls.surveyors[2].id,
                    "start": DT(2026, 6, 18, 0),
                    "end": DT(2026, 6, 19, 0),
                    "is_published": True,
                },
            ]
        )

    @freeze_time("2026-06-18 02:00:00")
    def test_dispatch_to_on_duty_surveyor_and_escalate(self):
        claim = self.new_claim()
        self.assertEqual(claim.state, "dispatched", "dispatched at intake, without a click")
        self.assertFalse(claim.is_unassigned)
        with self.assertRaisesRegex(UserError, "Only reported claims"):
            claim.action_dispatch()
        self.assertEqual((claim.surveyor_id, claim.dispatch_tier), (self.surveyors[0], "primary"))
        self.assertEqual(claim.ack_deadline, DT(2026, 6, 18, 2, 20))
        self.assertTrue(claim.activity_ids.filtered(lambda a: a.user_id == self.surveyor_users[0]))
        Claim = self.env["insurance.claim"]
        Claim._cron_escalate_dispatch()
        self.assertEqual(claim.surveyor_id, self.surveyors[0], "not late yet")
        with freeze_time("2026-06-18 02:21:00"):
            Claim._cron_escalate_dispatch()
            self.assertEqual((claim.surveyor_id, claim.dispatch_tier), (self.surveyors[1], "backup"))
            Claim._cron_escalate_dispatch()
            self.assertEqual(claim.surveyor_id, self.surveyors[1], "running the cron twice escalates once")
        with freeze_time("2026-06-18 02:42:00"):
            Claim._cron_escalate_dispatch()
            self.assertEqual((claim.surveyor_id, claim.dispatch_tier), (self.surveyors[2], "leader"))
            claim.with_user(self.surveyor_users[2]).action_acknowledge()
        self.assertTrue(claim.acknowledged_at)
        with freeze_time("2026-06-18 05:00:00"):
            Claim._cron_escalate_dispatch()
        self.assertEqual(claim.surveyor_id, self.surveyors[2], "acknowledged claims stay")

    @freeze_time("2026-06-18 02:00:00")
    def test_only_the_surveyor_acknowledges(self):
        claim = self.new_claim()
        with self.assertRaisesRegex(UserError, "Only the dispatched surveyor"):
            claim.with_user(self.surveyor_users[1]).action_acknowledge()

    @freeze_time("2026-06-20 02:00:00")
    def test_nobody_on_duty_says_so(self):
        claim = self.new_claim()
        self.assertEqual(claim.state, "reported")
        self.assertTrue(claim.is_unassigned)
        self.assertFalse(claim.surveyor_id)
        Claim = self.env["insurance.claim"]
        self.assertIn(claim, Claim.search([("is_unassigned", "=", True)]), "listed as unassigned")
        told = claim.message_ids.filtered(lambda message: "unassigned" in str(message.body))
        self.assertIn(self.director_user.partner_id, told.partner_ids, "the directors are told")
        with self.assertRaisesRegex(UserError, "Nobody is on duty"):
            claim.action_dispatch()
        self.assertEqual(claim.state, "reported")
        # someone comes on duty: the escalation cron gives them the waiting claim
        self.env["duty.shift"].create(
            {
                "post_id": self.post.id,
                "tier": "backup",
                "employee_id": self.surveyors[1].id,
                "start": DT(2026, 6, 20, 0),
                "end": DT(2026, 6, 21, 0),
                "is_published": True,
            }
        )
        Claim._cron_escalate_dispatch()
        self.assertEqual(
            (claim.state, claim.surveyor_id, claim.dispatch_tier), ("dispatched", self.surveyors[1], "backup")
        )
        self.assertFalse(claim.is_unassigned)

    @freeze_time("2026-06-20 02:00:00")
    def test_nobody_on_duty_is_said_by_the_system_for_a_handler_without_email(self):
        self.handler_user.partner_id.email = False
        Claim = self.env["insurance.claim"].with_user(self.handler_user)
        claim = Claim.create(
            {
                "company_id": self.company.id,
                "claim_type_id": self.claim_type.id,
                "policy_id": self.policy.id,
                "coverage_id": self.policy.coverage_ids[:1].id,
                "insured_id": self.bridge.id,
                "claimant_id": self.holder.id,
                "reported_at": DT(2026, 6, 20, 1, 0),
                "loss_at": DT(2026, 6, 20, 0, 30),
                "estimated_loss": 80000,
            }
        )
        self.assertTrue(claim.is_unassigned)
        told = claim.sudo().message_ids.filtered(lambda message: "unassigned" in str(message.body))
        self.assertEqual(told.author_id, self.env.ref("base.partner_root"), "the system's notice")
        self.assertIn(self.director_user.partner_id, told.partner_ids)
        self.assertEqual(claim.create_uid, self.handler_user, "who registered the claim stays on record")

    @freeze_time("2026-06-21 02:00:00")
    def test_intake_goes_down_the_chain_when_the_primary_is_missing(self):
        self.env["duty.shift"].create(
            {
                "post_id": self.leader_post.id,
                "tier": "primary",
                "employee_id": self.surveyors[2].id,
                "start": DT(2026, 6, 21, 0),
                "end": DT(2026, 6, 22, 0),
                "is_published": True,
            }
        )
        claim = self.new_claim(reported_at=DT(2026, 6, 21, 1), loss_at=DT(2026, 6, 21, 0, 30))
        self.assertEqual(
            (claim.state, claim.surveyor_id, claim.dispatch_tier), ("dispatched", self.surveyors[2], "leader")
        )
        self.assertEqual(claim.ack_deadline, DT(2026, 6, 21, 2, 20))

    @freeze_time("2026-06-18 02:00:00")
    def test_handler_on_duty_is_assigned_and_both_are_notified(self):
        handler_post = self.env["duty.post"].create(
            {"name": "Handlers", "company_id": self.company.id, "employee_ids": [(6, 0, self.handler.ids)]}
        )
        self.env["duty.shift"].create(
            {
                "post_id": handler_post.id,
                "tier": "primary",
                "employee_id": self.handler.id,
                "start": DT(2026, 6, 18, 0),
                "end": DT(2026, 6, 19, 0),
                "is_published": True,
            }
        )
        self.claim_type.handler_post_id = handler_post
        claim = self.new_claim()
        self.assertEqual((claim.surveyor_id, claim.handler_id), (self.surveyors[0], self.handler))
        self.assertEqual(claim.ack_deadline, DT(2026, 6, 18, 2, 20), "the acknowledgement timeout runs")
        self.assertEqual(
            set(claim.activity_ids.mapped("user_id")), {self.surveyor_users[0], self.handler_user}, "both notified"
        )
        self.assertEqual(claim.stage_log_ids.sorted("id").mapped("state_to"), ["reported", "dispatched"])

    @freeze_time("2026-06-18 02:00:00")
    def test_import_dispatches_in_batch(self):
        Claim = self.env["insurance.claim"]
        row = [self.claim_type.id, self.policy.id, self.holder.id, "2026-06-18 01:00:00", "Liuyang", "import"]
        result = Claim.load(
            ["claim_type_id/.id", "policy_id/.id", "claimant_id/.id", "loss_at", "region", "channel"],
            [[str(value) for value in row]] * 3,
        )
        self.assertFalse(result["messages"], result["messages"])
        claims = Claim.browse(result["ids"])
        self.assertEqual(set(claims.mapped("state")), {"dispatched"})
        self.assertEqual(claims.surveyor_id, self.surveyors[0])

    @freeze_time("2026-06-18 02:00:00")
    def test_catastrophe_event_bulk_registers_and_dispatches(self):
        tunnel = self.env["insurance.policy.insured"].create(
            {"policy_id": self.policy.id, "kind": "object", "name": "Tunnel T3", "region": "Liuyang"}
        )
        event = self.env["insurance.claim.event"].create(
            {"name": "Rainstorm of 18 June", "company_id": self.company.id, "start_at": DT(2026, 6, 18, 1)}
        )
        wizard = self.env["insurance.claim.event.bulk"].create(
            {
                "event_id": event.id,
                "policy_id": self.policy.id,
                "claim_type_id": self.claim_type.id,
                "insured_ids": [(6, 0, (self.bridge | tunnel).ids)],
                "loss_at": DT(2026, 6, 18, 1),
            }
        )
        wizard.action_create_claims()
        self.assertEqual(event.claim_count, 2)
        self.assertEqual(set(event.claim_ids.mapped("state")), {"dispatched"})
        self.assertEqual(event.claim_ids.surveyor_id, self.surveyors[0])
