from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DT, D, DutyRosterCase


@tagged("post_install", "-at_install")
class TestRosterPublish(DutyRosterCase):
    @freeze_time("2026-09-10 00:00:00")
    def test_publish_then_change_notifies_only_those_affected(self):
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 7))
        roster.action_generate()
        self.assertFalse(roster.violation_ids, roster.violation_ids.mapped("message"))
        roster.with_user(self.manager_user).action_publish()
        self.assertEqual((roster.state, roster.version), ("published", 1))
        self.assertTrue(all(roster.shift_ids.mapped("is_published")))

        shift = roster.shift_ids.filtered(lambda s: s.day == D(2026, 10, 4))  # Li Na's duty
        self.assertEqual(shift.employee_id, self.li)
        before = self.env["mail.message"].search([("model", "=", "duty.roster"), ("res_id", "=", roster.id)])
        shift.with_user(self.manager_user).employee_id = self.chen
        notes = self.env["mail.message"].search(
            [("model", "=", "duty.roster"), ("res_id", "=", roster.id), ("id", "not in", before.ids)]
        )
        told = notes.notification_ids.res_partner_id | notes.partner_ids
        self.assertEqual(told, (self.li | self.chen).work_contact_id, "only Li Na and Chen Jie are told")
        self.assertTrue(any("Chen Jie" in body for body in notes.mapped("body")))

    @freeze_time("2026-09-10 00:00:00")
    def test_manual_edit_breaking_rest_is_listed_and_blocks_publishing(self):
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 7))
        roster.action_generate()
        # give Li Na the 24 h duty of 3 October too: she ends at 08:00 on the 3rd... and starts again on the 4th
        shift = roster.shift_ids.filtered(lambda s: s.day == D(2026, 10, 3))
        shift.employee_id = self.li
        rest = roster.violation_ids.filtered(lambda v: v.rule == "min_rest")
        self.assertTrue(rest, "0 h rest between two 24 h duties breaks the 11 h rule")
        self.assertIn("Li Na", rest[0].message)
        self.assertEqual(rest.employee_ids, self.li)
        with self.assertRaisesRegex(UserError, "rule violations"):
            roster.with_user(self.manager_user).action_publish()
        roster.override_reason = "Li Na asked for it; approved by the branch head"
        plain_user = self.users[0]
        with self.assertRaises(UserError):  # AccessError is a UserError
            roster.with_user(plain_user).action_publish()
        roster.with_user(self.manager_user).action_publish()
        self.assertEqual(roster.state, "published")
        self.assertEqual(roster.override_user_id, self.manager_user)

    @freeze_time("2026-09-10 00:00:00")
    def test_coverage_gap_is_listed(self):
        self.post.headcount_backup = 1
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 2))
        roster.action_generate()
        gaps = roster.violation_ids.filtered(lambda v: v.rule == "coverage")
        self.assertEqual(len(gaps), 1)
        self.assertIn("Backup", gaps.message)
        self.assertIn("0 of 1", gaps.message)

    @freeze_time("2026-09-10 00:00:00")
    def test_on_duty_at_3am_on_a_holiday_and_escalation(self):
        leader_post = self.env["duty.post"].create(
            {
                "name": "Duty leader",
                "code": "LEADER",
                "company_id": self.company.id,
                "employee_ids": [(4, self.leader.id)],
                # the director is on call from home around the clock: no rest rule on this post
                "min_rest_hours": 0,
                "max_consecutive_duties": 31,
            }
        )
        self.post.leader_post_id = leader_post
        self.env["duty.rotation"].create(
            {
                "name": "Leaders",
                "post_id": leader_post.id,
                "template_id": self.day24.id,
                "date_start": D(2026, 9, 1),
                "version_ids": [
                    (0, 0, {"date_from": D(2026, 9, 1), "member_ids": [(0, 0, {"employee_id": self.leader.id})]})
                ],
            }
        )
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 3))
        roster.action_generate()
        self.assertFalse(roster.violation_ids, roster.violation_ids.mapped("message"))
        Shift = self.env["duty.shift"]
        at = DT(2026, 10, 2, 19)  # 03:00 on 3 October in Beijing: the duty that began on 2 October at 08:00
        self.assertFalse(Shift.get_on_duty(self.post, at=at), "a draft roster answers nothing")
        roster.with_user(self.manager_user).action_publish()
        self.assertEqual(Shift.get_on_duty(self.post, at=at), self.who(roster, D(2026, 10, 2)))
        self.assertEqual(Shift.get_on_duty("HOTLINE", at=at), self.who(roster, D(2026, 10, 2)))
        chain = Shift.get_escalation_chain(self.post, at=at)
        self.assertEqual([tier for tier, _people in chain], ["primary", "leader"])
        self.assertEqual(chain[1][1], self.leader, chain[1][1].mapped("name"))
        self.assertFalse(Shift.get_on_duty(self.post, at=DT(2026, 10, 4, 1)), "after the roster ends")

    def test_on_duty_lookup_query_count(self):
        Shift = self.env["duty.shift"]
        Shift.get_on_duty(self.post)  # warm the caches
        with self.assertQueryCount(1):
            Shift.get_on_duty(self.post, at=DT(2026, 10, 2, 19))

    @freeze_time("2026-09-10 00:00:00")
    def test_employees_read_duties_but_do_not_edit(self):
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 2))
        roster.action_generate()
        employee_user = self.users[1]
        shifts = self.env["duty.shift"].with_user(employee_user).search([("roster_id", "=", roster.id)])
        self.assertEqual(len(shifts), 2)
        with self.assertRaises(AccessError):
            shifts[0].write({"employee_id": self.li.id})
        other = self.env["res.company"].create({"name": "Changsha Branch"})
        hidden = self.env["duty.post"].create({"name": "Elsewhere", "company_id": other.id})
        self.assertFalse(self.env["duty.post"].with_user(employee_user).search([("id", "=", hidden.id)]))
