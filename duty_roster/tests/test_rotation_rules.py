import datetime

from odoo.tests import BaseCase, tagged

from ..lib import rotation, rules

D = datetime.date
DT = datetime.datetime


def days(start, count):
    return [start + datetime.timedelta(days=offset) for offset in range(count)]


@tagged("standard", "at_install")
class TestRotation(BaseCase):
    def test_daily_order_and_turn_length(self):
        versions = [rotation.Version(D(2026, 10, 1), ("A", "B", "C"))]
        assignments, _skips, _state = rotation.rotate(days(D(2026, 10, 1), 7), versions, turn_length=2)
        self.assertEqual([a.member for a in assignments], ["A", "A", "B", "B", "C", "C", "A"])

    def test_leave_is_skipped_and_compensated(self):
        versions = [rotation.Version(D(2026, 10, 1), ("A", "B", "C"))]
        on_leave = {("B", D(2026, 10, 2))}
        assignments, skips, _ = rotation.rotate(
            days(D(2026, 10, 1), 6), versions, is_unavailable=lambda m, d: (m, d) in on_leave
        )
        # B is skipped on the 2nd, owed, and takes the next turn before the order goes on.
        self.assertEqual([a.member for a in assignments], ["A", "C", "B", "A", "B", "C"])
        self.assertEqual(skips, [rotation.Skip(D(2026, 10, 2), "B")])

    def test_new_version_keeps_position(self):
        versions = [
            rotation.Version(D(2026, 10, 1), ("A", "B", "C", "D")),
            # from the 4th, C leaves and E joins after D
            rotation.Version(D(2026, 10, 4), ("A", "B", "D", "E")),
        ]
        assignments, _, _ = rotation.rotate(days(D(2026, 10, 1), 7), versions)
        # A, B, C, then C (next) is gone: D, who followed C, carries on.
        self.assertEqual([a.member for a in assignments], ["A", "B", "C", "D", "E", "A", "B"])

    def test_state_continues_between_generations(self):
        versions = [rotation.Version(D(2026, 10, 1), ("A", "B", "C"))]
        first, _, state = rotation.rotate(days(D(2026, 10, 1), 4), versions, turn_length=3)
        second, _, _ = rotation.rotate(days(D(2026, 10, 5), 3), versions, turn_length=3, state=state)
        whole, _, _ = rotation.rotate(days(D(2026, 10, 1), 7), versions, turn_length=3)
        self.assertEqual([a.member for a in first + second], [a.member for a in whole])

    def test_balance_mode_evens_points(self):
        versions = [rotation.Version(D(2026, 1, 1), ("A", "B", "C"))]
        points = {"A": 6.0, "B": 0.0, "C": 3.0}
        assignments, _, _ = rotation.rotate(
            days(D(2026, 1, 1), 3), versions, points=points, weight=lambda d: 3.0, balance=True
        )
        # B first (fewest points), then C wins the tie at 3 by rotation order, then B again.
        self.assertEqual([a.member for a in assignments], ["B", "C", "B"])
        self.assertEqual(points, {"A": 6.0, "B": 6.0, "C": 6.0})

    def test_headcount_two(self):
        versions = [rotation.Version(D(2026, 1, 1), ("A", "B", "C"))]
        assignments, _, _ = rotation.rotate(days(D(2026, 1, 1), 2), versions, headcount=2)
        self.assertEqual([(a.day.day, a.member) for a in assignments], [(1, "A"), (1, "B"), (2, "C"), (2, "A")])


def duty(key, employee, start, hours, night=False, post="P", tier="primary"):
    return rules.Duty(key, employee, post, tier, start, start + datetime.timedelta(hours=hours), start.date(), night)


@tagged("standard", "at_install")
class TestRules(BaseCase):
    def check(self, duties, **kwargs):
        return rules.check_employee_rules(duties, lambda d: rules.Rules(**kwargs))

    def test_double_booking_and_rest(self):
        found = self.check(
            [
                duty(1, "A", DT(2026, 10, 1, 0), 24),
                duty(2, "A", DT(2026, 10, 1, 12), 12),  # overlaps
                duty(3, "A", DT(2026, 10, 2, 8), 12),  # 8 h after duty 2
            ]
        )
        self.assertEqual([v.rule for v in found], ["double_booking", "min_rest"])
        self.assertEqual(found[1].values, {"hours": 8.0, "minimum": 11.0})

    def test_max_consecutive_and_nights(self):
        nights = [duty(i, "A", DT(2026, 10, i, 20), 12, night=True) for i in range(1, 5)]
        found = self.check(nights, max_consecutive_duties=3, max_consecutive_nights=2, min_rest_hours=8)
        self.assertEqual(sorted(v.rule for v in found), ["max_consecutive", "max_nights"])

    def test_rest_after_nights(self):
        found = self.check(
            [
                duty(1, "A", DT(2026, 10, 1, 12), 12, night=True),
                duty(2, "A", DT(2026, 10, 2, 12), 12, night=True),
                duty(3, "A", DT(2026, 10, 3, 12), 12),
            ],
            min_rest_hours=11,
        )
        self.assertEqual([v.rule for v in found], ["rest_after_nights"])

    def test_coverage_gaps(self):
        duties = [duty(1, "A", DT(2026, 10, 1, 0), 8), duty(2, "B", DT(2026, 10, 1, 10), 14)]
        gaps = rules.coverage_gaps(duties, "P", "primary", 1, DT(2026, 10, 1), DT(2026, 10, 2))
        self.assertEqual(gaps, [(DT(2026, 10, 1, 8), DT(2026, 10, 1, 10), 0)])
        self.assertEqual(rules.coverage_gaps(duties, "P", "backup", 0, DT(2026, 10, 1), DT(2026, 10, 2)), [])
