"""Claims: about 200 over every state and claim type, moved through the real transitions as their users,
with a catastrophe event, reserves, payouts (billed, paid), recoveries and a bank statement matched with
``action_match_claim_payouts``."""

import datetime
import functools
import random

from odoo import Command
from odoo.exceptions import ValidationError

from . import texts

BASE_CLAIMS = 200
# the states to reach and how often (the first claims cover each state and type once)
TARGETS = (
    ("reported", 3),
    ("dispatched", 5),
    ("surveyed", 5),
    ("documents", 10),
    ("assessment", 8),
    ("decision", 4),
    ("review", 4),
    ("approved", 5),
    ("agreed", 6),
    ("paid", 10),
    ("closed", 25),
    ("rejected", 8),
    ("withdrawn", 5),
)
TYPES = ("HWP", "NRS", "LVS", "EPL")
TYPE_WEIGHTS = (35, 35, 18, 12)
# the normal path; each entry is the step that leaves the state
PATH = ("reported", "dispatched", "surveyed", "documents", "assessment", "decision", "review")
AFTER_REVIEW = ("approved", "agreed", "paid", "closed")
REJECTION_CODES = ("not_covered", "exclusion", "outside_period", "late_report", "other")


class ClaimsPart:
    def __init__(self, gen):
        self.gen = gen
        self.env = gen.env
        self.rng = random.Random(f"{gen.seed}-claims")

    # ------------------------------------------------------------------
    # Shared records: policies, claim types, partners of the policies
    # ------------------------------------------------------------------
    def make_setup(self):
        gen, env = self.gen, self.env
        company = gen.company
        start = (gen.first_day - datetime.timedelta(days=300)).replace(day=1)
        end = start.replace(year=start.year + 2) - datetime.timedelta(days=1)
        holders = gen.ensure(
            "res.partner",
            [
                ("partner_highway", {"name": texts.HIGHWAY_OWNERS[0], "is_company": True, "city": "浏阳市"}),
                ("partner_civil_affairs", {"name": "浏阳市民政局", "is_company": True, "city": "浏阳市"}),
                ("partner_animal_husbandry", {"name": "浏阳市畜牧水产事务中心", "is_company": True, "city": "浏阳市"}),
                ("partner_scrap_buyer", {"name": "浏阳市再生资源回收有限公司", "is_company": True, "city": "浏阳市"}),
                ("partner_third_party", {"name": "长沙顺达物流有限公司", "is_company": True, "city": "长沙市"}),
            ],
        )
        self.scrap_buyer, self.third_party = holders[3], holders[4]

        def policy(name, number, line, product, holder, sum_insured, premium, coverage, roster=False):
            return (
                name,
                {
                    "name": number,
                    "company_id": company.id,
                    "product_line": line,
                    "product_name": product,
                    "policyholder_id": holder.id,
                    "date_start": start,
                    "date_end": end,
                    "premium": premium,
                    "sum_insured": sum_insured,
                    "roster_required": roster,
                    "coverage_ids": [Command.create(dict(coverage, coverage_type="main", sequence=1))],
                },
            )

        policies = gen.ensure(
            "insurance.policy",
            [
                policy(
                    "policy_highway",
                    f"PPR{start.year}430181900001",
                    "property",
                    "公路财产保险",
                    holders[0],
                    800000000,
                    320000,
                    {"name": "公路路产：道路、桥梁、隧道", "limit_amount": 800000000, "deductible_amount": 5000},
                ),
                policy(
                    "policy_nursing",
                    f"PAH{start.year}430181900002",
                    "accident_health",
                    "老年人住院护理补贴保险",
                    holders[1],
                    60000000,
                    1200000,
                    {
                        "name": "住院护理补贴",
                        "limit_amount": 60000000,
                        "per_diem_amount": 100,
                        "waiting_days": 3,
                        "max_days_per_year": 90,
                    },
                    roster=True,
                ),
                policy(
                    "policy_livestock",
                    f"PLV{start.year}430181900003",
                    "livestock",
                    "生猪养殖保险",
                    holders[2],
                    30000000,
                    450000,
                    {"name": "生猪死亡及扑杀", "limit_amount": 30000000},
                ),
                policy(
                    "policy_employee",
                    f"PPR{start.year}430181900004",
                    "property",
                    "员工随身办公财产保险",
                    company.partner_id,
                    2000000,
                    18000,
                    {"name": "员工随身办公设备", "limit_amount": 2000000},
                ),
            ],
        )
        for policy_record in policies.filtered(lambda record: record.state != "active"):
            policy_record.action_activate()
        self.policies = dict(zip(TYPES, policies, strict=True))
        types = {}
        hwp = env.ref("claims_management.demo_claim_type_highway_property", raise_if_not_found=False)
        nrs = env.ref("claims_management.demo_claim_type_nursing_subsidy", raise_if_not_found=False)
        new_types = []
        if not hwp:
            new_types.append(("type_highway", {"name": "公路财产损失", "code": "HWP", "authority_limit": 50000}))
        if not nrs:
            new_types.append(
                ("type_nursing", {"name": "住院护理补贴（按日）", "code": "NRS", "calculation_method": "per_diem"})
            )
        new_types += [
            (
                "type_livestock",
                {
                    "name": "生猪死亡（按头）",
                    "code": "LVS",
                    "calculation_method": "per_head",
                    "complexity": "simple",
                    "fast_track_threshold": 5000,
                    "authority_limit": 30000,
                    "surveyor_post_id": gen.survey_post.id,
                    "document_template_ids": [
                        Command.create({"name": "无害化处理证明", "sequence": 10}),
                        Command.create({"name": "死亡生猪照片（含耳标）", "sequence": 20}),
                        Command.create({"name": "养殖档案", "sequence": 30, "required": False}),
                    ],
                },
            ),
            (
                "type_employee",
                {
                    "name": "员工财产损失（折旧）",
                    "code": "EPL",
                    "calculation_method": "depreciated",
                    "complexity": "simple",
                    "fast_track_threshold": 3000,
                    "authority_limit": 10000,
                    "document_template_ids": [
                        Command.create({"name": "报警回执或情况说明", "sequence": 10}),
                        Command.create({"name": "资产卡片", "sequence": 20}),
                    ],
                },
            ),
        ]
        created = gen.ensure(
            "insurance.claim.type", [(name, dict(vals, company_id=company.id)) for name, vals in new_types]
        )
        by_code = {claim_type.code: claim_type for claim_type in created}
        types["HWP"] = hwp or by_code["HWP"]
        types["NRS"] = nrs or by_code["NRS"]
        types["LVS"], types["EPL"] = by_code["LVS"], by_code["EPL"]
        self.types = types
        # the payees' bank accounts are trusted by the accountant (demo: at once)
        self.has_accounting = bool(company.chart_template)
        if self.has_accounting:
            company._claims_create_default_accounting()
            self.bank_journal = env["account.journal"].search(
                [("type", "=", "bank"), ("company_id", "=", company.id)], order="id", limit=1
            )
        self.event = None

    # ------------------------------------------------------------------
    # The plan: pure data from the seed, for every claim (generated or not), so skipping keeps the rest
    # ------------------------------------------------------------------
    def plan(self):
        gen, rng = self.gen, self.rng
        count = gen.count(BASE_CLAIMS, minimum=len(TARGETS) + len(TYPES))
        targets = [target for target, _weight in TARGETS]
        weights = [weight for _target, weight in TARGETS]
        event_day = gen.first_day + datetime.timedelta(days=min(20, (gen.last_day - gen.first_day).days // 3))
        specs = []
        for index in range(count):
            if index < len(TARGETS):
                target = targets[index]
                kind = TYPES[index % len(TYPES)]
            elif index < len(TARGETS) + len(TYPES):
                target, kind = "closed", TYPES[index - len(TARGETS)]
            else:
                target = rng.choices(targets, weights)[0]
                kind = rng.choices(TYPES, TYPE_WEIGHTS)[0]
            if target == "reported":
                kind = rng.choice(("NRS", "EPL"))  # no surveyor post: nobody to dispatch to, waits for a director
            spec = {
                "index": index,
                "name": f"claim_{gen.tag}_{index:05d}",
                "kind": kind,
                "target": target,
                "event": kind == "HWP" and index % 8 == 4,
                "decision": "reject" if target == "rejected" else rng.choice(("approve", "approve", "partial")),
                "rejection_code": rng.choice(REJECTION_CODES),
                "returned": rng.random() < 0.15,
                "via_rejection": target == "closed" and rng.random() < 0.25,
                "withdraw_at": rng.choice(PATH[:5]) if target == "withdrawn" else None,
                "billed_only": target == "agreed" and rng.random() < 0.5,
                "reserve_change": rng.random() < 0.3,
                "recovery": kind == "HWP" and target in ("paid", "closed") and rng.random() < 0.3,
                "person": gen.person_name(rng),
                "phone": gen.phone(rng),
                "address": gen.address(rng),
                "born": datetime.date(1938, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 30)),
                "amount": rng.randint(2, 60) * 1000 + rng.choice((0, 250, 500, 800)),
                "days": rng.randint(4, 25),
                "heads": [(rng.randrange(len(texts.LIVESTOCK)), rng.randint(2, 30)) for _n in range(rng.randint(1, 2))],
                "asset": rng.randrange(len(texts.EMPLOYEE_ASSETS)),
                "loss": rng.randrange(len(texts.HIGHWAY_LOSSES)),
                "cause": rng.randrange(5),
                "steps": [rng.randint(0, 3) for _n in range(14)],
                "hours": [rng.randint(9, 17) for _n in range(16)],
                "minutes": [rng.randrange(0, 60, 5) for _n in range(16)],
                "loss_hours_before": rng.randint(2, 200),
            }
            if spec["event"]:
                spec["report_day"] = event_day + datetime.timedelta(days=rng.randint(0, 2))
            specs.append(spec)
        # at a small scale still one recovery and one reserve change
        for key, eligible in (
            ("recovery", lambda spec: spec["kind"] == "HWP" and spec["target"] in ("paid", "closed")),
            ("reserve_change", lambda spec: spec["target"] in ("paid", "closed")),
        ):
            if not any(spec[key] for spec in specs):
                first = next((spec for spec in specs if eligible(spec)), None)
                if first:
                    first[key] = True
        for spec in specs:
            spec["schedule"] = self.schedule(spec)
        return specs

    def path_of(self, spec):
        """The steps ``(step, state it starts from)`` from the report to the target state, in order."""
        target = spec["target"]
        reject = target == "rejected" or spec["via_rejection"]
        full = [
            ("next", "reported", "dispatched"),
            ("next", "dispatched", "surveyed"),
            ("next", "surveyed", "documents"),
            ("receive", "documents", "documents"),
            ("next", "documents", "assessment"),
            ("assess", "assessment", "assessment"),
            ("next", "assessment", "decision"),
            ("next", "decision", "review"),
        ]
        if spec["returned"]:
            full += [
                ("return", "review", "assessment"),
                ("next", "assessment", "decision"),
                ("next", "decision", "review"),
            ]
        if reject:
            full += [("approve", "review", "rejected"), ("rejection_notice", "rejected", "rejected")]
            full += [("close", "rejected", "closed")]
        else:
            full += [
                ("approve", "review", "approved"),
                ("agree", "approved", "agreed"),
                ("submit", "agreed", "agreed"),
                ("bill", "agreed", "agreed"),
                ("pay", "agreed", "paid"),
                ("close", "paid", "closed"),
            ]
        stop = spec["withdraw_at"] if target == "withdrawn" else target
        steps = []
        if stop != "reported":
            for step, state, result in full:
                steps.append((step, state))
                if result == stop and step not in ("receive", "assess", "return"):
                    if target == "rejected":
                        steps.append(("rejection_notice", "rejected"))
                    if target == "agreed" and spec["billed_only"]:
                        steps += [("submit", "agreed"), ("bill", "agreed")]
                    break
        if target == "withdrawn":
            steps.append(("withdraw", stop))
        if spec["reserve_change"] and len(steps) > 2:
            steps.insert(2, ("reserve", None))
        if spec["recovery"]:
            steps.append(("recovery", None))
        return steps

    def schedule(self, spec):
        """``(report moment, [(moment, step, state)])``, every moment within the three months."""
        gen = self.gen
        steps = self.path_of(spec)
        gaps = spec["steps"] * 3
        gaps = [gaps[index] for index in range(len(steps))]
        total = sum(gaps)
        window = (gen.last_day - gen.first_day).days
        if total > window:
            gaps = [0] * len(steps)
            total = 0
        report_day = spec.get("report_day")
        if report_day is None or report_day + datetime.timedelta(days=total) > gen.last_day:
            latest = window - total
            report_day = gen.first_day + datetime.timedelta(days=self.spread(spec["index"], latest))
        day = report_day
        hour = spec["hours"][0]
        report = gen.moment(day, hour, spec["minutes"][0])
        moments = []
        previous = report
        for number, (step, gap) in enumerate(zip(steps, gaps, strict=True)):
            day += datetime.timedelta(days=gap)
            moment = gen.moment(day, spec["hours"][(number + 1) % 16], spec["minutes"][(number + 1) % 16])
            if moment <= previous:
                moment = previous + datetime.timedelta(minutes=7)
            moments.append((moment, step))
            previous = moment
        return report, moments

    def spread(self, index, latest):
        """Report days spread over the window (deterministic from the index)."""
        if latest <= 0:
            return 0
        return (index * 37 + 11) % (latest + 1)

    # ------------------------------------------------------------------
    # Creation and the steps
    # ------------------------------------------------------------------
    def prepare(self):
        """The setup now; the claims' creations and steps as events ``(moment, priority, callable)``."""
        gen = self.gen
        self.make_setup()
        specs = self.plan()
        todo = [spec for spec in specs if not gen.has(spec["name"])]
        gen.skipped["insurance.claim"] += len(specs) - len(todo)
        self.claims = {}
        if not todo:
            return []
        self.make_event(todo)
        self.make_parties(todo)
        # the claims reported on a day are registered in one batch after the last report of the day
        by_day = {}
        for spec in todo:
            by_day.setdefault(spec["schedule"][0].date(), []).append(spec)
        events = []
        for _day, day_specs in sorted(by_day.items()):
            moment = max(spec["schedule"][0] for spec in day_specs) + datetime.timedelta(minutes=3)
            events.append((moment, 0, functools.partial(self.create_claims, day_specs)))
            for spec in day_specs:
                for order, (step_moment, step) in enumerate(spec["schedule"][1]):
                    when = max(step_moment, moment + datetime.timedelta(minutes=1 + order))
                    events.append((when, 1, functools.partial(self.do_step, spec, step)))
        return events

    def do_step(self, spec, step):
        step, state = step
        claim = self.claims[spec["index"]]
        if step == "next":
            self.step_next(spec, claim, state)
        else:
            getattr(self, f"step_{step}")(spec, claim)

    def make_event(self, specs):
        event_specs = [spec for spec in specs if spec["event"]]
        if not event_specs:
            return
        start = min(spec["schedule"][0] for spec in event_specs) - datetime.timedelta(hours=30)
        self.event = self.gen.ensure(
            "insurance.claim.event",
            [
                (
                    f"event_{self.gen.tag}",
                    {
                        "name": f"{start:%Y年%m月}浏阳暴雨及山体滑坡",
                        "kind": "storm",
                        "region": "浏阳",
                        "company_id": self.gen.company.id,
                        "start_at": start,
                        "end_at": start + datetime.timedelta(hours=60),
                        "description": "<p>连续强降雨引发山体滑坡，多条公路和桥梁受损。</p>",
                    },
                )
            ],
        )

    def make_parties(self, specs):
        """Claimants, payees' bank accounts and the insured people and objects of the claims, in batches."""
        gen = self.gen
        partner_items, insured_items = [], []
        highway, civil, husbandry = (
            gen.ref(name) for name in ("partner_highway", "partner_civil_affairs", "partner_animal_husbandry")
        )
        for spec in specs:
            address = spec["address"]
            kind = spec["kind"]
            if kind == "NRS":
                name = spec["person"]
                partner_items.append(
                    (
                        f"partner_{spec['name']}",
                        {
                            "name": name,
                            "phone": spec["phone"],
                            "street": address["street"],
                            "city": address["district"],
                            "zip": "410300",
                        },
                    )
                )
            elif kind == "LVS":
                partner_items.append(
                    (
                        f"partner_{spec['name']}",
                        {
                            "name": texts.FARMS[spec["index"] % len(texts.FARMS)] + f"（{spec['person']}）",
                            "phone": spec["phone"],
                            "is_company": True,
                            "city": "浏阳市",
                        },
                    )
                )
            elif kind == "EPL":
                partner_items.append(
                    (f"partner_{spec['name']}", {"name": spec["person"], "phone": spec["phone"], "city": "长沙市"})
                )
        partners = gen.ensure("res.partner", partner_items) if partner_items else gen.env["res.partner"]
        by_name = dict(zip([name for name, _vals in partner_items], partners, strict=True))
        for spec in specs:
            spec_partner = by_name.get(f"partner_{spec['name']}")
            spec["claimant"] = spec_partner or (highway if spec["kind"] == "HWP" else civil)
        # one bank account per claimant, trusted
        banks = []
        claimants = []
        for spec in specs:
            if spec["claimant"] not in claimants and not spec["claimant"].bank_ids:
                claimants.append(spec["claimant"])
        bank_items = [
            (
                f"bank_{partner.id}",
                {
                    "partner_id": partner.id,
                    "acc_number": f"6217 0020 {partner.id:04d} {gen.seed % 10000:04d} {index:03d}",
                },
            )
            for index, partner in enumerate(claimants)
        ]
        if bank_items:
            banks = gen.ensure("res.partner.bank", bank_items)
            banks.write({"allow_out_payment": True})
        start = self.policies["NRS"].date_start
        for spec in specs:
            kind = spec["kind"]
            policy = self.policies[kind]
            if kind == "HWP":
                obj, _cause, place = texts.HIGHWAY_LOSSES[spec["loss"]]
                vals = {
                    "kind": "object",
                    "name": f"{obj}（{spec['index']}）",
                    "asset_code": f"HW-{spec['index']:05d}",
                    "region": "浏阳",
                }
            elif kind == "NRS":
                vals = {
                    "name": spec["person"],
                    "id_number": gen.id_number(spec["address"]["region"], spec["born"], spec["index"]),
                    "region": texts.TOWNS[spec["index"] % len(texts.TOWNS)],
                    "phone": spec["phone"],
                    "partner_id": spec["claimant"].id,
                    "date_from": start,
                }
            elif kind == "LVS":
                vals = {
                    "kind": "object",
                    "name": spec["claimant"].name,
                    "asset_code": f"FARM-{spec['index']:05d}",
                    "region": "浏阳",
                }
            else:
                asset, _value = texts.EMPLOYEE_ASSETS[spec["asset"]]
                vals = {
                    "kind": "object",
                    "name": asset % (spec["index"] % 100),
                    "asset_code": f"EPL-{spec['index']:05d}",
                }
            insured_items.append((f"insured_{spec['name']}", dict(vals, policy_id=policy.id)))
        insured = gen.ensure("insurance.policy.insured", insured_items)
        for spec, record in zip(specs, insured, strict=True):
            spec["insured"] = record

    def create_claims(self, specs):
        gen = self.gen
        handlers = gen.staff("handler_")
        vals_list = []
        for spec in specs:
            kind = spec["kind"]
            policy = self.policies[kind]
            report = spec["schedule"][0]
            loss = report - datetime.timedelta(hours=spec["loss_hours_before"])
            if spec["event"] and self.event:
                loss = max(self.event.start_at + datetime.timedelta(hours=2), report - datetime.timedelta(hours=20))
            handler = handlers[spec["index"] % len(handlers)]
            vals = {
                "company_id": gen.company.id,
                "claim_type_id": self.types[kind].id,
                "policy_id": policy.id,
                "coverage_id": policy.coverage_ids[:1].id,
                "insured_id": spec["insured"].id,
                "claimant_id": spec["claimant"].id,
                "payee_id": spec["claimant"].id,
                "handler_id": gen.employee_of(handler).id,
                "reported_at": report,
                "loss_at": loss,
                "estimated_loss": spec["amount"],
            }
            if kind == "HWP":
                _obj, cause, place = texts.HIGHWAY_LOSSES[spec["loss"]]
                vals.update(
                    channel="hotline", region="浏阳", loss_place=place, cause=cause, is_major=spec["amount"] > 55000
                )
                if spec["event"] and self.event:
                    vals.update(event_id=self.event.id, cause="暴雨引发山体滑坡", priority="1")
            elif kind == "NRS":
                hospital = texts.HOSPITALS[spec["index"] % len(texts.HOSPITALS)]
                disease = texts.DISEASES[spec["cause"] % len(texts.DISEASES)]
                vals.update(
                    channel="counter",
                    loss_at=report - datetime.timedelta(days=spec["days"] + 2),
                    loss_place=f"{hospital}住院部",
                    cause=f"因{disease}住院 {spec['days']} 天",
                    claimed_amount=spec["days"] * 100,
                    estimated_loss=max(0, spec["days"] - 3) * 100,
                )
            elif kind == "LVS":
                heads = sum(number for _class, number in spec["heads"])
                vals.update(
                    channel="onsite",
                    region="浏阳",
                    loss_place=spec["claimant"].name,
                    cause=f"{texts.LIVESTOCK_CAUSES[spec['cause']]}，共 {heads} 头",
                    estimated_loss=sum(texts.LIVESTOCK[cls][1] * number for cls, number in spec["heads"]),
                )
            else:
                asset, value = texts.EMPLOYEE_ASSETS[spec["asset"]]
                vals.update(
                    channel="portal",
                    loss_place="长沙市岳麓区",
                    cause=texts.EMPLOYEE_LOSS_CAUSES[spec["cause"] % len(texts.EMPLOYEE_LOSS_CAUSES)],
                    estimated_loss=value * 0.6,
                )
            vals_list.append(vals)
        # the hotline registers them: a claims handler creates the batch
        claims = gen.env["insurance.claim"].with_user(handlers[0]).create(vals_list)
        gen.mark(claims, [spec["name"] for spec in specs])
        for spec, claim in zip(specs, claims, strict=True):
            self.claims[spec["index"]] = claim.with_env(gen.env)

    # the steps, each as the user who clicks the button
    def handler(self, claim):
        return claim.handler_id.user_id

    def director(self, spec):
        directors = self.gen.staff("director_")
        return directors[spec["index"] % len(directors)]

    def accountant(self):
        return self.gen.users["accountant"]

    def step_next(self, spec, claim, state):
        if claim.state != state:
            return  # dispatched at intake already
        if claim.state == "reported":
            # nobody was on duty at intake: a director dispatches it by hand
            claim.with_user(self.director(spec)).action_next_stage()
            return
        claim.with_user(self.handler(claim)).action_next_stage()

    def step_receive(self, spec, claim):
        documents = claim.document_ids.filtered(lambda document: document.required and document.state == "required")
        if documents:
            documents.with_user(self.handler(claim)).action_receive()

    def step_assess(self, spec, claim):
        kind = spec["kind"]
        vals = {"claim_id": claim.id}
        if kind == "HWP":
            vals.update(
                name=claim.loss_place, assessed_loss=spec["amount"] * (0.6 if spec["decision"] == "partial" else 0.9)
            )
        elif kind == "NRS":
            days = spec["days"] - (3 if spec["decision"] == "partial" else 0)
            vals.update(name=claim.cause, days=max(days, 1))
        elif kind == "LVS":
            vals.update(
                name=claim.cause,
                head_ids=[
                    Command.create(
                        {
                            "weight_class": texts.LIVESTOCK[cls][0],
                            "heads": number,
                            "amount_per_head": texts.LIVESTOCK[cls][1],
                        }
                    )
                    for cls, number in spec["heads"]
                ],
            )
        else:
            _asset, value = texts.EMPLOYEE_ASSETS[spec["asset"]]
            vals.update(
                name=claim.insured_id.name,
                depreciation_basis="book",
                purchase_price=value,
                accumulated_depreciation=value * (0.5 if spec["decision"] == "partial" else 0.3),
            )
        handler = self.handler(claim)
        self.gen.env["insurance.claim.line"].with_user(handler).create(vals)
        decision = {"decision": spec["decision"]}
        if spec["decision"] == "reject":
            decision.update(rejection_code=spec["rejection_code"], decision_note="经审核，本次损失不属于保险责任范围。")
        else:
            decision["decision_note"] = "依据保险合同约定及查勘定损结果核定赔款。"
        claim.with_user(handler).write(decision)

    def step_return(self, spec, claim):
        director = claim.with_user(self.director(spec))
        director.review_note = "请补充维修报价明细后重新提交。"
        director.action_director_return()

    def step_approve(self, spec, claim):
        director = claim.with_user(self.director(spec))
        try:
            with self.env.cr.savepoint():
                director.action_director_approve()
        except ValidationError as error:
            # e.g. the event's deductible was taken on another claim of the event meanwhile: the director
            # returns it, the handler sends the recalculated claim again, the director approves it
            director.review_note = str(error.args[0])[:500]
            director.action_director_return()
            handler = claim.with_user(self.handler(claim))
            handler.action_next_stage()
            handler.action_next_stage()
            director.action_director_approve()

    def step_agree(self, spec, claim):
        claim.with_user(self.handler(claim)).action_claimant_agrees()

    def step_submit(self, spec, claim):
        payouts = claim.payout_ids.filtered(lambda payout: payout.state == "draft")
        if not payouts:
            return
        handler = self.handler(claim)
        # the settlement is above the reserve: the handler raises it first, with a reason
        pending = claim.payout_ids.filtered(lambda payout: payout.state in ("draft", "to_approve", "approved"))
        short = claim.currency_id.round(sum(pending.mapped("amount")) - claim._reserve_on(claim.coverage_id))
        if claim.coverage_id and short > 0:
            movement = (
                self.gen.env["insurance.claim.reserve"]
                .with_user(handler)
                .create(
                    {
                        "claim_id": claim.id,
                        "coverage_id": claim.coverage_id.id,
                        "amount": short,
                        "reason": "按核定赔款调整准备金",
                    }
                )
            )
            self.gen.mark(movement, [f"reserve_settlement_{spec['name']}"])
        payouts.with_user(handler).action_submit()
        waiting = payouts.filtered(lambda payout: payout.state == "to_approve")
        if waiting:
            waiting.with_user(self.director(spec)).action_director_approve()

    def step_bill(self, spec, claim):
        if not self.has_accounting:
            return
        payouts = claim.payout_ids.filtered(lambda payout: payout.state == "approved" and not payout.move_id)
        if payouts:
            accountant = self.accountant()
            payouts.with_user(accountant).action_create_bill()
            payouts.move_id.with_user(accountant).action_post()

    def step_pay(self, spec, claim):
        if not self.has_accounting:
            return
        bills = claim.payout_ids.move_id.filtered(
            lambda move: move.state == "posted" and move.payment_state == "not_paid"
        )
        for bill in bills:
            self.gen.env["account.payment.register"].with_user(self.accountant()).with_context(
                active_model="account.move", active_ids=bill.ids
            ).create(
                {"journal_id": self.bank_journal.id, "partner_bank_id": bill.partner_bank_id.id}
            )._create_payments()

    def step_close(self, spec, claim):
        if claim.state in ("agreed", "paid", "rejected"):
            claim.with_user(self.handler(claim)).action_close()

    def step_rejection_notice(self, spec, claim):
        if claim.state == "rejected" and not claim.rejection_notice_at:
            claim.with_user(self.handler(claim)).action_rejection_notice_sent()

    def step_withdraw(self, spec, claim):
        user = self.handler(claim) if claim.state != "reported" else self.director(spec)
        claim.with_user(user).action_withdraw()

    def step_reserve(self, spec, claim):
        if not claim.coverage_id or not claim.is_open:
            return
        movement = (
            self.gen.env["insurance.claim.reserve"]
            .with_user(self.handler(claim))
            .create(
                {
                    "claim_id": claim.id,
                    "coverage_id": claim.coverage_id.id,
                    "amount": round(spec["amount"] * 0.2, -2) or 500,
                    "reason": "查勘后修正估损",
                }
            )
        )
        self.gen.mark(movement, [f"reserve_{spec['name']}"])

    def step_recovery(self, spec, claim):
        if not self.has_accounting:
            return
        kind = "salvage" if spec["index"] % 2 else "subrogation"
        partner = self.scrap_buyer if kind == "salvage" else self.third_party
        recovery = (
            self.gen.env["insurance.claim.recovery"]
            .with_user(self.handler(claim))
            .create(
                {
                    "claim_id": claim.id,
                    "kind": kind,
                    "partner_id": partner.id,
                    "expected_amount": round(spec["amount"] * 0.1, -1) or 100,
                    "note": "受损护栏残值出售给回收企业。" if kind == "salvage" else "向肇事车辆所属物流公司追偿。",
                }
            )
        )
        self.gen.mark(recovery, [f"recovery_{spec['name']}"])
        accountant = self.accountant()
        recovery.with_user(accountant).action_create_invoice()
        recovery.move_id.with_user(accountant).action_post()

    # ------------------------------------------------------------------
    # End of the period: reserve entries posted, the bank statement and its matching
    # ------------------------------------------------------------------
    def finish(self):
        gen = self.gen
        if not self.has_accounting or not self.claims or gen.has(f"statement_{gen.tag}"):
            return
        gen.at(gen.moment(gen.last_day, 18))
        accountant = self.accountant()
        claims = gen.env["insurance.claim"].browse([claim.id for claim in self.claims.values()])
        drafts = claims.reserve_ids.filtered(lambda movement: movement.state == "draft")
        if drafts:
            drafts.with_user(accountant).action_post_entries()
        payouts = claims.payout_ids.filtered(
            lambda payout: payout.state == "billed"
            and payout.payment_state in ("paid", "in_payment")
            and not payout.bank_reconciled
        )
        lines = []
        for payout in payouts.sorted("id"):
            lines.append(
                {
                    "payment_ref": f"赔款 {payout.claim_id.name}",
                    "amount": -payout.amount,
                    "date": payout.move_id.invoice_date or gen.last_day,
                }
            )
        rng = random.Random(f"{gen.seed}-bank")
        for number in range(max(2, gen.count(4))):
            lines.append(
                {
                    "payment_ref": rng.choice(("银行手续费", "未知来款", "网银转账 对方未留言")),
                    "amount": -rng.randint(5, 900) if number % 2 else rng.randint(100, 5000),
                    "date": gen.last_day,
                }
            )
        if not lines:
            return
        Line = gen.env["account.bank.statement.line"].with_user(accountant)
        created = Line.create([dict(vals, journal_id=self.bank_journal.id) for vals in lines])
        statement = (
            gen.env["account.bank.statement"]
            .with_user(accountant)
            .create(
                {
                    "name": f"{gen.last_day:%Y-%m} 赔款户对账单 {gen.tag}",
                    "journal_id": self.bank_journal.id,
                    "line_ids": [Command.set(created.ids)],
                }
            )
        )
        gen.mark(statement, [f"statement_{gen.tag}"])
        created.with_user(accountant).action_match_claim_payouts()
