"""Benchmark of the deadline sweep over complaint clocks: 100,000 open complaints of which 1,000 are due.

    .venv/bin/python scripts/bench_complaint_clocks.py --db DB --config var/odoo.conf

Everything happens inside ONE transaction that is rolled back at the end (the
database needs complaint_management installed). Two complaints are created
through the ORM, so their clock rows (``insurance.clock``, the deadline engine)
are computed by the models: a fresh one (received an hour ago, contacted,
nothing due) and a due one (received 13 days ago: its statutory decision is due
in two days and its resolution target has passed). The fresh one is copied in
SQL to make up the open complaints and the due one to make up the due
complaints, with every stored column of the complaint and of its open clock
rows copied. The engine's one sweep (``insurance.clock._cron_sweep``) then runs
twice at the same hour: the first run sends the alerts, the second must send
nothing.
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


def _columns(env, table, excluded):
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND NOT column_name = ANY(%s)",
        (table, list(excluded)),
    )
    return [row[0] for row in env.cr.fetchall()]


def copy_complaint(env, complaint, count):
    """``count`` copies of ``complaint`` and of its open clock rows, every stored column copied but the ids."""
    env.flush_all()
    columns = _columns(env, "insurance_complaint", ("id", "name", "next_due_clock_id"))
    clock_columns = _columns(env, "insurance_clock", ("id", "res_id", "complaint_id"))
    quoted = ", ".join(f'"{column}"' for column in columns)
    clock_quoted = ", ".join(f'"{column}"' for column in clock_columns)
    # the column names come from the catalogue, not from user input
    env.cr.execute(
        f"""WITH copies AS (
                INSERT INTO insurance_complaint (name, {quoted})
                SELECT c.name || '-' || n, {", ".join(f'c."{column}"' for column in columns)}
                  FROM insurance_complaint c, generate_series(1, %(count)s) n
                 WHERE c.id = %(complaint)s
             RETURNING id
            ), clocks AS (
                INSERT INTO insurance_clock (res_id, complaint_id, {clock_quoted})
                SELECT copies.id, copies.id, {", ".join(f'k."{column}"' for column in clock_columns)}
                  FROM copies, insurance_clock k
                 WHERE k.res_model = 'insurance.complaint' AND k.res_id = %(complaint)s AND k.is_open
             RETURNING id
            )
            SELECT count(*) FROM clocks""",  # noqa: S608
        {"count": count, "complaint": complaint.id},
    )
    # the copies point at their own next clock, as the engine keeps it
    env.cr.execute(
        """UPDATE insurance_complaint c
              SET next_due_clock_id = first.id
             FROM (SELECT DISTINCT ON (k.res_id) k.res_id, k.id
                     FROM insurance_clock k
                     JOIN insurance_complaint copy ON copy.id = k.res_id AND copy.name LIKE %(prefix)s
                    WHERE k.res_model = 'insurance.complaint' AND k.is_open AND k.due_date IS NOT NULL
                    ORDER BY k.res_id, k.due_date, k.id) first
            WHERE c.id = first.res_id""",
        {"prefix": f"{complaint.name}-%"},
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
    complainant = env["res.partner"].create(
        {"name": "Bench Complainant", "company_id": company.id, "phone": "+86 731 8888 0000"}
    )
    Complaint = env["insurance.complaint"]
    common = {
        "company_id": company.id,
        "partner_id": complainant.id,
        "user_id": officer.id,
        "state": "investigating",
        # Art. 13: a person states an ID number (name and contact come from the partner)
        "complainant_id_number": "430181198503120021",
    }
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
    clocks = env["insurance.clock"].search_count([("company_id", "=", company.id), ("is_open", "=", True)])
    out(f"   and {clocks} open clock rows")
    env.cr.execute("ANALYZE insurance_complaint")
    env.cr.execute("ANALYZE insurance_clock")

    # the sweep runs over the whole database: pauses other data started after the frozen moment are set aside
    later = env["insurance.clock.pause"].search([("end_at", "=", False), ("start_at", ">", NOW)])
    later.clock_id.write({"state": "not_applicable"})
    later.unlink()

    ids = Complaint.search([("company_id", "=", company.id)]).ids
    Alert = env["insurance.clock.alert"]
    before = Alert.search_count([])
    out(f"Deadline sweep over {total} open complaints of which {args.due} are due")
    with Meter(env) as meter, freeze_time(NOW):
        env["insurance.clock"]._cron_sweep()
    alerts = Alert.search_count([]) - before
    activities = env["mail.activity"].search_count([("res_model", "=", "insurance.complaint"), ("res_id", "in", ids)])
    out(f"   first run:  {meter.seconds:.2f} s, {meter.queries} queries, {alerts} alerts, {activities} activities")
    with Meter(env) as meter, freeze_time("2026-06-15 02:30:00"):
        env["insurance.clock"]._cron_sweep()
    again = Alert.search_count([]) - before
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
