"""The figures of `make load`: locust's statistics beside what the database holds afterwards.

Targets (issue "Production scale"): 0 responses 5xx, 0 lost posts (every 2xx post is one complaint),
0 duplicate alerts or activities, portal p95 at most 1.5x the p95 of Odoo's own /my/home.
"""

import argparse
import csv
import json
import sys

import psycopg2

PORTAL_ROUTES = ("/my/claims", "/my/complaints")
REFERENCE_ROUTE = "/my/home"
P95_RATIO_TARGET = 1.5


def out(text=""):
    sys.stdout.write(f"{text}\n")


def read_stats(path):
    with open(path, encoding="utf-8") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats) if row["Name"] != "Aggregated"}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--since", required=True, help="UTC time the load started")
    parser.add_argument("--stats", required=True)
    parser.add_argument("--result", required=True)
    parser.add_argument("--logs", nargs="*", default=[])
    args = parser.parse_args()
    stats = read_stats(args.stats)
    with open(args.result, encoding="utf-8") as result_file:
        result = json.load(result_file)

    out(f"{'route':<24}{'requests':>9}{'failures':>9}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}  statuses")
    for name, row in sorted(stats.items()):
        codes = " ".join(f"{code}:{count}" for code, count in sorted(result["statuses"].get(name, {}).items()))
        out(
            f"{name:<24}{row['Request Count']:>9}{row['Failure Count']:>9}{row['50%']:>8}{row['95%']:>8}"
            f"{float(row['Max Response Time']):>8.0f}  {codes}"
        )
    server_errors = sum(
        count for codes in result["statuses"].values() for code, count in codes.items() if str(code).startswith("5")
    )
    accepted = result["accepted_numbers"]
    connection = psycopg2.connect(dbname=args.db)
    with connection, connection.cursor() as cr:
        cr.execute(
            "SELECT count(*), count(*) FILTER (WHERE name = ANY(%s)) FROM insurance_complaint"
            " WHERE channel = 'web_form' AND create_date >= %s",
            (accepted, args.since),
        )
        created, matched = cr.fetchone()
        cr.execute(
            "SELECT count(*) FROM (SELECT clock_id, level FROM insurance_clock_alert"
            " GROUP BY clock_id, level HAVING count(*) > 1) duplicates"
        )
        duplicate_alerts = cr.fetchone()[0]
        cr.execute(
            "SELECT count(*) FROM (SELECT res_model, res_id, user_id, activity_type_id, summary FROM mail_activity"
            " GROUP BY res_model, res_id, user_id, activity_type_id, summary HAVING count(*) > 1) duplicates"
        )
        duplicate_activities = cr.fetchone()[0]
        cr.execute(
            "SELECT lastcall FROM ir_cron WHERE id = (SELECT res_id FROM ir_model_data"
            " WHERE module = 'insurance_base' AND name = 'ir_cron_insurance_clock_sweep')"
        )
        last_sweep = cr.fetchone()[0]
    connection.close()
    tracebacks = 0
    for log in args.logs:
        with open(log, encoding="utf-8", errors="replace") as lines:
            tracebacks += sum(line.startswith("Traceback") for line in lines)

    out()
    out(f"posts accepted (2xx): {len(accepted)}; complaints created: {created}; with an accepted number: {matched}")
    lost = len(set(accepted)) - matched
    extra = created - matched
    out(f"lost posts: {lost}; complaints without an accepted post: {extra}")
    out(f"responses 5xx: {server_errors}; tracebacks in the server logs: {tracebacks}")
    out(f"duplicate alerts: {duplicate_alerts}; duplicate activities: {duplicate_activities}")
    out(f"deadline sweep: last run {last_sweep} UTC")
    ratio = None
    reference = stats.get(REFERENCE_ROUTE)
    if reference and float(reference["95%"] or 0):
        portal_p95 = max(float(stats[route]["95%"]) for route in PORTAL_ROUTES if route in stats)
        ratio = portal_p95 / float(reference["95%"])
        out(
            f"portal p95 {portal_p95:.0f} ms / {REFERENCE_ROUTE} p95 {float(reference['95%']):.0f} ms ="
            f" {ratio:.2f} (target <= {P95_RATIO_TARGET})"
        )
    met = {
        "0 responses 5xx, 0 tracebacks": server_errors == 0 and tracebacks == 0,
        "0 lost posts": lost == 0 and extra == 0,
        "0 duplicate alerts or activities": duplicate_alerts == 0 and duplicate_activities == 0,
        f"portal p95 <= {P95_RATIO_TARGET}x /my/home": ratio is not None and ratio <= P95_RATIO_TARGET,
    }
    out()
    for target, ok in met.items():
        out(f"{'met   ' if ok else 'MISSED'} {target}")
    return 0 if all(met.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
