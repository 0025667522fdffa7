import datetime

from odoo import fields
from odoo.addons.insurance_base.tests.tour_common import InsuranceTourCase
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSwapTour(InsuranceTourCase):
    """An employee asks a colleague to swap duties in the browser, the colleague accepts, a duty leader approves.

    The duties lie a month ahead of the real clock (a request is about future duties and the browser is not
    frozen); they start at 08:00 in Shanghai, midnight UTC, so their day is the same in every time zone.
    """

    def _swap_in(self, lang):
        env = self.env(context=dict(self.env.context, lang=lang))
        company = env.company
        common = {"company_id": company.id, "company_ids": [company.id], "lang": lang, "tz": "Asia/Shanghai"}
        requester_user = new_test_user(
            env, f"duty_swap_asker_{lang}", groups="base.group_user,duty_roster.group_duty_user", **common
        )
        colleague_user = new_test_user(
            env, f"duty_swap_colleague_{lang}", groups="base.group_user,duty_roster.group_duty_user", **common
        )
        leader_user = new_test_user(
            env, f"duty_swap_leader_{lang}", groups="base.group_user,duty_roster.group_duty_leader", **common
        )
        requester, colleague = env["hr.employee"].create(
            [
                {"name": f"Swap asker {lang}", "user_id": requester_user.id, "company_id": company.id},
                {"name": f"Swap colleague {lang}", "user_id": colleague_user.id, "company_id": company.id},
            ]
        )
        post = env["duty.post"].create(
            {
                "name": f"Swap tour hotline {lang}",
                "code": f"SWAP{lang[:2].upper()}",
                "company_id": company.id,
                "tz": "Asia/Shanghai",
                "employee_ids": [(6, 0, (requester | colleague).ids)],
            }
        )
        template = env["duty.shift.template"].create(
            {"name": "Swap tour day", "start_time": 8.0, "duration": 12.0, "company_id": company.id}
        )
        first_day = fields.Date.today() + datetime.timedelta(days=30)
        starts = [datetime.datetime.combine(first_day + datetime.timedelta(days=d), datetime.time(0)) for d in (0, 2)]
        mine, theirs = env["duty.shift"].create(
            [
                {
                    "post_id": post.id,
                    "template_id": template.id,
                    "employee_id": employee.id,
                    "start": start,
                    "end": start + datetime.timedelta(hours=12),
                }
                for employee, start in ((requester, starts[0]), (colleague, starts[1]))
            ]
        )
        values = {
            "myDuty": mine.display_name,
            "theirDuty": theirs.display_name,
            "colleague": colleague.name,
            "myDay": self.tour_date(env, mine.day),
            "theirDay": self.tour_date(env, theirs.day),
        }
        Swap = env["duty.swap.request"]

        self.start_tour_with_values(
            "/odoo/action-duty_roster.duty_swap_request_action/new",
            "duty_swap_request_tour",
            values,
            login=requester_user.login,
        )
        request = Swap.search([("shift_id", "=", mine.id)])
        self.assertEqual((request.state, request.type, request.counterpart_shift_id), ("requested", "swap", theirs))
        self.assertEqual(request.requester_id, requester)
        url = f"/odoo/action-duty_roster.duty_swap_request_action/{request.id}"

        self.start_tour_with_values(url, "duty_swap_accept_tour", values, login=colleague_user.login)
        self.assertEqual((request.state, request.accepted_by_id), ("accepted", colleague_user))

        self.start_tour_with_values(url, "duty_swap_approve_tour", values, login=leader_user.login)
        self.assertEqual((request.state, request.approver_id), ("approved", leader_user))
        self.assertEqual((mine.employee_id, theirs.employee_id), (colleague, requester), "the duties changed hands")

    def test_swap_tours_english(self):
        self._swap_in("en_US")

    def test_swap_tours_chinese(self):
        self._swap_in("zh_CN")
