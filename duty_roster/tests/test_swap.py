from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import DT, D, DutyRosterCase


@tagged("post_install", "-at_install")
class TestSwap(DutyRosterCase):
    """Hotline duties in October 2026, one 24 h duty a day from 08:00:
    Wang Fang 1st, Liu Yang 2nd, Zhang Wei 3rd, Li Na 4th, Wang Fang 5th,
    Liu Yang 6th, Zhang Wei 7th, Li Na 8th, Wang Fang 9th, Liu Yang 10th."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader_user = new_test_user(
            cls.env,
            "duty_leader",
            name="Leader Zhao",
            groups="base.group_user,duty_roster.group_duty_leader",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.zhang_user, cls.li_user, cls.wang_user, cls.liu_user, cls.chen_user = cls.users
        cls.Swap = cls.env["duty.swap.request"]

    def published_roster(self):
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 10))
        roster.action_generate()
        self.assertFalse(roster.violation_ids, roster.violation_ids.mapped("message"))
        roster.with_user(self.manager_user).action_publish()
        return roster

    def flush_tracking(self):
        """Write the chatter tracking as a commit would."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def duty(self, roster, day):
        return roster.shift_ids.filtered(lambda s: s.day == day and s.tier == "primary")

    def ask(self, user, shift, colleague, other_shift=None, **values):
        vals = {
            "type": "swap" if other_shift else "substitution",
            "shift_id": shift.id,
            "counterpart_id": colleague.id,
            "counterpart_shift_id": other_shift.id if other_shift else False,
            "reason": "My daughter's school play",
        }
        return self.Swap.with_user(user).create(dict(vals, **values))

    @freeze_time("2026-09-10 00:00:00")
    def test_swap_happy_path(self):
        roster = self.published_roster()
        zhang_duty, wang_duty = self.duty(roster, D(2026, 10, 3)), self.duty(roster, D(2026, 10, 5))
        self.assertEqual((zhang_duty.employee_id, wang_duty.employee_id), (self.zhang, self.wang))

        request = self.ask(self.zhang_user, zhang_duty, self.wang, wang_duty)
        self.flush_tracking()  # each step is its own transaction in the web client
        self.assertEqual(request.requester_id, self.zhang, "the requester defaults to the user's employee")
        self.assertEqual(request.company_id, self.company)
        self.assertEqual(request.state, "draft")
        self.assertIn("Zhang Wei", request.name)

        request.with_user(self.zhang_user).action_send()
        self.flush_tracking()
        self.assertEqual(request.state, "requested")
        self.assertEqual(request.activity_ids.user_id, self.wang_user, "Wang Fang has to answer")
        with self.assertRaisesRegex(UserError, "already sent"):
            request.with_user(self.zhang_user).counterpart_id = self.chen

        mine = self.Swap.with_user(self.wang_user).search([("counterpart_user_id", "=", self.wang_user.id)])
        self.assertEqual(mine, request)
        mine.action_accept()
        self.flush_tracking()
        self.assertEqual(request.state, "accepted")
        self.assertEqual(
            request.activity_ids.user_id,
            self.leader_user | self.manager_user,
            "the duty leaders of the branch (managers included) have to approve",
        )

        before = self.env["mail.message"].search([("model", "=", "duty.roster"), ("res_id", "=", roster.id)])
        request.with_user(self.leader_user).action_approve()
        self.flush_tracking()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approver_id, self.leader_user)
        self.assertFalse(request.activity_ids)
        self.assertEqual((zhang_duty.employee_id, wang_duty.employee_id), (self.wang, self.zhang), "exchanged")
        self.assertTrue(zhang_duty.is_manual and wang_duty.is_manual, "a regeneration keeps swapped duties")
        self.assertFalse(roster.violation_ids, roster.violation_ids.mapped("message"))
        self.assertEqual(
            self.env["duty.shift"].get_on_duty(self.post, at=DT(2026, 10, 3, 6)), self.wang, "the lookup follows"
        )

        notes = self.env["mail.message"].search(
            [("model", "=", "duty.roster"), ("res_id", "=", roster.id), ("id", "not in", before.ids)]
        )
        told = notes.notification_ids.res_partner_id | notes.partner_ids
        self.assertEqual(told, (self.zhang | self.wang).work_contact_id, "only the two people are told")
        request = request.with_env(self.env)  # tracking values are for administrators only
        bodies = " ".join(request.message_ids.mapped("body"))
        self.assertIn("Approved by Leader Zhao", bodies)
        tracked = request.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "state")
        self.assertEqual(
            sorted(tracked.mapped("new_value_char")), ["Accepted", "Approved", "Requested"], "every step is tracked"
        )

    @freeze_time("2026-09-10 00:00:00")
    def test_substitution(self):
        roster = self.published_roster()
        zhang_duty = self.duty(roster, D(2026, 10, 3))
        with Form(self.Swap.with_user(self.zhang_user)) as form:  # as in the web client
            self.assertEqual(form.requester_id, self.zhang)
            form.type = "substitution"
            form.shift_id = zhang_duty
            form.counterpart_id = self.chen
            form.reason = "Family matter"
        request = form.record
        self.assertEqual(request.type, "substitution")
        self.assertFalse(request.counterpart_shift_id)
        request.with_user(self.zhang_user).action_send()
        request.with_user(self.chen_user).action_accept()
        request.with_user(self.manager_user).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(zhang_duty.employee_id, self.chen)
        self.assertEqual(self.duty(roster, D(2026, 10, 7)).employee_id, self.zhang, "nothing given back")
        self.assertEqual(roster.shift_ids.filtered(lambda s: s.employee_id == self.chen), zhang_duty)

        with self.assertRaisesRegex(ValidationError, "substitution takes nothing in exchange"):
            self.ask(self.li_user, self.duty(roster, D(2026, 10, 4)), self.chen, type="substitution").write(
                {"counterpart_shift_id": self.duty(roster, D(2026, 10, 8)).id}
            )

    @freeze_time("2026-09-10 00:00:00")
    def test_swap_breaking_rest_rule_is_refused_at_approval(self):
        roster = self.published_roster()
        # Wang Fang gives 5 October to Li Na (on duty on the 4th) and takes Li Na's 8 October (Wang is on the 9th)
        wang_duty, li_duty = self.duty(roster, D(2026, 10, 5)), self.duty(roster, D(2026, 10, 8))
        self.assertEqual((wang_duty.employee_id, li_duty.employee_id), (self.wang, self.li))
        request = self.ask(self.wang_user, wang_duty, self.li, li_duty)
        request.with_user(self.wang_user).action_send()
        request.with_user(self.li_user).action_accept()
        with self.assertRaises(UserError) as caught:
            request.with_user(self.leader_user).action_approve()
        message = str(caught.exception)
        self.assertIn("Li Na would rest only 0 h between duties on 2026-10-04, 2026-10-05 (minimum 11 h)", message)
        self.assertIn("Wang Fang would rest only 0 h between duties on 2026-10-08, 2026-10-09", message)
        self.assertEqual((wang_duty.employee_id, li_duty.employee_id), (self.wang, self.li), "nothing changed")
        self.assertFalse(wang_duty.is_manual or li_duty.is_manual)
        self.assertEqual(request.state, "accepted")

        with self.assertRaisesRegex(UserError, "Write why you refuse"):
            request.with_user(self.leader_user).action_refuse()
        request.with_user(self.leader_user).refuse_reason = "Li Na would work 48 hours in a row"
        request.with_user(self.leader_user).action_refuse()
        self.assertEqual(request.state, "refused")
        self.assertFalse(request.activity_ids)
        self.assertIn("48 hours", request.message_ids[0].body)

    @freeze_time("2026-09-10 00:00:00")
    def test_only_a_leader_approves(self):
        roster = self.published_roster()
        request = self.ask(
            self.zhang_user, self.duty(roster, D(2026, 10, 3)), self.wang, self.duty(roster, D(2026, 10, 5))
        )
        request.with_user(self.zhang_user).action_send()
        with self.assertRaisesRegex(UserError, "not waiting for an answer|Only Wang Fang"):
            request.with_user(self.zhang_user).action_accept()
        request.with_user(self.wang_user).action_accept()
        for user in (self.wang_user, self.zhang_user):  # B, then A
            with self.assertRaisesRegex(UserError, "Only a duty leader"):
                request.with_user(user).action_approve()
        with self.assertRaisesRegex(AccessError, "a duty leader who is neither of them approves"):
            request.with_user(self.wang_user).state = "approved"
        with self.assertRaises(AccessError):  # employees do not edit duties themselves
            self.duty(roster, D(2026, 10, 3)).with_user(self.wang_user).employee_id = self.wang
        self.assertEqual(request.state, "accepted")
        self.assertEqual(self.duty(roster, D(2026, 10, 3)).employee_id, self.zhang)

        # a leader who is part of the swap does not decide on it
        self.wang_user.groups_id = [(4, self.env.ref("duty_roster.group_duty_leader").id)]
        with self.assertRaisesRegex(UserError, "another duty leader"):
            request.with_user(self.wang_user).action_approve()

    @freeze_time("2026-09-10 00:00:00")
    def test_only_the_colleague_accepts(self):
        roster = self.published_roster()
        request = self.ask(
            self.zhang_user, self.duty(roster, D(2026, 10, 3)), self.wang, self.duty(roster, D(2026, 10, 5))
        )
        with self.assertRaisesRegex(UserError, "not waiting for an answer"):
            request.with_user(self.wang_user).action_accept()  # still a draft
        request.with_user(self.zhang_user).action_send()
        self.assertFalse(self.Swap.with_user(self.liu_user).search([]), "a third employee does not see it")
        with self.assertRaises(AccessError):
            request.with_user(self.liu_user).action_accept()
        with self.assertRaisesRegex(UserError, "Only Wang Fang can accept or refuse"):
            request.with_user(self.leader_user).action_accept()
        with self.assertRaisesRegex(UserError, "Only Wang Fang can accept or refuse"):
            request.with_user(self.leader_user).action_refuse()
        self.assertEqual(request.state, "requested")
        # the colleague refuses with a reason
        request.with_user(self.wang_user).write({"refuse_reason": "I am away that week"})
        request.with_user(self.wang_user).action_refuse()
        self.assertEqual(request.state, "refused")
        with self.assertRaisesRegex(UserError, "already closed"):
            request.with_user(self.zhang_user).action_cancel()

    @freeze_time("2026-09-10 00:00:00")
    def test_only_own_future_duties(self):
        roster = self.published_roster()
        zhang_duty, li_duty = self.duty(roster, D(2026, 10, 3)), self.duty(roster, D(2026, 10, 4))
        with self.assertRaisesRegex(ValidationError, "is not a duty of Zhang Wei"):
            self.ask(self.zhang_user, li_duty, self.chen)
        with self.assertRaisesRegex(ValidationError, "is not a duty of Wang Fang"):
            self.ask(self.zhang_user, zhang_duty, self.wang, li_duty)
        with self.assertRaisesRegex(UserError, "only ask swaps of your own duties"):
            self.ask(self.zhang_user, li_duty, self.zhang, requester_id=self.li.id)
        request = self.ask(self.zhang_user, zhang_duty, self.chen)
        request.with_user(self.zhang_user).action_send()

        with freeze_time("2026-10-03 02:00:00"):  # 10:00 in Beijing: Zhang Wei's duty began at 08:00
            with self.assertRaisesRegex(ValidationError, "already started or is over; past duties cannot be swapped"):
                request.with_user(self.chen_user).action_accept()
            with self.assertRaisesRegex(ValidationError, "past duties cannot be swapped"):
                self.ask(self.zhang_user, zhang_duty, self.liu)
        self.assertEqual(request.state, "requested")

    @freeze_time("2026-09-10 00:00:00")
    def test_colleague_must_be_eligible(self):
        roster = self.published_roster()
        outsider_user = new_test_user(
            self.env,
            "outsider",
            groups="base.group_user,duty_roster.group_duty_user",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        outsider = self.env["hr.employee"].create(
            {"name": "Zhou Min", "company_id": self.company.id, "user_id": outsider_user.id}
        )
        zhang_duty = self.duty(roster, D(2026, 10, 3))
        with self.assertRaisesRegex(ValidationError, "Zhou Min may not take duties on post Claims hotline"):
            self.ask(self.zhang_user, zhang_duty, outsider)
        request = self.ask(self.zhang_user, zhang_duty, self.chen)
        self.assertIn(self.chen, request.eligible_employee_ids)
        self.assertNotIn(outsider, request.eligible_employee_ids)
        self.assertNotIn(self.zhang, request.eligible_employee_ids)
        # eligibility is checked again at each step: Chen Jie leaves the hotline after the request was sent
        request.with_user(self.zhang_user).action_send()
        self.post.employee_ids = [(3, self.chen.id)]
        with self.assertRaisesRegex(ValidationError, "Chen Jie may not take duties"):
            request.with_user(self.chen_user).action_accept()

    @freeze_time("2026-09-10 00:00:00")
    def test_regenerated_roster_keeps_the_request(self):
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 10))
        roster.action_generate()
        request = self.ask(self.zhang_user, self.duty(roster, D(2026, 10, 3)), self.chen)
        name = request.name
        roster.action_generate()  # drops and rebuilds the duties not edited by hand
        self.assertFalse(request.shift_id)
        self.assertEqual((request.name, request.company_id), (name, self.company))
        with self.assertRaisesRegex(ValidationError, "no duty"):
            request.with_user(self.zhang_user).action_send()
        request.with_user(self.zhang_user).action_cancel()
        self.assertEqual(request.state, "cancelled")

    @freeze_time("2026-09-10 00:00:00")
    def test_multi_company_isolation(self):
        roster = self.published_roster()
        ours = self.ask(self.zhang_user, self.duty(roster, D(2026, 10, 3)), self.chen)
        ours.with_user(self.zhang_user).action_send()

        other = self.env["res.company"].create({"name": "Changsha Branch"})
        env = self.env(context=dict(self.env.context, allowed_company_ids=[other.id]))
        users = [
            new_test_user(
                env,
                login,
                groups=f"base.group_user,duty_roster.{group}",
                company_id=other.id,
                company_ids=[other.id],
            )
            for login, group in (
                ("cs_a", "group_duty_user"),
                ("cs_b", "group_duty_user"),
                ("cs_lead", "group_duty_leader"),
            )
        ]
        sun, ma = env["hr.employee"].create(
            [
                {"name": name, "company_id": other.id, "user_id": user.id}
                for name, user in zip(("Sun Li", "Ma Jun"), users[:2], strict=True)
            ]
        )
        post = env["duty.post"].create(
            {"name": "Changsha hotline", "company_id": other.id, "employee_ids": [(6, 0, (sun | ma).ids)]}
        )
        sun_duty, ma_duty = env["duty.shift"].create(
            [
                {
                    "post_id": post.id,
                    "employee_id": employee.id,
                    "start": DT(2026, 10, day, 0),
                    "end": DT(2026, 10, day + 1, 0),
                }
                for employee, day in ((sun, 3), (ma, 5))
            ]
        )
        theirs = (
            env["duty.swap.request"]
            .with_user(users[0])
            .create(
                {"type": "swap", "shift_id": sun_duty.id, "counterpart_id": ma.id, "counterpart_shift_id": ma_duty.id}
            )
        )
        self.assertEqual(theirs.company_id, other)
        theirs.with_user(users[0]).action_send()
        theirs.with_user(users[1]).action_accept()
        self.assertEqual(theirs.activity_ids.user_id, users[2], "only the Changsha leader is asked")

        self.assertEqual(self.Swap.with_user(self.leader_user).search([]), ours)
        self.assertEqual(env["duty.swap.request"].with_user(users[2]).search([]), theirs)
        with self.assertRaises(AccessError):
            theirs.with_user(self.leader_user).action_approve()
        with self.assertRaises(AccessError):
            ours.with_user(users[2]).read(["state"])
        with self.assertRaisesRegex(ValidationError, "Chen Jie may not take duties on post Changsha hotline"):
            env["duty.swap.request"].with_user(users[2]).create(
                {
                    "type": "substitution",
                    "shift_id": sun_duty.id,
                    "counterpart_id": self.chen.id,
                    "requester_id": sun.id,
                }
            )
        theirs.with_user(users[2]).action_approve()
        self.assertEqual((sun_duty.employee_id, ma_duty.employee_id), (ma, sun))
