"""The demo generator's frame: arguments, the seeded random source, the simulated clock, the marking of the
generated records (``ir.model.data`` of the pseudo-module ``insurance_demo_data``), the staff and the roster.

Time: the business methods stamp ``fields.Datetime.now()`` (stage logs, clocks, chatter, activities). The
generator plays the three months in order under freezegun (a requirement of Odoo 18 itself, already used by
scripts/bench_claims.py), moving the frozen clock from one business moment to the next, so every stamp is the
one a user clicking that button on that day would have left. Nothing is written by SQL.
"""

import datetime
import random
import re
import time
from collections import Counter

from freezegun import freeze_time

from odoo import Command

from . import texts

MODULE = "insurance_demo_data"
MIN_SIZE, MAX_SIZE = 1, 500
WINDOW_DAYS = 91  # three months up to today
ONE_DAY = datetime.timedelta(days=1)


class DemoError(ValueError):
    """Bad input: the command prints it and exits with code 2, before anything is written."""


def parse_seed(text):
    text = str(text).strip()
    if not re.fullmatch(r"[0-9]{1,18}", text):
        raise DemoError(f"--seed must be a whole number of 1 to 18 digits, not {text!r}")
    return int(text)


def parse_size(text):
    text = str(text).strip()
    if not re.fullmatch(r"[0-9]{1,6}", text) or not MIN_SIZE <= int(text) <= MAX_SIZE:
        raise DemoError(f"--size must be a whole number from {MIN_SIZE} to {MAX_SIZE}, not {text!r}")
    return int(text)


class SimulatedClock:
    """One freezegun freezer for the whole run, moved from moment to moment (``move_to`` is cheap; starting a
    freezer scans every loaded module)."""

    def __init__(self):
        self.freezer = None
        self.frozen = None

    def at(self, moment):
        if self.frozen is None:
            self.freezer = freeze_time(moment)
            self.frozen = self.freezer.start()
        else:
            self.frozen.move_to(moment)

    def stop(self):
        if self.freezer is not None:
            self.freezer.stop()
            self.freezer = self.frozen = None


