"""The suite side by side with what a user would pick instead, on one database, printing ratios.

    .venv/bin/python scripts/bench_compare.py --db DB --config CONF   (run by `make bench-compare`)

The database needs complaint_management and OCA's helpdesk_mgmt_sla installed (scripts/bench_compare.sh
makes a throw-away one) and a chart of accounts on the main company (``--prepare`` loads the generic one
and commits: it is part of the database set-up). Everything measured happens inside ONE transaction
that is rolled back, each comparison in its own savepoint, rolled back before the next one:

1. complaint intake (``insurance.complaint`` create by a complaint officer, the back-office and phone path)
   vs OCA ticket creation by a helpdesk user, the team using an SLA that matches its team and category:
   one at a time and in batches;
2. the deadline sweep (``insurance.clock._cron_sweep``) over open complaints and their clock rows vs the SLA
   module's expired-ticket search (``helpdesk.ticket`` ``sla_expired = True``, its only way to find them:
   18.0.2 has no cron) over as many tickets, both bulk-inserted with ``INSERT ... SELECT generate_series``;
3. a claim payout billed and posted (with its reserve release and the release's entry) vs a plain vendor
   bill plus a plain journal entry, created and posted, by the same accountant;
4. a reserve movement (create, its entry posted at once) vs a plain journal entry created and posted;
5. claim creation through the ORM vs a raw SQL insert of exactly the rows it wrote (the floor).

Absolute times depend on the machine and its load; the ratios, measured side by side, are the figures.
"""

import argparse
import datetime
import sys

from benchlib import Meter, out, run_rolled_back
from psycopg2.extras import execute_values

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tools import config

D = datetime.date
DT = datetime.datetime
PERSON_ID = "430181198503120021"
LIMITS = {"single": 2000, "batch": 5000, "sweep_records": 200000}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--single", type=int, default=300, help="records created one at a time per measure")
    parser.add_argument("--batch", type=int, default=1000, help="records of the one batch per measure")
    parser.add_argument("--sweep-records", type=int, default=100000, help="complaints and tickets of comparison 2")
    parser.add_argument("--due", type=int, default=1000, help="of them, due (overdue clocks, expired SLAs)")
    parser.add_argument("--check-only", action="store_true", help="check the sizes and stop")
    parser.add_argument("--prepare", action="store_true", help="database set-up only (the chart of accounts)")
    args = parser.parse_args(argv)
    errors = [
        f"--{name.replace('_', '-')} must be between 1 and {limit:,} (got {getattr(args, name)})"
        for name, limit in LIMITS.items()
        if not 1 <= getattr(args, name) <= limit
    ]
    if not 1 <= args.due <= args.sweep_records // 10:
        errors.append(f"--due must be between 1 and a tenth of --sweep-records ({args.sweep_records // 10:,})")
    if errors:
        parser.error("; ".join(errors))
    return args


# ----------------------------------------------------------------------
# Results
# ----------------------------------------------------------------------
ROWS = []


def per_record(meter, count):
    return {"ms": meter.seconds * 1000 / count, "q": meter.queries / count, "rate": count / meter.seconds}


def cell(figure):
    return f"{figure['ms']:.2f} ms, {figure['q']:.1f} q ({figure['rate']:,.0f}/s)"


def record(measure, ours, reference, ratio, target, met):
    ROWS.append((measure, ours, reference, f"{ratio:.2f}x", target, "met" if met else "MISSED"))
    out(f"   -> {measure}: {ratio:.2f}x (target {target}: {'met' if met else 'MISSED'})")


def print_table():
    header = ("measure", "ours", "reference", "ratio", "target", "")
    widths = [max(len(str(row[index])) for row in [header, *ROWS]) for index in range(len(header))]
    out()
    out(" | ".join(str(text).ljust(width) for text, width in zip(header, widths, strict=True)))
    out("-+-".join("-" * width for width in widths))
    for row in ROWS:
        out(" | ".join(str(text).ljust(width) for text, width in zip(row, widths, strict=True)))
    missed = sum(1 for row in ROWS if row[5] == "MISSED")
    out()
    out(f"{len(ROWS) - missed} of {len(ROWS)} targets met.")


