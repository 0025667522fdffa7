from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import DT, ComplaintCase


@tagged("post_install", "-at_install")
class TestHandoverComplaints(ComplaintCase):
    """Officer Ou keeps the complaint officer post on 2 March 2026 (00:00-24:00 UTC), officer Xu on the
    3rd.  Ou's handover log lists the complaints received during the duty and those escalated to the
    managers then; Xu signs off the open ones."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        cls.duty_users = [
            new_test_user(cls.env, f"cmp_duty_{i}", groups="duty_roster.group_duty_user", **common) for i in range(2)
        ]
        cls.ou, cls.xu = cls.env["hr.employee"].create(
            [
                {"name": name, "company_id": cls.company.id, "user_id": user.id}
                for name, user in zip(("Officer Ou", "Officer Xu"), cls.duty_users, strict=True)
            ]
        )
        cls.post = cls.env["duty.post"].create(
            {
                "name": "Complaint officer",
                "company_id": cls.company.id,
                "is_complaint_officer_post": True,
                "employee_ids": [(6, 0, (cls.ou | cls.xu).ids)],
            }
        )
        cls.hotline = cls.env["duty.post"].create(
            {"name": "Hotline", "company_id": cls.company.id, "employee_ids": [(6, 0, (cls.ou | cls.xu).ids)]}
        )
        Shift = cls.env["duty.shift"]
        cls.duty, cls.next_duty, cls.hotline_duty = Shift.create(
            [
                {
                    "post_id": post.id,
                    "employee_id": employee.id,
                    "start": start,
                    "end": end,
                    "is_published": True,
                }
                for post, employee, start, end in (
                    (cls.post, cls.ou, DT(2026, 3, 2, 0), DT(2026, 3, 3, 0)),
                    (cls.post, cls.xu, DT(2026, 3, 3, 0), DT(2026, 3, 4, 0)),
                    (cls.hotline, cls.xu, DT(2026, 3, 2, 0), DT(2026, 3, 3, 0)),
                )
            ]
        )

    def test_complaints_of_the_duty_are_listed_and_signed_off(self):
        before = self.new_complaint(received_at=DT(2026, 3, 1, 23, 59))
        first = self.new_complaint(received_at=DT(2026, 3, 2, 0, 0))
        with freeze_time("2026-03-02 09:00:00"):
            crisis = self.new_complaint(received_at=DT(2026, 3, 1, 20, 0), is_crisis=True, channel="media")
        self.assertEqual(crisis.manager_alerted_at, DT(2026, 3, 2, 9, 0))
        after = self.new_complaint(received_at=DT(2026, 3, 3, 0, 0))
        handover = self.env["duty.handover"].with_user(self.duty_users[0]).create({"shift_id": self.duty.id})
        links = handover.complaint_link_ids
        self.assertEqual(links.filtered(lambda link: link.kind == "received").complaint_id, first)
        self.assertEqual(links.filtered(lambda link: link.kind == "escalated").complaint_id, crisis)
        self.assertNotIn(before | after, links.complaint_id)
        self.assertEqual(handover.complaint_open_count, 2)
        # a post that does not take complaints lists none
        other = self.env["duty.handover"].with_user(self.duty_users[1]).create({"shift_id": self.hotline_duty.id})
        self.assertFalse(other.complaint_link_ids)
        # one batch: as many queries for two logs as for one
        next_handover = self.env["duty.handover"].create({"shift_id": self.next_duty.id})
        self.assertEqual(next_handover.complaint_link_ids.complaint_id, after)

        def queries(records):
            for _warm_up in range(2):  # caches of rules and registries warm
                records._refresh_complaint_links()
                self.env.invalidate_all()
            count = self.env.cr.sql_log_count
            records._refresh_complaint_links()
            return self.env.cr.sql_log_count - count

        self.assertEqual(queries(handover | next_handover), queries(handover))
        with self.assertRaisesRegex(UserError, "listed automatically"):
            links.with_user(self.duty_users[0]).write({"signed_off_by_id": self.duty_users[0].id})
        with self.assertRaisesRegex(UserError, "listed automatically"):
            self.env["duty.handover.complaint"].with_user(self.manager_user).create(
                {
                    "handover_id": handover.id,
                    "complaint_id": before.id,
                    "kind": "received",
                    "received_at": DT(2026, 3, 2),
                }
            )
        handover.with_user(self.duty_users[0]).write(
            {"situation_clear": True, "problems_clear": True, "tasks_clear": True}
        )
        with freeze_time("2026-03-03 00:10:00"):
            handover.with_user(self.duty_users[0]).action_hand_over()
            with self.assertRaises(AccessError):
                handover.with_user(self.duty_users[0]).action_sign()
            handover.with_user(self.duty_users[1]).action_sign()
        self.assertEqual(links.signed_off_by_id, self.duty_users[1])
        self.assertEqual(set(links.mapped("signed_off_at")), {DT(2026, 3, 3, 0, 10)})
