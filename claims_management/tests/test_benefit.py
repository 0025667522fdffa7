"""The benefit calculation library against amounts worked out by hand."""

import datetime
from decimal import Decimal

from odoo.addons.claims_management.lib import benefit
from odoo.addons.claims_management.lib.benefit import CalculationError
from odoo.tests import BaseCase, tagged

D = Decimal


@tagged("standard", "at_install")
class TestIndemnity(BaseCase):
    def test_deductible_percent_wins_then_cap(self):
        # deductible max(5,000, 10% of 80,000 = 8,000) = 8,000; 72,000 × 100%; limit 50,000
        result = benefit.indemnity(
            80000, deductible_amount=5000, deductible_percent=10, coinsurance_percent=100, limit_amount=50000
        )
        self.assertEqual(result.amount, D("50000.00"))
        self.assertEqual(
            result.formula,
            "max(5,000.00, 80,000.00 × 10%) = 8,000.00; (80,000.00 − 8,000.00) × 100% = 72,000.00; "
            "min(72,000.00, 50,000.00) = 50,000.00",
        )
        codes = [step.code for step in result.steps]
        self.assertEqual(codes, ["loss", "deductible", "after_deductible", "coinsurance", "cap"])
        cap = result.steps[-1].params
        self.assertTrue(cap["capped"])
        self.assertEqual((cap["amount"], cap["remaining"]), (D("72000.00"), D("50000.00")))

    def test_fixed_deductible_wins_and_coinsurance(self):
        # max(5,000, 2% of 80,000 = 1,600) = 5,000; (80,000 − 5,000) × 80% = 60,000
        result = benefit.indemnity(80000, deductible_amount=5000, deductible_percent=2, coinsurance_percent=80)
        self.assertEqual(result.amount, D("60000.00"))
        self.assertEqual(result.steps[1].params["deductible"], D("5000.00"))
        self.assertNotIn("min(", result.formula, "no limit, no cap")

    def test_remaining_limit_after_earlier_payments(self):
        # limit 100,000 − 60,000 already paid = 40,000 < 75,000
        result = benefit.indemnity(80000, deductible_amount=5000, limit_amount=100000, used_amount=60000)
        self.assertEqual(result.amount, D("40000.00"))
        self.assertEqual(
            result.formula,
            "(80,000.00 − 5,000.00) × 100% = 75,000.00; min(75,000.00, 100,000.00 − 60,000.00) = 40,000.00",
        )

    def test_limit_used_up_pays_nothing(self):
        result = benefit.indemnity(10000, limit_amount=50000, used_amount=70000)
        self.assertEqual(result.amount, D("0.00"))
        self.assertEqual(result.steps[-1].params["remaining"], D("0.00"))
        self.assertIn("max(50,000.00 − 70,000.00, 0)", result.formula)

    def test_cap_not_reached(self):
        result = benefit.indemnity(30000, limit_amount=50000, used_amount=10000)
        self.assertEqual(result.amount, D("30000.00"))
        self.assertFalse(result.steps[-1].params["capped"])

    def test_deductible_above_loss_gives_zero(self):
        result = benefit.indemnity(3000, deductible_amount=5000)
        self.assertEqual(result.amount, D("0.00"))
        self.assertEqual(result.formula, "max(3,000.00 − 5,000.00, 0) × 100% = 0.00")

    def test_repairable_damage_takes_the_repair_cost(self):
        # repair cost 12,345.67 − 1,000 = 11,345.67 × 70% = 7,941.969 → 7,941.97
        result = benefit.indemnity(
            99999, is_repairable=True, repair_cost="12345.67", deductible_amount=1000, coinsurance_percent=70
        )
        self.assertEqual(result.amount, D("7941.97"))
        self.assertEqual(result.steps[0].code, "repair_cost")

    def test_rounding_half_up(self):
        # 0.05 × 50% = 0.025 → 0.03 (half-up, not banker's 0.02)
        self.assertEqual(benefit.indemnity("0.05", coinsurance_percent=50).amount, D("0.03"))
        # 10% of 0.05 = 0.005 → 0.01 deductible
        self.assertEqual(benefit.indemnity("0.05", deductible_percent=10).amount, D("0.04"))
        # floats go through their repr: 1.15 stays 1.15 (binary 1.1499…), so 0.575 → 0.58, not 0.57
        self.assertEqual(benefit.indemnity(1.15, coinsurance_percent=50).amount, D("0.58"))

    def test_bad_input(self):
        cases = [
            ("negative", "assessed_loss", {"assessed_loss": -1}),
            ("negative", "repair_cost", {"is_repairable": True, "repair_cost": -5}),
            ("negative", "deductible_amount", {"assessed_loss": 1, "deductible_amount": -5}),
            ("percent_range", "deductible_percent", {"assessed_loss": 1, "deductible_percent": 101}),
            ("percent_range", "coinsurance_percent", {"assessed_loss": 1, "coinsurance_percent": -1}),
            ("negative", "limit_amount", {"assessed_loss": 1, "limit_amount": -1}),
            ("not_a_number", "assessed_loss", {"assessed_loss": "abc"}),
            ("not_a_number", "assessed_loss", {"assessed_loss": float("nan")}),
        ]
        for code, field, kwargs in cases:
            with self.subTest(kwargs=kwargs), self.assertRaises(CalculationError) as caught:
                benefit.indemnity(**kwargs)
            self.assertEqual((caught.exception.code, caught.exception.params["field"]), (code, field))


