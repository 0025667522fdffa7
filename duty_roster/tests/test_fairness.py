from freezegun import freeze_time

from odoo.tests import tagged

from .common import D, DutyRosterCase


@tagged("post_install", "-at_install")
class TestFairness(DutyRosterCase):
    @freeze_time("2025-12-20 00:00:00")
    def test_balanced_year_spread(self):
        self.rotation.write({"balance": True, "date_start": D(2026, 1, 1)})
        self.rotation.version_ids.date_from = D(2026, 1, 1)
        roster = self.make_roster(D(2026, 1, 1), D(2026, 12, 31))
        roster.action_generate()
        self.assertEqual(len(roster.shift_ids), 365)
        [(post, points, spread)] = roster._fairness_by_post()
        self.assertEqual(post, self.post)
        self.assertEqual(set(points), set(self.employees[:4]))
        # 365 duties of 1.5 to 3 points over 4 people: balancing keeps everyone within one holiday duty
        self.assertLessEqual(spread, 3.0)
        self.assertEqual(roster.fairness_spread, spread)
        total = sum(points.values())
        self.assertAlmostEqual(total, sum(roster.shift_ids.mapped("points")))

    @freeze_time("2026-09-10 00:00:00")
    def test_days_off_in_lieu_and_holiday_weekends_have_their_own_weights(self):
        # National Day 2026: 1-7 October off; 6 and 7 are days off in lieu (worked on 20 September
        # and 10 October), 3 and 4 the weekend inside the holiday
        self.company.duty_weight_in_lieu = 2.5
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 8))
        roster.action_generate()
        by_day = {shift.day: shift.points for shift in roster.shift_ids}
        self.assertEqual(
            [by_day[D(2026, 10, day)] for day in range(1, 9)],
            [3.0, 3.0, 2.0, 2.0, 3.0, 2.5, 2.5, 1.5],
            "statutory 3, holiday weekend 2, in lieu 2.5 (set), then a working-day 24 h duty 1.5",
        )

    @freeze_time("2026-09-10 00:00:00")
    def test_spread_counts_every_member(self):
        # three duties for four members: one of them has none and still counts
        roster = self.make_roster(D(2026, 10, 12), D(2026, 10, 14))
        roster.action_generate()
        [(post, points, spread)] = roster._fairness_by_post()
        self.assertEqual(post, self.post)
        self.assertEqual(set(points), set(self.employees[:4]))
        self.assertEqual(sorted(points.values()), [0.0, 1.5, 1.5, 1.5])
        self.assertEqual(spread, 1.5)

    def test_new_rotations_balance_by_default(self):
        rotation = self.env["duty.rotation"].create(
            {"name": "New", "post_id": self.post.id, "template_id": self.day24.id, "date_start": D(2026, 9, 1)}
        )
        self.assertTrue(rotation.balance)

    @freeze_time("2026-08-20 00:00:00")
    def test_new_balanced_rotation_carries_the_ledger_on(self):
        # September by the strict rotation, then a balanced one from October with the same people
        self.rotation.date_end = D(2026, 9, 30)
        september = self.make_roster(D(2026, 9, 1), D(2026, 9, 30))
        september.action_generate()
        ledger = {
            employee: points
            for employee, points in self.env["duty.shift"]._read_group(
                [("post_id", "=", self.post.id)], ["employee_id"], ["points:sum"]
            )
        }
        self.assertEqual(len(set(ledger.values())), 4, "four different totals")
        self.env["duty.rotation"].create(
            {
                "name": "Balanced from October",
                "post_id": self.post.id,
                "template_id": self.day24.id,
                "date_start": D(2026, 10, 1),
                "version_ids": [
                    (
                        0,
                        0,
                        {
                            "date_from": D(2026, 10, 1),
                            "member_ids": [(0, 0, {"sequence": i, "employee_id": e.id}) for i, e in enumerate(ledger)],
                        },
                    )
                ],
            }
        )
        october = self.make_roster(D(2026, 10, 1), D(2026, 10, 2))
        october.action_generate()
        fewest = min(ledger, key=ledger.get)
        self.assertNotEqual(fewest, self.wang, "the strict order would give 1 October to Wang Fang")
        self.assertEqual(self.who(october, D(2026, 10, 1)), fewest, "the fewest September points go first")
