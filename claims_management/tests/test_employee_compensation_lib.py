import datetime
from decimal import Decimal

from odoo.addons.claims_management.lib import employee_compensation as ec
from odoo.addons.claims_management.lib.benefit import CalculationError
from odoo.tests import BaseCase, tagged

D = datetime.date
SHARE_40 = {"percent": 40, "min_amount": 10, "max_amount": 10000}


@tagged("standard", "at_install")
class TestLossValue(BaseCase):
    def test_repairable_takes_the_repair_cost(self):
        result = ec.loss_value(kind="repairable", asset_value=8000, repair_cost="1234.565")
        self.assertEqual(result.amount, Decimal("1234.57"))
        self.assertEqual(result.formula, "1,234.57")

    def test_repair_above_the_asset_value_is_refused(self):
        with self.assertRaises(CalculationError) as caught:
            ec.loss_value(kind="repairable", asset_value=1000, repair_cost=1500)
        self.assertEqual(caught.exception.code, "repair_above_value")

    def test_lost_book_value(self):
        result = ec.loss_value(kind="lost", basis="book", asset_value=6000, accumulated_depreciation=2400)
        self.assertEqual(result.amount, Decimal("3600.00"))
        self.assertEqual(result.formula, "6,000.00 \u2212 2,400.00 = 3,600.00")

    def test_lost_remaining_life(self):
        result = ec.loss_value(kind="lost", basis="life", asset_value=9000, remaining_life=2, standard_life=3)
        self.assertEqual(result.amount, Decimal("6000.00"))
        self.assertEqual(result.formula, "9,000.00 \u00d7 2 \u00f7 3 = 6,000.00")

    def test_life_needs_a_standard_life(self):
        with self.assertRaises(CalculationError) as caught:
            ec.loss_value(kind="lost", basis="life", asset_value=9000, remaining_life=2)
        self.assertEqual(caught.exception.code, "standard_life_zero")

    def test_cash_actual_loss(self):
        result = ec.loss_value(kind="cash", asset_value=5000, actual_loss=3200)
        self.assertEqual(result.amount, Decimal("3200.00"))
        with self.assertRaises(CalculationError) as caught:
            ec.loss_value(kind="cash", asset_value=5000, actual_loss=5200)
        self.assertEqual(caught.exception.code, "loss_above_value")

    def test_asset_value_is_required(self):
        for value in (0, None, False):
            with self.assertRaises(CalculationError) as caught:
                ec.loss_value(kind="repairable", asset_value=value, repair_cost=100)
            self.assertEqual(caught.exception.code, "asset_value_missing")

    def test_negative_and_unknown_input(self):
        with self.assertRaises(CalculationError):
            ec.loss_value(kind="repairable", asset_value=-1, repair_cost=1)
        with self.assertRaises(CalculationError) as caught:
            ec.loss_value(kind="stolen", asset_value=100)
        self.assertEqual(caught.exception.code, "unknown_kind")


@tagged("standard", "at_install")
class TestShareRule(BaseCase):
    def loss(self, amount):
        return ec.loss_value(kind="cash", asset_value=amount, actual_loss=amount)

    def test_forty_percent(self):
        result = ec.apply_share(self.loss(4000), **SHARE_40)
        self.assertEqual(result.amount, Decimal("1600.00"))
        self.assertEqual(
            result.formula,
            "4,000.00; 4,000.00 \u00d7 40% = 1,600.00; min(max(1,600.00, 10.00), 10,000.00, 4,000.00) = 1,600.00",
        )

    def test_maximum(self):
        self.assertEqual(ec.apply_share(self.loss(100000), **SHARE_40).amount, Decimal("10000.00"))

    def test_minimum_but_never_above_the_loss(self):
        self.assertEqual(ec.apply_share(self.loss(20), **SHARE_40).amount, Decimal("10.00"))
        self.assertEqual(ec.apply_share(self.loss(6), **SHARE_40).amount, Decimal("6.00"))

    def test_min_above_max_is_refused(self):
        with self.assertRaises(CalculationError) as caught:
            ec.apply_share(self.loss(100), percent=40, min_amount=50, max_amount=20)
        self.assertEqual(caught.exception.code, "share_min_above_max")

    def test_force_majeure_owes_nothing(self):
        result = ec.compensation(force_majeure=True, share_rule=SHARE_40, kind="cash", asset_value=800, actual_loss=800)
        self.assertEqual(result.amount, Decimal("0.00"))
        self.assertEqual(result.steps[-1].code, "force_majeure")


