"""A shift template is local wall-clock time: 20:00 to 08:00 stays 20:00 to
08:00 across a DST change, the duty lasts 11 or 13 hours and its points say so."""

import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from ..lib import shift_times
from .common import DT, D, DutyRosterCase

HOURS = datetime.timedelta(hours=1)


@tagged("post_install", "-at_install")
class TestWallClockTimes(DutyRosterCase):
    def test_library_nights_across_dst(self):
        cases = [
            # time zone, night of, UTC start, UTC end, hours
            ("Europe/London", D(2026, 10, 24), DT(2026, 10, 24, 19), DT(2026, 10, 25, 8), 13),
            ("Europe/London", D(2026, 3, 28), DT(2026, 3, 28, 20), DT(2026, 3, 29, 7), 11),
            ("Europe/London", D(2026, 7, 1), DT(2026, 7, 1, 19), DT(2026, 7, 2, 7), 12),
            ("America/New_York", D(2026, 10, 31), DT(2026, 11, 1, 0), DT(2026, 11, 1, 13), 13),
            ("America/New_York", D(2026, 3, 7), DT(2026, 3, 8, 1), DT(2026, 3, 8, 12), 11),
            ("Asia/Shanghai", D(2026, 10, 24), DT(2026, 10, 24, 12), DT(2026, 10, 25, 0), 12),
            ("Asia/Shanghai", D(2026, 3, 28), DT(2026, 3, 28, 12), DT(2026, 3, 29, 0), 12),
        ]
        for tz, day, start, end, hours in cases:
            with self.subTest(tz=tz, day=day):
                self.assertEqual(shift_times.utc_interval(day, 20.0, 12.0, tz), (start, end))
                self.assertEqual(end - start, hours * HOURS)
        # a 24 h duty from 08:00 ends at 08:00 the next day: 25 h when the clocks go back
        start, end = shift_times.utc_interval(D(2026, 10, 24), 8.0, 24.0, "Europe/London")
        self.assertEqual((start, end), (DT(2026, 10, 24, 7), DT(2026, 10, 25, 8)))

    def rotations(self, tz):
        post = self.env["duty.post"].create(
            {
                "name": f"Desk {tz}",
                "company_id": self.company.id,
                "tz": tz,
                "employee_ids": [(6, 0, self.employees.ids)],
            }
        )
        day = self.env["duty.shift.template"].create({"name": "Day", "start_time": 8.0, "duration": 12.0})
        night = self.env["duty.shift.template"].create({"name": "Night", "start_time": 20.0, "duration": 12.0})
        for name, template, members in (("Days", day, self.zhang | self.li), ("Nights", night, self.wang | self.liu)):
            self.env["duty.rotation"].create(
                {
                    "name": name,
                    "post_id": post.id,
                    "template_id": template.id,
                    "date_start": D(2026, 3, 1),
                    "version_ids": [
                        (
                            0,
                            0,
                            {
                                "date_from": D(2026, 3, 1),
                                "member_ids": [
                                    (0, 0, {"sequence": i, "employee_id": e.id}) for i, e in enumerate(members)
                                ],
                            },
                        )
                    ],
                }
            )
        return post

    def check_night(self, tz, night_of, hours, weight):
        post = self.rotations(tz)
        roster = self.make_roster(night_of - datetime.timedelta(days=1), night_of + datetime.timedelta(days=2))
        roster.post_ids = post
        roster.action_generate()
        self.assertFalse(roster.violation_ids.filtered(lambda v: v.rule == "coverage"), "no gap, no overlap")
        shifts = roster.shift_ids
        night = shifts.filtered(lambda s: s.day == night_of and s.is_night)
        morning = shifts.filtered(lambda s: s.day == night_of + datetime.timedelta(days=1) and not s.is_night)
        self.assertEqual(night.end, morning.start, "the night ends when the day shift starts")
        self.assertEqual(night.end - night.start, hours * HOURS)
        local = shift_times.local_day  # the night still starts and ends on the expected local days
        self.assertEqual((local(night.start, tz), local(night.end, tz)), (night_of, morning.day))
        self.assertAlmostEqual(night.points, weight * hours / 12)
        at = night.end - datetime.timedelta(minutes=30)
        roster.with_user(self.manager_user).action_publish()
        Shift = self.env["duty.shift"]
        self.assertEqual(Shift.get_on_duty(post, at=at), night.employee_id)
        self.assertEqual(Shift.get_on_duty(post, at=night.end), morning.employee_id)
        return night

    @freeze_time("2026-02-20 00:00:00")
    def test_london_autumn_night_lasts_13_hours(self):
        # Saturday 24 October 2026: the clocks go back at 02:00; weekend weight 2
        night = self.check_night("Europe/London", D(2026, 10, 24), 13, 2.0)
        self.assertEqual((night.start, night.end), (DT(2026, 10, 24, 19), DT(2026, 10, 25, 8)))

    @freeze_time("2026-02-20 00:00:00")
    def test_london_spring_night_lasts_11_hours(self):
        self.check_night("Europe/London", D(2026, 3, 28), 11, 2.0)

    @freeze_time("2026-02-20 00:00:00")
    def test_new_york_autumn_and_spring(self):
        self.check_night("America/New_York", D(2026, 10, 31), 13, 2.0)
        self.check_night("America/New_York", D(2026, 3, 7), 11, 2.0)

    @freeze_time("2026-02-20 00:00:00")
    def test_shanghai_nights_stay_12_hours(self):
        # Tuesday 27 October 2026, a working day: night weight 1.5
        self.check_night("Asia/Shanghai", D(2026, 10, 27), 12, 1.5)
