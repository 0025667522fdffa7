"""Fast track (小案快赔): guideline thresholds per claim type, complexity fixed at registration."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_claim_documents import ClaimDocumentsCase


@tagged("post_install", "-at_install")
class TestFastTrack(ClaimDocumentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ClaimType = cls.env["insurance.claim.type"]
        cls.motor_type = ClaimType.create(
            {
                "name": "Motor, own damage",
                "code": "MOD",
                "company_id": cls.company.id,
                "fast_track_kind": "motor_property",
            }
        )
        cls.medical_type = ClaimType.create(
            {"name": "Medical", "code": "MED", "company_id": cls.company.id, "fast_track_kind": "personal_medical"}
        )

    def receive_all(self, claim):
        claim.document_ids.filtered("required").action_receive()

    def test_guideline_thresholds(self):
        self.assertEqual(self.motor_type.fast_track_threshold, 5000)
        self.assertEqual(self.medical_type.fast_track_threshold, 3000)
        # a threshold typed by the director stays when no guideline kind is chosen
        self.assertEqual(self.claim_type.fast_track_threshold, 5000)
        self.claim_type.fast_track_kind = "personal_medical"
        self.assertEqual(self.claim_type.fast_track_threshold, 3000)
        # both ends of each threshold
        for claim_type, small, large in ((self.motor_type, 5000, 5000.01), (self.medical_type, 3000, 3000.01)):
            with self.subTest(claim_type=claim_type.code):
                self.assertEqual(self.new_claim(claim_type_id=claim_type.id, estimated_loss=small).complexity, "simple")
                self.assertEqual(
                    self.new_claim(claim_type_id=claim_type.id, estimated_loss=large).complexity, "complex"
                )

    def test_simple_claim_runs_on_five_working_days_and_stays_simple(self):
        claim = self.new_claim(estimated_loss=3000, surveyor_id=self.surveyors[0].id, handler_id=self.handler.id)
        self.assertEqual(claim.complexity, "simple")
        # a later, larger estimate does not silently re-derive the complexity
        claim.with_user(self.handler_user).estimated_loss = 80000
        self.assertEqual(claim.complexity, "simple")
        with freeze_time("2026-06-22 02:00:00"):  # Monday 22 June
            self.receive_all(claim)
        decision = claim._clock_last("claim_decision")
        self.assertEqual((decision.length, decision.unit), (5, "working_days"))
        self.assertEqual(claim.decision_due_date.isoformat(), "2026-06-29")

        # the handler changes it, with a reason: the running clock takes the 30 days
        with freeze_time("2026-06-23 02:00:00"):
            claim.with_user(self.handler_user)._change_complexity("complex", "The survey found structural damage")
        self.assertEqual((claim.complexity, claim.complexity_reason), ("complex", "The survey found structural damage"))
        decision = claim._clock_last("claim_decision")
        self.assertEqual((decision.length, decision.unit), (30, "calendar_days"))
        self.assertEqual(claim.decision_due_date.isoformat(), "2026-07-22")
        note = claim.message_ids.filtered(lambda message: "Complexity changed" in (message.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("from Simple to Complex by the handler: The survey found structural damage", note.body)
        self.assertEqual(note.author_id, self.handler_user.partner_id)

    def test_only_the_handler_changes_it_with_a_reason(self):
        claim = self.new_claim(estimated_loss=80000, handler_id=self.handler.id)
        self.assertEqual(claim.complexity, "complex")
        for user in (self.director_user, self.surveyor_users[0]):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                claim.with_user(user)._change_complexity("simple", "small after all")
        with self.assertRaises(UserError):
            claim.with_user(self.handler_user)._change_complexity("simple", "   ")
        with self.assertRaises(UserError):
            claim.with_user(self.handler_user)._change_complexity("complex", "same")
        # no direct write, no choice at creation: the field is the work flow's
        for user in (self.handler_user, self.director_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                claim.with_user(user).write({"complexity": "simple"})
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                claim.with_user(user).write({"complexity_reason": "forged"})
        with self.assertRaises(AccessError):
            self.new_claim(estimated_loss=80000).with_user(self.handler_user).copy({"complexity": "simple"})
        self.assertEqual((claim.complexity, claim.complexity_reason), ("complex", False))
        # through the wizard, as the handler
        wizard = (
            self.env["insurance.claim.complexity"]
            .with_user(self.handler_user)
            .create({"claim_id": claim.id, "complexity": "simple", "reason": "Only a scratched sign"})
        )
        wizard.action_apply()
        self.assertEqual((claim.complexity, claim.complexity_reason), ("simple", "Only a scratched sign"))

    def test_no_change_after_the_decision(self):
        claim = self.new_claim(estimated_loss=80000, handler_id=self.handler.id, surveyor_id=self.surveyors[0].id)
        claim.action_withdraw()
        with self.assertRaises(UserError):
            claim.with_user(self.handler_user)._change_complexity("simple", "too late")
