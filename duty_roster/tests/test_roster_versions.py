"""Regenerating a published roster makes a new version and tells exactly the
people whose duties changed; back to draft keeps the published duties live."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common import DT, D, DutyRosterCase

# noon on 5 October 2026 in Beijing, inside the 24 h duty of 5 October
NOON_OCT_5 = DT(2026, 10, 5, 4)


@tagged("post_install", "-at_install")
class TestRosterVersions(DutyRosterCase):
    """Published 1-10 October: Wang Fang 1st, Liu Yang 2nd, Zhang Wei 3rd, Li Na 4th,
    Wang Fang 5th, Liu Yang 6th, Zhang Wei 7th, Li Na 8th, Wang Fang 9th, Liu Yang 10th."""

    def published(self):
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 10))
        roster.action_generate()
        roster.with_user(self.manager_user).action_publish()
        self.assertEqual(roster.version, 1)
        return roster

    def chen_replaces_wang(self):
        # from 5 October Chen Jie takes Wang Fang's place in the order
        self.env["duty.rotation.version"].create(
            {
                "rotation_id": self.rotation.id,
                "date_from": D(2026, 10, 5),
                "member_ids": [
                    (0, 0, {"sequence": i, "employee_id": e.id})
                    for i, e in enumerate([self.zhang, self.li, self.chen, self.liu])
                ],
            }
        )

    def new_messages(self, roster, before):
        return self.env["mail.message"].search(
            [("model", "=", "duty.roster"), ("res_id", "=", roster.id), ("id", "not in", before.ids)]
        )

    @freeze_time("2026-09-20 00:00:00")
    def test_regenerating_a_published_roster_tells_only_those_concerned(self):
        roster = self.published()
        unchanged = roster.shift_ids.filtered(lambda s: s.employee_id != self.wang or s.day < D(2026, 10, 5))
        before = self.env["mail.message"].search([("model", "=", "duty.roster"), ("res_id", "=", roster.id)])
        self.chen_replaces_wang()
        roster.with_user(self.manager_user).action_generate()
        self.assertEqual((roster.state, roster.version), ("published", 2))
        self.assertEqual([self.who(roster, D(2026, 10, day)) for day in (5, 9)], [self.chen, self.chen])
        self.assertEqual(unchanged.exists(), unchanged, "unchanged duties are the same records")
        self.assertTrue(all(roster.shift_ids.mapped("is_published")))
        self.assertEqual(len(roster.shift_ids), 10)
        notes = self.new_messages(roster, before)
        told = notes.notification_ids.res_partner_id | notes.partner_ids
        self.assertEqual(told, (self.wang | self.chen).work_contact_id, "only Wang Fang and Chen Jie are told")
        to_wang = notes.filtered(lambda m: self.wang.work_contact_id in m.partner_ids)
        self.assertIn("Version 2", to_wang.body)
        self.assertIn("Duty cancelled", to_wang.body)
        self.assertIn("2026-10-05 08:00", to_wang.body)
        to_chen = notes.filtered(lambda m: self.chen.work_contact_id in m.partner_ids)
        self.assertIn("New duty", to_chen.body)
        self.assertIn("2026-10-09 08:00", to_chen.body)
        self.assertEqual(self.env["duty.shift"].get_on_duty(self.post, at=NOON_OCT_5), self.chen)

    @freeze_time("2026-09-20 00:00:00")
    def test_back_to_draft_keeps_published_duties_live(self):
        roster = self.published()
        Shift = self.env["duty.shift"]
        roster.with_user(self.manager_user).action_reset_to_draft()
        self.assertEqual(roster.state, "draft")
        self.assertEqual(Shift.get_on_duty(self.post, at=NOON_OCT_5), self.wang, "still answered while in draft")
        self.chen_replaces_wang()
        roster.with_user(self.manager_user).action_generate()
        self.assertEqual(roster.state, "draft", "a draft is regenerated, not published")
        self.assertEqual(self.who(roster, D(2026, 10, 5)), self.chen, "the new version shows the change")
        self.assertEqual(len(roster.shift_ids), 10)
        self.assertFalse(roster.violation_ids, "the replaced duties do not count twice")
        self.assertEqual(Shift.get_on_duty(self.post, at=NOON_OCT_5), self.wang, "the published duty stays live")
        # Wang Fang's calendar feed still has the duty until the new version is published
        live = Shift.search([("employee_id", "=", self.wang.id), ("is_published", "=", True)])
        self.assertIn(D(2026, 10, 5), live.mapped("day"))
        roster.with_user(self.manager_user).action_publish()
        self.assertEqual((roster.state, roster.version), ("published", 2))
        self.assertEqual(Shift.get_on_duty(self.post, at=NOON_OCT_5), self.chen)
        self.assertEqual(Shift.search_count([("roster_id", "=", roster.id)]), 10, "the replaced duties are gone")

    @freeze_time("2026-09-20 00:00:00")
    def test_republishing_without_change_tells_nobody(self):
        roster = self.published()
        before = self.env["mail.message"].search([("model", "=", "duty.roster"), ("res_id", "=", roster.id)])
        shifts = roster.shift_ids
        roster.with_user(self.manager_user).action_generate()
        self.assertEqual(roster.version, 2)
        self.assertEqual(roster.shift_ids, shifts, "the same duties, kept")
        notes = self.new_messages(roster, before)
        self.assertFalse(notes.notification_ids.res_partner_id | notes.partner_ids)