class Section:
    """A comparison in its own savepoint, rolled back afterwards: the next one starts from the same data."""

    def __init__(self, env, title):
        self.env, self.title = env, title

    def __enter__(self):
        out()
        out(self.title)
        self.env.flush_all()
        self.env.cr.execute("SAVEPOINT bench_compare_section")
        return self

    def __exit__(self, *exc):
        self.env.cr.execute("ROLLBACK TO SAVEPOINT bench_compare_section")
        self.env.invalidate_all()
        self.env.registry.clear_cache()


def best_of(env, runs, function):
    """The fastest of ``runs`` runs of ``function`` (caches emptied before each), as a Meter."""
    best = None
    for _run in range(runs):
        env.invalidate_all()
        with Meter(env) as meter:
            function()
        if best is None or meter.seconds < best.seconds:
            best = meter
    return best


def chunks(records, size):
    for start in range(0, len(records), size):
        yield records[start : start + size]


# ----------------------------------------------------------------------
# Set-up shared by the comparisons
# ----------------------------------------------------------------------
def new_user(env, login, company, groups):
    return env["res.users"].create(
        {
            "name": login.replace("_", " ").title(),
            "login": login,
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "groups_id": [Command.set([env.ref(group).id for group in groups])],
        }
    )


def ensure_chart(db):
    """The generic chart of accounts on the main company (committed: database set-up, not measured)."""
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        company = env.ref("base.main_company")
        if not company.chart_template:
            out(f"Loading the generic chart of accounts into {company.name} (database set-up)")
            env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        company.partner_id.tz = "Asia/Shanghai"


# ----------------------------------------------------------------------
# 1. Complaint intake vs OCA ticket creation with an SLA
# ----------------------------------------------------------------------
def helpdesk_setup(env, company):
    team = env["helpdesk.ticket.team"].create(
        {"name": "Bench Complaints Desk", "company_id": company.id, "use_sla": True}
    )
    category = env["helpdesk.ticket.category"].create({"name": "Bench Claims Payment"})
    done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
    sla = env["helpdesk.sla"].create(
        {
            "name": "Bench decision in 15 days",
            "company_id": company.id,
            "team_ids": [Command.set(team.ids)],
            "category_ids": [Command.set(category.ids)],
            "days": 15,
            "stage_id": done.id,
        }
    )
    return team, category, sla


def compare_intake(env, args, company):
    with Section(
        env, f"1. Complaint intake vs OCA ticket with an SLA ({args.single} one at a time, {args.batch} in a batch)"
    ):
        officer = new_user(env, "bench_cmp_officer", company, ["complaint_management.group_complaint_user"])
        agent = new_user(env, "bench_cmp_agent", company, ["helpdesk_mgmt.group_helpdesk_user"])
        complainant = env["res.partner"].create(
            {"name": "Bench Complainant", "company_id": company.id, "email": "bench.complainant@example.com"}
        )
        team, category, _sla = helpdesk_setup(env, company)
        phone = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        now = datetime.datetime.now().replace(microsecond=0)

        def complaint_vals(index):
            # the officer's phone intake (complaint_management/tests/common.py new_complaint)
            return {
                "company_id": company.id,
                "partner_id": complainant.id,
                "received_at": now - datetime.timedelta(minutes=index % 600),
                "channel": "phone",
                "demand": f"Pay the hospital bill {index}",
                "complainant_id_number": PERSON_ID,
            }

        def ticket_vals(index):
            return {
                "name": f"Pay the hospital bill {index}",
                "description": "<p>The claim is not paid.</p>",
                "company_id": company.id,
                "partner_id": complainant.id,
                "team_id": team.id,
                "category_id": category.id,
                "channel_id": phone.id,
            }

        Complaint = env["insurance.complaint"].with_user(officer).with_context(allowed_company_ids=company.ids)
        Ticket = env["helpdesk.ticket"].with_user(agent).with_context(allowed_company_ids=company.ids)
        # warm-up (not measured): the first record of each loads the registry's caches
        Complaint.create(complaint_vals(-1))
        Ticket.create(ticket_vals(-1))
        figures = {}
        for label, model, vals in (("complaints", Complaint, complaint_vals), ("tickets", Ticket, ticket_vals)):
            with Meter(env) as meter:
                for index in range(args.single):
                    model.create(vals(index))
            figures[label, "single"] = per_record(meter, args.single)
            with Meter(env) as meter:
                created = model.create([vals(index) for index in range(args.single, args.single + args.batch)])
            figures[label, "batch"] = per_record(meter, args.batch)
            out(
                f"   {label}: one at a time {cell(figures[label, 'single'])}; "
                f"batch of {args.batch} {cell(figures[label, 'batch'])}"
            )
        slas = env["helpdesk.ticket.sla"].search_count([("ticket_id", "in", created.ids)])
        clocks = env["insurance.clock"].search_count([("res_model", "=", "insurance.complaint")])
        out(f"   ({slas} SLA rows on the last {args.batch} tickets; {clocks} clock rows on the complaints)")
        for mode, label in (("single", "one at a time"), ("batch", f"batch of {args.batch}")):
            ours, reference = figures["complaints", mode], figures["tickets", mode]
            ratio = ours["rate"] / reference["rate"]
            record(f"1. intake throughput, {label}", cell(ours), cell(reference), ratio, ">= 4x", ratio >= 4)
        ratio = figures["complaints", "single"]["ms"] / figures["complaints", "batch"]["ms"]
        record(
            "1. intake: batch speed-up per record",
            cell(figures["complaints", "batch"]),
            cell(figures["complaints", "single"]) + " (single)",
            ratio,
            ">= 3x",
            ratio >= 3,
        )


