"""Benchmark of claims intake: the insured-roster import and batch claim creation.

    .venv/bin/python scripts/bench_claims.py --db DB --config var/odoo.conf

Everything happens inside ONE transaction that is rolled back at the end (the
database needs claims_management installed). It prints the time and SQL
query count to import an insured roster of 50,000 people through the import
wizard (CSV, every ID number checked), to create 10,000 claims (with their
document checklists and clocks) in batches of 1,000, with the queries per
claim of each batch (they must not grow with the batch), and to run the
statutory-clock cron over those claims when 1,000 of them are due
(``--claims 100000`` for the issue's full size; it takes several minutes).

``--generated N`` benchmarks on the demo generator's data instead (data/demo_generator, ``--size N``:
about 200 x N claims through their real transitions, 80 x N complaints, the rosters of three months):
it prints the generation time and rows, then the deadline sweep and the claims lists of a handler
and a director over that data, still rolled back.
"""

import argparse
import base64
import datetime
import os
import sys

from benchlib import Meter, out, run_rolled_back
from freezegun import freeze_time
from stdnum.cn import ric

D = datetime.date
DT = datetime.datetime


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--insured", type=int, default=50000)
    parser.add_argument("--claims", type=int, default=10000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--due", type=int, default=1000, help="claims whose decision clock falls due")
    parser.add_argument("--generated", type=int, help="bench on the demo generator's data at this size")
    return parser.parse_args()


def id_number(index):
    """A distinct valid resident ID number for each index below 20 million."""
    born = D(1940, 1, 1) + datetime.timedelta(days=index % 20000)
    base = f"430181{born:%Y%m%d}{index // 20000 % 1000:03d}"
    return base + ric.calc_check_digit(base + "0")


def roster_csv(count):
    lines = ["姓名,身份证号,电话,地区"]
    lines += [f"Insured {index},{id_number(index)},139{index:08d},Region {index % 40}" for index in range(count)]
    return "\n".join(lines).encode("utf-8")


def bench(env, args):
    company = env["res.company"].create({"name": "Bench Insurer"})
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    holder = env["res.partner"].create({"name": "Bench Civil Affairs Bureau", "company_id": company.id})
    policy = env["insurance.policy"].create(
        {
            "name": "BENCH-1",
            "company_id": company.id,
            "policyholder_id": holder.id,
            "date_start": D(2026, 1, 1),
            "date_end": D(2026, 12, 31),
            "state": "active",
            "sum_insured": 10**9,
            "coverage_ids": [(0, 0, {"name": "Nursing subsidy", "per_diem_amount": 100, "waiting_days": 3})],
        }
    )
    claim_type = env["insurance.claim.type"].create(
        {
            "name": "Nursing",
            "code": "NRS",
            "company_id": company.id,
            "calculation_method": "per_diem",
            "complexity": "simple",
            "document_template_ids": [
                (0, 0, {"name": name, "required": True})
                for name in ("ID card", "Discharge summary", "Itemised hospital bill", "Medical records")
            ],
        }
    )
    handler_user = env["res.users"].create(
        {
            "name": "Bench Handler",
            "login": "bench_handler",
            "company_id": company.id,
            "company_ids": [(6, 0, company.ids)],
            "groups_id": [(6, 0, env.ref("claims_management.group_claims_user").ids)],
        }
    )
    handler = env["hr.employee"].create({"name": "Bench Handler", "user_id": handler_user.id, "company_id": company.id})
    content = roster_csv(args.insured)
    wizard = env["insurance.policy.insured.import"].create(
        {"policy_id": policy.id, "file": base64.b64encode(content), "filename": "roster.csv"}
    )
    with Meter(env) as meter:
        wizard.action_import()
    out(f"1. Import an insured roster of {args.insured} rows (CSV, {len(content) // 1024} KiB)")
    out(f"   {meter.seconds:.2f} s, {meter.queries} queries ({meter.queries / args.insured:.3f} per row)")

    insured = env["insurance.policy.insured"].search([("policy_id", "=", policy.id)], limit=args.claims)
    out(f"2. Create {args.claims} claims in batches of {args.batch}")
    total_seconds = total_queries = 0
    for start in range(0, args.claims, args.batch):
        # more claims than insured people: the roster is used again from the start
        people = [insured[index % len(insured)] for index in range(start, min(start + args.batch, args.claims))]
        vals_list = [
            {
                "company_id": company.id,
                "claim_type_id": claim_type.id,
                "policy_id": policy.id,
                "coverage_id": policy.coverage_ids.id,
                "insured_id": person.id,
                "claimant_id": holder.id,
                "loss_at": DT(2026, 6, 1, 8),
                "reported_at": DT(2026, 6, 2, 9),
                "estimated_loss": 900,
                "handler_id": handler.id,
            }
            for person in people
        ]
        with Meter(env) as meter:
            env["insurance.claim"].create(vals_list)
        total_seconds += meter.seconds
        total_queries += meter.queries
        out(
            f"   batch {start // args.batch + 1:2d}: {meter.seconds:.2f} s, {meter.queries} queries "
            f"({meter.queries / len(vals_list):.2f} per claim)"
        )
        env.invalidate_all()  # a long import would not keep every claim in memory either
    out(f"   all: {total_seconds:.1f} s, {total_queries} queries ({total_queries / args.claims:.2f} per claim)")
    claims = env["insurance.claim"].search([("company_id", "=", company.id)])
    documents = env["insurance.claim.document"].search_count([("claim_id", "in", claims.ids)])
    out(f"   {documents} checklist documents ({documents / len(claims):.0f} per claim)")

    # make the decision clock of some claims fall due: materials complete long ago (clock rows in one batch)
    due = claims[:: max(1, len(claims) // args.due)][: args.due]
    with Meter(env) as meter, freeze_time("2026-06-03 09:00:00"):
        due._mark_materials_complete()
    clocks = env["insurance.clock"].search_count([("res_model", "=", "insurance.claim"), ("res_id", "in", due.ids)])
    out(
        f"   materials complete on {len(due)} claims: {meter.seconds:.2f} s, {meter.queries} queries "
        f"({meter.queries / len(due):.2f} per claim, {clocks} clock rows)"
    )
    Clock = env["insurance.clock"]
    claim_ids = claims.ids
    env.flush_all()
    env.invalidate_all()  # the cron starts with an empty cache
    out(f"3. Statutory-clock cron over {len(claim_ids)} open claims of which {len(due)} are due")
    with Meter(env) as meter, freeze_time("2026-06-09 02:00:00"):
        Clock._cron_sweep()
    activity_domain = [("res_model", "=", "insurance.claim"), ("res_id", "in", claim_ids)]
    activities = env["mail.activity"].search_count(activity_domain)
    out(
        f"   first run:  {meter.seconds:.2f} s, {meter.queries} queries, {activities} activities, "
        f"peak memory +{meter.peak_mib:.0f} MiB"
    )
    env.invalidate_all()
    with Meter(env) as meter, freeze_time("2026-06-09 03:00:00"):
        Clock._cron_sweep()
    again = env["mail.activity"].search_count(activity_domain)
    out(
        f"   second run: {meter.seconds:.2f} s, {meter.queries} queries, {again - activities} new activities, "
        f"peak memory +{meter.peak_mib:.0f} MiB"
    )


def bench_generated(env, args):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data"))
    from demo_generator import Generator, parse_size  # pylint: disable=import-outside-toplevel

    generator = Generator(env, 20261204, parse_size(args.generated))
    with Meter(env) as meter:
        counts = generator.run()
    out(f"1. Demo generator at size {args.generated}: {meter.seconds:.1f} s, {meter.queries} queries")
    for model, number in sorted(counts.items()):
        out(f"   {model:32s} {number:7d}")
    env = generator.env
    claims = env["insurance.claim"].search([("company_id", "=", generator.company.id)])
    out(f"2. Deadline sweep over {len(claims)} claims and their clocks (today)")
    env.invalidate_all()
    with Meter(env) as meter:
        env["insurance.clock"]._cron_sweep()
    out(f"   {meter.seconds:.2f} s, {meter.queries} queries, peak memory +{meter.peak_mib:.0f} MiB")
    out("3. Claims lists (first page of 80, with the count)")
    for label, user in (("handler", generator.users["handler_1"]), ("director", generator.users["director_1"])):
        Claim = env["insurance.claim"].with_user(user)
        for name, domain in (("open", [("is_open", "=", True)]), ("all", [])):
            env.invalidate_all()
            with Meter(env) as meter:
                Claim.search_count(domain)
                Claim.search_read(domain, ["name", "state", "claimant_id", "reported_at"], limit=80)
            out(f"   {label:8s} {name:4s}: {meter.seconds * 1000:.0f} ms, {meter.queries} queries")


def main():
    args = parse_args()
    run_rolled_back(args.db, args.config, bench_generated if args.generated else bench, args)


if __name__ == "__main__":
    main()
