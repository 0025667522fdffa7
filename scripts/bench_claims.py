"""Benchmark of claims intake: the insured-roster import and batch claim creation.

    .venv/bin/python scripts/bench_claims.py --db DB --config var/odoo.conf

Everything happens inside ONE transaction that is rolled back at the end (the
database needs claims_management installed). It prints the time and SQL
query count to import an insured roster of 50,000 people through the import
wizard (CSV, every ID number checked), and to create 10,000 claims in batches
of 1,000, with the queries per claim of each batch: they must not grow with
the batch.
"""

import argparse
import base64
import datetime

from benchlib import Meter, out, run_rolled_back
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
    return parser.parse_args()


def id_number(index):
    born = D(1940, 1, 1) + datetime.timedelta(days=index % 20000)
    base = f"430181{born:%Y%m%d}{index % 1000:03d}"
    return base + ric.calc_check_digit(base + "0")


def roster_csv(count):
    lines = ["姓名,身份证号,电话,地区"]
    seen = set()
    index = 0
    while len(lines) <= count:
        number = id_number(index)
        index += 1
        if number in seen:
            continue
        seen.add(number)
        lines.append(f"Insured {index},{number},139{index:08d},Region {index % 40}")
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
        {"name": "Nursing", "code": "NRS", "company_id": company.id, "calculation_method": "per_diem"}
    )
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
        people = insured[start : start + args.batch]
        vals_list = [
            {
                "company_id": company.id,
                "claim_type_id": claim_type.id,
                "policy_id": policy.id,
                "coverage_id": policy.coverage_ids.id,
                "insured_id": person.id,
                "claimant_id": holder.id,
                "loss_datetime": DT(2026, 6, 1, 8),
                "report_datetime": DT(2026, 6, 2, 9),
                "estimated_loss": 900,
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
    out(f"   all: {total_seconds:.1f} s, {total_queries} queries ({total_queries / args.claims:.2f} per claim)")


def main():
    args = parse_args()
    run_rolled_back(args.db, args.config, bench, args)


if __name__ == "__main__":
    main()
