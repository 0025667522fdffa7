"""Complaints: about 80 over every channel and state, with decision clocks met on time, extended or overdue,
follow-up visits, a merged duplicate and the regulator's fields, moved through the real transitions."""

import datetime
import functools
import random

from . import texts

BASE_COMPLAINTS = 80
CHANNELS = (
    "phone", "hotline", "visit", "letter", "fax", "sms", "email", "portal", "web_form", "regulator",
    "association", "media", "internet",
)  # fmt: skip
CHANNEL_WEIGHTS = (20, 25, 10, 6, 1, 3, 8, 8, 6, 8, 2, 2, 3)
TARGETS = (
    ("registered", 4),
    ("validated", 4),
    ("assigned", 5),
    ("investigating", 10),
    ("plan", 5),
    ("approved", 4),
    ("decided", 8),
    ("closed", 40),
    ("withdrawn", 5),
    ("review", 3),
    ("reviewed", 4),
)
OUTCOMES = ("on_time", "extended", "overdue")
# the normal path: (step, state it starts from, state it leads to)
PATH = (
    ("validate", "registered", "validated"),
    ("assign", "validated", "assigned"),
    ("investigate", "assigned", "investigating"),
    ("plan", "investigating", "plan"),
    ("approve", "plan", "approved"),
    ("decide", "approved", "decided"),
    ("close", "decided", "closed"),
)


