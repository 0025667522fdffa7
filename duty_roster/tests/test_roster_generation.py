from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import DT, D, DutyRosterCase


@tagged("post_install", "-at_install")
class TestRosterGeneration(DutyRosterCase):
    @freeze_time("2026-09-10 00:00:00")
    def test_24h_rotation_across_national_day(self):
        roster = self.make_roster(D(2026, 9, 15), D(2026, 10, 12))
        roster.action_generate()
        self.assertEqual(len(roster.shift_ids), 28)
        # 24 h duties: 08:00 Beijing = 00:00 UTC, ending 08:00 the next day
        first = roster.shift_ids.sorted("start")[0]
        self.assertEqual((first.start, first.end), (DT(2026, 9, 15, 0), DT(2026, 9, 16, 0)))
        # the order carries on from the rotation start on 1 September: 14 days done, so the 15th is Wang Fang (3rd)
        self.assertEqual(self.who(roster, D(2026, 9, 15)), self.wang)
        # points: holiday 3, weekend 2, make-up working Sunday 20 Sept and 24 h duty (night) 1.5
        by_day = {shift.day: shift.points for shift in roster.shift_ids}
        self.assertEqual(by_day[D(2026, 10, 1)], 3.0)
        self.assertEqual(by_day[D(2026, 9, 19)], 2.0)
        self.assertEqual(by_day[D(2026, 9, 20)], 1.5, "make-up Sunday is a working day")
        self.assertEqual(by_day[D(2026, 10, 10)], 1.5, "make-up Saturday is a working day")
        self.assertFalse(roster.violation_ids.filtered(lambda v: v.rule == "coverage"))

    @freeze_time("2026-09-10 00:00:00")
    def test_holiday_layer_takes_over_holidays(self):
        holiday_rotation = self.env["duty.rotation"].create(
            {
                "name": "Holiday duty",
                "post_id": self.post.id,
                "template_id": self.day24.id,
                "day_filter": "holidays",
                "layer": 1,
                "date_start": D(2026, 9, 1),
                "version_ids": [
                    (0, 0, {"date_from": D(2026, 9, 1), "member_ids": [(0, 0, {"employee_id": self.chen.id})]})
                ],
            }
        )
        roster = self.make_roster(D(2026, 9, 28), D(2026, 10, 9))
        roster.action_generate()
        for day in range(1, 8):
            self.assertEqual(self.who(roster, D(2026, 10, day)), self.chen)
            shift = roster.shift_ids.filtered(lambda s, day=day: s.day == D(2026, 10, day))
            self.assertEqual(shift.rotation_id, holiday_rotation)
        self.assertEqual(len(roster.shift_ids), 12, "one duty a day, never two rotations on one day")

    @freeze_time("2026-09-10 00:00:00")
    def test_leave_is_skipped_and_compensated(self):
        # plain order from 1 October: Wang, Liu, Zhang, Li, Wang, Liu. Liu is on leave on 2 October.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Annual leave",
                "resource_id": self.liu.resource_id.id,
                "date_from": DT(2026, 10, 2, 0),
                "date_to": DT(2026, 10, 3, 0),
                "company_id": self.company.id,
            }
        )
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 6))
        roster.action_generate()
        order = [self.who(roster, D(2026, 10, day)) for day in range(1, 7)]
        # Zhang steps in on the 2nd; Liu, owed a turn, takes the 3rd; then the order goes on.
        self.assertEqual(order, [self.wang, self.zhang, self.liu, self.li, self.wang, self.liu])
        self.assertIn("Liu Yang", roster.skip_note)

    @freeze_time("2026-09-10 00:00:00")
    def test_member_removed_mid_month_keeps_past_and_order(self):
        roster = self.make_roster(D(2026, 9, 11), D(2026, 9, 30))
        roster.action_generate()
        before = {shift.day: shift.employee_id for shift in roster.shift_ids}
        with freeze_time("2026-09-20 12:00:00"):
            # from 22 September, Wang Fang leaves the rotation
            self.env["duty.rotation.version"].create(
                {
                    "rotation_id": self.rotation.id,
                    "date_from": D(2026, 9, 22),
                    "member_ids": [
                        (0, 0, {"sequence": i, "employee_id": e.id})
                        for i, e in enumerate(self.zhang | self.li | self.liu)
                    ],
                }
            )
            roster.action_generate()
        after = {shift.day: shift.employee_id for shift in roster.shift_ids}
        for day in range(11, 21):
            self.assertEqual(after[D(2026, 9, day)], before[D(2026, 9, day)], f"past duty of {day} September changed")
        self.assertNotIn(self.wang, [after[D(2026, 9, day)] for day in range(22, 31)])
        # whoever was due on the 22nd in the old order is still due, unless it was Wang: then who followed her
        due = before[D(2026, 9, 22)]
        expected = due if due != self.wang else self.liu
        self.assertEqual(after[D(2026, 9, 22)], expected)

    def test_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "at most 24 hours"):
            self.env["duty.shift.template"].create({"name": "Too long", "start_time": 8, "duration": 25})
        with self.assertRaisesRegex(ValidationError, "at least one member"):
            self.env["duty.rotation.version"].create({"rotation_id": self.rotation.id, "date_from": D(2026, 12, 1)})
        outsider = self.env["hr.employee"].create({"name": "Outsider", "company_id": self.company.id})
        with self.assertRaisesRegex(ValidationError, "Outsider may not take duties"):
            self.env["duty.rotation.version"].create(
                {
                    "rotation_id": self.rotation.id,
                    "date_from": D(2026, 12, 2),
                    "member_ids": [(0, 0, {"employee_id": outsider.id})],
                }
            )
        empty = self.env["duty.rotation"].create(
            {"name": "Empty", "post_id": self.post.id, "template_id": self.day24.id, "date_start": D(2026, 9, 1)}
        )
        roster = self.make_roster(D(2026, 12, 1), D(2026, 12, 5))
        with self.assertRaisesRegex(UserError, "no members yet"):
            roster.action_generate()
        empty.unlink()
        self.assertFalse(roster.shift_ids, "nothing is half-saved")

    @freeze_time("2026-09-10 00:00:00")
    def test_day_and_night_rotations_complement_each_other(self):
        day = self.env["duty.shift.template"].create({"name": "Day", "start_time": 8, "duration": 12})
        night = self.env["duty.shift.template"].create({"name": "Night", "start_time": 20, "duration": 12})
        self.rotation.template_id = day
        self.env["duty.rotation"].create(
            {
                "name": "Nights",
                "post_id": self.post.id,
                "template_id": night.id,
                "date_start": D(2026, 9, 1),
                "version_ids": [
                    (0, 0, {"date_from": D(2026, 9, 1), "member_ids": [(0, 0, {"employee_id": self.chen.id})]})
                ],
            }
        )
        self.post.write({"max_consecutive_nights": 31, "max_consecutive_duties": 31, "min_rest_hours": 8})
        roster = self.make_roster(D(2026, 10, 12), D(2026, 10, 14))
        roster.action_generate()
        self.assertEqual(len(roster.shift_ids), 6, "a day and a night duty each day")
        self.assertFalse(roster.violation_ids, roster.violation_ids.mapped("message"))
        nights = roster.shift_ids.filtered("is_night")
        self.assertEqual(nights.employee_id, self.chen)
        self.assertEqual(nights.mapped("points"), [1.5, 1.5, 1.5])
