"""Benchmark of the complaint clock cron: 100,000 open complaints of which 1,000 are due.

    .venv/bin/python scripts/bench_complaint_clocks.py --db DB --config var/odoo.conf

Everything happens inside ONE transaction that is rolled back at the end (the
database needs complaint_management installed). Two complaints are created
through the ORM, so their clocks are computed by the models: a fresh one
(received an hour ago, contacted, nothing due) and a due one (received 13 days
ago: its statutory decision is due in two days and its resolution target has
passed). The fresh one is copied in SQL to make up the open complaints and the
due one to make up the due complaints, with every stored column copied. The
cron then runs twice at the same hour: the first run sends the alerts, the
second must send nothing.
"""

import argparse
import datetime

from benchlib import Meter, out, run_rolled_back
from freezegun import freeze_time

DT = datetime.datetime
NOW = "2026-06-15 02:00:00"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--complaints", type=int, default=100000)
    parser.add_argument("--due", type=int, default=1000, help="complaints whose clocks fall due")
    return parser.parse_args()


def copy_complaint(env, complaint, count):
    """``count`` copies of ``complaint`` in one INSERT, every stored column copied but the id and the number."""
    env.flush_all()
    env.cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'insurance_complaint' AND column_name NOT IN ('id', 'name')"""
    )
    columns = ", ".join(f'"{row[0]}"' for row in env.cr.fetchall())
    # the column names come from the catalogue, not from user input
    env.cr.execute(
        f"""INSERT INTO insurance_complaint (name, {columns})
            SELECT c.name || '-' || n, {", ".join(f"c.{column}" for column in columns.split(", "))}
              FROM insurance_complaint c, generate_series(1, %s) n
             WHERE c.id = %s""",  # noqa: S608
        (count, complaint.id),
    )
    env.invalidate_all()


def bench(env, args):
    company = env["res.company"].create({"name": "Bench Insurer"})
    env = env(context=dict(env.context, allowed_company_ids=[company.id], tracking_disable=True))
    officer = env["res.users"].create(
        {
            "name": "Bench Officer",
            "login": "bench_complaint_officer",
            "company_id": company.id,
            "company_ids": [(6, 0, company.ids)],
            "groups_id": [(6, 0, env.ref("complaint_management.group_complaint_user").ids)],
        }
    )
    env["res.users"].create(
        {
            "name": "Bench Complaint Manager",
            "login": "bench_complaint_manager",
            "company_id": company.id,
            "company_ids": [(6, 0, company.ids)],
            "groups_id": [(6, 0, env.ref("complaint_management.group_complaint_manager").ids)],
        }
    )
    complainant = env["res.partner"].create({"name": "Bench Complainant", "company_id": company.id})
    Complaint = env["insurance.complaint"]
    common = {"company_id": company.id, "partner_id": complainant.id, "user_id": officer.id, "state": "investigating"}
    with freeze_time(NOW):
        fresh = Complaint.create(
            dict(
                common,
                received_at=DT(2026, 6, 15, 1, 0),
                first_contact_at=DT(2026, 6, 15, 1, 30),
                last_progress_at=DT(2026, 6, 15, 1, 30),
            )
        )
        due = Complaint.create(
            dict(
                common,
                received_at=DT(2026, 6, 2, 1, 0),
                first_contact_at=DT(2026, 6, 2, 3, 0),
                last_progress_at=DT(2026, 6, 14, 3, 0),
            )
        )
    out(
        f"Fresh complaint: decision due {fresh.decision_due_date}, next deadline {fresh.next_due_date} "
        f"({fresh.next_due_clock})"
    )
    out(f"Due complaint: decision due {due.decision_due_date}, resolution target {due.resolve_due_date}")
    with Meter(env) as meter:
        copy_complaint(env, fresh, args.complaints - args.due - 1)
        copy_complaint(env, due, args.due - 1)
    total = Complaint.search_count([("company_id", "=", company.id), ("is_open", "=", True)])
    out(f"Set-up: {total} open complaints copied in SQL in {meter.seconds:.1f} s")
    env.cr.execute("ANALYZE insurance_complaint")

    ids = Complaint.search([("company_id", "=", company.id)]).ids
    out(f"Clock cron over {total} open complaints of which {args.due} are due")
    with Meter(env) as meter, freeze_time(NOW):
        Complaint._cron_complaint_clocks()
    alerts = env["insurance.complaint.clock.alert"].search_count([("company_id", "=", company.id)])
    activities = env["mail.activity"].search_count([("res_model", "=", "insurance.complaint"), ("res_id", "in", ids)])
    out(f"   first run:  {meter.seconds:.2f} s, {meter.queries} queries, {alerts} alerts, {activities} activities")
    with Meter(env) as meter, freeze_time("2026-06-15 03:00:00"):
        Complaint._cron_complaint_clocks()
    again = env["insurance.complaint.clock.alert"].search_count([("company_id", "=", company.id)])
    more = env["mail.activity"].search_count([("res_model", "=", "insurance.complaint"), ("res_id", "in", ids)])
    out(
        f"   second run: {meter.seconds:.2f} s, {meter.queries} queries, {again - alerts} new alerts, "
        f"{more - activities} new activities"
    )


def main():
    args = parse_args()
    run_rolled_back(args.db, args.config, bench, args)


if __name__ == "__main__":
    main()