# ----------------------------------------------------------------------
# 2. The deadline sweep vs the SLA module's expired-ticket search
# ----------------------------------------------------------------------
def insert_complaints(env, args, company, officer, complainant):
    """``args.sweep_records`` open complaints, each with 3 open clocks; ``args.due`` decision clocks overdue.

    One statement: the ids are drawn first, so that each complaint is inserted pointing at its next
    deadline as the engine keeps it (the foreign keys are checked at the end of the statement).
    """
    env.flush_all()
    env.cr.execute(
        """
        WITH ids AS (
            SELECT n, nextval('insurance_complaint_id_seq') AS complaint_id,
                   (NOW() AT TIME ZONE 'UTC') - make_interval(hours => 1 + n %% 48) AS received,
                   n <= %(due)s AS due
              FROM generate_series(1, %(count)s) n
        ), clocks AS (
            SELECT ids.*, k.*, nextval('insurance_clock_id_seq') AS clock_id,
                   CASE WHEN ids.due AND k.kind = 'complaint_decision' THEN ids.received - INTERVAL '1 hour'
                        ELSE ids.received + make_interval(days => k.length) END AS due_at
              FROM ids
             CROSS JOIN (VALUES ('complaint_decision', 'CBIRC Order 2020 No. 3 Art. 14', 15, 3),
                                ('complaint_resolve', NULL, 10, 2),
                                ('complaint_progress', NULL, 5, 1)) k(kind, basis, length, warning)
        ), nexts AS (
            SELECT DISTINCT ON (complaint_id) complaint_id, clock_id, kind FROM clocks ORDER BY complaint_id, due_at
        ), complaints AS (
            INSERT INTO insurance_complaint (id, name, company_id, state, is_open, received_at, clock_start_at,
                                             channel, origin, complainant_type, partner_id, user_id, nature,
                                             is_valid, is_crisis, mediation_outcome, complainant_id_number,
                                             next_due_clock_id, next_due_clock,
                                             create_uid, create_date, write_uid, write_date)
            SELECT ids.complaint_id, 'BCMP-' || ids.n, %(company)s, 'investigating', TRUE, ids.received,
                   ids.received, 'phone', 'self', 'person', %(partner)s, %(officer)s, 'general', TRUE, FALSE, 'none',
                   %(id_number)s, nexts.clock_id, nexts.kind, 1, ids.received, 1, ids.received
              FROM ids JOIN nexts USING (complaint_id)
        )
        INSERT INTO insurance_clock (id, res_model, res_id, complaint_id, company_id, kind, legal_basis, user_id,
                                     start_at, length, unit, same_day, civil_code_203, warning_days, due_date,
                                     due_at, warn_at, due_rule, paused_units, extension_level, missing_year,
                                     state, is_open, create_uid, create_date, write_uid, write_date)
        SELECT clock_id, 'insurance.complaint', complaint_id, complaint_id, %(company)s, kind, basis, %(officer)s,
               received, length, 'calendar_days', FALSE, FALSE, warning, due_at::date, due_at,
               due_at - make_interval(days => warning), 'count', 0, 0, 0, 'running', TRUE,
               1, received, 1, received
          FROM clocks
        """,
        {
            "company": company.id,
            "partner": complainant.id,
            "officer": officer.id,
            "id_number": PERSON_ID,
            "count": args.sweep_records,
            "due": args.due,
        },
    )


