from freezegun import freeze_time

from .common import D, DutyRosterCase


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
