"""Benchmark of duty roster generation and of the on-duty lookup.

    .venv/bin/python scripts/bench_duty_roster.py --db DB --config var/odoo.conf

Everything happens inside ONE transaction that is rolled back at the end:
the database is left exactly as it was (it needs duty_roster installed).
``make bench`` (scripts/bench.sh) runs it against a throw-away database.

It builds a synthetic company: 300 employees, 12 posts with 3 tiers each and
one rotation of 8 members per post and tier (posts 1-6 keep 24 h duties
08:00-08:00, posts 7-12 are daytime posts with 12 h duties 08:00-20:00 and
no round-the-clock coverage requirement). Then it prints:

1. the time and SQL query count to generate a full roster of next year
   (all posts), and to check its rules;
2. the mean time of ``duty.shift.get_on_duty(post, at=...)`` over 1000 calls
   on the published year (fresh ORM cache each call, like one request each),
   and the EXPLAIN plan of its query (after ANALYZE, as autovacuum would);
3. the mean time of the rule check of one swap (what approving it re-checks:
   the whole runs of both people, any roster) over 50 swaps of the published year;
4. the time and query count to regenerate one month after one rotation got
   a new member version.

Next year's Chinese holidays are often not published yet: the synthetic
company then gets the latest known year's calendar moved to next year.
"""

import argparse
import datetime
import logging
import os
import random
import statistics
import time

from benchlib import Meter, out, run_rolled_back

import odoo

D = datetime.date


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="database with duty_roster installed")
    parser.add_argument("--config", required=True, help="Odoo configuration file, e.g. var/odoo.conf")
    parser.add_argument("--employees", type=int, default=300)
    parser.add_argument("--posts", type=int, default=12)
    parser.add_argument("--members", type=int, default=8, help="members per rotation")
    parser.add_argument("--lookups", type=int, default=1000)
    parser.add_argument("--swaps", type=int, default=50, help="swaps whose rule check is timed")
    parser.add_argument("--year", type=int, default=None, help="roster year (default: next year)")
    parser.add_argument("--seed", type=int, default=18)
    return parser.parse_args()


class SqlLog(logging.Handler):
    """The SQL queries Odoo runs inside the block (its ``odoo.sql_db`` debug log)."""

    def __enter__(self):
        self.queries = []
        self.logger = logging.getLogger("odoo.sql_db")
        self.level = self.logger.level
        self.propagate = self.logger.propagate
        self.logger.addHandler(self)
        self.logger.setLevel(logging.DEBUG)
        self.logger.propagate = False
        return self

    def __exit__(self, *exc):
        self.logger.removeHandler(self)
        self.logger.setLevel(self.level)
        self.logger.propagate = self.propagate

    def emit(self, record):
        message = record.getMessage()
        if "query: " in message:
            self.queries.append(message.split("query: ", 1)[1])


def ensure_calendar(env, company, year):
    """Make sure the holiday calendar knows ``year`` for ``company``."""
    Holiday = env["cn.calendar.day"].with_context(active_test=False)
    _holidays, _makeup, known = Holiday._calendar_sets(company, D(year, 1, 1), D(year, 1, 1))
    if year in known:
        return f"official {year} calendar"
    # the latest complete year (shared or the company's) lends its days
    source = max(
        env["cn.calendar.year"]
        .search([("complete", "=", True), ("company_id", "in", [company.id, False]), ("year", "<", year)])
        .mapped("year")
    )
    rows = Holiday.search([("year", "=", source), ("company_id", "in", [company.id, False])])
    vals_list, seen = [], set()
    for row in rows:
        if row.date.month == 2 and row.date.day == 29:
            continue
        day = row.date.replace(year=year)
        if day not in seen:
            seen.add(day)
            vals_list.append(
                {"date": day, "kind": row.kind, "holiday": row.holiday, "company_id": company.id, "name": "bench"}
            )
    Holiday.create(vals_list)
    env["cn.calendar.year"].create({"year": year, "company_id": company.id}).action_mark_complete()
    return f"{source} calendar moved to {year} ({len(vals_list)} days)"