@tagged("standard", "at_install")
class TestPerDiem(BaseCase):
    def test_waiting_days_and_yearly_maximum(self):
        # 10 days − 3 waiting = 7; 30 a year, 25 already paid → 5 left; 5 × 100 = 500
        result = benefit.per_diem(10, 100, waiting_days=3, max_days_per_year=30, used_days=25)
        self.assertEqual((result.amount, result.eligible_days), (D("500.00"), 5))
        self.assertEqual(result.formula, "10 − 3 = 7; min(7, 30 − 25) = 5; 5 × 100.00 = 500.00")
        self.assertTrue(result.steps[1].params["capped"])

    def test_plain_days(self):
        result = benefit.per_diem(12, "80.50")
        self.assertEqual((result.amount, result.eligible_days), (D("966.00"), 12))
        self.assertEqual(result.formula, "12 × 80.50 = 966.00")

    def test_waiting_days_above_days(self):
        result = benefit.per_diem(2, 100, waiting_days=3)
        self.assertEqual((result.amount, result.eligible_days), (D("0.00"), 0))
        self.assertEqual(result.formula, "max(2 − 3, 0) = 0; 0 × 100.00 = 0.00")

    def test_yearly_maximum_reached(self):
        for used in (30, 45):
            result = benefit.per_diem(10, 100, max_days_per_year=30, used_days=used)
            self.assertEqual((result.amount, result.eligible_days), (D("0.00"), 0))
        self.assertIn("min(10, max(30 − 45, 0)) = 0", result.formula)

    def test_within_yearly_maximum(self):
        result = benefit.per_diem(10, 100, max_days_per_year=30, used_days=5)
        self.assertEqual(result.amount, D("1000.00"))
        self.assertFalse(result.steps[1].params["capped"])

    def test_limit_applies_as_well(self):
        result = benefit.per_diem(20, 100, limit_amount=1500)
        self.assertEqual(result.amount, D("1500.00"))

    def test_bad_input(self):
        cases = [
            ("negative", "days", {"days": -1, "daily_amount": 100}),
            ("days_range", "days", {"days": 367, "daily_amount": 100}),
            ("whole_days", "days", {"days": 1.5, "daily_amount": 100}),
            ("negative", "daily_amount", {"days": 1, "daily_amount": -100}),
            ("negative", "waiting_days", {"days": 1, "daily_amount": 1, "waiting_days": -1}),
            ("days_range", "max_days_per_year", {"days": 1, "daily_amount": 1, "max_days_per_year": 400}),
            ("negative", "used_days", {"days": 1, "daily_amount": 1, "used_days": -2}),
        ]
        for code, field, kwargs in cases:
            with self.subTest(kwargs=kwargs), self.assertRaises(CalculationError) as caught:
                benefit.per_diem(**kwargs)
            self.assertEqual((caught.exception.code, caught.exception.params["field"]), (code, field))


