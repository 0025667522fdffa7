"""Benchmark of complaints: registering complaints and the annual regulator report.

    .venv/bin/python scripts/bench_complaints.py --db DB --config var/odoo.conf

Everything happens inside ONE transaction that is rolled back at the end (the
database needs complaint_management installed). It prints the time and SQL
query count to register 10,000 complaints through the ORM in batches of 1,000
(with the queries per complaint of each batch: each starts its four clock rows
on the deadline engine), then fills the year up to
200,000 complaints with one SQL insert and times the annual report (ratios,
breakdowns, Excel file) over them, with the Python memory it took (tracemalloc
peak, measured on a second run so that the first one's time is not slowed
down) and the process's peak resident size.
"""

import argparse
import base64
import datetime
import resource
import tracemalloc

from benchlib import Meter, out, run_rolled_back

D = datetime.date
DT = datetime.datetime
CHANNELS = ["phone", "hotline", "visit", "letter", "email", "portal", "web_form", "regulator", "internet"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--complaints", type=int, default=10000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--report-complaints", type=int, default=200000)
    parser.add_argument("--policies", type=int, default=5000)
    return parser.parse_args()


def setup(env, args):
    company = env["res.company"].create({"name": "Bench Complaints Insurer"})
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    holder = env["res.partner"].create(
        {"name": "Bench Policyholder", "company_id": company.id, "phone": "+86 731 8888 0001"}
    )
    lines = ["motor", "property", "liability", "accident_health"]
    policies = env["insurance.policy"].create(
        [
            {
                "name": f"BP-{index:06d}",
                "company_id": company.id,
                "policyholder_id": holder.id,
                "product_line": lines[index % len(lines)],
                "product_name": f"Product {index % 12}",
                "date_start": D(2025, 1, 1) + datetime.timedelta(days=index % 700),
                "date_end": D(2026, 12, 31) + datetime.timedelta(days=index % 300),
                "premium": 1000 + index % 5000,
                "state": "active",
            }
            for index in range(args.policies)
        ]
    )
    # the categories a P&C insurer may use (life-only ones are refused)
    categories = env["insurance.complaint.category"].search([("company_type", "in", ("all", "pnc"))])
    return env, company, holder, policies, categories