def insert_tickets(env, args, company, team, category, sla, complainant):
    """``args.sweep_records`` tickets with their SLA row in progress; ``args.due`` of them past the deadline."""
    env.flush_all()
    stage = team._get_applicable_stages()[:1]
    env.cr.execute(
        """
        WITH tickets AS (
            INSERT INTO helpdesk_ticket (number, name, description, company_id, stage_id, team_id, category_id,
                                         partner_id, priority, kanban_state, active, sequence, last_stage_update,
                                         create_uid, create_date, write_uid, write_date)
            SELECT 'BHT' || lpad(n::text, 7, '0'), 'Pay the hospital bill ' || n, '<p>Not paid.</p>',
                   %(company)s, %(stage)s, %(team)s, %(category)s, %(partner)s, '1', 'normal', TRUE, 10,
                   created, 1, created, 1, created
              FROM generate_series(1, %(count)s) n
             CROSS JOIN LATERAL (SELECT (NOW() AT TIME ZONE 'UTC') - make_interval(hours => 1 + n %% 48)
                                        AS created) r
            RETURNING id, create_date, number
        )
        INSERT INTO helpdesk_ticket_sla (ticket_id, sla_id, deadline, hours, expected_stage_id, consumed_time,
                                         last_state_date, state, create_uid, create_date, write_uid, write_date)
        SELECT t.id, %(sla)s,
               CASE WHEN substr(t.number, 4)::int <= %(due)s THEN t.create_date - INTERVAL '1 hour'
                    ELSE t.create_date + INTERVAL '15 days' END,
               120, %(expected)s, 0, t.create_date, 'in_progress', 1, t.create_date, 1, t.create_date
          FROM tickets t
        """,
        {
            "company": company.id,
            "stage": stage.id,
            "team": team.id,
            "category": category.id,
            "partner": complainant.id,
            "count": args.sweep_records,
            "sla": sla.id,
            "expected": sla.stage_id.id,
            "due": args.due,
        },
    )


