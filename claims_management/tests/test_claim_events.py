"""The 72-hour clause: one deductible and one set of waiting days per event and cover."""

import datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import DT, ClaimsCase
from .test_policy import valid_id

T0 = DT(2026, 6, 18, 1, 0)  # 09:00 in Beijing


def after(hours, minutes=0):
    return T0 + datetime.timedelta(hours=hours, minutes=minutes)


@tagged("post_install", "-at_install")
class TestClaimEvents(ClaimsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.property_cover = cls.policy.coverage_ids[:1]  # deductible 5,000, window 72 hours by default
        cls.nursing_cover = cls.env["insurance.policy.coverage"].create(
            {"policy_id": cls.policy.id, "name": "Nursing subsidy", "per_diem_amount": 100, "waiting_days": 3}
        )
        Insured = cls.env["insurance.policy.insured"]
        cls.wang = Insured.create({"policy_id": cls.policy.id, "name": "Wang Fang", "id_number": valid_id()})
        cls.li = Insured.create(
            {"policy_id": cls.policy.id, "name": "Li Lei", "id_number": valid_id(birth="19600101", sequence="013")}
        )
        cls.nursing_type = cls.env["insurance.claim.type"].create(
            {"name": "Nursing subsidy", "code": "NRS", "company_id": cls.company.id, "calculation_method": "per_diem"}
        )

    def assessed_claim(self, hours=0, **values):
        """A claim whose loss is ``hours`` after T0, reported an hour later, taken to assessment."""
        claim = self.new_claim(
            surveyor_id=self.surveyors[0].id,
            handler_id=self.handler.id,
            loss_at=after(hours),
            reported_at=after(hours + 1),
            **values,
        )
        self.assertEqual(claim.state, "dispatched", "a surveyor named at intake dispatches the claim")
        for _stage in ("surveyed", "documents", "assessment"):
            claim.action_next_stage()
        return claim

    def approve(self, claim):
        claim.decision = "approve"
        claim.action_next_stage()  # decision
        claim.action_next_stage()  # director review
        claim.with_user(self.director_user).action_director_approve()
        self.assertEqual(claim.state, "approved")

    def add_line(self, claim, **vals):
        return self.env["insurance.claim.line"].create(dict(vals, claim_id=claim.id))

    def test_default_window_is_the_72_hour_clause(self):
        self.assertEqual(self.property_cover.event_window_hours, 72)

    def test_claims_60_hours_apart_share_one_deductible_80_hours_take_two(self):
        first = self.assessed_claim(0)
        guard_rail = self.add_line(first, name="Guard rail", assessed_loss=80000)
        self.assertEqual((guard_rail.amount, guard_rail.deductible_taken), (75000, 5000))
        self.approve(first)

        second = self.assessed_claim(60)
        deck = self.add_line(second, name="Bridge deck", assessed_loss=12000)
        self.assertEqual(deck.event_ref, first.name, "the event is named after its first claim")
        self.assertEqual((deck.amount, deck.deductible_taken), (12000, 0))
        self.assertIn(f"[{first.name}: Guard rail]", deck.formula, "the line says where the deductible was taken")
        self.assertIn(f"already taken on {first.name}: Guard rail", deck.explanation)

        third = self.assessed_claim(80)
        sign = self.add_line(third, name="Sign gantry", assessed_loss=12000)
        self.assertEqual(sign.event_ref, third.name, "80 hours after the first loss: a new event")
        self.assertEqual((sign.amount, sign.deductible_taken), (7000, 5000))
        self.assertEqual(
            sign.formula, "(12,000.00 − 5,000.00) × 100% = 7,000.00; min(7,000.00, 5,000,000.00 − 75,000.00) = 7,000.00"
        )

        # the window is the cover's: with 100 hours the third loss joins the first event
        self.property_cover.event_window_hours = 100
        self.assertEqual((sign.event_ref, sign.amount), (first.name, 12000))

    def test_window_boundary_both_ends(self):
        first = self.assessed_claim(0)
        self.add_line(first, name="Guard rail", assessed_loss=80000)
        self.approve(first)
        at_72 = self.add_line(self.assessed_claim(72), assessed_loss=12000)
        past_72 = self.add_line(self.assessed_claim(72.5), assessed_loss=12000)
        self.assertEqual((at_72.event_ref, at_72.amount), (first.name, 12000))
        self.assertNotEqual(past_72.event_ref, first.name)
        self.assertEqual(past_72.amount, 7000)

    def test_open_claim_of_the_event_follows_the_approval(self):
        first = self.assessed_claim(0)
        self.add_line(first, name="Guard rail", assessed_loss=80000)
        second = self.assessed_claim(30)
        deck = self.add_line(second, name="Bridge deck", assessed_loss=12000)
        # neither is decided yet: each takes the deductible until the other counts
        self.assertEqual(deck.amount, 7000)
        self.approve(first)
        self.assertEqual((deck.amount, deck.deductible_taken), (12000, 0))
        # a rejected or withdrawn claim is no part of an event
        other = self.assessed_claim(31)
        post = self.add_line(other, assessed_loss=1000)
        self.assertEqual(post.amount, 1000)
        second.action_withdraw()
        self.assertEqual(post.event_ref, first.name)

    def test_waiting_days_once_per_event_and_insured(self):
        first = self.assessed_claim(0, claim_type_id=self.nursing_type.id, insured_id=self.wang.id)
        stay = self.add_line(first, coverage_id=self.nursing_cover.id, days=12)
        self.assertEqual((stay.amount, stay.waiting_taken), (900, 3))
        self.approve(first)
        # Wang again within the window: no second waiting period
        again = self.assessed_claim(48, claim_type_id=self.nursing_type.id, insured_id=self.wang.id)
        second_stay = self.add_line(again, coverage_id=self.nursing_cover.id, days=5)
        self.assertEqual((second_stay.amount, second_stay.waiting_taken), (500, 0))
        self.assertIn(f"[{first.name}:", second_stay.formula)
        # another insured person of the same event waits their own days
        li = self.assessed_claim(48, claim_type_id=self.nursing_type.id, insured_id=self.li.id)
        li_stay = self.add_line(li, coverage_id=self.nursing_cover.id, days=5)
        self.assertEqual((li_stay.amount, li_stay.waiting_taken), (200, 3))

    def test_bad_cover_terms(self):
        cover = self.property_cover.with_user(self.director_user)
        for hours in (0, -5):
            with self.subTest(hours=hours), self.assertRaises(ValidationError) as caught:
                cover.event_window_hours = hours
            self.assertIn("the event window must be more than 0 hours", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            cover.deductible_percent = 150
        self.assertIn("the deductible cannot be more than 100% of the loss (150.0% given)", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.env["insurance.policy.coverage"].with_user(self.director_user).create(
                {"policy_id": self.policy.id, "name": "No window", "event_window_hours": 0}
            )
        self.assertIn("more than 0 hours", str(caught.exception))
        self.property_cover.invalidate_recordset()
        self.assertEqual((self.property_cover.event_window_hours, self.property_cover.deductible_percent), (72, 0))
        with self.assertRaises(AccessError):
            self.property_cover.with_user(self.handler_user).event_window_hours = 1

    def test_approval_refused_when_the_event_deductible_was_taken_meanwhile(self):
        first = self.assessed_claim(0)
        self.add_line(first, name="Guard rail", assessed_loss=80000)
        second = self.assessed_claim(30)
        deck = self.add_line(second, name="Bridge deck", assessed_loss=12000)
        for claim in (first, second):
            claim.decision = "approve"
            claim.action_next_stage()  # decision
            claim.action_next_stage()  # director review
        self.assertEqual(deck.amount, 7000, "kept while in review")
        first.with_user(self.director_user).action_director_approve()
        with self.assertRaises(ValidationError) as caught:
            second.with_user(self.director_user).action_director_approve()
        self.assertIn(f"already taken on {first.name}: Guard rail", str(caught.exception))
        self.assertEqual(second.state, "review")
        # returned and decided again, it takes no second deductible and is approved
        second.with_user(self.director_user).review_note = "The deductible of the event was taken on the first claim"
        second.with_user(self.director_user).action_director_return()
        self.assertEqual((second.state, deck.amount, deck.deductible_taken), ("assessment", 12000, 0))
        second.action_next_stage()  # decision
        second.action_next_stage()  # director review
        second.with_user(self.director_user).action_director_approve()
        self.assertEqual(second.state, "approved")
