from decimal import Decimal

from odoo.tests import BaseCase, Form, tagged

from ..lib import benefit
from .common import ClaimsCase


@tagged("standard", "at_install")
class TestRemainingLimitLib(BaseCase):
    def test_remaining_limit(self):
        self.assertEqual(benefit.remaining_limit(100000, 70000), Decimal("30000.00"))
        self.assertEqual(benefit.remaining_limit("100000", "130000.50"), Decimal("0.00"), "never below zero")
        self.assertEqual(benefit.remaining_limit(100, Decimal("33.335")), Decimal("66.66"), "used rounded half-up")
        self.assertIsNone(benefit.remaining_limit(0, 5000), "a limit of 0 is no limit")
        with self.assertRaises(benefit.CalculationError):
            benefit.remaining_limit(-1, 0)


@tagged("post_install", "-at_install")
class TestClaimLimitLeft(ClaimsCase):
    """The limit left on the cover at intake: limit 100,000; approved claims count, claims in assessment do not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.write({"coverage_ids": [(0, 0, {"name": "Bridges", "limit_amount": 100000})]})
        cls.bridges = cls.policy.coverage_ids.filtered(lambda cover: cover.name == "Bridges")

    def claim_on_bridges(self, assessed=None, approve=False, **values):
        claim = self.new_claim(
            coverage_id=self.bridges.id, surveyor_id=self.surveyors[0].id, handler_id=self.handler.id, **values
        )
        if assessed is not None:
            self.assertEqual(claim.state, "dispatched", "dispatched at intake")
            for _stage in ("surveyed", "documents", "assessment"):
                claim.action_next_stage()
            self.env["insurance.claim.line"].create({"claim_id": claim.id, "name": "Deck", "assessed_loss": assessed})
        if approve:
            claim.decision = "approve"
            claim.action_next_stage()
            claim.action_next_stage()
            claim.with_user(self.director_user).action_director_approve()
        return claim

    def test_limit_left_and_warnings(self):
        approved = self.claim_on_bridges(assessed=70000, approve=True)
        self.assertEqual((approved.state, approved.assessed_amount), ("approved", 70000))
        pending = self.claim_on_bridges(assessed=20000)
        self.assertEqual(pending.state, "assessment")

        claim = self.claim_on_bridges(claimed_amount=25000)
        self.assertEqual(claim.cover_limit_amount, 100000)
        self.assertEqual(claim.limit_used_amount, 70000, "the approved claim counts, the one in assessment does not")
        self.assertEqual(claim.limit_left_amount, 30000)
        self.assertFalse(claim.limit_warning, "25,000 claimed fits in the 30,000 left")
        self.assertEqual(approved.limit_left_amount, 100000, "a claim does not count against itself")
        self.assertEqual(pending.limit_left_amount, 30000)

        claim.claimed_amount = 40000
        self.assertEqual(
            claim.limit_warning,
            "The amount claimed, 40,000.00, is above the limit left on cover Bridges: 30,000.00 "
            "(limit 100,000.00 less 70,000.00 on other claims).",
        )
        # without a claimed amount, the estimate is compared
        claim.claimed_amount = 0
        claim.estimated_loss = 30000.01
        self.assertIn("30,000.01", claim.limit_warning)
        claim.estimated_loss = 30000
        self.assertFalse(claim.limit_warning)

        # another approval uses up the limit (its 45,000 capped at the 30,000 left)
        third = self.claim_on_bridges(assessed=45000, approve=True)
        self.assertEqual(third.assessed_amount, 30000)
        claim.invalidate_recordset(["limit_used_amount", "limit_left_amount", "limit_warning"])
        self.assertEqual(claim.limit_used_amount, 100000)
        self.assertEqual(claim.limit_left_amount, 0)
        self.assertEqual(
            claim.limit_warning,
            "The limit of cover Bridges is used up: limit 100,000.00, already 100,000.00 on other claims.",
        )

    def test_no_limit_no_warning(self):
        self.bridges.limit_amount = 0
        claim = self.claim_on_bridges(claimed_amount=10**6)
        self.assertEqual(claim.limit_left_amount, 0)
        self.assertFalse(claim.limit_warning)

    def test_shown_at_intake_in_the_form(self):
        self.claim_on_bridges(assessed=70000, approve=True)
        form = Form(self.env["insurance.claim"])
        form.claim_type_id = self.claim_type
        form.policy_id = self.policy
        form.claimant_id = self.holder
        form.coverage_id = self.bridges
        form.claimed_amount = 50000
        self.assertFalse(form.limit_warning, "no insured and loss date yet")
        form.insured_id = self.bridge
        form.loss_at = "2026-06-18 01:00:00"
        form.reported_at = "2026-06-18 02:00:00"
        self.assertEqual(form.limit_left_amount, 30000)
        self.assertIn("above the limit left on cover Bridges: 30,000.00", form.limit_warning)
        form.claimed_amount = 30000
        self.assertFalse(form.limit_warning)
        claim = form.save()
        self.assertEqual(claim.limit_left_amount, 30000)