def compare_sweep(env, args, company):
    with Section(env, f"2. Deadline sweep vs the SLA expired-ticket search ({args.sweep_records:,} records each)"):
        officer = new_user(env, "bench_sweep_officer", company, ["complaint_management.group_complaint_user"])
        new_user(env, "bench_sweep_manager", company, ["complaint_management.group_complaint_manager"])
        complainant = env["res.partner"].create(
            {"name": "Bench Sweep Complainant", "company_id": company.id, "phone": "+86 731 8888 0000"}
        )
        team, category, sla = helpdesk_setup(env, company)
        # the sweep covers the whole database: a clock of another record due now would count too
        env.cr.execute("SELECT count(*) FROM insurance_clock WHERE is_open")
        before = env.cr.fetchone()[0]
        with Meter(env) as meter:
            insert_complaints(env, args, company, officer, complainant)
            insert_tickets(env, args, company, team, category, sla, complainant)
            for table in ("insurance_complaint", "insurance_clock", "helpdesk_ticket", "helpdesk_ticket_sla"):
                env.cr.execute(f"ANALYZE {table}")  # noqa: S608 (fixed names)
        env.invalidate_all()
        out(
            f"   set-up: {args.sweep_records:,} complaints with 3 open clocks each and {args.sweep_records:,} "
            f"tickets with their SLA row, {args.due:,} due on each side, in {meter.seconds:.1f} s "
            f"({before} open clocks before)"
        )
        Clock = env["insurance.clock"]
        Ticket = env["helpdesk.ticket"]
        found = Ticket.search_count([("sla_expired", "=", True)])
        search = best_of(env, 3, lambda: Ticket.search([("sla_expired", "=", True)]).ids)
        Alert = env["insurance.clock.alert"]
        alerts = Alert.search_count([])
        with Meter(env) as first:
            Clock._cron_sweep()
        first_alerts = Alert.search_count([]) - alerts
        steady = best_of(env, 3, Clock._cron_sweep)
        again = Alert.search_count([]) - alerts - first_alerts
        out(f"   SLA search (best of 3): {found} expired tickets, {search.seconds * 1000:.1f} ms, {search.queries} q")
        out(f"   sweep, first run: {first_alerts} alerts, {first.seconds * 1000:.0f} ms, {first.queries} q")
        out(f"   sweep, next runs (best of 3): {again} new alerts, {steady.seconds * 1000:.1f} ms, {steady.queries} q")

        def ms(meter):
            return f"{meter.seconds * 1000:.1f} ms, {meter.queries} q"

        reference = f"{ms(search)} ({found:,} expired)"
        ratio = steady.seconds / search.seconds
        record(
            f"2. hourly sweep when nothing new is due ({args.sweep_records:,})",
            ms(steady),
            reference,
            ratio,
            "<= 0.1x",
            ratio <= 0.1,
        )
        ratio = first.seconds / search.seconds
        record(
            f"2. sweep that alerts {first_alerts:,} overdue (activities, escalation notes)",
            ms(first),
            reference,
            ratio,
            "none (more work)",
            True,
        )