@tagged("standard", "at_install")
class TestPerHead(BaseCase):
    def test_classes_summed_and_capped(self):
        # 3 × 1,200 + 5 × 2,000 = 13,600; limit 12,000
        result = benefit.per_head([("50-100 kg", 3, 1200), ("over 100 kg", 5, 2000)], limit_amount=12000)
        self.assertEqual(result.amount, D("12000.00"))
        self.assertEqual(
            result.formula, "3 × 1,200.00 + 5 × 2,000.00 = 13,600.00; min(13,600.00, 12,000.00) = 12,000.00"
        )
        self.assertEqual([step.params.get("subtotal") for step in result.steps[:2]], [D("3600.00"), D("10000.00")])

    def test_within_limit_and_empty(self):
        self.assertEqual(benefit.per_head([("piglets", 4, "350.25")], limit_amount=5000).amount, D("1401.00"))
        empty = benefit.per_head([])
        self.assertEqual((empty.amount, empty.formula), (D("0.00"), "0 = 0.00"))

    def test_bad_input(self):
        for code, field, classes in [
            ("negative", "heads", [("a", -1, 100)]),
            ("whole_heads", "heads", [("a", 1.5, 100)]),
            ("negative", "amount_per_head", [("a", 1, -100)]),
        ]:
            with self.subTest(classes=classes), self.assertRaises(CalculationError) as caught:
                benefit.per_head(classes)
            self.assertEqual((caught.exception.code, caught.exception.params["field"]), (code, field))


@tagged("standard", "at_install")
class TestDepreciated(BaseCase):
    def test_book_value(self):
        result = benefit.depreciated(basis="book", purchase_price=6000, accumulated_depreciation=2400)
        self.assertEqual(result.amount, D("3600.00"))
        self.assertEqual(result.formula, "6,000.00 − 2,400.00 = 3,600.00")

    def test_book_value_never_negative(self):
        result = benefit.depreciated(basis="book", purchase_price=6000, accumulated_depreciation=7000)
        self.assertEqual(result.amount, D("0.00"))
        self.assertEqual(result.formula, "max(6,000.00 − 7,000.00, 0) = 0.00")

    def test_remaining_life(self):
        # 10,000 × 3 ÷ 8 = 3,750; 10,000 × 2.5 ÷ 6 = 4,166.666… → 4,166.67
        result = benefit.depreciated(basis="life", original_value=10000, remaining_life=3, standard_life=8)
        self.assertEqual(result.amount, D("3750.00"))
        self.assertEqual(result.formula, "10,000.00 × 3 ÷ 8 = 3,750.00")
        result = benefit.depreciated(basis="life", original_value=10000, remaining_life=2.5, standard_life=6)
        self.assertEqual(result.amount, D("4166.67"))
        self.assertEqual(result.formula, "10,000.00 × 2.5 ÷ 6 = 4,166.67")

    def test_cash_is_the_actual_loss(self):
        result = benefit.depreciated(basis="cash", assessed_loss="1234.5", purchase_price=99999)
        self.assertEqual((result.amount, result.formula), (D("1234.50"), "1,234.50"))

    def test_cap(self):
        result = benefit.depreciated(basis="cash", assessed_loss=5000, limit_amount=3000, used_amount=1000)
        self.assertEqual(result.amount, D("2000.00"))

    def test_bad_input(self):
        with self.assertRaises(CalculationError) as caught:
            benefit.depreciated(basis="life", original_value=10000, remaining_life=3, standard_life=0)
        self.assertEqual(caught.exception.code, "standard_life_zero")
        with self.assertRaises(CalculationError) as caught:
            benefit.depreciated(basis="life", original_value=10000, remaining_life=9, standard_life=8)
        self.assertEqual(caught.exception.code, "remaining_life_above_standard")
        self.assertEqual(caught.exception.params, {"remaining": D(9), "standard": D(8)})
        for kwargs in (
            {"basis": "book", "purchase_price": -1},
            {"basis": "book", "purchase_price": 1, "accumulated_depreciation": -1},
            {"basis": "life", "original_value": -1, "standard_life": 5},
            {"basis": "life", "original_value": 1, "remaining_life": -1, "standard_life": 5},
            {"basis": "cash", "assessed_loss": -1},
        ):
            with self.subTest(kwargs=kwargs), self.assertRaises(CalculationError) as caught:
                benefit.depreciated(**kwargs)
            self.assertEqual(caught.exception.code, "negative")
        with self.assertRaises(CalculationError) as caught:
            benefit.depreciated(basis="guess")
        self.assertEqual(caught.exception.code, "unknown_basis")