class ComplaintsPart:
    def __init__(self, gen):
        self.gen = gen
        self.env = gen.env
        self.rng = random.Random(f"{gen.seed}-complaints")
        self.complaints = {}

    def make_setup(self):
        gen = self.gen
        self.department = gen.ensure(
            "hr.department", [("department_service", {"name": "客户服务部", "company_id": gen.company.id})]
        )
        kinds = ("all", gen.company.complaint_company_type)
        self.categories = self.env["insurance.complaint.category"].search(
            [("child_ids", "=", False), ("company_type", "in", kinds)], order="id"
        )

    def plan(self):
        gen, rng = self.gen, self.rng
        count = gen.count(BASE_COMPLAINTS, minimum=len(CHANNELS) + 2)
        targets = [target for target, _weight in TARGETS]
        weights = [weight for _target, weight in TARGETS]
        specs = []
        for index in range(count):
            channel = CHANNELS[index] if index < len(CHANNELS) else rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
            if index < len(TARGETS):
                target = targets[index]
            elif index < len(TARGETS) + len(OUTCOMES):
                target = "closed"
            else:
                target = rng.choices(targets, weights)[0]
            outcome = (
                OUTCOMES[index % 3] if index < len(TARGETS) + len(OUTCOMES) else rng.choices(OUTCOMES, (60, 15, 25))[0]
            )
            spec = {
                "index": index,
                "name": f"complaint_{gen.tag}_{index:05d}",
                "channel": channel,
                "target": target,
                "outcome": outcome,
                "invalid": target == "closed" and index > len(TARGETS) + 3 and rng.random() < 0.08,
                "withdraw_at": rng.choice(("registered", "validated", "assigned", "investigating")),
                "person": gen.person_name(rng),
                "phone": gen.phone(rng),
                "address": gen.address(rng),
                "born": datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 45)),
                "demand": rng.choice(texts.COMPLAINT_DEMANDS),
                "facts": rng.choice(texts.COMPLAINT_FACTS),
                "plan": rng.choice(texts.HANDLING_PLANS),
                "summary": rng.choice(texts.CHECK_SUMMARIES),
                "grounds": rng.choice(texts.GROUNDS),
                "result": rng.choice(("accepted", "accepted", "refused")),
                "category": rng.randrange(max(1, len(self.categories))),
                "loss": rng.randint(0, 40) * 500,
                "satisfaction": rng.choice(("5", "4", "4", "3", "2")),
                "reached": rng.random() < 0.8,
                "gaps": [rng.randint(0, 2) for _n in range(12)],
                "hours": [rng.randint(9, 17) for _n in range(14)],
                "minutes": [rng.randrange(0, 60, 5) for _n in range(14)],
                "duplicate_of": None,
            }
            specs.append(spec)
        # one duplicate: the complainant of an early long-running case writes again two days later
        masters = [spec for spec in specs if spec["target"] in ("closed", "decided") and spec["outcome"] == "on_time"]
        if masters:
            master = masters[0]
            specs.append(
                dict(
                    master,
                    index=count,
                    name=f"complaint_{gen.tag}_{count:05d}",
                    channel="hotline",
                    target="merged",
                    duplicate_of=master["index"],
                    facts="再次来电，催促处理进度。",
                )
            )
        for spec in specs:
            spec["schedule"] = self.schedule(spec, specs)
        return specs

    def path_of(self, spec):
        target = spec["target"]
        if target == "merged":
            return [("merge", "registered")]
        if spec["invalid"]:
            return [("invalid", "registered")]
        stop = spec["withdraw_at"] if target == "withdrawn" else target
        steps = []
        full = list(PATH)
        if target in ("review", "reviewed"):
            full += [("request_review", "closed", "review"), ("decide_review", "review", "reviewed")]
        if target != "registered" and stop != "registered":
            for step, state, result in full:
                steps.append((step, state))
                if step == "investigate" and spec["outcome"] == "extended":
                    steps.append(("extend", "investigating"))
                if result == stop:
                    break
        if target == "withdrawn":
            steps.append(("withdraw", stop))
        if target in ("closed", "review", "reviewed") and not spec["invalid"]:
            if "close" in [step for step, _state in steps]:
                steps.insert([step for step, _state in steps].index("close") + 1, ("followup", "closed"))
        return steps

    def schedule(self, spec, specs):
        """``(received moment, [(moment, step)])``. The decision takes 5-10 days on time, 20-25 with the
        extension, 22-28 (past the 15 days) when overdue; overdue open cases were received long ago."""
        gen = self.gen
        steps = self.path_of(spec)
        window = (gen.last_day - gen.first_day).days
        gaps = [spec["gaps"][number % 12] for number in range(len(steps))]
        names = [step for step, _state in steps]
        decide_after = {"on_time": 6, "extended": 22, "overdue": 26}[spec["outcome"]]
        if "decide" in names:
            before = names.index("decide")
            spent = sum(gaps[: before + 1])
            gaps[before] += max(0, decide_after - spent)
        elif spec["outcome"] == "overdue" and spec["target"] in ("investigating", "plan", "assigned"):
            gaps[-1] += 0  # received long ago below
        if "request_review" in names:
            gaps[names.index("request_review")] += 5
        if "followup" in names:
            gaps[names.index("followup")] += 3
        total = sum(gaps)
        if spec["duplicate_of"] is not None:
            master = specs[spec["duplicate_of"]]
            received_day = master["schedule"][0].date() + datetime.timedelta(days=2)
            gaps = [1]
        else:
            if spec["outcome"] == "overdue" and "decide" not in names:
                latest = max(0, window - max(total, 30))
                offset = (spec["index"] * 13) % (latest + 1) if latest else 0
            else:
                latest = max(0, window - total)
                offset = (spec["index"] * 29 + 7) % (latest + 1)
            if total > window:
                gaps = [0] * len(steps)
            received_day = gen.first_day + datetime.timedelta(days=offset)
        received = gen.moment(received_day, spec["hours"][0], spec["minutes"][0])
        moments, previous, day = [], received, received_day
        for number, (step, gap) in enumerate(zip(steps, gaps, strict=True)):
            day += datetime.timedelta(days=gap)
            moment = gen.moment(day, spec["hours"][(number + 1) % 14], spec["minutes"][(number + 1) % 14])
            if moment <= previous:
                moment = previous + datetime.timedelta(minutes=11)
            moments.append((moment, step))
            previous = moment
        return received, moments

    # ------------------------------------------------------------------
    def prepare(self):
        gen = self.gen
        self.make_setup()
        specs = self.plan()
        self.specs = specs
        todo = [spec for spec in specs if not gen.has(spec["name"])]
        gen.skipped["insurance.complaint"] += len(specs) - len(todo)
        if not todo:
            return []
        self.make_parties(todo)
        events = []
        by_day = {}
        for spec in todo:
            by_day.setdefault(spec["schedule"][0].date(), []).append(spec)
        for _day, day_specs in sorted(by_day.items()):
            # registered in one batch, at the end of the last receipt of the day
            moment = max(spec["schedule"][0] for spec in day_specs) + datetime.timedelta(minutes=4)
            events.append((moment, 2, functools.partial(self.create_complaints, day_specs)))
            for spec in day_specs:
                for order, (step_moment, step) in enumerate(spec["schedule"][1]):
                    when = max(step_moment, moment + datetime.timedelta(minutes=1 + order))
                    events.append((when, 3, functools.partial(self.do_step, spec, step)))
        return events

    def make_parties(self, specs):
        gen = self.gen
        items = []
        for spec in specs:
            if spec["duplicate_of"] is not None:
                continue
            address = spec["address"]
            items.append(
                (
                    f"partner_{spec['name']}",
                    {
                        "name": spec["person"],
                        "phone": spec["phone"],
                        "email": f"c{gen.seed % 100000}.{spec['index']}@example.com",
                        "street": address["street"],
                        "city": address["district"],
                    },
                )
            )
        partners = gen.ensure("res.partner", items) if items else gen.env["res.partner"]
        by_name = dict(zip([name for name, _vals in items], partners, strict=True))
        for spec in specs:
            if spec["duplicate_of"] is None:
                spec["partner"] = by_name[f"partner_{spec['name']}"]
        for spec in specs:
            if spec["duplicate_of"] is not None:
                master = self.specs[spec["duplicate_of"]]
                spec["partner"] = master.get("partner") or gen.ref(f"partner_{master['name']}")

    def create_complaints(self, specs):
        gen = self.gen
        officers = gen.staff("officer_")
        vals_list = []
        for spec in specs:
            vals = {
                "company_id": gen.company.id,
                "partner_id": spec["partner"].id,
                "received_at": spec["schedule"][0],
                "channel": spec["channel"],
                "demand": spec["demand"],
                "facts": f"<p>{spec['facts']}</p>",
                "complainant_name": spec["person"],
                "complainant_contact": spec["phone"],
                "complainant_address": f"{spec['address']['province']}{spec['address']['city']}"
                f"{spec['address']['district']}{spec['address']['street']}",
                "complainant_id_number": gen.id_number(spec["address"]["region"], spec["born"], spec["index"]),
                "possible_loss": spec["loss"],
                "product_line": "property" if spec["index"] % 3 else "accident_health",
            }
            if self.categories:
                vals["category_id"] = self.categories[spec["category"] % len(self.categories)].id
            if spec["channel"] == "regulator":
                vals.update(
                    origin="regulator",
                    regulator_case_number=f"HNJG{spec['schedule'][0]:%Y%m%d}{spec['index']:04d}",
                    regulator_transferred_at=spec["schedule"][0],
                )
            vals_list.append(vals)
        complaints = gen.env["insurance.complaint"].with_user(officers[0]).create(vals_list)
        gen.mark(complaints, [spec["name"] for spec in specs])
        for spec, complaint in zip(specs, complaints, strict=True):
            # read back with the generator's rights: each step acts as its own user
            self.complaints[spec["index"]] = complaint.with_env(gen.env)

    # the steps, each as the user who clicks the button
    def officer(self, spec):
        officers = self.gen.staff("officer_")
        return officers[spec["index"] % len(officers)]

    def manager(self, spec, other=False):
        managers = self.gen.staff("cmanager_")
        return managers[(spec["index"] + (1 if other else 0)) % len(managers)]

    def do_step(self, spec, step):
        step, state = step
        complaint = self.complaints[spec["index"]]
        if step not in ("followup", "merge") and complaint.state != state:
            return
        getattr(self, f"step_{step}")(spec, complaint.with_user(self.officer(spec)))

    def step_validate(self, spec, complaint):
        complaint.action_validate()

    def step_assign(self, spec, complaint):
        complaint.write({"user_id": self.officer(spec).id, "department_id": self.department.id})
        complaint.action_assign()

    def step_investigate(self, spec, complaint):
        complaint.action_investigate()

    def step_extend(self, spec, complaint):
        self.gen.env["insurance.complaint.extension"].with_user(self.officer(spec)).create(
            {"complaint_id": complaint.id, "level": "1", "reason": "案情复杂，需调取销售录音和第三方鉴定意见。"}
        )

    def step_plan(self, spec, complaint):
        complaint.handling_plan = spec["plan"]
        complaint.action_submit_plan()

    def step_approve(self, spec, complaint):
        complaint.with_user(self.manager(spec)).action_approve_plan()

    def step_decide(self, spec, complaint):
        complaint.write(
            {
                "letter_check_summary": f"<p>{spec['summary']}</p>",
                "letter_grounds": f"<p>{spec['grounds']}</p>",
                "result": spec["result"],
            }
        )
        self.gen.env["insurance.complaint.notification"].with_user(self.officer(spec)).create(
            {"complaint_id": complaint.id, "partner_id": complaint.partner_id.id, "kind": "decision", "channel": "post"}
        )
        complaint.action_send_decision()

    def step_close(self, spec, complaint):
        complaint.action_close()

    def step_invalid(self, spec, complaint):
        complaint.invalid_reason = "来电仅为咨询保单条款，不属于投诉。"
        complaint.action_invalid()

    def step_withdraw(self, spec, complaint):
        complaint.action_withdraw()

    def step_request_review(self, spec, complaint):
        complaint.action_request_review()

    def step_decide_review(self, spec, complaint):
        complaint.write({"review_result": "upheld", "review_decision": "经复核，原处理决定认定事实清楚，予以维持。"})
        complaint.with_user(self.manager(spec, other=True)).action_decide_review()

    def step_followup(self, spec, complaint):
        # the owner makes the level-1 visit; the sampled level-2 and level-3 visits are left planned
        followups = complaint.followup_ids.filtered(
            lambda followup: followup.state in ("planned", "retry") and followup.level == "1" and followup.user_id
        )
        for followup in followups:
            followup = followup.with_user(followup.user_id)
            if spec["reached"]:
                followup.write(
                    {"satisfaction": spec["satisfaction"], "comments": texts.FOLLOWUP_NOTES[spec["index"] % 3]}
                )
                followup.action_reached()
            else:
                followup.action_not_reached()

    def step_merge(self, spec, complaint):
        master = self.complaints.get(spec["duplicate_of"])
        if not master or not master.is_open or not complaint.is_open:
            return
        # the owner of the master case merges the duplicate into it
        owner = master.user_id or self.officer(self.specs[spec["duplicate_of"]])
        wizard = (
            self.gen.env["insurance.complaint.merge"]
            .with_user(owner)
            .create({"duplicate_id": complaint.id, "master_id": master.id})
        )
        wizard.action_merge()

    def finish(self):
        pass