# ----------------------------------------------------------------------
# 3.-5. Claims money and claim creation
# ----------------------------------------------------------------------
class ClaimsWorld:
    """A policy with a cover, a claim type, claims staff, an accountant, a payee with a trusted bank account."""

    def __init__(self, env, company):
        company._claims_create_default_accounting()
        self.env, self.company = env, company
        self.accounting = company._claim_accounting()
        self.handler = new_user(env, "bench_cmp_handler", company, ["claims_management.group_claims_user"])
        self.accountant = new_user(env, "bench_cmp_accountant", company, ["account.group_account_user"])
        self.claims_accountant = new_user(
            env,
            "bench_cmp_claims_accountant",
            company,
            ["claims_management.group_claims_user", "account.group_account_user"],
        )
        self.holder = env["res.partner"].create({"name": "Bench Highway Centre"})
        self.bank = env["res.partner.bank"].create({"acc_number": "BENCH-CMP-0001", "partner_id": self.holder.id})
        self.bank.allow_out_payment = True
        self.policy = env["insurance.policy"].create(
            {
                "name": "BENCH-CMP-1",
                "company_id": company.id,
                "policyholder_id": self.holder.id,
                "date_start": D(2026, 1, 1),
                "date_end": D(2026, 12, 31),
                "state": "active",
                "sum_insured": 10**10,
                "coverage_ids": [Command.create({"name": "Property", "limit_amount": 10**9})],
            }
        )
        self.claim_type = env["insurance.claim.type"].create(
            {"name": "Bench property", "code": "BCP", "company_id": company.id, "authority_limit": 10**6}
        )
        self.purchase = env["account.journal"].search(
            [("type", "=", "purchase"), ("company_id", "=", company.id)], limit=1
        )
        self.misc = env["account.journal"].search([("type", "=", "general"), ("company_id", "=", company.id)], limit=1)

    def claim_vals(self, index):
        return {
            "company_id": self.company.id,
            "claim_type_id": self.claim_type.id,
            "policy_id": self.policy.id,
            "coverage_id": self.policy.coverage_ids.id,
            "claimant_id": self.holder.id,
            "reported_at": DT(2026, 6, 18, 2, 0),
            "loss_at": DT(2026, 6, 18, 1, 0),
            "estimated_loss": 10000 + index % 997,
        }

    def claims(self, count):
        """``count`` claims registered (documents stage) through their transitions, by the handler."""
        Claim = self.env["insurance.claim"].with_user(self.handler).with_context(allowed_company_ids=self.company.ids)
        claims = Claim.browse()
        for vals in chunks([self.claim_vals(index) for index in range(count)], 1000):
            claims |= Claim.create(vals)
        for _step in range(3):
            claims.action_next_stage()
        claims.write({"determinable_amount": 8000})
        return claims

    def approved_payouts(self, claims):
        Payout = (
            self.env["insurance.claim.payout"]
            .with_user(self.handler)
            .with_context(allowed_company_ids=self.company.ids)
        )
        payouts = Payout.create(
            [
                {"claim_id": claim.id, "kind": "prepayment", "amount": 5000, "partner_bank_id": self.bank.id}
                for claim in claims
            ]
        )
        payouts.action_submit()
        assert set(payouts.mapped("state")) == {"approved"}, payouts.mapped("state")
        return payouts

    def plain_bill_vals(self, index):
        return {
            "move_type": "in_invoice",
            "journal_id": self.purchase.id,
            "partner_id": self.holder.id,
            "partner_bank_id": self.bank.id,
            "ref": f"PLAIN-{index}",
            "invoice_date": D(2026, 6, 20),
            "date": D(2026, 6, 20),
            "company_id": self.company.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": f"PLAIN-{index} - payment",
                        "account_id": self.accounting["claim_paid_account_id"].id,
                        "quantity": 1,
                        "price_unit": 5000,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }

    def plain_entry_vals(self, index, amount=5000):
        label = f"PLAIN-{index} reserve"
        lines = [
            (self.accounting["claim_reserve_change_account_id"], amount, 0.0),
            (self.accounting["claim_reserve_account_id"], 0.0, amount),
        ]
        return {
            "move_type": "entry",
            "journal_id": self.misc.id,
            "date": D(2026, 6, 20),
            "ref": f"PLAIN-{index}",
            "company_id": self.company.id,
            "line_ids": [
                Command.create(
                    {
                        "name": label,
                        "account_id": account.id,
                        "debit": debit,
                        "credit": credit,
                        "partner_id": self.holder.id,
                    }
                )
                for account, debit, credit in lines
            ],
        }


def compare_payouts(env, args, company):
    title = (
        f"3. Payout bill + reserve release vs plain vendor bill + plain entry "
        f"({args.single} single, {args.batch} batch)"
    )
    with Section(env, title):
        world = ClaimsWorld(env, company)
        with Meter(env) as meter:
            claims = world.claims(args.single + args.batch + 1)
            payouts = world.approved_payouts(claims)
        out(f"   set-up: {len(payouts)} registered claims with an approved prepayment in {meter.seconds:.1f} s")
        accountant = world.accountant
        ctx = {"allowed_company_ids": company.ids}
        payouts = payouts.with_user(accountant).with_context(**ctx)
        Move = env["account.move"].with_user(accountant).with_context(**ctx)

        def ours(batch):
            batch.action_create_bill()
            batch.move_id.action_post()

        def reference(indexes):
            bills = Move.create([world.plain_bill_vals(index) for index in indexes])
            entries = Move.create([world.plain_entry_vals(index) for index in indexes])
            (bills | entries).action_post()

        # warm-up (not measured)
        ours(payouts[-1])
        reference([-1])
        payouts = payouts[:-1]
        figures = {}
        with Meter(env) as meter:
            for payout in payouts[: args.single]:
                ours(payout)
        figures["ours", "single"] = per_record(meter, args.single)
        with Meter(env) as meter:
            for index in range(args.single):
                reference([index])
        figures["ref", "single"] = per_record(meter, args.single)
        with Meter(env) as meter:
            ours(payouts[args.single :])
        figures["ours", "batch"] = per_record(meter, args.batch)
        with Meter(env) as meter:
            reference(range(args.single, args.single + args.batch))
        figures["ref", "batch"] = per_record(meter, args.batch)
        released = env["insurance.claim.reserve"].search_count(
            [("payout_id", "in", payouts.ids), ("kind", "=", "payment"), ("state", "=", "posted")]
        )
        out(f"   {released} reserve releases posted with the {len(payouts)} bills")
        report_money(figures, "3. payout bill + release", args)


