"""Runs of duties are checked whole, across rosters, at generation, edit, swap approval and publish."""

import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from ..lib import rules
from .common import DT, D, DutyRosterCase


@tagged("post_install", "-at_install")
class TestRunsInTheLibrary(DutyRosterCase):
    def test_a_long_run_is_one_violation_with_all_its_days(self):
        duties = [
            rules.Duty(day, "B", "P", "primary", DT(2026, 3, day, 0), DT(2026, 3, day, 10), D(2026, 3, day))
            for day in range(1, 11)
        ]
        found = rules.check_employee_rules(duties, lambda duty: rules.Rules(max_consecutive_duties=6))
        self.assertEqual([(v.rule, v.values) for v in found], [("max_consecutive", {"count": 10, "maximum": 6})])
        self.assertEqual(found[0].duties, tuple(range(1, 11)))

    def test_a_run_of_nights_is_one_violation(self):
        duties = [
            rules.Duty(day, "B", "P", "primary", DT(2026, 3, day, 12), DT(2026, 3, day + 1, 0), D(2026, 3, day), True)
            for day in range(1, 6)
        ]
        found = rules.check_employee_rules(duties, lambda duty: rules.Rules(max_consecutive_nights=3, min_rest_hours=8))
        self.assertEqual([(v.rule, v.values) for v in found], [("max_nights", {"count": 5, "maximum": 3})])
        self.assertEqual(found[0].duties, (1, 2, 3, 4, 5))


@tagged("post_install", "-at_install")
class TestRuleRuns(DutyRosterCase):
    """A day desk (08:00 + 10 h, at most 6 days in a row): Li Na works 1-6 October in
    the first roster, Zhang Wei has 7 October in the next one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.day10 = cls.env["duty.shift.template"].create(
            {"name": "Day desk", "start_time": 8.0, "duration": 10.0, "company_id": cls.company.id}
        )
        cls.desk = cls.env["duty.post"].create(
            {
                "name": "Day desk",
                "company_id": cls.company.id,
                "tz": "Asia/Shanghai",
                "employee_ids": [(6, 0, cls.employees.ids)],
                "max_consecutive_duties": 6,
                "headcount_primary": 0,  # a desk open by day only: no round-the-clock cover to check
            }
        )
        cls.leader_user = new_test_user(
            cls.env,
            "desk_leader",
            groups="base.group_user,duty_roster.group_duty_leader",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    def desk_duty(self, roster, employee, day):
        start = DT(2026, 10, day, 0)  # 08:00 in Beijing
        return self.env["duty.shift"].create(
            {
                "roster_id": roster.id,
                "post_id": self.desk.id,
                "employee_id": employee.id,
                "template_id": self.day10.id,
                "start": start,
                "end": start + datetime.timedelta(hours=10),
            }
        )

    def rosters(self):
        first = self.make_roster(D(2026, 10, 1), D(2026, 10, 6), post_ids=[(6, 0, self.desk.ids)])
        for day in range(1, 7):
            self.desk_duty(first, self.li, day)
        second = self.make_roster(D(2026, 10, 7), D(2026, 10, 12), post_ids=[(6, 0, self.desk.ids)])
        self.desk_duty(second, self.zhang, 7)
        for roster in first | second:
            roster._check_rules()
            self.assertFalse(roster.violation_ids, roster.violation_ids.mapped("message"))
            roster.with_user(self.manager_user).action_publish()
        return first, second

    @freeze_time("2026-09-20 00:00:00")
    def test_swap_making_seven_in_a_row_across_rosters_is_refused(self):
        _first, second = self.rosters()
        zhang_duty = second.shift_ids
        request = (
            self.env["duty.swap.request"]
            .with_user(self.users[0])
            .create({"type": "substitution", "shift_id": zhang_duty.id, "counterpart_id": self.li.id, "reason": "Ill"})
        )
        request.with_user(self.users[0]).action_send()
        request.with_user(self.users[1]).action_accept()
        with self.assertRaises(UserError) as caught:
            request.with_user(self.leader_user).action_approve()
        self.assertIn("Li Na would have 7 duty days in a row (maximum 6)", str(caught.exception))
        self.assertIn("2026-10-01", str(caught.exception))
        self.assertEqual(zhang_duty.employee_id, self.zhang)
        self.assertEqual(request.state, "accepted")

    @freeze_time("2026-09-20 00:00:00")
    def test_edit_making_a_long_run_is_listed_and_blocks_publishing(self):
        first, second = self.rosters()
        # the manager gives Li Na 7, 8 and 9 October too: one run of 9 days over two rosters
        second.shift_ids.with_user(self.manager_user).employee_id = self.li
        for day in (8, 9):
            self.desk_duty(second, self.li, day)
        runs = second.violation_ids.filtered(lambda v: v.rule == "max_consecutive")
        self.assertEqual(len(runs), 1, runs.mapped("message"))
        self.assertIn("Li Na has 9 duty days in a row (maximum 6)", runs.message)
        self.assertEqual(len(runs.shift_ids), 9)
        self.assertEqual(runs.shift_ids.roster_id, first | second)
        second.with_user(self.manager_user).action_reset_to_draft()
        with self.assertRaisesRegex(UserError, "rule violations"):
            second.with_user(self.manager_user).action_publish()

    @freeze_time("2026-09-20 00:00:00")
    def test_generation_sees_the_run_of_the_previous_roster(self):
        first, _second = self.rosters()
        rotation = self.env["duty.rotation"].create(
            {
                "name": "Desk",
                "post_id": self.desk.id,
                "template_id": self.day10.id,
                "date_start": D(2026, 10, 13),
                "version_ids": [
                    (0, 0, {"date_from": D(2026, 10, 13), "member_ids": [(0, 0, {"employee_id": self.li.id})]})
                ],
            }
        )
        # Li Na also works 7-12 October by hand; the rotation gives her 13-14 October
        third = self.make_roster(D(2026, 10, 7), D(2026, 10, 14), post_ids=[(6, 0, self.desk.ids)])
        for day in range(7, 13):
            self.desk_duty(third, self.li, day)
        third.action_generate()
        self.assertEqual(
            third.shift_ids.filtered(lambda s: s.rotation_id == rotation).mapped("day"),
            [
                D(2026, 10, 13),
                D(2026, 10, 14),
            ],
        )
        runs = third.violation_ids.filtered(lambda v: v.rule == "max_consecutive" and v.employee_ids == self.li)
        self.assertIn("14 duty days in a row", " ".join(runs.mapped("message")))
        self.assertTrue(first.shift_ids <= runs.shift_ids)
