from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import DT, ClaimsCase
from .test_policy import valid_id


@tagged("post_install", "-at_install")
class TestClaimCalculation(ClaimsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Coverage = cls.env["insurance.policy.coverage"]
        cls.property_cover = cls.policy.coverage_ids[:1]  # limit 5,000,000, deductible 5,000
        cls.debris_cover = Coverage.create(
            {
                "policy_id": cls.policy.id,
                "name": "Debris removal",
                "coverage_type": "addon",
                "limit_amount": 100000,
                "deductible_percent": 10,
                "deductible_amount": 2000,
                "coinsurance_percent": 80,
            }
        )
        cls.nursing_cover = Coverage.create(
            {
                "policy_id": cls.policy.id,
                "name": "Nursing subsidy",
                "per_diem_amount": 100,
                "waiting_days": 3,
                "max_days_per_year": 30,
            }
        )
        cls.herd_cover = Coverage.create({"policy_id": cls.policy.id, "name": "Pigs", "limit_amount": 12000})
        Insured = cls.env["insurance.policy.insured"]
        cls.wang = Insured.create({"policy_id": cls.policy.id, "name": "Wang Fang", "id_number": valid_id()})
        cls.li = Insured.create(
            {"policy_id": cls.policy.id, "name": "Li Lei", "id_number": valid_id(birth="19600101", sequence="013")}
        )
        ClaimType = cls.env["insurance.claim.type"]
        cls.nursing_type = ClaimType.create(
            {"name": "Nursing subsidy", "code": "NRS", "company_id": cls.company.id, "calculation_method": "per_diem"}
        )
        cls.herd_type = ClaimType.create(
            {"name": "Livestock", "code": "LVS", "company_id": cls.company.id, "calculation_method": "per_head"}
        )

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def assessed_claim(self, **values):
        """A claim dispatched to Surveyor Su and Handler Hu, taken to assessment."""
        claim = self.new_claim(surveyor_id=self.surveyors[0].id, handler_id=self.handler.id, **values)
        self.assertEqual(claim.state, "dispatched", "dispatched at intake")
        for _stage in ("surveyed", "documents", "assessment"):
            claim.action_next_stage()
        self.assertEqual(claim.state, "assessment")
        return claim

    def approve(self, claim):
        claim.decision = "approve"
        claim.action_next_stage()  # decision
        claim.action_next_stage()  # director review
        claim.with_user(self.director_user).action_director_approve()
        self.assertEqual(claim.state, "approved")

    def add_lines(self, claim, *vals_list):
        return self.env["insurance.claim.line"].create([dict(vals, claim_id=claim.id) for vals in vals_list])

    # ------------------------------------------------------------------
    # the four methods on a claim
    # ------------------------------------------------------------------
    def test_indemnity(self):
        claim = self.assessed_claim()
        guard_rail, bridge_deck = self.add_lines(
            claim,
            {"name": "Guard rail", "assessed_loss": 80000},
            {"name": "Bridge deck", "is_repairable": True, "repair_cost": 12000, "assessed_loss": 99999},
        )
        # the claim's cover and the claim type's method are the defaults
        self.assertEqual((guard_rail.coverage_id, guard_rail.method), (self.property_cover, "indemnity"))
        # one deductible per event and cover: 80,000 − 5,000 = 75,000; the repair cost of 12,000 takes none
        # (the deductible was taken on the guard rail), within the 4,925,000 left: 87,000
        self.assertEqual(guard_rail.amount, 75000)
        self.assertEqual(
            guard_rail.formula, "(80,000.00 − 5,000.00) × 100% = 75,000.00; min(75,000.00, 5,000,000.00) = 75,000.00"
        )
        self.assertEqual((guard_rail.deductible_taken, guard_rail.event_ref), (5000, claim.name))
        self.assertEqual(bridge_deck.amount, 12000)
        self.assertEqual(
            bridge_deck.formula,
            f"5,000.00 − 5,000.00 [{claim.name}: Guard rail] = 0.00; (12,000.00 − 0.00) × 100% = 12,000.00; "
            "min(12,000.00, 5,000,000.00 − 75,000.00) = 12,000.00",
        )
        self.assertEqual(bridge_deck.deductible_taken, 0)
        self.assertIn("Repairable damage: the repair cost of", bridge_deck.explanation)
        self.assertIn(f"already taken on {claim.name}: Guard rail", bridge_deck.explanation)
        self.assertEqual(claim.assessed_amount, 87000)

        # debris removal: deductible max(2,000, 10% × 30,000 = 3,000) = 3,000; (27,000) × 80% = 21,600
        debris = self.add_lines(claim, {"coverage_id": self.debris_cover.id, "assessed_loss": 30000})
        self.assertEqual(debris.amount, 21600)
        self.assertEqual(
            debris.formula,
            "max(2,000.00, 30,000.00 × 10%) = 3,000.00; (30,000.00 − 3,000.00) × 80% = 21,600.00; "
            "min(21,600.00, 100,000.00) = 21,600.00",
        )
        self.assertIn("the higher of", debris.explanation)
        self.assertIn("× 80% =", debris.explanation)
        self.assertEqual(claim.assessed_amount, 108600)

        # a deductible above the loss leaves nothing; the 1,000 it could not absorb is taken on the next line
        guard_rail.assessed_loss = 4000
        self.assertEqual(guard_rail.amount, 0)
        self.assertEqual(guard_rail.deductible_taken, 4000)
        self.assertIn("exceeds the loss", guard_rail.explanation)
        self.assertEqual(bridge_deck.amount, 11000)
        self.assertIn("5,000.00 − 4,000.00", bridge_deck.formula)
        self.assertEqual(claim.assessed_amount, 0 + 11000 + 21600)

    def test_per_diem(self):
        claim = self.assessed_claim(claim_type_id=self.nursing_type.id, insured_id=self.wang.id)
        stay = self.add_lines(claim, {"coverage_id": self.nursing_cover.id, "days": 12})
        self.assertEqual((stay.method, stay.daily_amount), ("per_diem", 100), "from the type and the cover")
        # 12 − 3 waiting = 9 days × 100
        self.assertEqual((stay.amount, stay.eligible_days), (900, 9))
        self.assertEqual(stay.formula, "12 − 3 = 9; min(9, 30) = 9; 9 × 100.00 = 900.00")
        self.assertIn("Within the yearly maximum of 30 days", stay.explanation)
        # the waiting days run once per event: served on the first stay, none on the second
        short = self.add_lines(claim, {"coverage_id": self.nursing_cover.id, "days": 2, "daily_amount": 120})
        self.assertEqual((short.amount, short.eligible_days, short.waiting_taken), (240, 2, 0))
        self.assertEqual(stay.waiting_taken, 3)
        self.assertEqual(
            short.formula, f"3 − 3 [{claim.name}: {stay.sequence}] = 0; min(2, 30 − 9) = 2; 2 × 120.00 = 240.00"
        )
        self.assertIn("waiting days were already served on", short.explanation)
        # a claim alone in its event waits again: waiting days above the days pay nothing
        later = self.assessed_claim(
            claim_type_id=self.nursing_type.id,
            insured_id=self.wang.id,
            loss_at=DT(2026, 6, 28, 1, 0),
            reported_at=DT(2026, 6, 28, 2, 0),
        )
        alone = self.add_lines(later, {"coverage_id": self.nursing_cover.id, "days": 2})
        self.assertEqual((alone.amount, alone.eligible_days, alone.waiting_taken), (0, 0, 2))
        self.assertEqual(alone.formula, "max(2 − 3, 0) = 0; min(0, 30) = 0; 0 × 100.00 = 0.00")

    def test_per_head(self):
        claim = self.assessed_claim(claim_type_id=self.herd_type.id).with_user(self.handler_user)
        line = claim.env["insurance.claim.line"].create(
            {
                "claim_id": claim.id,
                "coverage_id": self.herd_cover.id,
                "name": "Swine fever, Baijia village",
                "head_ids": [
                    (0, 0, {"weight_class": "50-100 kg", "heads": 3, "amount_per_head": 1200}),
                    (0, 0, {"weight_class": "over 100 kg", "heads": 2, "amount_per_head": 2000}),
                ],
            }
        )
        self.assertEqual(line.method, "per_head")
        # 3 × 1,200 + 2 × 2,000 = 7,600 under the 12,000 limit
        self.assertEqual(line.amount, 7600)
        self.assertEqual(line.formula, "3 × 1,200.00 + 2 × 2,000.00 = 7,600.00; min(7,600.00, 12,000.00) = 7,600.00")
        self.assertIn("over 100 kg: 2 heads ×", line.explanation)
        # three more heavy pigs: 13,600 is capped at 12,000
        line.head_ids[1].heads = 5
        self.assertEqual(line.amount, 12000)
        self.assertIn("Capped at the remaining limit", line.explanation)
        self.assertEqual(claim.assessed_amount, 12000)

    def test_depreciated_value(self):
        claim = self.assessed_claim()
        laptop, van, cash = self.add_lines(
            claim,
            {
                "method": "depreciated",
                "name": "Laptop",
                "purchase_price": 6000,
                "accumulated_depreciation": 2400,
            },
            {
                "method": "depreciated",
                "name": "Patrol van",
                "depreciation_basis": "life",
                "original_value": 10000,
                "remaining_life": 2.5,
                "standard_life": 6,
            },
            {"method": "depreciated", "name": "Petty cash", "is_cash": True, "assessed_loss": 1234.5},
        )
        self.assertEqual(laptop.amount, 3600)
        self.assertTrue(laptop.formula.startswith("6,000.00 − 2,400.00 = 3,600.00"), laptop.formula)
        # 10,000 × 2.5 ÷ 6 = 4,166.666… → 4,166.67
        self.assertEqual(van.amount, 4166.67)
        self.assertTrue(van.formula.startswith("10,000.00 × 2.5 ÷ 6 = 4,166.67"), van.formula)
        self.assertEqual(cash.amount, 1234.5)
        self.assertIn("actual loss", cash.explanation)
        laptop.accumulated_depreciation = 7000
        self.assertEqual(laptop.amount, 0, "never negative")
        self.assertEqual(claim.assessed_amount, 0 + 4166.67 + 1234.5)

    # ------------------------------------------------------------------
    # limits and maxima across claims
    # ------------------------------------------------------------------
    def test_remaining_limit_across_claims(self):
        cover = self.env["insurance.policy.coverage"].create(
            {"policy_id": self.policy.id, "name": "Third-party liability", "limit_amount": 100000}
        )
        first = self.assessed_claim(coverage_id=cover.id)
        self.add_lines(first, {"assessed_loss": 80000})
        second = self.assessed_claim(coverage_id=cover.id, loss_at=DT(2026, 7, 2), reported_at=DT(2026, 7, 2, 8))
        big, small = self.add_lines(second, {"assessed_loss": 50000}, {"assessed_loss": 10000})
        self.assertEqual((big.amount, small.amount), (50000, 10000), "the first claim is not approved yet")
        self.assertEqual(second.assessed_amount, 60000)

        self.approve(first)
        # 100,000 − 80,000 approved on the first claim = 20,000 left, used up by the first line
        self.assertEqual((big.amount, small.amount), (20000, 0))
        self.assertEqual(
            big.formula, "(50,000.00 − 0.00) × 100% = 50,000.00; min(50,000.00, 100,000.00 − 80,000.00) = 20,000.00"
        )
        self.assertEqual(
            small.formula,
            "(10,000.00 − 0.00) × 100% = 10,000.00; min(10,000.00, 100,000.00 − 100,000.00) = 0.00",
        )
        self.assertIn("Capped at the remaining limit", big.explanation)
        self.assertEqual(second.assessed_amount, 20000)
        self.assertEqual(first.assessed_amount, 80000, "the approved claim keeps its amount")

        # a third claim on another cover is not affected
        third = self.assessed_claim()
        self.assertEqual(self.add_lines(third, {"assessed_loss": 50000}).amount, 45000)

    def test_per_diem_yearly_maximum_across_claims(self):
        first = self.assessed_claim(claim_type_id=self.nursing_type.id, insured_id=self.wang.id)
        self.add_lines(first, {"coverage_id": self.nursing_cover.id, "days": 20})  # 17 days paid
        self.approve(first)
        first.action_claimant_agrees()

        second = self.assessed_claim(
            claim_type_id=self.nursing_type.id,
            insured_id=self.wang.id,
            loss_at=DT(2026, 9, 1),
            reported_at=DT(2026, 9, 2),
        )
        line = self.add_lines(second, {"coverage_id": self.nursing_cover.id, "days": 20})
        # 20 − 3 = 17 eligible, but only 30 − 17 = 13 days are left this policy year
        self.assertEqual((line.eligible_days, line.amount), (13, 1300))
        self.assertEqual(line.formula, "20 − 3 = 17; min(17, 30 − 17) = 13; 13 × 100.00 = 1,300.00")
        self.assertIn("13 days left, so 13 days are paid", line.explanation)
        again = self.add_lines(second, {"coverage_id": self.nursing_cover.id, "days": 5})
        self.assertEqual((again.eligible_days, again.amount), (0, 0), "the maximum is reached")

        # another insured person on the same cover has the whole year
        other = self.assessed_claim(claim_type_id=self.nursing_type.id, insured_id=self.li.id)
        other_line = self.add_lines(other, {"coverage_id": self.nursing_cover.id, "days": 20})
        self.assertEqual((other_line.eligible_days, other_line.amount), (17, 1700))

    # ------------------------------------------------------------------
    # bad input, state and access
    # ------------------------------------------------------------------
    def test_bad_input_is_refused(self):
        claim = self.assessed_claim()
        other_policy = self.policy.copy({"name": "PPR-TEST-2"})
        cases = [
            ("Assessed Loss cannot be negative", {"assessed_loss": -1}),
            ("Days: 400 is more than 366 days", {"method": "per_diem", "days": 400, "daily_amount": 10}),
            ("Days cannot be negative", {"method": "per_diem", "days": -2}),
            ("Daily Amount cannot be negative", {"method": "per_diem", "days": 2, "daily_amount": -10}),
            (
                "standard life must be more than zero",
                {"method": "depreciated", "depreciation_basis": "life", "original_value": 100},
            ),
            (
                r"remaining life \(9 years\) cannot exceed the standard life \(8 years\)",
                {"method": "depreciated", "depreciation_basis": "life", "remaining_life": 9, "standard_life": 8},
            ),
            (
                "more than 100 years is not plausible",
                {"method": "depreciated", "depreciation_basis": "life", "remaining_life": 150, "standard_life": 200},
            ),
            ("ten times the sum insured", {"assessed_loss": 10000000 * 11}),
            ("is not part of policy PPR-TEST-1", {"coverage_id": other_policy.coverage_ids[:1].id}),
        ]
        for message, values in cases:
            with self.subTest(message=message), self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
                self.add_lines(claim, values)
        with self.assertRaisesRegex(ValidationError, "Heads cannot be negative"), self.cr.savepoint():
            self.add_lines(
                claim,
                {
                    "method": "per_head",
                    "head_ids": [(0, 0, {"weight_class": "sheep", "heads": -3, "amount_per_head": 9})],
                },
            )
        with self.assertRaisesRegex(ValidationError, "percentages must be between 0 and 100"), self.cr.savepoint():
            self.debris_cover.coinsurance_percent = 120
        self.assertFalse(claim.line_ids, "nothing half-saved")

    def test_lines_only_change_during_assessment(self):
        reported = self.new_claim()
        with self.assertRaisesRegex(ValidationError, "only during assessment and decision"), self.cr.savepoint():
            self.add_lines(reported, {"assessed_loss": 1000})

        claim = self.assessed_claim()
        line = self.add_lines(claim, {"assessed_loss": 80000})
        self.approve(claim)
        claim.action_claimant_agrees()
        claim.action_close()
        self.assertEqual(claim.state, "closed")
        for action in (
            lambda: line.write({"assessed_loss": 90000}),
            lambda: self.add_lines(claim, {"assessed_loss": 1000}),
            line.unlink,
        ):
            with (
                self.assertRaisesRegex(ValidationError, r"is Closed: its assessment lines change only"),
                self.cr.savepoint(),
            ):
                action()
        # a later change of the cover's terms does not rewrite a decided amount
        self.property_cover.deductible_amount = 20000
        self.assertEqual((line.amount, claim.assessed_amount), (75000, 75000))
        self.assertIn("5,000.00", line.formula)

        # reopened by the director: back in assessment, calculated with today's terms
        claim.with_user(self.director_user).action_reopen()
        self.assertEqual(line.amount, 60000)
        line.assessed_loss = 90000
        self.assertEqual(claim.assessed_amount, 70000)

    def test_access(self):
        claim = self.assessed_claim()
        line = self.add_lines(claim, {"assessed_loss": 80000})
        # the auditor reads every line and changes none
        auditor_line = line.with_user(self.auditor_user)
        self.assertEqual(auditor_line.amount, 75000)
        with self.assertRaises(AccessError):
            auditor_line.write({"assessed_loss": 1})
        with self.assertRaises(AccessError):
            self.env["insurance.claim.line"].with_user(self.auditor_user).create(
                {"claim_id": claim.id, "assessed_loss": 1}
            )
        with self.assertRaises(AccessError):
            auditor_line.unlink()
        # the handler of the claim edits; a colleague outside the claim and its team sees nothing
        line.with_user(self.handler_user).assessed_loss = 85000
        self.assertEqual(line.amount, 80000)
        stranger = self.surveyor_users[2]
        self.assertFalse(self.env["insurance.claim.line"].with_user(stranger).search([("id", "=", line.id)]))
        with self.assertRaises(AccessError):
            line.with_user(stranger).assessed_loss = 1
        # another company sees nothing either
        other_company = self.env["res.company"].create({"name": "Changsha Branch"})
        self.director_user.write({"company_ids": [(4, other_company.id)]})
        director_elsewhere = (
            self.env["insurance.claim.line"]
            .with_user(self.director_user)
            .with_context(allowed_company_ids=[other_company.id])
        )
        self.assertFalse(director_elsewhere.search([("id", "=", line.id)]))

    def test_form_shows_the_calculation(self):
        claim = self.assessed_claim(claim_type_id=self.nursing_type.id, insured_id=self.wang.id)
        with Form(claim) as form:
            with form.line_ids.new() as line:
                line.coverage_id = self.nursing_cover
                self.assertEqual(line.method, "per_diem")
                self.assertEqual(line.daily_amount, 100)
                line.days = 10
                self.assertEqual(line.amount, 700)
                self.assertEqual(line.formula, "10 − 3 = 7; min(7, 30) = 7; 7 × 100.00 = 700.00")
            self.assertEqual(form.assessed_amount, 700)
        self.assertEqual(claim.line_ids.amount, 700)

    # ------------------------------------------------------------------
    # performance
    # ------------------------------------------------------------------
    def _calculation_queries(self, count):
        """Queries to create ``count`` lines of all four methods on a fresh claim, then to calculate them anew."""
        claim = self.assessed_claim(insured_id=self.wang.id)
        # no yearly maximum: after the waiting days of the event, every stay pays
        hospital_cash = self.nursing_cover.copy({"name": "Hospital cash", "max_days_per_year": 0})
        kinds = [
            {"assessed_loss": 10000},
            {"coverage_id": hospital_cash.id, "method": "per_diem", "days": 4},
            {
                "coverage_id": self.herd_cover.id,
                "method": "per_head",
                "head_ids": [(0, 0, {"weight_class": "piglets", "heads": 2, "amount_per_head": 300})],
            },
            {"method": "depreciated", "purchase_price": 900, "accumulated_depreciation": 100},
            {"coverage_id": self.debris_cover.id, "assessed_loss": 5000},
        ]
        self.env.flush_all()
        before = self.cr.sql_log_count
        lines = self.add_lines(claim, *[kinds[index % len(kinds)] for index in range(count)])
        self.env.flush_all()
        create_queries = self.cr.sql_log_count - before

        self.env.invalidate_all()
        lines._refresh_benefit()
        before = self.cr.sql_log_count
        amounts = lines.mapped("amount")
        self.env.flush_all()
        compute_queries = self.cr.sql_log_count - before
        self.assertEqual(len([amount for amount in amounts if amount]), count)
        return create_queries, compute_queries

    def test_query_count_does_not_grow_with_lines(self):
        self._calculation_queries(5)  # warm the caches
        create_ten, compute_ten = self._calculation_queries(10)
        create_fifty, compute_fifty = self._calculation_queries(50)
        self.assertEqual(compute_fifty, compute_ten, "calculating 50 lines takes as many queries as 10 lines")
        self.assertEqual(create_fifty, create_ten, "creating 50 lines takes as many queries as 10 lines")
        self.assertLessEqual(compute_ten, 12)