@tagged("standard", "at_install")
class TestHelpers(BaseCase):
    def test_formatting(self):
        self.assertEqual(benefit.fmt(D("1234567.5")), "1,234,567.50")
        self.assertEqual(benefit.fmt(D("1234.5"), D(1)), "1,235")
        self.assertEqual(benefit.fmt_number(D("12.50")), "12.5")
        self.assertEqual(benefit.fmt_number(D("100.0")), "100")

    def test_other_currency_unit(self):
        # a currency without cents rounds to whole units, half-up
        result = benefit.indemnity(1001, coinsurance_percent=50, rounding=D(1))
        self.assertEqual((result.amount, result.formula), (D(501), "(1,001 − 0) × 50% = 501"))

    def test_policy_year(self):
        d = datetime.date
        self.assertEqual(benefit.policy_year(d(2026, 1, 1), d(2026, 6, 18)), (d(2026, 1, 1), d(2027, 1, 1)))
        self.assertEqual(benefit.policy_year(d(2026, 3, 1), d(2027, 2, 1)), (d(2026, 3, 1), d(2027, 3, 1)))
        self.assertEqual(benefit.policy_year(d(2026, 3, 1), d(2027, 3, 1)), (d(2027, 3, 1), d(2028, 3, 1)))
        self.assertEqual(benefit.policy_year(d(2024, 2, 29), d(2025, 3, 1)), (d(2025, 2, 28), d(2026, 2, 28)))
        self.assertEqual(benefit.policy_year(d(2026, 3, 1), d(2026, 1, 5)), (d(2026, 3, 1), d(2027, 3, 1)))


@tagged("standard", "at_install")
class TestEvents(BaseCase):
    """The 72-hour clause: losses within the window of the first loss of an event are one event."""

    T0 = datetime.datetime(2026, 6, 18, 1, 0)

    def at(self, hours, minutes=0):
        return self.T0 + datetime.timedelta(hours=hours, minutes=minutes)

    def test_sixty_hours_one_event_eighty_hours_two(self):
        events = benefit.group_events([(1, self.at(0)), (2, self.at(60)), (3, self.at(80))], 72)
        self.assertEqual(events, {1: 1, 2: 1, 3: 3})

    def test_window_counts_from_the_first_loss_both_ends(self):
        # exactly 72 hours after the first loss is still the event; one minute later starts the next
        events = benefit.group_events([(1, self.at(0)), (2, self.at(72)), (3, self.at(72, 1))], 72)
        self.assertEqual(events, {1: 1, 2: 1, 3: 3})
        # a chain of losses 50 hours apart does not make one endless event
        chain = benefit.group_events([(key, self.at(50 * key)) for key in range(5)], 72)
        self.assertEqual(chain, {0: 0, 1: 0, 2: 2, 3: 2, 4: 4})

    def test_order_of_input_and_equal_times(self):
        losses = [(3, self.at(80)), (2, self.at(0)), (1, self.at(0))]
        self.assertEqual(benefit.group_events(losses, 72), {1: 1, 2: 1, 3: 3})
        self.assertEqual(benefit.group_events(losses, 100), {1: 1, 2: 1, 3: 1}, "the window is the cover's")
        self.assertEqual(benefit.group_events([], 72), {})

    def test_window_must_be_positive(self):
        for hours in (0, -1, "x"):
            with self.subTest(hours=hours), self.assertRaises(CalculationError) as caught:
                benefit.group_events([(1, self.T0)], hours)
            self.assertIn(caught.exception.code, ("event_window", "not_a_number"))


