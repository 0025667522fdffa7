"""Benchmark of the red flags: checking a new claim against 1,000,000 existing ones.

    .venv/bin/python scripts/bench_claim_flags.py --db DB --config var/odoo.conf

Everything happens inside ONE transaction that is rolled back at the end (the
database needs claims_management installed). The setup writes, by SQL
(``INSERT ... SELECT generate_series``, seconds, not minutes), 1,000,000
claims spread over 1,000 insured objects and three years of losses (one a day each), each with
its claimant's phone number and bank account in the party-key index (2,000,000
key rows). It then creates claims one by one through the ORM, half of them
with a claimant whose phone number is already on an existing claim of another
party, and prints the time and SQL query count of the red-flag check of each
(``_flag_refresh``: keys, the shared-key lookup, the repeated-claims count, the
early-loss and over-limit rules, the flags written), their median and
maximum, and the database time of the two index lookups (EXPLAIN ANALYZE).
Target: under 20 ms a check. The setup drops, inside the rolled-back
transaction, the claim indexes the check does not read, to load faster.
"""

import argparse
import datetime
import logging
import os
import statistics
import time

from benchlib import Meter, out, run_rolled_back

D = datetime.date
DT = datetime.datetime
# the indexes of insurance_claim the red-flag check reads
KEPT_INDEXES = ("insurance_claim_insured_loss_date_index", "insurance_claim_policy_loss_date_index")


