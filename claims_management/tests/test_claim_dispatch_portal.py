from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from .common import DT, D
from .portal_common import PortalClaimsCase


@tagged("post_install", "-at_install")
class TestClaimDispatchPortal(HttpCase, PortalClaimsCase):
    """A claim reported on the portal at night goes to the night duty without anybody clicking."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        duty_manager = new_test_user(
            cls.env,
            "clm_duty_manager",
            groups="duty_roster.group_duty_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.post = cls.env["duty.post"].create(
            {
                "name": "Night surveyors",
                "company_id": cls.company.id,
                "ack_timeout_minutes": 30,
                "employee_ids": [(6, 0, cls.surveyors[:2].ids)],
            }
        )
        cls.handler_post = cls.env["duty.post"].create(
            {"name": "Night handlers", "company_id": cls.company.id, "employee_ids": [(6, 0, cls.handler.ids)]}
        )
        cls.claim_type.write({"surveyor_post_id": cls.post.id, "handler_post_id": cls.handler_post.id})
        roster = cls.env["duty.roster"].create(
            {
                "name": "Nights of 17 June 2026",
                "company_id": cls.company.id,
                "date_from": D(2026, 6, 17),
                "date_to": D(2026, 6, 17),
                "post_ids": [(6, 0, (cls.post | cls.handler_post).ids)],
                "override_reason": "Test roster: one day and one night only",
            }
        )
        # Beijing time: the day duty 08:00-20:00 (00:00-12:00 UTC), the night duty 20:00-08:00 (12:00-00:00 UTC)
        shifts = []
        for post, day_employee, night_employee in (
            (cls.post, cls.surveyors[0], cls.surveyors[1]),
            (cls.handler_post, cls.handler, cls.handler),
        ):
            shifts += [
                {
                    "post_id": post.id,
                    "employee_id": day_employee.id,
                    "start": DT(2026, 6, 17, 0),
                    "end": DT(2026, 6, 17, 12),
                },
                {
                    "post_id": post.id,
                    "employee_id": night_employee.id,
                    "start": DT(2026, 6, 17, 12),
                    "end": DT(2026, 6, 18, 0),
                },
            ]
        roster.shift_ids = [(0, 0, dict(vals, tier="primary")) for vals in shifts]
        roster.with_user(duty_manager).action_publish()
        cls.night_surveyor = cls.surveyors[1]

    def test_portal_report_at_three_in_the_night_is_dispatched_at_once(self):
        self.authenticate("clm_claimant", "clm_claimant")
        with freeze_time("2026-06-17 19:00:00"):  # 03:00 on 18 June, Beijing time
            page = self.url_open("/my/claims/new")
            token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            response = self.url_open(
                "/my/claims/new",
                data={
                    "csrf_token": token,
                    "policy_id": self.own_policy.id,
                    "claim_type_id": self.claim_type.id,
                    "loss_date": "2026-06-18",
                    "loss_place": "G319 K12",
                    "description": "A truck hit the guard rail at 02:40.",
                },
            )
        self.assertEqual(response.status_code, 200)
        claim = self.env["insurance.claim"].search([("policy_id", "=", self.own_policy.id), ("channel", "=", "portal")])
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.state, "dispatched", "nobody clicked Dispatch")
        self.assertEqual(claim.surveyor_id, self.night_surveyor, "the night duty of the roster")
        self.assertEqual(claim.handler_id, self.handler)
        self.assertEqual(claim.ack_deadline, DT(2026, 6, 17, 19, 30), "the acknowledgement timeout runs")
        self.assertEqual(
            set(claim.activity_ids.mapped("user_id")),
            {self.night_surveyor.user_id, self.handler_user},
            "the surveyor and the handler on duty are notified",
        )
