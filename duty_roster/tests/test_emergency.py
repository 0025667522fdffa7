from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import BaseCase, tagged

from ..lib import reinforcement
from ..lib import rules as rules_lib
from .common import DT, D, DutyRosterCase


@tagged("post_install", "-at_install")
class TestEmergencyReinforcement(DutyRosterCase):
    """Hotline 24 h from 08:00 Beijing: 3 Oct Zhang, 4 Oct Li, 5 Oct Wang, 6 Oct Liu.

    A catastrophe on 4 October: the hotline is reinforced from 10:00 to 18:00 Beijing time
    (02:00-10:00 UTC) from its emergency pool Zhang, Li, Wang, Chen and Sun (Sun is not on the post)."""

    def setUp(self):
        super().setUp()
        with freeze_time("2026-09-10 00:00:00"):
            self.roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 14))
            self.roster.action_generate()
            self.roster.with_user(self.manager_user).action_publish()
        self.sun = self.env["hr.employee"].create({"name": "Sun Li", "company_id": self.company.id})
        self.post.emergency_employee_ids = self.zhang | self.li | self.wang | self.chen | self.sun
        self.start, self.end = DT(2026, 10, 4, 2, 0), DT(2026, 10, 4, 10, 0)

    def reinforce(self, headcounts, user=None, **kwargs):
        post = self.post.with_user(user or self.manager_user)
        return post._reinforce(self.start, self.end, headcounts, "Typhoon Haikui", **kwargs)

    def test_reinforcement_skips_people_on_duty_or_resting_and_calls_the_fewest_points_first(self):
        self.assertEqual(self.who(self.roster, D(2026, 10, 4)), self.li)
        shifts, skipped = self.reinforce({"primary": 2, "backup": 1})
        # Li is on duty, Zhang came off duty at 08:00 (2 h of rest, 11 needed); Wang's next duty
        # starts 5 October 08:00, 14 h after the call-in: free.  Chen and Sun have no points yet.
        self.assertEqual(skipped, {self.li: "on_duty", self.zhang: "resting"})
        primary = shifts.filtered(lambda s: s.tier == "primary")
        self.assertEqual(primary.employee_id, self.chen | self.sun)
        self.assertEqual(shifts.filtered(lambda s: s.tier == "backup").employee_id, self.wang)
        self.assertTrue(all(shifts.mapped("is_emergency")))
        self.assertTrue(all(shifts.mapped("is_published")))
        self.assertEqual(set(shifts.mapped("start")), {self.start})
        # the people called in are told
        for employee in shifts.employee_id.filtered("work_contact_id"):
            message = self.env["mail.message"].search(
                [
                    ("model", "=", "duty.post"),
                    ("res_id", "=", self.post.id),
                    ("partner_ids", "in", employee.work_contact_id.ids),
                ]
            )
            self.assertTrue(message, employee.name)

    def test_on_duty_lookup_and_escalation_see_the_reinforcement_in_the_window_only(self):
        shifts, _skipped = self.reinforce({"primary": 2, "backup": 1})
        Shift = self.env["duty.shift"]
        # same transaction, at once
        self.assertEqual(Shift.get_on_duty(self.post, at=DT(2026, 10, 4, 4, 0)), self.li | self.chen | self.sun)
        self.assertEqual(Shift.get_on_duty("HOTLINE", at=DT(2026, 10, 4, 2, 0)), self.li | self.chen | self.sun)
        chain = dict(Shift.get_escalation_chain(self.post, at=DT(2026, 10, 4, 9, 59)))
        self.assertEqual(chain["backup"], self.wang)
        # before and after the window: the roster's duty only
        self.assertEqual(Shift.get_on_duty(self.post, at=DT(2026, 10, 4, 1, 59)), self.li)
        self.assertEqual(Shift.get_on_duty(self.post, at=DT(2026, 10, 4, 10, 0)), self.li)
        self.assertNotIn("backup", dict(Shift.get_escalation_chain(self.post, at=DT(2026, 10, 4, 10, 0))))
        self.assertEqual(len(shifts), 3)

    def test_fairness_counts_call_ins_at_the_emergency_weight(self):
        self.company.duty_weight_emergency = 6.0
        shifts, _skipped = self.reinforce({"primary": 1})
        # 8 hours of the 12 the weight is given for
        self.assertEqual(shifts.employee_id, self.chen)
        self.assertAlmostEqual(shifts.points, 4.0)
        groups = self.env["duty.shift"]._read_group(
            [("post_id", "=", self.post.id), ("employee_id", "=", self.chen.id)], [], ["points:sum"]
        )
        self.assertAlmostEqual(groups[0][0], 4.0)
        # the next call-in goes to the one with fewer points: Sun, not Chen
        self.start, self.end = DT(2026, 10, 9, 2, 0), DT(2026, 10, 9, 6, 0)
        again, _skipped = self.reinforce({"primary": 1})
        self.assertEqual(again.employee_id, self.sun)

    def test_people_on_leave_are_skipped(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Annual leave",
                "resource_id": self.chen.resource_id.id,
                "date_from": DT(2026, 10, 3, 16, 0),
                "date_to": DT(2026, 10, 5, 16, 0),
                "company_id": self.company.id,
            }
        )
        shifts, skipped = self.reinforce({"primary": 3})
        self.assertEqual(skipped[self.chen], "on_leave")
        self.assertEqual(shifts.employee_id, self.sun | self.wang)

    def test_only_managers_call_in_and_emergency_duties_come_from_reinforce_now(self):
        with self.assertRaises(AccessError):
            self.reinforce({"primary": 1}, user=self.users[4])
        with self.assertRaisesRegex(UserError, "Reinforce Now"):
            self.env["duty.shift"].with_user(self.manager_user).create(
                {
                    "post_id": self.post.id,
                    "employee_id": self.sun.id,
                    "start": self.start,
                    "end": self.end,
                    "is_emergency": True,
                    "is_published": True,
                }
            )
        shifts, _skipped = self.reinforce({"primary": 1})
        with self.assertRaisesRegex(UserError, "Reinforce Now"):
            shifts.with_user(self.manager_user).write({"is_emergency": False})
        # Sun is in the pool, not on the post: no ordinary duty for them
        with self.assertRaisesRegex(Exception, "may not take duties"):
            self.roster.shift_ids[:1].with_user(self.manager_user).write({"employee_id": self.sun.id})

    def test_bad_windows_and_headcounts_are_refused(self):
        with self.assertRaisesRegex(UserError, "at most 24 hours"):
            self.post.with_user(self.manager_user)._reinforce(self.end, self.start, {"primary": 1})
        with self.assertRaisesRegex(UserError, "how many people"):
            self.reinforce({"primary": 0})
        self.post.emergency_employee_ids = self.li
        with self.assertRaisesRegex(UserError, "Nobody of the emergency staff pool"):
            self.reinforce({"primary": 1})
        self.assertFalse(self.env["duty.shift"].search([("is_emergency", "=", True)]))

    def test_wizard_calls_in(self):
        wizard = (
            self.env["duty.reinforce.wizard"]
            .with_user(self.manager_user)
            .create(
                {
                    "post_id": self.post.id,
                    "start": self.start,
                    "end": self.end,
                    "headcount_primary": 1,
                    "reason": "Flood in Liuyang",
                }
            )
        )
        self.assertEqual(wizard.pool_count, 5)
        action = wizard.action_reinforce()
        self.assertEqual(action["tag"], "display_notification")
        called = self.env["duty.shift"].search([("is_emergency", "=", True), ("post_id", "=", self.post.id)])
        self.assertEqual(called.employee_id, self.chen)
        self.assertEqual(called.note, "Flood in Liuyang")


@tagged("standard", "at_install")
class TestReinforcementLib(BaseCase):
    """The pure choice of lib/reinforcement over a run of duty days."""

    def test_a_seventh_day_in_a_row_is_refused(self):
        rules = rules_lib.Rules(max_consecutive_duties=6)
        duties = [
            rules_lib.Duty(day, "b", 1, "primary", DT(2026, 3, day, 0), DT(2026, 3, day, 10), D(2026, 3, day))
            for day in range(1, 7)
        ]

        def new_duty(candidate, tier):
            return rules_lib.Duty("new", candidate, 1, tier, DT(2026, 3, 7, 0), DT(2026, 3, 7, 8), D(2026, 3, 7))

        called, skipped = reinforcement.pick(["b", "c"], {"primary": 2}, new_duty, duties, lambda duty: rules)
        self.assertEqual(called["primary"], ["c"])
        self.assertEqual(skipped, {"b": "too_many_days"})
        # a day off in the run: B may come
        called, skipped = reinforcement.pick(["b"], {"primary": 1}, new_duty, duties[1:], lambda duty: rules)
        self.assertEqual((called["primary"], skipped), (["b"], {}))