def bench(env, args):
    env, company, holder, policies, categories = setup(env, args)
    Complaint = env["insurance.complaint"]
    out(f"1. Register {args.complaints} complaints in batches of {args.batch}")
    total_seconds = total_queries = 0
    for start in range(0, args.complaints, args.batch):
        vals_list = [
            {
                "company_id": company.id,
                "partner_id": holder.id,
                "received_at": DT(2026, 1, 1, 2) + datetime.timedelta(minutes=5 * index),
                "channel": CHANNELS[index % len(CHANNELS)],
                "policy_id": policies[index % len(policies)].id,
                "category_id": categories[index % len(categories)].id if categories else False,
                "demand": "Pay the claim",
                # Art. 13: a person states an ID number (name and contact come from the partner)
                "complainant_id_number": "430181198503120021",
            }
            for index in range(start, min(start + args.batch, args.complaints))
        ]
        with Meter(env) as meter:
            Complaint.create(vals_list)
        total_seconds += meter.seconds
        total_queries += meter.queries
        out(
            f"   batch {start // args.batch + 1:2d}: {meter.seconds:.2f} s, {meter.queries} queries "
            f"({meter.queries / len(vals_list):.2f} per complaint)"
        )
    out(f"   all: {total_seconds:.1f} s, {total_queries} queries ({total_queries / args.complaints:.2f} per complaint)")

    extra = args.report_complaints - args.complaints
    with Meter(env) as meter:
        env.cr.execute(
            """
            INSERT INTO insurance_complaint (name, company_id, state, is_open, received_at, clock_start_at, channel,
                                             origin, complainant_type, partner_id, policy_id, category_id, cause,
                                             nature, is_valid, is_crisis, decision_sent_at, mediation_outcome,
                                             create_uid, create_date, write_uid, write_date)
            SELECT 'BENCH-' || n, %(company)s,
                   CASE WHEN n %% 3 = 0 THEN 'closed' WHEN n %% 17 = 0 THEN 'withdrawn' ELSE 'investigating' END,
                   n %% 3 <> 0 AND n %% 17 <> 0,
                   received, received,
                   (%(channels)s::varchar[])[1 + n %% %(nchannels)s],
                   CASE WHEN n %% 9 = 6 THEN 'regulator' ELSE 'self' END,
                   'person', %(partner)s,
                   (%(policies)s::int[])[1 + n %% %(npolicies)s],
                   cat.id, cat.cause, 'general', TRUE, FALSE,
                   CASE WHEN n %% 3 = 0 THEN received + make_interval(days => 5 + n %% 20) END,
                   'none', 1, NOW(), 1, NOW()
              FROM generate_series(1, %(extra)s) n
             CROSS JOIN LATERAL (SELECT TIMESTAMP '2026-01-01 00:00' + make_interval(mins => (n * 2) %% 525000)
                                        AS received) r
              LEFT JOIN LATERAL (SELECT id, cause FROM insurance_complaint_category
                                  WHERE company_type IN ('all', 'pnc')
                                  ORDER BY id OFFSET n %% %(ncategories)s LIMIT 1) cat ON TRUE
            """,
            {
                "company": company.id,
                "channels": CHANNELS,
                "nchannels": len(CHANNELS),
                "partner": holder.id,
                "policies": policies.ids,
                "npolicies": len(policies),
                "extra": extra,
                "ncategories": max(1, len(categories)),
            },
        )
        # their statutory decision clocks (deadline engine rows): 15 days from the clock start, Shanghai days
        env.cr.execute(
            """
            INSERT INTO insurance_clock (res_model, res_id, complaint_id, company_id, kind, legal_basis, start_at,
                                         length, unit, same_day, civil_code_203, warning_days, due_date, due_at,
                                         warn_at, due_rule, paused_units, extension_level, met_at, missing_year,
                                         state, is_open, create_uid, create_date, write_uid, write_date)
            SELECT 'insurance.complaint', c.id, c.id, c.company_id, 'complaint_decision',
                   'CBIRC Order 2020 No. 3 Art. 14', c.clock_start_at, 15, 'calendar_days', FALSE, FALSE, 3,
                   d.due_date, d.due_at, d.due_at - INTERVAL '4 days', 'count', 0, 0, c.decision_sent_at, 0,
                   CASE WHEN c.decision_sent_at IS NOT NULL
                             THEN CASE WHEN c.decision_sent_at < d.due_at THEN 'met_on_time' ELSE 'met_late' END
                        WHEN c.state = 'withdrawn' THEN 'not_applicable'
                        WHEN d.due_at <= NOW() AT TIME ZONE 'UTC' THEN 'overdue'
                        ELSE 'running' END,
                   c.decision_sent_at IS NULL AND c.state <> 'withdrawn',
                   1, NOW(), 1, NOW()
              FROM insurance_complaint c
             CROSS JOIN LATERAL (SELECT ((c.clock_start_at + INTERVAL '8 hours')::date + 15) AS due_date) dd
             CROSS JOIN LATERAL (SELECT dd.due_date, (dd.due_date + 1)::timestamp - INTERVAL '8 hours' AS due_at) d
             WHERE c.company_id = %(company)s AND c.name LIKE 'BENCH-%%'
            """,
            {"company": company.id},
        )
        env.cr.execute("ANALYZE insurance_complaint")
        env.cr.execute("ANALYZE insurance_clock")
    total = Complaint.search_count([("company_id", "=", company.id)])
    out(f"   (filled up to {total} complaints and their decision clocks with SQL inserts in {meter.seconds:.1f} s)")

    wizard = env["insurance.complaint.report.wizard"].create(
        {"company_id": company.id, "report_type": "annual", "year": 2026}
    )
    out(f"2. Annual report 2026 over {total} complaints and {len(policies)} policies (ratios, breakdowns, Excel)")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with Meter(env) as meter:
        wizard.action_export()
    size = len(base64.b64decode(wizard.file))
    figures = env["insurance.complaint.statistics"]._compute_indicators(company, D(2026, 1, 1), D(2026, 12, 31))
    out(f"   {meter.seconds:.2f} s, {meter.queries} queries, Excel {size // 1024} KiB")
    out(
        f"   {figures['complaints']} complaints, {figures['per_10k_policies']:.1f} per 10,000 policies, "
        f"on-time rate of regulator transfers {figures['on_time_rate']:.1%}"
    )
    env.invalidate_all()
    tracemalloc.start()
    wizard.action_export()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out(f"   Python memory peak {peak / 1024 / 1024:.1f} MiB (tracemalloc, second run)")
    out(
        f"   process peak RSS {rss_after / 1024:.0f} MiB ({(rss_after - rss_before) / 1024:+.0f} MiB during the report)"
    )


def main():
    args = parse_args()
    run_rolled_back(args.db, args.config, bench, args)


if __name__ == "__main__":
    main()