@tagged("standard", "at_install")
class TestSchedule(BaseCase):
    def test_monthly_cap(self):
        lines = ec.deduction_schedule(Decimal("4500.00"), 2000, D(2026, 11, 17))
        self.assertEqual(
            lines,
            [
                (D(2026, 11, 1), Decimal("2000.00")),
                (D(2026, 12, 1), Decimal("2000.00")),
                (D(2027, 1, 1), Decimal("500.00")),
            ],
        )
        self.assertEqual(ec.schedule_formula(4500, 2000), "4,500.00 = 2 \u00d7 2,000.00 + 500.00")

    def test_no_cap_is_one_deduction(self):
        lines = ec.deduction_schedule(Decimal("4500.00"), 0, D(2026, 11, 17))
        self.assertEqual(lines, [(D(2026, 11, 1), Decimal("4500.00"))])
        self.assertEqual(ec.deduction_schedule(0, 100, D(2026, 11, 17)), [])

    def test_overdue_for_deduction_after_one_month(self):
        self.assertEqual(ec.one_month_after(D(2026, 1, 31)), D(2026, 2, 28))
        self.assertFalse(ec.is_overdue_for_deduction(D(2026, 7, 15), D(2026, 8, 15)))
        self.assertTrue(ec.is_overdue_for_deduction(D(2026, 7, 15), D(2026, 8, 16)))
        self.assertFalse(ec.is_overdue_for_deduction(False, D(2026, 8, 16)))


@tagged("standard", "at_install")
class TestLabourLawCap(BaseCase):
    """工资支付暂行规定 Art. 16: at most 20 % of the month's wage, never below the local minimum wage."""

    def test_twenty_percent_of_the_wage(self):
        self.assertEqual(ec.legal_monthly_cap(6000, minimum_wage=2100), Decimal("1200.00"))
        self.assertEqual(ec.legal_monthly_cap(Decimal("3333.33"), minimum_wage=0), Decimal("666.66"), "rounded down")

    def test_the_minimum_wage_is_left(self):
        # 20 % of 2,500 is 500, but only 400 may go: 2,100 must be paid
        self.assertEqual(ec.legal_monthly_cap(2500, minimum_wage=2100), Decimal("400.00"))
        self.assertEqual(ec.legal_monthly_cap(2100, minimum_wage=2100), Decimal("0.00"))
        self.assertEqual(ec.legal_monthly_cap(1800, minimum_wage=2100), Decimal("0.00"))

    def test_more_than_twenty_percent_is_refused(self):
        with self.assertRaises(ec.CalculationError) as caught:
            ec.legal_monthly_cap(6000, wage_percent=25)
        self.assertEqual(caught.exception.code, "wage_percent_above_law")
        self.assertEqual(ec.legal_monthly_cap(6000, wage_percent=10), Decimal("600.00"), "a company may take less")

    def test_schedule_lengthens_under_the_legal_cap(self):
        # a company cap of 2,000 would end in two months; 20 % of 6,000 is 1,200: three months
        lines = ec.deduction_schedule(Decimal("3600.00"), 2000, D(2026, 9, 1), wage=6000, minimum_wage=2100)
        self.assertEqual([part for _month, part in lines], [Decimal("1200.00")] * 3)
        self.assertEqual([month for month, _part in lines], [D(2026, 9, 1), D(2026, 10, 1), D(2026, 11, 1)])
        lines = ec.deduction_schedule(Decimal("1000.00"), 0, D(2026, 9, 1), wage=2500, minimum_wage=2100)
        self.assertEqual([part for _month, part in lines], [Decimal("400.00"), Decimal("400.00"), Decimal("200.00")])
        self.assertEqual(
            ec.schedule_formula(1000, 0, wage=2500, minimum_wage=2100), "1,000.00 = 2 \u00d7 400.00 + 200.00"
        )

    def test_company_cap_below_the_legal_cap_still_applies(self):
        lines = ec.deduction_schedule(Decimal("1000.00"), 300, D(2026, 9, 1), wage=10000, minimum_wage=2100)
        self.assertEqual([part for _month, part in lines], [Decimal("300.00")] * 3 + [Decimal("100.00")])

    def test_each_month_by_its_own_wage(self):
        # October's wage is at the minimum: nothing is taken that month and the schedule goes on in December
        wages = {D(2026, 10, 1): 2100, D(2026, 11, 15): 3000}
        lines = ec.deduction_schedule(Decimal("2000.00"), 0, D(2026, 9, 1), wage=6000, wages=wages, minimum_wage=2100)
        self.assertEqual(
            lines,
            [
                (D(2026, 9, 1), Decimal("1200.00")),
                (D(2026, 11, 1), Decimal("600.00")),
                (D(2026, 12, 1), Decimal("200.00")),
            ],
        )

    def test_a_wage_at_the_minimum_cannot_be_deducted(self):
        with self.assertRaises(ec.CalculationError) as caught:
            ec.deduction_schedule(Decimal("500.00"), 0, D(2026, 9, 1), wage=2100, minimum_wage=2100)
        self.assertEqual(caught.exception.code, "wage_at_minimum")
