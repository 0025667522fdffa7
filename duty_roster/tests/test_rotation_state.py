"""The rotation carries on from its state: in pieces as at once (lib/rotation.py)."""

import datetime
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib import rotation

D = datetime.date
START = D(2026, 3, 1)
POOL = ("A", "B", "C", "D", "E", "F")


def days(start, count):
    return [start + datetime.timedelta(days=offset) for offset in range(count)]


@st.composite
def scenarios(draw):
    """A random rotation over up to 60 days: member versions, leaves, turn length,
    headcount, strict or balanced order, and the days where generation is cut."""
    length = draw(st.integers(min_value=1, max_value=60))
    # the rotation applies on a random subset of the days (e.g. weekdays only)
    span = [day for day in days(START, length) if draw(st.booleans()) or day.day % 3]
    versions = []
    version_days = sorted(draw(st.sets(st.integers(min_value=1, max_value=59), max_size=3)) | {0})
    for offset in version_days:
        members = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=6, unique=True))
        versions.append(rotation.Version(START + datetime.timedelta(days=offset), tuple(members)))
    leaves = draw(st.sets(st.tuples(st.sampled_from(POOL), st.integers(min_value=0, max_value=59)), max_size=25))
    cuts = sorted(draw(st.sets(st.integers(min_value=1, max_value=max(1, len(span) - 1)), max_size=4)))
    return {
        "days": span,
        "versions": versions,
        "leaves": {(member, START + datetime.timedelta(days=offset)) for member, offset in leaves},
        "turn_length": draw(st.integers(min_value=1, max_value=4)),
        "headcount": draw(st.integers(min_value=1, max_value=2)),
        "balance": draw(st.booleans()),
        "cuts": [cut for cut in cuts if cut < len(span)],
    }


def weight(day):
    return 3.0 if day.weekday() >= 5 else 1.0


def run(scenario, days_, state=None, checkpoints=None):
    return rotation.rotate(
        days_,
        scenario["versions"],
        turn_length=scenario["turn_length"],
        headcount=scenario["headcount"],
        is_unavailable=lambda member, day: (member, day) in scenario["leaves"],
        state=state,
        weight=weight,
        balance=scenario["balance"],
        checkpoints=checkpoints,
    )


def saved(state):
    """The state as the database keeps it (JSON) and reads it back."""
    return rotation.RotationState.from_json(json.loads(json.dumps(state.to_json())))


PROPERTY = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@tagged("standard", "at_install")
class TestRotationInPieces(BaseCase):
    @PROPERTY
    @given(scenarios())
    def test_pieces_equal_whole(self, scenario):
        whole, whole_skips, whole_state = run(scenario, scenario["days"])
        pieces, piece_skips, state = [], [], None
        bounds = [0, *scenario["cuts"], len(scenario["days"])]
        for begin, end in zip(bounds, bounds[1:], strict=False):
            state = saved(state) if state else None
            assignments, skips, state = run(scenario, scenario["days"][begin:end], state=state)
            pieces += assignments
            piece_skips += skips
        self.assertEqual(pieces, whole)
        self.assertEqual(piece_skips, whole_skips)
        self.assertEqual(saved(state).to_json(), saved(whole_state).to_json())

    @PROPERTY
    @given(scenarios(), st.integers(min_value=0, max_value=59))
    def test_resume_from_any_day(self, scenario, offset):
        checkpoints = {}
        whole, _skips, _state = run(scenario, scenario["days"], checkpoints=checkpoints)
        self.assertEqual(set(checkpoints), set(scenario["days"]))
        later = [day for day in scenario["days"] if day >= START + datetime.timedelta(days=offset)]
        if not later:
            return
        state = rotation.RotationState.from_json(json.loads(json.dumps(checkpoints[later[0]])))
        resumed, _skips, _state = run(scenario, later, state=state)
        self.assertEqual(resumed, [a for a in whole if a.day >= later[0]])

    @PROPERTY
    @given(scenarios())
    def test_every_day_staffed_while_someone_is_free(self, scenario):
        assignments, _skips, _state = run(scenario, scenario["days"])
        staffed = {}
        for assignment in assignments:
            staffed.setdefault(assignment.day, []).append(assignment.member)
        for day in scenario["days"]:
            version = rotation._version_at(scenario["versions"], day)
            free = [m for m in version.members if (m, day) not in scenario["leaves"]]
            team = staffed.get(day, [])
            self.assertEqual(len(team), len(set(team)), "nobody twice on one day")
            self.assertTrue(set(team) <= set(free), "only members of the day's version who are not on leave")
            self.assertEqual(len(team), min(scenario["headcount"], len(free)), day)