def report_money(figures, name, args):
    for mode, label in (("single", "one at a time"), ("batch", f"batch of {args.batch}")):
        ours, reference = figures["ours", mode], figures["ref", mode]
        out(f"   {label}: ours {cell(ours)}; plain {cell(reference)}")
        ratio = ours["ms"] / reference["ms"]
        record(f"{name} vs plain, {label}", cell(ours), cell(reference), ratio, "<= 1.2x", ratio <= 1.2)
    ratio = figures["ours", "single"]["ms"] / figures["ours", "batch"]["ms"]
    record(
        f"{name}: batch speed-up per record",
        cell(figures["ours", "batch"]),
        cell(figures["ours", "single"]) + " (single)",
        ratio,
        ">= 3x",
        ratio >= 3,
    )


def compare_reserves(env, args, company):
    with Section(env, f"4. Reserve movement vs plain journal entry ({args.single} single, {args.batch} batch)"):
        world = ClaimsWorld(env, company)
        with Meter(env) as meter:
            claims = world.claims(args.single + args.batch + 1)
        out(f"   set-up: {len(claims)} registered claims in {meter.seconds:.1f} s")
        ctx = {"allowed_company_ids": company.ids}
        Reserve = env["insurance.claim.reserve"].with_user(world.claims_accountant).with_context(**ctx)
        Move = env["account.move"].with_user(world.claims_accountant).with_context(**ctx)
        cover = world.policy.coverage_ids

        def reserve_vals(claim):
            return {"claim_id": claim.id, "coverage_id": cover.id, "amount": 100, "reason": "Bench change"}

        def reference(indexes):
            Move.create([world.plain_entry_vals(index, 100) for index in indexes]).action_post()

        Reserve.create([reserve_vals(claims[-1])])
        reference([-1])
        claims = claims[:-1]
        figures = {}
        with Meter(env) as meter:
            for claim in claims[: args.single]:
                Reserve.create([reserve_vals(claim)])
        figures["ours", "single"] = per_record(meter, args.single)
        with Meter(env) as meter:
            for index in range(args.single):
                reference([index])
        figures["ref", "single"] = per_record(meter, args.single)
        with Meter(env) as meter:
            movements = Reserve.create([reserve_vals(claim) for claim in claims[args.single :]])
        figures["ours", "batch"] = per_record(meter, args.batch)
        with Meter(env) as meter:
            reference(range(args.single, args.single + args.batch))
        figures["ref", "batch"] = per_record(meter, args.batch)
        posted = len(movements.filtered(lambda movement: movement.move_id.state == "posted"))
        out(f"   {posted} of the {len(movements)} batched movements have their entry posted")
        report_money(figures, "4. reserve movement", args)


def inserted_tables(env):
    env.cr.execute("SELECT relname, n_tup_ins FROM pg_stat_xact_user_tables WHERE n_tup_ins > 0")
    return dict(env.cr.fetchall())


def parents_first(env, tables):
    env.cr.execute(
        """SELECT DISTINCT child.relname, parent.relname FROM pg_constraint c
             JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid
            WHERE c.contype = 'f' AND child.relname = ANY(%s) AND parent.relname = ANY(%s)
              AND child.relname <> parent.relname""",
        [list(tables), list(tables)],
    )
    parents = {}
    for child, parent in env.cr.fetchall():
        parents.setdefault(child, set()).add(parent)
    ordered, todo = [], sorted(tables)
    while todo:
        ready = [table for table in todo if not parents.get(table, set()) - set(ordered)] or todo[:1]
        ordered += ready
        todo = [table for table in todo if table not in ready]
    return ordered