@tagged("standard", "at_install")
class TestEventDeductible(BaseCase):
    def test_lines_share_one_deductible(self):
        # 80,000 and 12,000 on one cover with a 5,000 deductible: 75,000 + 12,000 = 87,000
        first = benefit.indemnity(80000, deductible_amount=5000)
        self.assertEqual((first.amount, first.deductible_taken), (D("75000.00"), D("5000.00")))
        second = benefit.indemnity(
            12000, deductible_amount=5000, event_loss=80000, deductible_taken=first.deductible_taken, taken_on="A: 1"
        )
        self.assertEqual((second.amount, second.deductible_taken), (D("12000.00"), D("0.00")))
        self.assertEqual(second.formula, "5,000.00 − 5,000.00 [A: 1] = 0.00; (12,000.00 − 0.00) × 100% = 12,000.00")
        self.assertEqual(
            [step.code for step in second.steps],
            ["loss", "deductible", "deductible_event", "after_deductible", "coinsurance"],
        )
        self.assertEqual(first.amount + second.amount, D("87000.00"))

    def test_small_first_line_leaves_the_rest_for_the_next(self):
        first = benefit.indemnity(3000, deductible_amount=5000)
        self.assertEqual((first.amount, first.deductible_taken), (D("0.00"), D("3000.00")))
        second = benefit.indemnity(80000, deductible_amount=5000, event_loss=3000, deductible_taken=3000)
        self.assertEqual((second.amount, second.deductible_taken), (D("78000.00"), D("2000.00")))
        self.assertEqual(first.amount + second.amount, D("78000.00"), "83,000 − one deductible of 5,000")

    def test_percent_deductible_of_the_event_loss_then_share_then_cap(self):
        # deductible max(2,000, 10% × (30,000 + 50,000) = 8,000) = 8,000, of which 3,000 taken on the first line;
        # (50,000 − 5,000) × 80% = 36,000; capped by the 30,000 left of the limit
        result = benefit.indemnity(
            50000,
            deductible_amount=2000,
            deductible_percent=10,
            coinsurance_percent=80,
            limit_amount=100000,
            used_amount=70000,
            event_loss=30000,
            deductible_taken=3000,
            taken_on="CLM1: debris",
        )
        self.assertEqual(result.amount, D("30000.00"))
        self.assertEqual(result.deductible_taken, D("5000.00"))
        self.assertEqual(
            result.formula,
            "max(2,000.00, (30,000.00 + 50,000.00) × 10%) = 8,000.00; 8,000.00 − 3,000.00 [CLM1: debris] = 5,000.00; "
            "(50,000.00 − 5,000.00) × 80% = 36,000.00; min(36,000.00, 100,000.00 − 70,000.00) = 30,000.00",
        )

    def test_deductible_already_taken_above_a_lower_event_deductible(self):
        result = benefit.indemnity(1000, deductible_amount=500, deductible_taken=800)
        self.assertEqual((result.amount, result.deductible_taken), (D("1000.00"), D("0.00")))
        self.assertIn("max(500.00 − 800.00, 0) = 0.00", result.formula)

    def test_bad_event_input(self):
        for kwargs in ({"event_loss": -1}, {"deductible_taken": -1}):
            with self.subTest(kwargs=kwargs), self.assertRaises(CalculationError) as caught:
                benefit.indemnity(100, **kwargs)
            self.assertEqual(caught.exception.code, "negative")
        with self.assertRaises(CalculationError) as caught:
            benefit.indemnity(100, deductible_percent=101)
        self.assertEqual(caught.exception.code, "percent_range")


@tagged("standard", "at_install")
class TestEventWaitingDays(BaseCase):
    def test_waiting_days_once_per_event(self):
        first = benefit.per_diem(12, 100, waiting_days=3)
        self.assertEqual((first.amount, first.waiting_taken), (D("900.00"), 3))
        second = benefit.per_diem(5, 100, waiting_days=3, waiting_taken=3, taken_on="CLM1: 10")
        self.assertEqual((second.amount, second.eligible_days, second.waiting_taken), (D("500.00"), 5, 0))
        self.assertEqual(second.formula, "3 − 3 [CLM1: 10] = 0; 5 × 100.00 = 500.00")
        self.assertEqual(second.steps[0].code, "waiting_event")

    def test_short_stay_serves_part_of_the_waiting(self):
        first = benefit.per_diem(2, 100, waiting_days=3)
        self.assertEqual((first.amount, first.waiting_taken), (D("0.00"), 2))
        second = benefit.per_diem(4, 100, waiting_days=3, waiting_taken=2)
        self.assertEqual((second.amount, second.eligible_days, second.waiting_taken), (D("300.00"), 3, 1))
        self.assertEqual(second.formula, "3 − 2 = 1; 4 − 1 = 3; 3 × 100.00 = 300.00")
