from freezegun import freeze_time

from odoo.addons.insurance_base.tests.common import JsonRpcMixin
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import DT, D, DutyRosterCase


@tagged("post_install", "-at_install")
class TestDutyWorkflowGuard(DutyRosterCase):
    """The status, version and publication of rosters, and the steps and decisions of swaps, change
    only through their transitions: tried as the weakest role with direct writes and creates (what
    forms, imports and RPC call)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader_user = new_test_user(
            cls.env,
            "duty_guard_leader",
            name="Leader Zhao",
            groups="base.group_user,duty_roster.group_duty_leader",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
            lang="en_US",
        )
        cls.zhang_user, cls.li_user, cls.wang_user, cls.liu_user, cls.chen_user = cls.users

    def trail(self, record):
        """What a transition leaves behind: messages (mails, notes, tracking) and activities."""
        self.env.cr.flush()  # with the tracking messages a commit would write
        domain = [("model", "=", record._name), ("res_id", "=", record.id)]
        return (
            self.env["mail.message"].search_count(domain),
            self.env["mail.activity"].search_count([("res_model", "=", record._name), ("res_id", "=", record.id)]),
        )

    def roster_vals(self, **values):
        return dict(
            {"name": "Roster", "company_id": self.company.id, "date_from": D(2026, 10, 1), "date_to": D(2026, 10, 10)},
            **values,
        )

    # ------------------------------------------------------------------
    # Rosters
    # ------------------------------------------------------------------
    @freeze_time("2026-09-10 00:00:00")
    def test_roster_status_and_publication_are_written_by_transitions_only(self):
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 10))
        roster.action_generate()
        as_manager = roster.with_user(self.manager_user)
        forged = (
            {"state": "published"},
            {"version": 7},
            {"published_at": DT(2026, 9, 10)},
            {"override_user_id": self.manager_user.id},
        )
        for vals in forged:
            with self.assertRaisesRegex(AccessError, "a duty roster manager publishes it"), self.cr.savepoint():
                as_manager.write(vals)
        for key in (True, "duty.roster", {"model": "duty.roster", "ids": [roster.id], "fields": ["state"]}):
            with self.assertRaises(AccessError), self.cr.savepoint():
                as_manager.with_context(insurance_workflow_transition=key).write({"state": "published"})
        Roster = self.env["duty.roster"].with_user(self.manager_user)
        for vals in ({"state": "published"}, {"version": 3}, {"override_user_id": self.manager_user.id}):
            with self.assertRaises(AccessError), self.cr.savepoint():
                Roster.create(self.roster_vals(**vals))
        fresh = Roster.with_context(default_state="published", default_version=3).create(self.roster_vals())
        self.assertEqual((fresh.state, fresh.version), ("draft", 0), "a default_ in the context sets nothing")
        # re-saving the value a roster has (an import line) is no change
        as_manager.write({"state": "draft", "name": "October"})

        # duty users and duty leaders may neither write, generate nor publish; a refusal leaves nothing
        before = self.trail(roster)
        for user in (self.zhang_user, self.leader_user):
            with self.assertRaises(AccessError), self.cr.savepoint():
                roster.with_user(user).write({"state": "published"})
            with self.assertRaisesRegex(UserError, "Only a duty roster manager generates or publishes"):
                roster.with_user(user).action_publish()
            with self.assertRaisesRegex(UserError, "Only a duty roster manager generates"):
                roster.with_user(user).action_generate()
        self.assertEqual(self.trail(roster), before)
        self.assertEqual((roster.state, roster.version), ("draft", 0))
        self.assertFalse(any(roster.shift_ids.mapped("is_published")))

        as_manager.action_publish()
        self.assertEqual((roster.state, roster.version), ("published", 1))
        self.assertEqual(roster.published_at, DT(2026, 9, 10))
        with self.assertRaisesRegex(UserError, "already published"):
            as_manager.action_publish()
        self.assertEqual(roster.version, 1)
        copy = as_manager.copy()
        self.assertEqual((copy.state, copy.version, copy.published_at), ("draft", 0, False))

        before = self.trail(roster)
        with self.assertRaisesRegex(UserError, "Only a duty roster manager"):
            roster.with_user(self.leader_user).action_reset_to_draft()
        self.assertEqual((roster.state, self.trail(roster)), ("published", before))
        as_manager.action_reset_to_draft()
        self.assertEqual(roster.state, "draft")
        with self.assertRaisesRegex(UserError, "already a draft"):
            as_manager.action_reset_to_draft()

    @freeze_time("2026-09-10 00:00:00")
    def test_regenerating_a_published_roster_publishes_the_next_version(self):
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 10))
        roster.action_generate()
        roster.with_user(self.manager_user).action_publish()
        roster.with_user(self.manager_user).action_generate()
        self.assertEqual((roster.state, roster.version), ("published", 2))

    # ------------------------------------------------------------------
    # Swaps
    # ------------------------------------------------------------------
    def published_swap(self):
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 10))
        roster.action_generate()
        roster.with_user(self.manager_user).action_publish()
        duty = roster.shift_ids.filtered(lambda s: s.day == D(2026, 10, 3))
        other = roster.shift_ids.filtered(lambda s: s.day == D(2026, 10, 5))
        vals = {"type": "swap", "shift_id": duty.id, "counterpart_id": self.wang.id, "counterpart_shift_id": other.id}
        return roster, vals

    @freeze_time("2026-09-10 00:00:00")
    def test_swap_steps_and_decisions_are_written_by_the_steps_only(self):
        roster, vals = self.published_swap()
        Swap = self.env["duty.swap.request"].with_user(self.zhang_user)
        for forged in (
            {"state": "approved"},
            {"approver_id": self.leader_user.id},
            {"accepted_by_id": self.wang_user.id},
        ):
            with self.assertRaisesRegex(AccessError, "a duty leader who is neither of them"), self.cr.savepoint():
                Swap.create(dict(vals, **forged))
        request = Swap.create(vals)
        as_zhang = request.with_user(self.zhang_user)
        forged = (
            {"state": "approved"},
            {"state": "requested"},
            {"approver_id": self.leader_user.id},
            {"approved_at": DT(2026, 9, 10)},
            {"accepted_by_id": self.wang_user.id},
            {"accepted_at": DT(2026, 9, 10)},
        )
        for values in forged:
            with self.assertRaisesRegex(AccessError, "a duty leader who is neither of them"), self.cr.savepoint():
                as_zhang.write(values)
        # the context key the old check trusted, and keys named like the guard's, with JSON values
        for context in (
            {"duty_swap_step": True},
            {"insurance_workflow_transition": True},
            {"insurance_workflow_transition": {"model": "duty.swap.request", "ids": [request.id], "fields": ["state"]}},
        ):
            with self.assertRaises(AccessError), self.cr.savepoint():
                as_zhang.with_context(**context).write({"state": "approved"})
        # stronger roles may not write the status either
        for user in (self.leader_user, self.manager_user):
            with self.assertRaises(AccessError), self.cr.savepoint():
                request.with_user(user).write({"state": "approved", "approver_id": user.id})
        self.assertEqual(request.state, "draft")

        as_zhang.action_send()
        before = self.trail(request)
        with self.assertRaisesRegex(UserError, "Only Wang Fang can accept"):
            as_zhang.action_accept()  # the requester does not accept their own request
        self.assertEqual((request.state, self.trail(request)), ("requested", before), "nothing left behind")
        request.with_user(self.wang_user).action_accept()
        self.assertEqual(request.accepted_by_id, self.wang_user, "the person who accepts is the colleague asked")
        self.assertEqual(request.accepted_at, DT(2026, 9, 10))

        # segregation of duties: a leader who asked for the swap does not approve it
        self.zhang_user.groups_id = [(4, self.env.ref("duty_roster.group_duty_leader").id)]
        before = self.trail(request)
        with self.assertRaisesRegex(UserError, "another duty leader"):
            request.with_user(self.zhang_user).action_approve()
        self.assertEqual((request.state, self.trail(request)), ("accepted", before), "nothing left behind")
        self.assertEqual(roster.shift_ids.filtered(lambda s: s.day == D(2026, 10, 3)).employee_id, self.zhang)
        with self.assertRaises(AccessError), self.cr.savepoint():
            request.with_user(self.zhang_user).write({"approver_id": self.zhang_user.id})

        request.with_user(self.leader_user).action_approve()
        self.assertEqual((request.state, request.approver_id), ("approved", self.leader_user))
        with self.assertRaises(AccessError), self.cr.savepoint():
            request.with_user(self.manager_user).write({"approver_id": self.manager_user.id})
        self.assertEqual(request.approver_id, self.leader_user)


@tagged("post_install", "-at_install")
class TestSwapOverRpc(JsonRpcMixin, HttpCase, DutyRosterCase):
    """A duty user over JSON-RPC, as any client would: the old ``duty_swap_step`` context key and keys named
    like the guard's do not let them approve their own swap request; the Cancel button works."""

    rpc_model = "duty.swap.request"

    def setUp(self):
        super().setUp()
        with freeze_time("2026-09-10 00:00:00"):
            roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 10))
            roster.action_generate()
            duty = roster.shift_ids.filtered(lambda s: s.day == D(2026, 10, 3))
            self.request = (
                self.env["duty.swap.request"]
                .with_user(self.users[0])
                .create({"type": "substitution", "shift_id": duty.id, "counterpart_id": self.wang.id})
            )
        self.authenticate("duty_0", "duty_0")

    def test_approving_ones_own_swap_over_rpc_is_refused(self):
        forged = {"model": "duty.swap.request", "ids": [self.request.id], "fields": ["state", "approver_id"]}
        vals = {"state": "approved", "approver_id": self.users[0].id}
        for context in ({}, {"duty_swap_step": True}, {"insurance_workflow_transition": forged}):
            answer = self.call_kw("write", [[self.request.id], vals], context)
            self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
            self.assertIn("a duty leader who is neither of them", answer["error"]["data"]["message"])
        self.request.invalidate_recordset()
        self.assertEqual((self.request.state, self.request.approver_id.id), ("draft", False))
        self.assertTrue(self.call_kw("action_cancel", [[self.request.id]])["result"])
        self.request.invalidate_recordset()
        self.assertEqual(self.request.state, "cancelled")