def build_company(env, args, year):
    rng = random.Random(args.seed)
    company = env["res.company"].create({"name": "Bench Branch"})
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    employees = env["hr.employee"].create(
        [{"name": f"Bench Employee {index:03d}", "company_id": company.id} for index in range(args.employees)]
    )
    day24 = env["duty.shift.template"].create(
        {"name": "Bench 24 h", "start_time": 8.0, "duration": 24.0, "company_id": company.id}
    )
    day12 = env["duty.shift.template"].create(
        {"name": "Bench 12 h", "start_time": 8.0, "duration": 12.0, "company_id": company.id}
    )
    pool = list(employees)
    rng.shuffle(pool)
    spares = pool[args.posts * 3 * args.members :]
    rotations = env["duty.rotation"]
    posts = env["duty.post"]
    for index in range(args.posts):
        round_the_clock = index < args.posts // 2
        members = pool[index * 3 * args.members : (index + 1) * 3 * args.members]
        post = env["duty.post"].create(
            {
                "name": f"Bench post {index + 1:02d}",
                "code": f"BENCH-{index + 1:02d}",
                "company_id": company.id,
                "tz": "Asia/Shanghai",
                "employee_ids": [(6, 0, [employee.id for employee in members + spares])],
                "headcount_primary": 1 if round_the_clock else 0,
                "headcount_backup": 1 if round_the_clock else 0,
                "headcount_leader": 1 if round_the_clock else 0,
            }
        )
        posts |= post
        for offset, tier in enumerate(("primary", "backup", "leader")):
            team = members[offset * args.members : (offset + 1) * args.members]
            rotations |= env["duty.rotation"].create(
                {
                    "name": f"{post.name} {tier}",
                    "post_id": post.id,
                    "tier": tier,
                    "template_id": (day24 if round_the_clock else day12).id,
                    "date_start": D(year, 1, 1),
                    "version_ids": [
                        (
                            0,
                            0,
                            {
                                "date_from": D(year, 1, 1),
                                "member_ids": [
                                    (0, 0, {"sequence": position, "employee_id": employee.id})
                                    for position, employee in enumerate(team)
                                ],
                            },
                        )
                    ],
                }
            )
    return env, company, posts, rotations, spares