class Generator:
    """``Generator(env, seed, size).run()``: three months of a branch, up to ``today`` (company time zone).

    ``scale`` (tests only) replaces ``size`` by a fraction; every claim state and type, every complaint channel
    and state still appears at least once.
    """

    def __init__(self, env, seed, size=1, scale=None, today=None):
        self.seed = seed
        self.size = size
        self.scale = size if scale is None else scale
        self.rng = random.Random(seed)
        company = env.ref("base.main_company")
        self.company = company
        self.env = env(
            context=dict(
                env.context,
                allowed_company_ids=[company.id],
                # the demo opens in Chinese: the notes the business methods write are in Chinese too
                lang="zh_CN" if env["res.lang"]._lang_get("zh_CN") else env.context.get("lang", "en_US"),
                tz=company.partner_id.tz or "Asia/Shanghai",
                mail_notify_force_send=False,
                no_reset_password=True,
            )
        )
        self.company = self.company.with_env(self.env)
        self.real_today = self.company._insurance_today()
        self.today = today or self.real_today
        if self.today > self.real_today:
            raise DemoError(f"--today {self.today} is in the future")
        self.first_day = self.today - datetime.timedelta(days=WINDOW_DAYS)
        self.last_day = self.today - ONE_DAY  # the last day with business: today's is still to come
        self.tag = f"s{seed}"
        self.clock = SimulatedClock()
        self.counts = Counter()
        self.skipped = Counter()
        self._xmlids = None

    # ------------------------------------------------------------------
    # Time
    # ------------------------------------------------------------------
    def moment(self, day, hour, minute=0):
        """The naive UTC moment of a local day and time."""
        return self.company._insurance_utc(datetime.datetime.combine(day, datetime.time(hour, minute)))

    def at(self, moment):
        self.clock.at(moment)

    def days(self):
        day = self.first_day
        while day <= self.last_day:
            yield day
            day += ONE_DAY

    def count(self, base, minimum=1):
        return max(minimum, round(base * self.scale))

    # ------------------------------------------------------------------
    # Marking: every generated record has an xmlid insurance_demo_data.<name>; what exists is skipped
    # ------------------------------------------------------------------
    def xmlids(self):
        if self._xmlids is None:
            rows = self.env["ir.model.data"].search_read([("module", "=", MODULE)], ["name", "model", "res_id"])
            self._xmlids = {row["name"]: (row["model"], row["res_id"]) for row in rows}
        return self._xmlids

    def has(self, name):
        return name in self.xmlids()

    def ref(self, name):
        model, res_id = self.xmlids()[name]
        return self.env[model].browse(res_id)

    def mark(self, records, names):
        """Give ``records`` (in order) the xmlids ``names``, in one create."""
        assert len(records) == len(names)
        self.env["ir.model.data"].create(
            [
                {"module": MODULE, "name": name, "model": record._name, "res_id": record.id, "noupdate": True}
                for record, name in zip(records, names, strict=True)
            ]
        )
        for record, name in zip(records, names, strict=True):
            self.xmlids()[name] = (record._name, record.id)
        self.counts[records._name] += len(records)

    def ensure(self, model, items, user=None):
        """``items``: ``[(name, vals)]``; creates the missing ones in one create; returns all, in order."""
        missing = [(name, vals) for name, vals in items if not self.has(name)]
        if missing:
            Model = self.env[model].with_user(user) if user else self.env[model]
            created = Model.create([vals for _name, vals in missing])
            self.mark(created, [name for name, _vals in missing])
        self.skipped[model] += len(items) - len(missing)
        records = self.env[model]
        for name, _vals in items:
            records |= self.ref(name)
        return records

    # ------------------------------------------------------------------
    # Fictional people
    # ------------------------------------------------------------------
    def person_name(self, rng=None):
        rng = rng or self.rng
        return rng.choice(texts.SURNAMES) + rng.choice(texts.GIVEN_NAMES)

    def phone(self, rng=None):
        rng = rng or self.rng
        return f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"

    def id_number(self, region, born, serial):
        """A resident ID number with a valid check digit (GB 11643)."""
        base = f"{region}{born:%Y%m%d}{serial % 1000:03d}"
        weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
        check = "10X98765432"[sum(int(digit) * weight for digit, weight in zip(base, weights, strict=True)) % 11]
        return base + check

    def address(self, rng=None):
        rng = rng or self.rng
        province, city, district, region = rng.choice(texts.PLACES)
        street = f"{rng.choice(texts.STREETS)}{rng.randint(1, 399)}号"
        return {"province": province, "city": city, "district": district, "region": region, "street": street}

    # ------------------------------------------------------------------
    # Staff: users with the groups of their job and their employees (fixed, shared by every seed)
    # ------------------------------------------------------------------
    STAFF = (
        # (key, name, groups)
        ("handler_1", "彭志明", ("claims_management.group_claims_user", "duty_roster.group_duty_user")),
        ("handler_2", "谭海燕", ("claims_management.group_claims_user", "duty_roster.group_duty_user")),
        ("handler_3", "易建华", ("claims_management.group_claims_user", "duty_roster.group_duty_user")),
        ("director_1", "龙德华", ("claims_management.group_claims_director", "duty_roster.group_duty_user")),
        ("director_2", "贺淑珍", ("claims_management.group_claims_director", "duty_roster.group_duty_user")),
        ("accountant", "文红梅", ("account.group_account_user", "account.group_account_invoice")),
        ("officer_1", "邹晓东", ("complaint_management.group_complaint_user", "duty_roster.group_duty_user")),
        ("officer_2", "熊佳琪", ("complaint_management.group_complaint_user", "duty_roster.group_duty_user")),
        ("cmanager_1", "戴永福", ("complaint_management.group_complaint_manager",)),
        ("cmanager_2", "夏玉兰", ("complaint_management.group_complaint_manager",)),
        ("leader", "石国强", ("duty_roster.group_duty_manager",)),
        ("surveyor_1", "廖俊杰", ("duty_roster.group_duty_user",)),
        ("surveyor_2", "邱浩然", ("duty_roster.group_duty_user",)),
        ("surveyor_3", "汤思远", ("duty_roster.group_duty_user",)),
        ("surveyor_4", "尹宇航", ("duty_roster.group_duty_user",)),
        ("surveyor_5", "黎春生", ("duty_roster.group_duty_user",)),
        ("surveyor_6", "阳文博", ("duty_roster.group_duty_user",)),
    )

    def make_staff(self):
        company = self.company
        user_items = []
        for key, name, groups in self.STAFF:
            group_ids = [self.env.ref("base.group_user").id] + [self.env.ref(group).id for group in groups]
            user_items.append(
                (
                    f"user_{key}",
                    {
                        "name": name,
                        "login": f"demo.{key.replace('_', '')}@example.com",
                        "email": f"demo.{key.replace('_', '')}@example.com",
                        "company_id": company.id,
                        "company_ids": [Command.set(company.ids)],
                        "groups_id": [Command.set(group_ids)],
                        "lang": self.env.lang,
                        "tz": "Asia/Shanghai",
                    },
                )
            )
        users = self.ensure("res.users", user_items)
        self.users = {key: user for (key, _name, _groups), user in zip(self.STAFF, users, strict=True)}
        employees = self.ensure(
            "hr.employee",
            [
                (f"employee_{key}", {"name": name, "user_id": self.users[key].id, "company_id": company.id})
                for key, name, _groups in self.STAFF
            ],
        )
        self.employees = {key: employee for (key, _n, _g), employee in zip(self.STAFF, employees, strict=True)}

    def staff(self, prefix):
        return [self.users[key] for key in sorted(self.users) if key.startswith(prefix)]

    def employee_of(self, user):
        return next(employee for key, employee in self.employees.items() if self.users[key] == user)

    # ------------------------------------------------------------------
    # The duty roster: posts, rotations from the window's start, a published roster per month, swaps, handovers
    # ------------------------------------------------------------------
    def make_roster(self):
        emp = self.employees
        templates = self.ensure(
            "duty.shift.template",
            [
                ("template_day", {"name": "日班 08:00-20:00", "start_time": 8.0, "duration": 12.0}),
                ("template_night", {"name": "夜班 20:00-08:00", "start_time": 20.0, "duration": 12.0}),
                ("template_24h", {"name": "24 小时值班 08:00 起", "start_time": 8.0, "duration": 24.0}),
            ],
        )
        leader_post = self.ensure(
            "duty.post",
            [
                (
                    "post_leader",
                    {
                        "name": "值班领导（演示）",
                        "code": "DEMO-LEADER",
                        "tz": "Asia/Shanghai",
                        "company_id": self.company.id,
                        "employee_ids": [Command.set([emp["director_1"].id, emp["director_2"].id])],
                        "min_rest_hours": 0,
                        "max_consecutive_duties": 7,
                        "max_consecutive_nights": 7,
                        "rest_after_nights_hours": 0,
                    },
                )
            ],
        )
        surveyors = [emp[f"surveyor_{number}"] for number in range(1, 7)]
        survey_post = self.ensure(
            "duty.post",
            [
                (
                    "post_survey",
                    {
                        "name": "浏阳片区查勘（演示）",
                        "code": "DEMO-SURVEY",
                        "tz": "Asia/Shanghai",
                        "company_id": self.company.id,
                        "claim_region": "浏阳",
                        "leader_post_id": leader_post.id,
                        "employee_ids": [Command.set([employee.id for employee in surveyors])],
                    },
                )
            ],
        )
        self.survey_post = survey_post
        start = self.first_day.replace(day=1)
        rotations = [
            ("rotation_leader", leader_post, templates[2], [emp["director_1"], emp["director_2"]], 1, "weeks"),
            ("rotation_survey_day", survey_post, templates[0], surveyors[:3], 1, "days"),
            ("rotation_survey_night", survey_post, templates[1], surveyors[3:], 1, "days"),
        ]
        for name, post, template, members, length, unit in rotations:
            rotation = self.ensure(
                "duty.rotation",
                [
                    (
                        name,
                        {
                            "name": f"{post.name} {template.name}",
                            "post_id": post.id,
                            "template_id": template.id,
                            "turn_length": length,
                            "turn_unit": unit,
                            "balance": False,
                            "date_start": start,
                        },
                    )
                ],
            )
            self.ensure(
                "duty.rotation.version",
                [
                    (
                        f"{name}_v1",
                        {
                            "rotation_id": rotation.id,
                            "date_from": start,
                            "member_ids": [
                                Command.create({"sequence": index, "employee_id": member.id})
                                for index, member in enumerate(members, 1)
                            ],
                        },
                    )
                ],
            )
        leader = self.users["leader"]
        month = start
        posts = leader_post | survey_post
        while month <= self.today:
            next_month = (month + datetime.timedelta(days=32)).replace(day=1)
            name = f"roster_{month:%Y%m}"
            if not self.has(name):
                # written and published by the duty leader six days before the month
                self.at(self.moment(month - datetime.timedelta(days=6), 10))
                roster = self.ensure(
                    "duty.roster",
                    [
                        (
                            name,
                            {
                                "name": f"{month.year} 年 {month.month} 月值班表",
                                "company_id": self.company.id,
                                "date_from": month,
                                "date_to": next_month - ONE_DAY,
                                "post_ids": [Command.set(posts.ids)],
                            },
                        )
                    ],
                    user=leader,
                ).with_user(leader)
                roster.action_generate()
                roster.action_check()
                if roster.violation_ids:
                    roster.override_reason = "演示数据：值班领导确认后发布"
                roster.action_publish()
                self.make_swaps(roster, month)
                self.make_handovers(roster, month)
            month = next_month

    def make_swaps(self, roster, month):
        """Three swap requests a month: one left requested, one accepted, one approved by the duty leader."""
        rng = random.Random(f"{self.seed}-swap-{month}")
        shifts = roster.shift_ids.filtered(lambda shift: shift.post_id == self.survey_post and shift.employee_id)
        by_day = {}
        for shift in shifts.sorted("start"):
            by_day.setdefault((shift.start.date(), shift.tier, shift.start.hour), shift)
        day_shifts = [shift for shift in shifts.sorted("start") if shift.start.day > 10]
        outcomes = ("requested", "accepted", "approved")
        leader = self.users["leader"]
        for index, outcome in enumerate(outcomes):
            pool = day_shifts[index * 5 : index * 5 + 5]
            if len(pool) < 2:
                continue
            mine = pool[0]
            other = next((shift for shift in pool[1:] if shift.employee_id != mine.employee_id), None)
            if not other or not mine.employee_id.user_id or not other.employee_id.user_id:
                continue
            # asked a few days before the duty
            self.at(mine.start - datetime.timedelta(days=4))
            requester = mine.employee_id.user_id
            request = self.ensure(
                "duty.swap.request",
                [
                    (
                        f"swap_{month:%Y%m}_{index}",
                        {
                            "type": "swap",
                            "requester_id": mine.employee_id.id,
                            "counterpart_id": other.employee_id.id,
                            "shift_id": mine.id,
                            "counterpart_shift_id": other.id,
                            "reason": rng.choice(texts.SWAP_REASONS),
                        },
                    )
                ],
                user=requester,
            )
            request.with_user(requester).action_send()
            if outcome in ("accepted", "approved"):
                self.at(mine.start - datetime.timedelta(days=3))
                request.with_user(other.employee_id.user_id).action_accept()
            if outcome == "approved":
                self.at(mine.start - datetime.timedelta(days=2))
                request.with_user(leader).action_approve()

    def make_handovers(self, roster, month):
        """The day surveyors write a handover log at the end of every third duty; the night surveyor signs."""
        rng = random.Random(f"{self.seed}-handover-{month}")
        day_shifts = roster.shift_ids.filtered(
            lambda shift: shift.post_id == self.survey_post and shift.employee_id.user_id
        ).sorted("start")
        last = self.moment(self.last_day, 20)
        for index, shift in enumerate(day_shifts):
            if index % 3 or shift.end > last:
                continue
            outgoing = shift.employee_id.user_id
            self.at(shift.end - datetime.timedelta(minutes=20))
            handover = self.ensure(
                "duty.handover",
                [
                    (
                        f"handover_{shift.id}",
                        {
                            "shift_id": shift.id,
                            "situation": f"<p>{rng.choice(texts.HANDOVER_SITUATIONS) % rng.randint(1, 6)}</p>",
                            "problems": "<p>无</p>",
                            "tasks": f"<p>{rng.choice(texts.HANDOVER_TASKS)}</p>",
                            "situation_clear": True,
                            "problems_clear": True,
                            "tasks_clear": True,
                        },
                    )
                ],
                user=outgoing,
            )
            handover = handover.with_user(outgoing)
            if not handover.next_shift_id or not handover.next_user_id:
                continue
            handover.action_hand_over()
            self.at(shift.end + datetime.timedelta(minutes=10))
            handover.with_user(handover.next_user_id).action_sign()

    # ------------------------------------------------------------------
    # The run
    # ------------------------------------------------------------------
    def run(self):
        from .claims import ClaimsPart
        from .complaints import ComplaintsPart

        started = time.perf_counter()
        try:
            self.at(self.moment(self.first_day.replace(day=1) - datetime.timedelta(days=10), 9))
            self.make_staff()
            self.make_roster()
            parts = [ClaimsPart(self), ComplaintsPart(self)]
            events = []
            for part in parts:
                events += part.prepare()
            # the deadline sweep runs every night, as its cron does
            Clock = self.env["insurance.clock"]
            events += [(self.moment(day, 1, 30), -1, Clock._cron_sweep) for day in self.days()]
            order = sorted(range(len(events)), key=lambda number: (events[number][0], events[number][1], number))
            for number in order:
                moment, _priority, action = events[number]
                self.at(moment)
                action()
            for part in parts:
                part.finish()
            self.env.flush_all()
        finally:
            self.clock.stop()
        self.seconds = time.perf_counter() - started
        return self.counts