def compare_claim_floor(env, args, company):
    with Section(env, f"5. Claim creation vs a raw SQL insert of the same rows (batch of {args.batch})"):
        world = ClaimsWorld(env, company)
        Claim = env["insurance.claim"].with_user(world.handler).with_context(allowed_company_ids=company.ids)
        Claim.create([world.claim_vals(-1)])  # warm-up
        env.flush_all()
        env.cr.execute("SAVEPOINT bench_compare_floor")
        before = inserted_tables(env)
        with Meter(env) as meter:
            claims = Claim.create([world.claim_vals(index) for index in range(args.batch)])
        ours = per_record(meter, args.batch)
        after = inserted_tables(env)
        grown = {table: count - before.get(table, 0) for table, count in after.items() if count > before.get(table, 0)}
        # the rows the ORM wrote, read back: the newest ids of each table, then the relation tables (no id)
        # by their references to those rows
        rows, missing, relations = {}, [], []
        for table, count in sorted(grown.items()):
            env.cr.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = 'id'", [table]
            )
            if not env.cr.fetchone():
                relations.append((table, count))
                continue
            env.cr.execute(f"SELECT * FROM {table} ORDER BY id DESC LIMIT %s", [count])  # noqa: S608 (catalogue names)
            columns = [description.name for description in env.cr.description]
            rows[table] = (columns, env.cr.fetchall())
        for table, count in relations:
            env.cr.execute(
                """SELECT a.attname, parent.relname FROM pg_constraint c
                     JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                    WHERE c.contype = 'f' AND child.relname = %s AND parent.relname = ANY(%s)""",
                [table, list(rows)],
            )
            reference = env.cr.fetchone()
            if not reference:
                missing.append(f"{table} ({count})")
                continue
            column, parent = reference
            parent_columns, parent_rows = rows[parent]
            ids = [row[parent_columns.index("id")] for row in parent_rows]
            env.cr.execute(f'SELECT * FROM {table} WHERE "{column}" = ANY(%s)', [ids])  # noqa: S608 (catalogue)
            rows[table] = ([description.name for description in env.cr.description], env.cr.fetchall())
        written = sum(len(values) for _columns, values in rows.values())
        out(f"   ORM: {len(claims)} claims, {written:,} rows in {len(rows)} tables: {cell(ours)}")
        out("   " + ", ".join(f"{table} {len(values)}" for table, (_columns, values) in rows.items()))
        if missing:
            out(f"   not copied by the floor (relation tables without a reference to them): {', '.join(missing)}")
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_compare_floor")
        env.invalidate_all()
        # the same rows again, the same ids, with multi-row INSERTs, a table after those it refers to
        with Meter(env) as meter:
            for table in parents_first(env, rows):
                columns, values = rows[table]
                names = ", ".join(f'"{column}"' for column in columns)
                # one statement per table: a row may refer to a row of its own table (a reply to a message)
                execute_values(env.cr._obj, f'INSERT INTO "{table}" ({names}) VALUES %s', values, page_size=len(values))
                env.cr.sql_log_count += 1
        floor = per_record(meter, args.batch)
        out(f"   raw SQL of the same {written:,} rows: {cell(floor)}")
        ratio = ours["ms"] / floor["ms"]
        record(
            f"5. claim creation vs raw SQL of its {written // args.batch} rows per claim",
            cell(ours),
            cell(floor),
            ratio,
            "printed (the floor)",
            True,
        )


def bench(env, args):
    company = env.ref("base.main_company")
    env = env(context=dict(env.context, allowed_company_ids=company.ids))
    company = company.with_env(env)
    if not company.chart_template:
        sys.exit(f"{company.name} has no chart of accounts: run this script with --prepare first")
    out(f"Side by side in {env.cr.dbname} ({company.name}); absolute times depend on the load of the machine")
    compare_intake(env, args, company)
    compare_sweep(env, args, company)
    compare_payouts(env, args, company)
    compare_reserves(env, args, company)
    compare_claim_floor(env, args, company)
    print_table()


def main():
    args = parse_args()
    if args.check_only:
        return
    if args.prepare:
        config.parse_config(["-c", args.config, "-d", args.db, "--log-level=warn"], setup_logging=True)
        ensure_chart(args.db)
        return
    run_rolled_back(args.db, args.config, bench, args)


if __name__ == "__main__":
    sys.exit(main())
