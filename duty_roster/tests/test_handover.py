from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import DT, D, DutyRosterCase


@tagged("post_install", "-at_install")
class TestHandover(DutyRosterCase):
    """Rotation Zhang, Li, Wang, Liu from 1 September, 24 h from 08:00 Beijing time:
    3 Oct Zhang, 4 Oct Li, 5 Oct Wang, 10 Oct Liu, 11 Oct Zhang."""

    def setUp(self):
        super().setUp()
        self.zhang_user, self.li_user, self.wang_user, self.liu_user, self.chen_user = self.users
        with freeze_time("2026-09-10 00:00:00"):
            self.roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 14))
            self.roster.action_generate()
            self.roster.with_user(self.manager_user).action_publish()

    def duty(self, day):
        return self.roster.shift_ids.filtered(lambda s: s.day == day and s.tier == "primary")

    def write_handover(self, day, user, **values):
        return (
            self.env["duty.handover"]
            .with_user(user)
            .create(dict({"shift_id": self.duty(day).id, "situation": "<p>12 calls, 3 claims</p>"}, **values))
        )

    def hand_over(self, handover):
        handover.write({"situation_clear": True, "problems_clear": True, "tasks_clear": True})
        handover.action_hand_over()

    @freeze_time("2026-10-04 00:30:00")
    def test_three_clear_checklist_is_required_before_handing_over(self):
        handover = self.write_handover(D(2026, 10, 3), self.zhang_user)
        self.assertEqual(handover.employee_id, self.zhang)
        self.assertEqual(handover.next_shift_id, self.duty(D(2026, 10, 4)))
        self.assertEqual(handover.next_employee_id, self.li)
        self.assertEqual(
            handover.received_domain(),
            [("create_date", ">=", DT(2026, 10, 3, 0, 0)), ("create_date", "<", DT(2026, 10, 4, 0, 0))],
        )
        with self.assertRaisesRegex(UserError, "Situation Clear, Problems Clear, Tasks Clear"):
            handover.action_hand_over()
        handover.write({"situation_clear": True, "problems_clear": True})
        with self.assertRaisesRegex(UserError, "missing: Tasks Clear"):
            handover.action_hand_over()
        self.assertEqual(handover.state, "draft")
        # the incoming officer cannot hand over in the outgoing officer's place
        with self.assertRaises(AccessError):
            handover.with_user(self.li_user).action_hand_over()
        handover.tasks_clear = True
        handover.action_hand_over()
        self.assertEqual(handover.state, "handed_over")
        self.assertEqual(handover.handed_over_at, DT(2026, 10, 4, 0, 30))
        # handed over: the content is frozen, the state moves only through the buttons
        with self.assertRaises(UserError):
            handover.problems = "<p>changed afterwards</p>"
        with self.assertRaises(UserError):
            handover.with_user(self.li_user).write({"state": "signed"})
        # one log per duty
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.write_handover(D(2026, 10, 3), self.zhang_user)

    @freeze_time("2026-10-04 00:30:00")
    def test_unfinished_items_are_carried_to_the_next_duty(self):
        handover = self.write_handover(
            D(2026, 10, 3),
            self.zhang_user,
            item_ids=[
                (0, 0, {"description": "Call back Mr Wu about claim 88", "done": True}),
                (0, 0, {"description": "Survey report of the Jinyang crash", "done": False}),
                (0, 0, {"description": "Chase the tow truck invoice", "done": False}),
            ],
        )
        self.assertEqual(handover.open_item_count, 2)
        self.hand_over(handover)
        with self.assertRaises(UserError):  # items are frozen with the log
            handover.item_ids[1].done = True

        following = self.write_handover(D(2026, 10, 4), self.li_user)
        self.assertEqual(
            following.item_ids.mapped("description"),
            ["Survey report of the Jinyang crash", "Chase the tow truck invoice"],
        )
        self.assertEqual(following.item_ids.origin_item_id, handover.item_ids.filtered(lambda i: not i.done))
        self.assertFalse(any(following.item_ids.mapped("done")))
        handover.with_user(self.li_user).action_sign()
        self.assertEqual(len(following.item_ids), 2, "signing does not carry the items twice")

        # Li finishes one; the other goes on to Wang on 5 October
        following.item_ids[0].with_user(self.li_user).done = True
        with freeze_time("2026-10-05 00:10:00"):
            self.hand_over(following.with_user(self.li_user))
            third = self.write_handover(D(2026, 10, 5), self.wang_user)
        self.assertEqual(third.item_ids.mapped("description"), ["Chase the tow truck invoice"])

    @freeze_time("2026-10-04 00:30:00")
    def test_items_reach_a_next_log_written_before_the_handover_when_signing(self):
        handover = self.write_handover(
            D(2026, 10, 3), self.zhang_user, item_ids=[(0, 0, {"description": "Return the car keys"})]
        )
        early = self.write_handover(D(2026, 10, 4), self.li_user)
        self.assertFalse(early.item_ids, "nothing handed over yet")
        self.hand_over(handover)
        self.assertFalse(early.item_ids)
        handover.with_user(self.li_user).action_sign()
        self.assertEqual(early.item_ids.mapped("description"), ["Return the car keys"])

    @freeze_time("2026-10-04 00:30:00")
    def test_only_the_incoming_officer_signs(self):
        handover = self.write_handover(D(2026, 10, 3), self.zhang_user)
        with self.assertRaises(UserError):
            handover.with_user(self.li_user).action_sign()  # not handed over yet
        self.hand_over(handover)
        # Wang is on the same post but not the incoming officer: he reads the log, cannot sign
        self.assertEqual(handover.with_user(self.wang_user).state, "handed_over")
        with self.assertRaises(AccessError):
            handover.with_user(self.wang_user).action_sign()
        with self.assertRaises(AccessError):
            handover.with_user(self.zhang_user).action_sign()
        with self.assertRaises(AccessError):
            handover.with_user(self.manager_user).action_sign()
        with self.assertRaises(UserError):  # a signature field written by hand
            handover.with_user(self.wang_user).write({"signed_by_id": self.wang_user.id})
        self.assertEqual(handover.state, "handed_over")
        with freeze_time("2026-10-04 01:15:00"):
            handover.with_user(self.li_user).action_sign()
        self.assertEqual(handover.state, "signed")
        self.assertEqual(handover.signed_by_id, self.li_user)
        self.assertEqual(handover.signed_at, DT(2026, 10, 4, 1, 15))
        with self.assertRaises(UserError):
            handover.with_user(self.li_user).action_sign()
        with self.assertRaises(UserError):  # signed logs are kept
            handover.with_user(self.manager_user).unlink()

    @freeze_time("2026-10-04 00:30:00")
    def test_reading_and_writing_follow_the_duty(self):
        outsider_user = new_test_user(
            self.env,
            "duty_outsider",
            groups="base.group_user,duty_roster.group_duty_user",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        self.env["hr.employee"].create({"name": "Outsider", "company_id": self.company.id, "user_id": outsider_user.id})
        handover = self.write_handover(D(2026, 10, 3), self.zhang_user)
        Handover = self.env["duty.handover"]
        self.assertEqual(Handover.with_user(self.chen_user).search([]), handover, "Chen is on the hotline post")
        self.assertFalse(Handover.with_user(outsider_user).search([]), "not on the post: nothing to read")
        with self.assertRaises(AccessError):
            handover.with_user(outsider_user).read(["situation"])
        # Li's duty is hers to write, not Zhang's; Chen reads but cannot write Zhang's log
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.write_handover(D(2026, 10, 4), self.zhang_user)
        with self.assertRaises(AccessError):
            handover.with_user(self.chen_user).write({"problems": "<p>no</p>"})
        with self.assertRaises(AccessError):  # the incoming officer may sign, not rewrite the log
            handover.with_user(self.li_user).write({"problems": "<p>no</p>"})

    def test_retention_cron_archives_old_signed_logs_only(self):
        with freeze_time("2026-10-04 00:30:00"):
            old_signed = self.write_handover(D(2026, 10, 3), self.zhang_user)
            self.hand_over(old_signed)
            old_signed.with_user(self.li_user).action_sign()
        with freeze_time("2026-10-05 00:30:00"):
            old_unsigned = self.write_handover(D(2026, 10, 4), self.li_user)
            self.hand_over(old_unsigned)
        with freeze_time("2026-10-11 00:30:00"):
            recent_signed = self.write_handover(D(2026, 10, 10), self.liu_user)
            self.hand_over(recent_signed)
            recent_signed.with_user(self.zhang_user).action_sign()
        draft = self.write_handover(D(2026, 10, 12), self.li_user)
        everything = old_signed | old_unsigned | recent_signed | draft
        Handover = self.env["duty.handover"]

        self.assertEqual(self.company.duty_handover_retention_months, 3)
        with freeze_time("2027-01-06 00:00:00"):  # 3 months back: 6 October, 00:00 UTC
            self.company.duty_handover_retention_months = 6
            self.assertFalse(Handover._cron_archive_expired())
            self.company.duty_handover_retention_months = 3
            archived = Handover._cron_archive_expired()
        self.assertEqual(archived, old_signed)
        self.assertEqual(everything.filtered("active"), old_unsigned | recent_signed | draft)
        self.assertEqual(Handover.with_context(active_test=False).search([("id", "in", everything.ids)]), everything)
        with freeze_time("2028-01-01 00:00:00"):
            archived = Handover._cron_archive_expired()
        self.assertEqual(archived, recent_signed)
        self.assertEqual(len(everything.exists()), 4, "archived, never deleted")

    def test_retention_below_three_months_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "at least 3 months"), self.cr.savepoint():
            self.company.duty_handover_retention_months = 2
        settings = self.env["res.config.settings"].with_user(self.manager_user)
        self.manager_user.groups_id |= self.env.ref("base.group_system")
        with self.assertRaises(ValidationError), self.cr.savepoint():
            settings.create({"duty_handover_retention_months": 1}).execute()
        self.assertEqual(self.company.duty_handover_retention_months, 3)
        settings.create({"duty_handover_retention_months": 12}).execute()
        self.assertEqual(self.company.duty_handover_retention_months, 12)

    @freeze_time("2026-10-04 00:30:00")
    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Changsha Branch"})
        other_manager = new_test_user(
            self.env,
            "roster_hr_cs",
            groups="base.group_user,duty_roster.group_duty_manager",
            company_id=other.id,
            company_ids=[other.id],
        )
        other_employee = self.env["hr.employee"].create({"name": "Huang Lei", "company_id": other.id})
        other_post = self.env["duty.post"].create(
            {"name": "Changsha hotline", "company_id": other.id, "employee_ids": [(6, 0, other_employee.ids)]}
        )
        other_shift = (
            self.env["duty.shift"]
            .with_company(other)
            .with_context(duty_generating=True)
            .create(
                {
                    "post_id": other_post.id,
                    "employee_id": other_employee.id,
                    "start": DT(2026, 10, 3),
                    "end": DT(2026, 10, 4),
                    "is_published": True,
                }
            )
        )
        other_handover = self.env["duty.handover"].with_company(other).create({"shift_id": other_shift.id})
        self.assertEqual(other_handover.company_id, other)
        self.assertFalse(other_handover.next_shift_id, "the Liuyang duties do not follow a Changsha duty")
        mine = self.write_handover(D(2026, 10, 3), self.zhang_user)

        self.assertEqual(self.env["duty.handover"].with_user(self.manager_user).search([]), mine)
        with self.assertRaises(AccessError):
            other_handover.with_user(self.manager_user).read(["situation"])
        as_other = self.env(user=other_manager, context=dict(self.env.context, allowed_company_ids=[other.id]))
        self.assertEqual(as_other["duty.handover"].search([]), other_handover)
        with self.assertRaises(AccessError):
            mine.with_env(as_other).read(["situation"])
        with self.assertRaises(UserError):  # a Changsha duty cannot be handed over to nobody
            other_handover.write({"situation_clear": True, "problems_clear": True, "tasks_clear": True})
            other_handover.action_hand_over()