@tagged("standard", "at_install")
class TestRotationCases(BaseCase):
    def test_removed_member_who_is_next_keeps_the_order(self):
        # A, B, C, D daily; B worked 03-14, C leaves from 03-15: D is next, in one run or in two
        versions = [
            rotation.Version(D(2026, 3, 1), ("A", "B", "C", "D")),
            rotation.Version(D(2026, 3, 15), ("A", "B", "D")),
        ]
        whole, _, _ = rotation.rotate(days(D(2026, 3, 1), 20), versions)
        first, _, state = rotation.rotate(days(D(2026, 3, 1), 14), versions)
        self.assertEqual(first[-1], rotation.Assignment(D(2026, 3, 14), "B"))
        second, _, _ = rotation.rotate(days(D(2026, 3, 15), 6), versions, state=saved(state))
        self.assertEqual(second[0].member, "D")
        self.assertEqual([a.member for a in second], ["D", "A", "B", "D", "A", "B"])
        self.assertEqual(first + second, whole)

    def test_member_replaced_in_place_hands_over_the_turn(self):
        versions = [
            rotation.Version(D(2026, 3, 1), ("A", "B", "C", "D")),
            # from the 3rd, E takes C's place
            rotation.Version(D(2026, 3, 3), ("A", "B", "E", "D")),
        ]
        assignments, _, _ = rotation.rotate(days(D(2026, 3, 1), 6), versions)
        self.assertEqual([a.member for a in assignments], ["A", "B", "E", "D", "A", "B"])
        # C last in order, replaced by F at the end: F is next, not A
        versions = [rotation.Version(D(2026, 3, 1), ("A", "B", "C")), rotation.Version(D(2026, 3, 3), ("A", "B", "F"))]
        assignments, _, _ = rotation.rotate(days(D(2026, 3, 1), 4), versions)
        self.assertEqual([a.member for a in assignments], ["A", "B", "F", "A"])

    def test_owed_turn_crosses_the_period_end(self):
        # B is on leave on 10-31, the last day of October: compensated on 1 November
        versions = [rotation.Version(D(2026, 10, 30), ("A", "B", "C"))]
        leave = {("B", D(2026, 10, 31))}
        october, skips, state = rotation.rotate(
            days(D(2026, 10, 30), 2), versions, is_unavailable=lambda m, d: (m, d) in leave
        )
        self.assertEqual([a.member for a in october], ["A", "C"])
        self.assertEqual(skips, [rotation.Skip(D(2026, 10, 31), "B")])
        self.assertEqual(saved(state).owed, [rotation.Owed("B", D(2026, 10, 31))])
        november, _, _ = rotation.rotate(days(D(2026, 11, 1), 4), versions, state=saved(state))
        self.assertEqual([a.member for a in november], ["B", "A", "B", "C"])

    def test_compensation_at_the_period_end_does_not_move_the_order(self):
        # B is skipped on 10-30 and compensated on 10-31; November starts with A (after C), not C again
        versions = [rotation.Version(D(2026, 10, 29), ("A", "B", "C"))]
        leave = {("B", D(2026, 10, 30))}
        october, _, state = rotation.rotate(
            days(D(2026, 10, 29), 3), versions, is_unavailable=lambda m, d: (m, d) in leave
        )
        self.assertEqual([a.member for a in october], ["A", "C", "B"])
        november, _, _ = rotation.rotate(days(D(2026, 11, 1), 3), versions, state=saved(state))
        self.assertEqual([a.member for a in november], ["A", "B", "C"])

    def test_leave_inside_a_carried_over_turn(self):
        # 3-day turns; A's turn runs 03-01..03-03 across two generations; A is on leave from 03-02
        versions = [rotation.Version(D(2026, 3, 1), ("A", "B", "C"))]
        leave = {("A", D(2026, 3, 2)), ("A", D(2026, 3, 3))}
        first, _, state = rotation.rotate(
            days(D(2026, 3, 1), 1), versions, turn_length=3, is_unavailable=lambda m, d: (m, d) in leave
        )
        second, skips, _ = rotation.rotate(
            days(D(2026, 3, 2), 8),
            versions,
            turn_length=3,
            is_unavailable=lambda m, d: (m, d) in leave,
            state=saved(state),
        )
        # B takes the rest of A's turn (days 2 and 3 of it), A gets the next turn back, then C
        self.assertEqual(
            [(a.day.day, a.member, a.turn_day) for a in first + second],
            [(1, "A", 1), (2, "B", 2), (3, "B", 3), (4, "A", 1), (5, "A", 2), (6, "A", 3)]
            + [(7, "C", 1), (8, "C", 2), (9, "C", 3)],
        )
        self.assertEqual(skips, [rotation.Skip(D(2026, 3, 2), "A")])

    def test_balance_newcomer_starts_level_and_nobody_works_twice_in_a_row(self):
        versions = [
            rotation.Version(D(2026, 3, 1), ("A", "B", "C")),
            rotation.Version(D(2026, 3, 7), ("A", "B", "C", "N")),
        ]
        assignments, _, state = rotation.rotate(
            days(D(2026, 3, 1), 12), versions, weight=lambda d: 3.0 if d.day == 2 else 1.0, balance=True
        )
        members = [a.member for a in assignments]
        self.assertTrue(all(a != b for a, b in zip(members, members[1:], strict=False)), members)
        # N joins on the 7th level with the average points of the others, so N does not take every other turn
        self.assertLessEqual(members[6:].count("N"), 2, members)
        self.assertEqual(set(state.points), {"A", "B", "C", "N"})

    def test_state_json_round_trip(self):
        state = rotation.RotationState(
            ("A", "B"),
            "B",
            ("A",),
            2,
            1,
            [rotation.Owed("B", D(2026, 3, 2))],
            {"A": 1.5},
            D(2026, 3, 3),
            ("B",),
        )
        self.assertEqual(saved(state), state)
