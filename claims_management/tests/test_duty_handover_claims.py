from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import DT, ClaimsCase


@tagged("post_install", "-at_install")
class TestHandoverClaims(ClaimsCase):
    """Surveyor Su keeps the Liuyang surveyor post on 18 June (00:00-24:00 UTC), Backup Bai on 19 June;
    Leader Lei is the backup on the 18th.  Su's handover log lists the claims reported on the post during
    the duty and those escalated on it then; Bai signs them off."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        # duty officers who are not claims staff: the log still lists the claims
        cls.duty_users = [
            new_test_user(cls.env, f"hnd_duty_{i}", groups="duty_roster.group_duty_user", **common) for i in range(2)
        ]
        cls.su, cls.bai, cls.lei = cls.surveyors
        (cls.su | cls.bai).write({"user_id": False})
        cls.su.user_id, cls.bai.user_id = cls.duty_users
        cls.post = cls.env["duty.post"].create(
            {
                "name": "Surveyors Liuyang",
                "company_id": cls.company.id,
                "claim_region": "Liuyang",
                "headcount_backup": 1,
                "employee_ids": [(6, 0, cls.surveyors.ids)],
            }
        )
        cls.other_post = cls.env["duty.post"].create(
            {
                "name": "Surveyors Changsha",
                "company_id": cls.company.id,
                "claim_region": "Changsha",
                "employee_ids": [(6, 0, cls.surveyors.ids)],
            }
        )
        Shift = cls.env["duty.shift"]
        cls.duty, cls.next_duty, cls.backup_duty = Shift.create(
            [
                {
                    "post_id": cls.post.id,
                    "tier": tier,
                    "employee_id": employee.id,
                    "start": start,
                    "end": end,
                    "is_published": True,
                }
                for tier, employee, start, end in (
                    ("primary", cls.su, DT(2026, 6, 18, 0), DT(2026, 6, 19, 0)),
                    ("primary", cls.bai, DT(2026, 6, 19, 0), DT(2026, 6, 20, 0)),
                    ("backup", cls.lei, DT(2026, 6, 18, 0), DT(2026, 6, 19, 0)),
                )
            ]
        )

    def claim(self, **values):
        return self.new_claim(loss_at=DT(2026, 6, 17, 20, 0), **values)

    def write_handover(self):
        return self.env["duty.handover"].with_user(self.duty_users[0]).create({"shift_id": self.duty.id})

    def test_claims_reported_during_the_duty_are_listed_in_one_batch(self):
        before = self.claim(reported_at=DT(2026, 6, 17, 23, 59))
        first = self.claim(reported_at=DT(2026, 6, 18, 0, 0))
        last = self.claim(reported_at=DT(2026, 6, 18, 23, 59))
        after = self.claim(reported_at=DT(2026, 6, 19, 0, 0))
        elsewhere = self.claim(reported_at=DT(2026, 6, 18, 9, 0), region="Changsha")
        handover = self.write_handover()
        self.assertEqual(handover.claim_link_ids.claim_id, first | last)
        self.assertEqual(set(handover.claim_link_ids.mapped("kind")), {"received"})
        self.assertEqual(handover.claim_link_ids.sorted("received_at").mapped("claim_name"), [first.name, last.name])
        self.assertEqual(handover.claim_open_count, 2)
        # the batch: several logs are refreshed with one claim search
        next_handover = self.env["duty.handover"].create({"shift_id": self.next_duty.id})
        other = self.env["duty.handover"].create({"shift_id": self.backup_duty.id})
        self.assertEqual(next_handover.claim_link_ids.claim_id, after)
        handovers = handover | next_handover | other

        def queries(records):
            for _warm_up in range(2):  # caches of rules and registries warm
                records._refresh_claim_links()
                self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            records._refresh_claim_links()
            return self.env.cr.sql_log_count - before

        # as many queries for three logs as for one: nothing per log nor per claim
        self.assertEqual(queries(handovers), queries(handover))
        self.assertNotIn(before | elsewhere, handovers.claim_link_ids.claim_id)
        # the backup of the post lists the post's claims too
        self.assertEqual(other.claim_link_ids.claim_id, first | last)

    def test_escalated_claims_are_listed_and_the_incoming_officer_signs_off_the_open_ones(self):
        reported = self.claim(reported_at=DT(2026, 6, 17, 22, 0))
        withdrawn = self.claim(reported_at=DT(2026, 6, 18, 3, 0))
        still_open = self.claim(reported_at=DT(2026, 6, 18, 4, 0))
        with freeze_time("2026-06-18 01:00:00"):
            reported.with_user(self.director_user).action_dispatch()
        self.assertEqual((reported.surveyor_id, reported.dispatch_tier), (self.su, "primary"))
        with freeze_time("2026-06-18 02:00:00"):
            self.env["insurance.claim"]._cron_escalate_dispatch()
        self.assertEqual((reported.surveyor_id, reported.dispatch_tier), (self.lei, "backup"))
        self.assertEqual(reported.dispatch_escalated_at, DT(2026, 6, 18, 2, 0))
        withdrawn.with_user(self.director_user).action_withdraw()
        handover = self.write_handover()
        links = handover.claim_link_ids
        self.assertEqual(links.filtered(lambda link: link.kind == "escalated").claim_id, reported)
        self.assertEqual(links.filtered(lambda link: link.kind == "received").claim_id, withdrawn | still_open)
        handover.with_user(self.duty_users[0]).write(
            {"situation_clear": True, "problems_clear": True, "tasks_clear": True}
        )
        with freeze_time("2026-06-19 00:05:00"):
            handover.with_user(self.duty_users[0]).action_hand_over()
            # nobody else signs, nor writes the links
            with self.assertRaises(AccessError):
                handover.with_user(self.surveyor_users[2]).action_sign()
            with self.assertRaisesRegex(UserError, "listed automatically"):
                links.with_user(self.duty_users[1]).write({"signed_off_by_id": self.duty_users[1].id})
            with self.assertRaisesRegex(UserError, "listed automatically"):
                links.with_user(self.env.ref("base.user_admin")).write({"signed_off_by_id": False})
            handover.with_user(self.duty_users[1]).action_sign()
        open_links = links.filtered("is_open")
        self.assertEqual(open_links.claim_id, reported | still_open)
        self.assertEqual(open_links.signed_off_by_id, self.duty_users[1])
        self.assertEqual(set(open_links.mapped("signed_off_at")), {DT(2026, 6, 19, 0, 5)})
        self.assertFalse((links - open_links).signed_off_by_id)
