import datetime

from odoo.tests import BaseCase, tagged

from ..lib import complaint_stats as cs

D = datetime.date
DT = datetime.datetime


@tagged("standard", "at_install")
class TestComplaintStatsLib(BaseCase):
    def test_ratios_by_hand(self):
        # 11 complaints on ¥5 million premium: 11 / 0.05 = 220 per ¥100 million
        self.assertAlmostEqual(cs.per_100m_premium(11, 5_000_000), 220.0)
        # 11 complaints over 3 in force + 2 new policies = 22,000 per 10,000
        self.assertAlmostEqual(cs.per_10k(11, cs.exposure(3, 2)), 22_000.0)
        self.assertAlmostEqual(cs.per_10k(7, 35_000), 2.0)
        self.assertAlmostEqual(cs.change_rate(11, 4), 1.75)
        self.assertAlmostEqual(cs.change_rate(3, 4), -0.25)
        self.assertAlmostEqual(cs.rate(1, 3), 1 / 3)

    def test_no_denominator_gives_no_value(self):
        self.assertIsNone(cs.per_100m_premium(3, 0))
        self.assertIsNone(cs.per_10k(3, 0))
        self.assertIsNone(cs.change_rate(3, 0))
        self.assertIsNone(cs.change_rate(3, None))
        self.assertIsNone(cs.rate(0, 0))

    def test_breakdown_thresholds(self):
        self.assertFalse(cs.breakdown_required("half_year", 25))
        self.assertTrue(cs.breakdown_required("half_year", 26))
        self.assertFalse(cs.breakdown_required("annual", 50))
        self.assertTrue(cs.breakdown_required("annual", 51))
        self.assertTrue(cs.breakdown_required("monthly", 1))

    def test_periods_and_due_dates(self):
        self.assertEqual(cs.period_bounds("monthly", 2026, 2), (D(2026, 2, 1), D(2026, 2, 28)))
        self.assertEqual(cs.period_bounds("half_year", 2026), (D(2026, 1, 1), D(2026, 6, 30)))
        self.assertEqual(cs.period_bounds("annual", 2025), (D(2025, 1, 1), D(2025, 12, 31)))
        self.assertEqual(cs.previous_period(D(2026, 1, 1), D(2026, 6, 30)), (D(2025, 7, 1), D(2025, 12, 31)))
        self.assertEqual(cs.previous_period(D(2026, 3, 1), D(2026, 3, 31)), (D(2026, 2, 1), D(2026, 2, 28)))
        self.assertEqual(cs.previous_period(D(2026, 1, 1), D(2026, 1, 31)), (D(2025, 12, 1), D(2025, 12, 31)))
        self.assertEqual(cs.previous_period(D(2026, 1, 1), D(2026, 12, 31)), (D(2025, 1, 1), D(2025, 12, 31)))
        self.assertEqual(cs.report_due("half_year", 2026), D(2026, 7, 20))
        self.assertEqual(cs.report_due("annual", 2026), D(2027, 1, 25))
        self.assertEqual(cs.report_due("monthly", 2026, 12), D(2027, 1, 1))

    def test_same_period_last_year(self):
        self.assertEqual(cs.same_period_last_year(D(2026, 1, 1), D(2026, 6, 30)), (D(2025, 1, 1), D(2025, 6, 30)))
        self.assertEqual(cs.same_period_last_year(D(2025, 2, 1), D(2025, 2, 28)), (D(2024, 2, 1), D(2024, 2, 29)))
        self.assertEqual(cs.same_period_last_year(D(2024, 2, 29), D(2024, 3, 10)), (D(2023, 2, 28), D(2023, 3, 10)))

    def test_withdrawn_before_transfer(self):
        transfer = DT(2026, 3, 1, 9)
        self.assertTrue(cs.withdrawn_before_transfer("withdrawn", DT(2026, 2, 27), None))
        self.assertTrue(cs.withdrawn_before_transfer("withdrawn", DT(2026, 3, 1, 8, 59), transfer))
        self.assertFalse(cs.withdrawn_before_transfer("withdrawn", transfer, transfer))
        self.assertFalse(cs.withdrawn_before_transfer("withdrawn", DT(2026, 3, 5), transfer))
        self.assertFalse(cs.withdrawn_before_transfer("closed", DT(2026, 2, 27), None))

    def test_age_buckets(self):
        self.assertEqual(
            [cs.age_bucket(days) for days in (0, 15, 16, 30, 31, 60, 61, 400)],
            ["0-15", "0-15", "16-30", "16-30", "31-60", "31-60", "60+", "60+"],
        )

    def test_indicators_of_a_known_period(self):
        figures = cs.indicators(
            {
                "complaints": 11,
                "motor_complaints": 2,
                "premium": 5_000_000,
                "motor_premium": 1_000_000,
                "policies_in_force": 3,
                "policies_new": 2,
                "motor_policies_in_force": 1,
                "motor_policies_new": 1,
                "insured_in_force": 4,
                "insured_new": 4,
                "regulator_cases": 3,
                "regulator_on_time": 1,
                "regulator_sent": 5,
                "withdrawn_before_transfer": 1,
            },
            {"complaints": 8},
            {"complaints": 4},
        )
        self.assertAlmostEqual(figures["per_100m_premium"], 220.0)
        self.assertAlmostEqual(figures["motor_per_100m_premium"], 200.0)
        self.assertAlmostEqual(figures["non_motor_per_100m_premium"], 225.0)
        self.assertAlmostEqual(figures["per_10k_policies"], 22_000.0)
        self.assertAlmostEqual(figures["non_motor_per_10k_policies"], 30_000.0)
        self.assertAlmostEqual(figures["per_10k_insured"], 13_750.0)
        self.assertAlmostEqual(figures["change_rate"], 0.375)  # (11 - 8) / 8, year on year
        self.assertAlmostEqual(figures["change_rate_pop"], 1.75)  # (11 - 4) / 4, period on period
        self.assertAlmostEqual(figures["on_time_rate"], 1 / 3)
        self.assertAlmostEqual(figures["withdrawal_before_transfer_rate"], 0.2)
