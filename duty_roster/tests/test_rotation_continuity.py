"""Rosters generated in pieces, regenerated and edited carry the rotation on
exactly as one generation of the whole span would (duty.roster, duty.rotation)."""

import datetime

from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from .common import DT, D, DutyRosterCase

OCTOBER = [D(2026, 10, day) for day in range(1, 29)]


@tagged("post_install", "-at_install")
class TestRotationContinuity(DutyRosterCase):
    """The hotline rotation of the common case: Zhang, Li, Wang, Liu, one 24 h
    duty a day from 1 September 2026, so 1 October is Wang Fang's."""

    def make_post(self, members, turn_length=1, balance=False):
        post = self.env["duty.post"].create(
            {
                "name": "Hotline copy",
                "company_id": self.company.id,
                "tz": "Asia/Shanghai",
                "employee_ids": [(6, 0, (self.employees | self.leader).ids)],
            }
        )
        rotation = self.env["duty.rotation"].create(
            {
                "name": "Copy",
                "post_id": post.id,
                "template_id": self.day24.id,
                "date_start": D(2026, 9, 1),
                "turn_length": turn_length,
                "balance": balance,
                "version_ids": [
                    (
                        0,
                        0,
                        {
                            "date_from": D(2026, 9, 1),
                            "member_ids": [(0, 0, {"sequence": i, "employee_id": e.id}) for i, e in enumerate(members)],
                        },
                    )
                ],
            }
        )
        return post, rotation

    def new_version(self, rotation, date_from, members):
        self.env["duty.rotation.version"].create(
            {
                "rotation_id": rotation.id,
                "date_from": date_from,
                "member_ids": [(0, 0, {"sequence": i, "employee_id": e.id}) for i, e in enumerate(members)],
            }
        )

    def leave(self, employee, day):
        start = DT.combine(day, datetime.time())  # 08:00 in Beijing: the 24 h duty of that day
        return self.env["resource.calendar.leaves"].create(
            {
                "name": "Leave",
                "resource_id": employee.resource_id.id,
                "date_from": start,
                "date_to": start + datetime.timedelta(days=1),
                "company_id": self.company.id,
            }
        )

    def on_post(self, post, days=OCTOBER):
        shifts = self.env["duty.shift"].search([("post_id", "=", post.id)])
        return {day: shifts.filtered(lambda s, day=day: s.day == day).employee_id for day in days}

    # ------------------------------------------------------------------
    # Properties: random turn lengths, member changes, leaves, overrides and cuts
    # ------------------------------------------------------------------
    @settings(max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def test_pieces_equal_whole_on_the_model(self, data):
        turn_length = data.draw(st.integers(min_value=1, max_value=3), label="turn length")
        balance = data.draw(st.booleans(), label="balance")
        cut = data.draw(st.integers(min_value=1, max_value=27), label="first piece ends on October")
        leaves = data.draw(
            st.sets(st.tuples(st.integers(0, 4), st.integers(1, 28)), max_size=4), label="(employee, day) leaves"
        )
        later = data.draw(st.integers(min_value=1, max_value=27), label="regenerated on October")
        change = data.draw(st.integers(min_value=1, max_value=3), label="members change days later")
        new_members = data.draw(st.permutations(range(5)), label="new order").copy()[:3]
        override = data.draw(st.integers(min_value=later + 1, max_value=28), label="override day")
        members = self.employees[:4]
        whole_post, whole_rotation = self.make_post(members, turn_length, balance)
        split_post, split_rotation = self.make_post(members, turn_length, balance)
        whole = self.make_roster(D(2026, 10, 1), D(2026, 10, 28), post_ids=[(6, 0, whole_post.ids)])
        first = self.make_roster(D(2026, 10, 1), D(2026, 10, cut), post_ids=[(6, 0, split_post.ids)])
        second = self.make_roster(D(2026, 10, cut + 1), D(2026, 10, 28), post_ids=[(6, 0, split_post.ids)])
        created = self.env["resource.calendar.leaves"]
        for index, day in sorted(leaves):
            created |= self.leave(self.employees[index], D(2026, 10, day))
        with freeze_time("2026-09-20 00:00:00"):
            for roster in whole | first | second:
                roster.action_generate()
        self.assertEqual(self.on_post(whole_post), self.on_post(split_post), "generated in pieces")
        # later: the members change, a duty is given to someone else by hand, and both are regenerated
        with freeze_time(DT(2026, 10, later, 4)):
            for rotation in whole_rotation | split_rotation:
                self.new_version(
                    rotation,
                    D(2026, 10, min(28, later + change)),
                    self.employees.browse([self.employees[i].id for i in new_members]),
                )
            for post in whole_post | split_post:
                shift = self.env["duty.shift"].search(
                    [("post_id", "=", post.id), ("day", "=", D(2026, 10, override))], limit=1
                )
                shift.employee_id = self.leader
            for roster in whole | first | second:
                roster.action_generate()
        self.assertEqual(self.on_post(whole_post), self.on_post(split_post), "regenerated in pieces")
        created.unlink()

    # ------------------------------------------------------------------
    # The cases of the issue, on the model
    # ------------------------------------------------------------------
    @freeze_time("2026-09-20 00:00:00")
    def test_removed_member_who_is_next(self):
        # A, B, C, D daily: 16 October is Li Na's (B), 17 October would be Wang Fang's (C)
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 31))
        roster.action_generate()
        self.assertEqual(
            [self.who(roster, D(2026, 10, day)) for day in (15, 16, 17, 18)], [self.zhang, self.li, self.wang, self.liu]
        )
        with freeze_time("2026-10-16 04:00:00"):  # noon in Beijing, Li Na is on duty
            self.new_version(self.rotation, D(2026, 10, 17), self.zhang | self.li | self.liu)
            self.assertEqual(self.rotation.last_generated_day, D(2026, 10, 31))
            roster.action_generate()
        self.assertEqual(self.who(roster, D(2026, 10, 16)), self.li, "the running duty is kept")
        self.assertEqual(
            [self.who(roster, D(2026, 10, day)) for day in (17, 18, 19, 20)],
            [self.liu, self.zhang, self.li, self.liu],
            "Liu Yang (D), who followed Wang Fang, is next, not Zhang Wei (A)",
        )

    @freeze_time("2026-09-20 00:00:00")
    def test_override_and_swap_move_nobody_else(self):
        roster = self.make_roster(D(2026, 10, 1), D(2026, 10, 10))
        roster.action_generate()
        before = {shift.day: shift.employee_id for shift in roster.shift_ids}
        # a manager gives 3 October to Chen Jie; the roster is regenerated
        self.duty_of(roster, D(2026, 10, 3)).with_user(self.manager_user).employee_id = self.chen
        roster.action_generate()
        after = {shift.day: shift.employee_id for shift in roster.shift_ids}
        self.assertEqual(after.pop(D(2026, 10, 3)), self.chen)
        before.pop(D(2026, 10, 3))
        self.assertEqual(after, before, "every other duty stays where it was")
        # the next roster carries on as if the rotation had given 3 October as planned
        nxt = self.make_roster(D(2026, 10, 11), D(2026, 10, 14))
        nxt.action_generate()
        self.assertEqual(self.who(nxt, D(2026, 10, 11)), self.zhang)  # 40 days after 1 September

    @freeze_time("2026-09-20 00:00:00")
    def test_owed_turn_carried_into_next_roster(self):
        # 31 October is Zhang Wei's (60 days after 1 September); he is on leave: Li Na steps in
        self.leave(self.zhang, D(2026, 10, 31))
        october = self.make_roster(D(2026, 10, 1), D(2026, 10, 31))
        october.action_generate()
        self.assertEqual(self.who(october, D(2026, 10, 31)), self.li)
        self.assertIn("Zhang Wei", october.skip_note)
        self.assertFalse(self.rotation.owed_turns, "nobody owed a turn today (20 September)")
        with freeze_time("2026-11-01 02:00:00"):
            self.rotation.invalidate_recordset(["owed_turns", "next_employee_id"])
            self.assertEqual(self.rotation.owed_turns, "Zhang Wei, skipped on 2026-10-31")
            self.assertEqual(self.rotation.next_employee_id, self.wang)
        november = self.make_roster(D(2026, 11, 1), D(2026, 11, 4))
        november.action_generate()
        # Zhang Wei is compensated first; the order goes on with Wang Fang, who followed Li Na
        self.assertEqual(
            [self.who(november, D(2026, 11, day)) for day in range(1, 5)], [self.zhang, self.wang, self.liu, self.zhang]
        )

    @freeze_time("2026-09-10 00:00:00")
    def test_leave_inside_a_turn_carried_over(self):
        # weekly turns from Tuesday 1 September: Zhang, Li, Wang, Liu; Wang Fang's week is 15-21 September
        self.rotation.write({"turn_length": 1, "turn_unit": "weeks"})
        first = self.make_roster(D(2026, 9, 15), D(2026, 9, 17))
        first.action_generate()
        self.assertEqual(first.shift_ids.employee_id, self.wang)
        self.assertEqual(first.shift_ids.sorted("day").mapped("turn_day"), [1, 2, 3])
        self.leave(self.wang, D(2026, 9, 19))
        second = self.make_roster(D(2026, 9, 18), D(2026, 9, 30))
        second.action_generate()
        days = [self.who(second, D(2026, 9, day)) for day in range(18, 31)]
        # Wang Fang works the 18th, then Liu Yang takes the rest of her week (19-21) and Wang gets the next
        # week back (22-28), before Zhang Wei, who followed Liu Yang in order
        self.assertEqual(days, [self.wang] + [self.liu] * 3 + [self.wang] * 7 + [self.zhang] * 2)
        self.assertEqual(self.duty_of(second, D(2026, 9, 21)).turn_day, 7)

    def duty_of(self, roster, day):
        return roster.shift_ids.filtered(lambda s: s.day == day and s.tier == "primary")

    def test_new_labels_are_translated(self):
        Fields = self.env["ir.model.fields"].with_context(lang="zh_CN")
        labels = {
            ("duty.rotation", "next_employee_id"): "下一位",
            ("duty.rotation", "owed_turns"): "待补班次",
            ("duty.rotation.state", "date_from"): "自",
            ("duty.shift", "is_superseded"): "已被新版本替换",
            ("res.company", "duty_weight_in_lieu"): "调休日值班积分",
        }
        for (model, name), label in labels.items():
            self.assertEqual(Fields._get(model, name).field_description, label, (model, name))
        # the code strings are translated too
        chinese = self.env(context=dict(self.env.context, lang="zh_CN"))
        self.assertEqual(chinese._("%(name)s, skipped on %(day)s", name="A", day="B"), "A，于B被跳过")