def bench(env, args):
    today = datetime.date.today()
    year = args.year or today.year + 1
    if D(year, 1, 1) <= today:
        raise SystemExit(f"Generation only creates future duties: choose a year after {today.year}.")
    with Meter(env) as setup:
        env, company, posts, rotations, spares = build_company(env, args, year)
        calendar = ensure_calendar(env, company, year)
    load = os.getloadavg()[0]
    out(f"Load average {load:.1f} on {os.cpu_count()} CPUs (a shared machine: wall times grow with it)")
    out(f"Odoo {odoo.release.version}, database {env.cr.dbname}, roster year {year} ({calendar})")
    out(
        f"Synthetic company: {args.employees} employees, {len(posts)} posts, {len(rotations)} rotations "
        f"of {args.members} members (setup {setup.seconds:.1f} s, {setup.queries} queries)"
    )
    out()

    # 1. a full year, all posts
    year_point = env.cr.savepoint(flush=True)
    roster = env["duty.roster"].create(
        {"name": f"Bench {year}", "company_id": company.id, "date_from": D(year, 1, 1), "date_to": D(year, 12, 31)}
    )
    with Meter(env) as generate:
        roster.action_generate()
    shifts = len(roster.shift_ids)
    with Meter(env) as check:
        roster.action_check()
    out(f"1. Generate the {year} roster: {shifts} duties, {len(roster.violation_ids)} violations")
    out(
        f"   generate (rules included): {generate.seconds:.2f} s (Odoo process CPU {generate.cpu:.2f} s), "
        f"{generate.queries} queries ({generate.queries / max(shifts, 1):.3f} per duty)"
    )
    out(f"   check the rules again:      {check.seconds:.2f} s, {check.queries} queries")

    # 2. the on-duty lookup on the published year (before the roll back of the year)
    roster.override_reason = "benchmark"
    roster.action_publish()
    env.flush_all()
    env.cr.execute("ANALYZE duty_shift")  # fresh statistics, as autovacuum keeps them; rolled back with the rest
    rng = random.Random(args.seed)
    Shift = env["duty.shift"]
    start = datetime.datetime(year, 1, 1)
    durations, queries, answered = [], 0, 0
    for _call in range(args.lookups):
        post = posts[rng.randrange(len(posts))]
        at = start + datetime.timedelta(seconds=rng.randrange(365 * 24 * 3600))
        env.invalidate_all()
        before = env.cr.sql_log_count
        begin = time.perf_counter()
        employees = Shift.get_on_duty(post, at=at)
        employees.mapped("id")
        durations.append(time.perf_counter() - begin)
        queries += env.cr.sql_log_count - before
        answered += bool(employees)
    out(
        f"2. get_on_duty over {args.lookups} calls: mean {statistics.mean(durations) * 1000:.3f} ms, "
        f"median {statistics.median(durations) * 1000:.3f} ms, {queries / args.lookups:.1f} queries per call, "
        f"{answered} calls found someone on duty"
    )
    # EXPLAIN the very query get_on_duty sends (caught from Odoo's SQL log)
    env.invalidate_all()
    with SqlLog() as log:
        Shift.get_on_duty(posts[0], at=datetime.datetime(year, 7, 1, 3))
    lookup_sql = next(query for query in log.queries if 'FROM "duty_shift"' in query and "is_published" in query)
    env.cr.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {lookup_sql}")
    plan = [line for (line,) in env.cr.fetchall()]
    out("   EXPLAIN of its query:")
    for line in plan:
        out(f"     {line}")
    used = any("duty_shift_on_duty_idx" in line for line in plan)
    out(f"   index duty_shift_on_duty_idx used: {'yes' if used else 'NO'}")

    # 3. the rule check of one swap (what approving it re-checks), on the published year
    Swap = env["duty.swap.request"]
    primaries = roster.shift_ids.filtered(lambda s: s.tier == "primary" and s.post_id == posts[0]).sorted("start")
    pairs = [
        (first, second)
        for first, second in zip(primaries[100:160], primaries[103:163], strict=False)
        if first.employee_id != second.employee_id
    ][: args.swaps]
    durations, queries, refused = [], 0, 0
    for first, second in pairs:
        swap = Swap.new(
            {
                "type": "swap",
                "requester_id": first.employee_id.id,
                "counterpart_id": second.employee_id.id,
                "shift_id": first.id,
                "counterpart_shift_id": second.id,
                "company_id": company.id,
            }
        )
        env.invalidate_all()
        before = env.cr.sql_log_count
        begin = time.perf_counter()
        violations = swap._rule_violations()
        durations.append(time.perf_counter() - begin)
        queries += env.cr.sql_log_count - before
        refused += bool(violations)
    out(
        f"3. Rule check of one swap over {len(pairs)} swaps: mean {statistics.mean(durations) * 1000:.1f} ms, "
        f"max {max(durations) * 1000:.1f} ms, {queries / max(len(pairs), 1):.1f} queries per swap, "
        f"{refused} would be refused"
    )
    year_point.close(rollback=True)
    env.invalidate_all()
    out()

    # 3. one month, regenerated after a change of members
    month_from, month_to = D(year, 3, 1), D(year, 3, 31)
    roster = env["duty.roster"].create(
        {"name": f"Bench {month_from:%Y-%m}", "company_id": company.id, "date_from": month_from, "date_to": month_to}
    )
    with Meter(env) as first:
        roster.action_generate()
    rotation = rotations[0]
    old = rotation.version_ids.member_ids.sorted("sequence")
    swapped = old[2].employee_id
    with Meter(env) as change:
        env["duty.rotation.version"].create(
            {
                "rotation_id": rotation.id,
                "date_from": D(year, 3, 15),
                "member_ids": [
                    (
                        0,
                        0,
                        {
                            "sequence": member.sequence,
                            "employee_id": (spares[0] if member == old[2] else member.employee_id).id,
                        },
                    )
                    for member in old
                ],
            }
        )
    with Meter(env) as regenerate:
        roster.action_generate()
    shifts = len(roster.shift_ids)
    out(f"4. One month ({month_from} to {month_to}), {shifts} duties, {len(roster.violation_ids)} violations")
    out(f"   first generation:       {first.seconds:.2f} s, {first.queries} queries")
    out(
        f"   new member version of {rotation.name!r} from {D(year, 3, 15)} ({swapped.name} -> {spares[0].name}): "
        f"{change.seconds:.2f} s, {change.queries} queries"
    )
    out(
        f"   regenerate the month:   {regenerate.seconds:.2f} s (CPU {regenerate.cpu:.2f} s), "
        f"{regenerate.queries} queries ({regenerate.queries / max(shifts, 1):.3f} per duty)"
    )
    moved = roster.shift_ids.filtered(lambda s: s.rotation_id == rotation and s.day >= D(year, 3, 15))
    out(
        f"   {spares[0].name} now has {len(moved.filtered(lambda s: s.employee_id == spares[0]))} duties, "
        f"{swapped.name} {len(moved.filtered(lambda s: s.employee_id == swapped))} from {D(year, 3, 15)}"
    )


def main():
    args = parse_args()
    run_rolled_back(args.db, args.config, bench, args)


if __name__ == "__main__":
    main()