SHARED_QUERY = """
    SELECT n.claim_id, m.claim_id FROM insurance_claim_party_key n
     CROSS JOIN LATERAL (SELECT o.claim_id FROM insurance_claim_party_key o
                          WHERE o.key = n.key AND o.kind = n.kind AND o.company_id = n.company_id
                            AND o.partner_id <> n.partner_id AND o.claim_id <> n.claim_id
                          ORDER BY o.claim_id DESC LIMIT 3) m
     WHERE n.claim_id = %s
"""
REPEAT_QUERY = """
    SELECT count(*) FROM insurance_claim c JOIN res_company rc ON rc.id = c.company_id
      JOIN insurance_claim o ON o.insured_id = c.insured_id AND o.id <> c.id AND o.state <> 'withdrawn'
       AND o.loss_date BETWEEN c.loss_date - rc.claim_flag_repeat_days AND c.loss_date + rc.claim_flag_repeat_days
     WHERE c.id = %s
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--claims", type=int, default=1000000, help="existing claims in the index")
    parser.add_argument("--checks", type=int, default=20, help="new claims checked")
    parser.add_argument(
        "--log-queries", action="store_true", help="log the queries (and their times) of the last check"
    )
    return parser.parse_args()


def setup(env, args):
    company = env["res.company"].create({"name": "Bench Flags Insurer"})
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    holder = env["res.partner"].create({"name": "Bench Highway Bureau", "company_id": company.id})
    policy = env["insurance.policy"].create(
        {
            "name": "BENCH-FLAGS-1",
            "company_id": company.id,
            "policyholder_id": holder.id,
            "date_start": D(2024, 1, 1),
            "date_end": D(2026, 12, 31),
            "sum_insured": 10**9,
            "state": "active",
            "coverage_ids": [(0, 0, {"name": "Property", "limit_amount": 10**8})],
        }
    )
    claim_type = env["insurance.claim.type"].create({"name": "Bench", "code": "BFL", "company_id": company.id})
    insured = env["insurance.policy.insured"].create(
        [{"policy_id": policy.id, "kind": "object", "name": f"Bridge {i}"} for i in range(1000)]
    )
    partners = env["res.partner"].create(
        [{"name": f"Bench claimant {i}", "company_id": company.id} for i in range(1000)]
    )
    env.flush_all()
    cr = env.cr
    started = time.perf_counter()
    # bulk-load shortcuts, undone by the rollback: the indexes the check does not read are dropped, and
    # the foreign-key triggers are off while loading (superuser only; skipped otherwise)
    cr.execute(
        """
        SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
         WHERE x.indrelid = 'insurance_claim'::regclass AND NOT x.indisprimary
           AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
           AND i.relname NOT IN %s
        """,
        [KEPT_INDEXES],
    )
    for (index,) in cr.fetchall():
        cr.execute(f'DROP INDEX "{index}"')
    try:
        with cr.savepoint():
            cr.execute("SET LOCAL session_replication_role = replica")
    except Exception:  # noqa: BLE001 -- not a superuser: load with the triggers on, only slower
        out("(not a superuser: foreign keys checked while loading)")
    cr.execute(
        """
        INSERT INTO insurance_claim (name, company_id, state, is_open, claim_type_id, policy_id, coverage_id,
                                     insured_id, channel, reported_at, loss_at, loss_date, claimant_id,
                                     priority, create_uid, write_uid, create_date, write_date)
        SELECT 'BFL' || g, %(company)s, 'closed', false, %(type)s, %(policy)s, %(coverage)s,
               (%(insured)s::int[])[1 + g %% 1000], 'import',
               %(start)s::timestamp + (g / 1000 %% 1000) * interval '1 day' + interval '2 hours',
               %(start)s::timestamp + (g / 1000 %% 1000) * interval '1 day',
               (%(start)s::timestamp + (g / 1000 %% 1000) * interval '1 day')::date,
               (%(partners)s::int[])[1 + g %% 1000], '0', 1, 1, now(), now()
          FROM generate_series(1, %(count)s) g
        RETURNING id
        """,
        {
            "company": company.id,
            "type": claim_type.id,
            "policy": policy.id,
            "coverage": policy.coverage_ids.id,
            "insured": insured.ids,
            "partners": partners.ids,
            "start": DT(2024, 1, 1, 1),
            "count": args.claims,
        },
    )
    first_id = min(row[0] for row in cr.fetchall())
    # each existing claim: its claimant's phone and bank account, distinct per claim
    cr.execute(
        """
        INSERT INTO insurance_claim_party_key (claim_id, company_id, partner_id, role, kind, key)
        SELECT c.id, c.company_id, c.claimant_id, 'claimant', k.kind,
               CASE k.kind WHEN 'phone' THEN (13000000000 + c.id - %(first)s)::text
                           ELSE (6222020000000000 + c.id - %(first)s)::text END
          FROM insurance_claim c
         CROSS JOIN (VALUES ('phone'), ('bank')) k(kind)
         WHERE c.company_id = %(company)s
        """,
        {"company": company.id, "first": first_id},
    )
    cr.execute("SET LOCAL session_replication_role = DEFAULT")
    cr.execute("ANALYZE insurance_claim")
    cr.execute("ANALYZE insurance_claim_party_key")
    cr.execute("SELECT count(*) FROM insurance_claim_party_key WHERE company_id = %s", [company.id])
    keys = cr.fetchone()[0]
    out(f"Setup: {args.claims:,} claims and {keys:,} party keys by SQL in {time.perf_counter() - started:.1f} s")
    return env, company, policy, claim_type, insured


def bench(env, args):
    env, company, policy, claim_type, insured = setup(env, args)
    Partner = env["res.partner"]
    Claim = env["insurance.claim"]
    times, queries, flagged = [], [], 0
    for index in range(args.checks):
        # every other claimant has the phone number of an existing claim's claimant
        phone = str(13000000000 + index * 37111) if index % 2 == 0 else f"1590000{index:04d}"
        partner = Partner.create({"name": f"New claimant {index}", "company_id": company.id, "phone": phone})
        claim = Claim.create(
            {
                "company_id": company.id,
                "claim_type_id": claim_type.id,
                "policy_id": policy.id,
                "coverage_id": policy.coverage_ids.id,
                "insured_id": insured[index].id,
                "claimant_id": policy.policyholder_id.id,
                "reported_at": DT(2026, 6, 18, 2),
                "loss_at": DT(2026, 6, 18, 1),
                "claimed_amount": 1000,
            }
        )
        # the new claimant is put on the claim behind the ORM's back, so that the check measured
        # below is the first one of this claimant (keys written, lookups, flags created)
        env.flush_all()
        env.cr.execute("UPDATE insurance_claim SET claimant_id = %s WHERE id = %s", [partner.id, claim.id])
        env.invalidate_all()
        if args.log_queries and index == args.checks - 1:
            logging.getLogger("odoo.sql_db").setLevel(logging.DEBUG)
        with Meter(env) as meter:
            claim._flag_refresh()
        logging.getLogger("odoo.sql_db").setLevel(logging.WARNING)
        times.append(meter.seconds * 1000)
        queries.append(meter.queries)
        flagged += bool(claim.flag_ids.filtered(lambda flag: flag.kind == "shared_phone"))
        kinds = ", ".join(sorted(claim.flag_ids.mapped("kind"))) or "-"
        out(f"   check {index + 1:2}: {meter.seconds * 1000:6.1f} ms, {meter.queries} queries, flags: {kinds}")
    # the two index lookups alone, as the database server runs them (no Python, no network)
    for label, query in (
        ("shared-key lookup", SHARED_QUERY),
        ("repeated-claims count", REPEAT_QUERY),
    ):
        env.cr.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {query}", [claim.id])
        plan = env.cr.fetchone()[0][0]
        out(f"   {label} in the database: {plan['Execution Time']:.2f} ms")
    out(
        f"Red-flag check of a new claim against {args.claims:,} claims: median {statistics.median(times):.1f} ms, "
        f"max {max(times):.1f} ms, {statistics.median(queries):.0f} queries "
        f"({flagged} of {args.checks} with a shared phone found); load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} CPUs"
    )


def main():
    args = parse_args()
    run_rolled_back(args.db, args.config, bench, args)


if __name__ == "__main__":
    main()
