"""Benchmark of the claims money: reserve entries, payout bills, the reserve roll-forward.

    .venv/bin/python scripts/bench_claims_money.py --db DB --config var/odoo.conf

Everything happens inside ONE transaction that is rolled back at the end (the
database needs claims_management installed and a company with a chart of
accounts). It prints the time and SQL query count to post the initial reserve
entries of 5,000 claims, to bill and post their 5,000 payouts (each posting
releases the reserve with its own entry), to post further reserve changes up
to 50,000 movements, and to compute the roll-forward over them.
"""

import argparse
import datetime

from benchlib import Meter, out, run_rolled_back

D = datetime.date
DT = datetime.datetime


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--claims", type=int, default=5000)
    parser.add_argument("--movements", type=int, default=50000)
    parser.add_argument("--batch", type=int, default=1000)
    return parser.parse_args()


def chunks(records, size):
    for start in range(0, len(records), size):
        yield records[start : start + size]


def bench(env, args):
    admin = env.ref("base.user_admin")
    company = env["res.company"].search([("chart_template", "!=", False)], limit=1)
    env = env(user=admin, context=dict(env.context, allowed_company_ids=[company.id]))
    company = company.with_env(env)
    company._claims_create_default_accounting()
    holder = env["res.partner"].create({"name": "Bench Highway Centre"})
    bank = env["res.partner.bank"].create({"acc_number": "BENCH-0001", "partner_id": holder.id})
    bank.allow_out_payment = True
    policy = env["insurance.policy"].create(
        {
            "name": "BENCH-MONEY-1",
            "company_id": company.id,
            "policyholder_id": holder.id,
            "date_start": D(2026, 1, 1),
            "date_end": D(2026, 12, 31),
            "state": "active",
            "sum_insured": 10**10,
            "coverage_ids": [(0, 0, {"name": "Property", "limit_amount": 10**9})],
        }
    )
    claim_type = env["insurance.claim.type"].create(
        {"name": "Bench property", "code": "BMP", "company_id": company.id, "authority_limit": 10**6}
    )
    handler = env["res.users"].create(
        {
            "name": "Bench Handler",
            "login": "bench_money_handler",
            "company_id": company.id,
            "company_ids": [(6, 0, company.ids)],
            "groups_id": [(6, 0, env.ref("claims_management.group_claims_user").ids)],
        }
    )
    out(f"Claims money benchmark: {args.claims} claims, {args.movements} reserve movements ({company.name})")
    vals = [
        {
            "company_id": company.id,
            "claim_type_id": claim_type.id,
            "policy_id": policy.id,
            "coverage_id": policy.coverage_ids.id,
            "claimant_id": holder.id,
            "reported_at": DT(2026, 6, 18, 2, 0),
            "loss_at": DT(2026, 6, 18, 1, 0),
            "estimated_loss": 10000 + index % 997,
        }
        for index in range(args.claims)
    ]
    Claim = env["insurance.claim"].with_user(handler)
    with Meter(env) as meter:
        claims = Claim.browse()
        for batch in chunks(vals, args.batch):
            claims |= Claim.create(batch)
    out(
        f"  create {len(claims)} claims with initial reserves (to post): {meter.seconds:.1f} s, {meter.queries} queries"
    )
    reserves = env["insurance.claim.reserve"].search([("claim_id", "in", claims.ids)])
    with Meter(env) as meter:
        for batch in chunks(reserves, args.batch):
            batch._post_entries()
    out(f"  post {len(reserves)} reserve entries: {meter.seconds:.1f} s, {meter.queries} queries")
    Payout = env["insurance.claim.payout"]
    payouts = Payout.create(
        [
            {
                "claim_id": claim.id,
                "kind": "prepayment",
                "amount": 5000,
                "partner_bank_id": bank.id,
                "state": "approved",
            }
            for claim in claims
        ]
    )
    with Meter(env) as meter:
        for batch in chunks(payouts, args.batch):
            batch.action_create_bill()
            batch.move_id.action_post()
    out(
        f"  bill and post {len(payouts)} payouts (+ {len(payouts)} reserve releases): "
        f"{meter.seconds:.1f} s, {meter.queries} queries"
    )
    extra = max(0, args.movements - env["insurance.claim.reserve"].search_count([("claim_id", "in", claims.ids)]))
    claim_ids = claims.ids
    change_vals = [
        {
            "claim_id": claim_ids[index % len(claim_ids)],
            "coverage_id": policy.coverage_ids.id,
            "amount": 1 + index % 50,
            "reason": "Bench change",
            "date": D(2026, 7, 1) + datetime.timedelta(days=index % 90),
        }
        for index in range(extra)
    ]
    with Meter(env) as meter:
        for batch in chunks(change_vals, args.batch):
            env["insurance.claim.reserve"].create(batch)
    out(f"  record and post {extra} more reserve changes: {meter.seconds:.1f} s, {meter.queries} queries")
    wizard = env["insurance.claim.reserve.rollforward"].create(
        {"company_id": company.id, "date_from": D(2026, 7, 1), "date_to": D(2026, 12, 31)}
    )
    total = env["insurance.claim.reserve"].search_count([("company_id", "=", company.id)])
    with Meter(env) as meter:
        wizard.action_compute()
    out(
        f"  roll-forward over {total} movements: {meter.seconds:.2f} s, {meter.queries} queries "
        f"(closing {wizard.closing:,.2f}, GL {wizard.gl_closing:,.2f}, difference {wizard.difference:,.2f})"
    )
    with Meter(env) as meter:
        data = wizard._xlsx()
    out(f"  roll-forward Excel per claim ({len(data) // 1024} KiB): {meter.seconds:.2f} s, {meter.queries} queries")


if __name__ == "__main__":
    arguments = parse_args()
    run_rolled_back(arguments.db, arguments.config, bench, arguments)
