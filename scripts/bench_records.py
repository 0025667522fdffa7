"""Benchmark of the records archive: filing 10,000 closed claims, and the "retention ends this year" list.

    .venv/bin/python scripts/bench_records.py --db DB --config var/odoo.conf

Everything happens inside ONE transaction that is rolled back at the end (the
database needs insurance_records installed). One closed claim with a 2-page PDF
in its document checklist and a photo in its chatter is made through the ORM,
then copied in SQL (claims, checklist rows and attachments, every stored column)
to make up the closed claims. The nightly filing (``_cron_file_closed``, 1,000
cases a batch) files them all: figures are the wall time and the queries per
file. Then 1,000,000 files are bulk-inserted with one INSERT ... SELECT over
generate_series and the list of the files whose retention ends this year is
read as a records manager would open it (the first page and the count).
"""

import argparse
import base64
import datetime
import io
import time

from benchlib import Meter, out, run_rolled_back
from PyPDF2 import PdfWriter

D = datetime.date
DT = datetime.datetime


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--claims", type=int, default=10000)
    parser.add_argument("--files", type=int, default=1000000)
    return parser.parse_args()


def _pdf(pages):
    writer = PdfWriter()
    for _i in range(pages):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _columns(env, table, excluded):
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND NOT column_name = ANY(%s)",
        (table, list(excluded)),
    )
    return [row[0] for row in env.cr.fetchall()]


def template_claim(env):
    company = env.company
    partner = env["res.partner"].create({"name": "Bench holder"})
    policy = env["insurance.policy"].create(
        {
            "name": "BENCH-REC-POLICY",
            "policyholder_id": partner.id,
            "date_start": D(2026, 1, 1),
            "date_end": D(2026, 12, 31),
            "sum_insured": 1000000,
            "state": "active",
        }
    )
    claim_type = env["insurance.claim.type"].create({"name": "Bench records", "code": "BREC"})
    claim = env["insurance.claim"].create(
        {
            "company_id": company.id,
            "claim_type_id": claim_type.id,
            "policy_id": policy.id,
            "claimant_id": partner.id,
            "loss_at": DT(2026, 3, 1, 1, 0),
            "reported_at": DT(2026, 3, 1, 2, 0),
            "state": "closed",
        }
    )
    env["insurance.claim.document"].create(
        {
            "claim_id": claim.id,
            "name": "Loss report",
            "attachment": base64.b64encode(_pdf(2)),
            "attachment_name": "loss.pdf",
        }
    )
    env["ir.attachment"].create(
        {
            "name": "photo.png",
            "raw": b"\x89PNG bench",
            "mimetype": "image/png",
            "res_model": "insurance.claim",
            "res_id": claim.id,
        }
    )
    env.flush_all()
    return claim


def copy_claims(env, claim, count):
    """``count`` copies of the closed ``claim`` with its checklist row and both attachments (SQL)."""
    columns = _columns(env, "insurance_claim", ("id", "name"))
    doc_columns = _columns(env, "insurance_claim_document", ("id", "claim_id"))
    att_columns = _columns(env, "ir_attachment", ("id", "res_id"))
    q = ", ".join(f'"{c}"' for c in columns)
    dq = ", ".join(f'"{c}"' for c in doc_columns)
    aq = ", ".join(f'"{c}"' for c in att_columns)
    # the column names come from the catalogue, not from user input
    env.cr.execute(
        f"""WITH copies AS (
                INSERT INTO insurance_claim (name, {q})
                SELECT c.name || '-' || n, {", ".join(f'c."{col}"' for col in columns)}
                  FROM insurance_claim c, generate_series(1, %(count)s) n WHERE c.id = %(claim)s
             RETURNING id
            ), docs AS (
                INSERT INTO insurance_claim_document (claim_id, {dq})
                SELECT copies.id, {", ".join(f'd."{col}"' for col in doc_columns)}
                  FROM copies, insurance_claim_document d WHERE d.claim_id = %(claim)s
             RETURNING id
            ), doc_files AS (
                INSERT INTO ir_attachment (res_id, {aq})
                SELECT docs.id, {", ".join(f'a."{col}"' for col in att_columns)}
                  FROM docs, ir_attachment a, insurance_claim_document d
                 WHERE d.claim_id = %(claim)s AND a.res_model = 'insurance.claim.document' AND a.res_id = d.id
             RETURNING id
            ), chatter_files AS (
                INSERT INTO ir_attachment (res_id, {aq})
                SELECT copies.id, {", ".join(f'a."{col}"' for col in att_columns)}
                  FROM copies, ir_attachment a WHERE a.res_model = 'insurance.claim' AND a.res_id = %(claim)s
             RETURNING id
            )
            SELECT (SELECT count(*) FROM doc_files) + (SELECT count(*) FROM chatter_files)""",  # noqa: S608
        {"count": count, "claim": claim.id},
    )
    return env.cr.fetchone()[0]


def bulk_files(env, count):
    """``count`` paper files closed over the last 40 years, in one INSERT ... SELECT."""
    env.cr.execute(
        """INSERT INTO insurance_record_file
               (name, title, company_id, kind, closed_date, year, retention_class, retention_years,
                retention_end_date, retention_end_year, secrecy_level, customer_file, location,
                document_count, page_count, state, create_uid, write_uid, create_date, write_date)
           SELECT 'BENCH-' || n, 'Bench paper file ' || n, %(company)s, 'paper', day, extract(year FROM day),
                  cls, yrs, CASE WHEN cls = 'permanent' THEN NULL ELSE day + make_interval(years => yrs) END,
                  CASE WHEN cls = 'permanent' THEN 0 ELSE extract(year FROM day) + yrs END,
                  CASE WHEN n %% 10 = 0 THEN 'secret' ELSE 'internal' END, true, 'physical', 0, 0,
                  CASE WHEN n %% 7 = 0 THEN 'destroyed' ELSE 'filed' END, 1, 1, now(), now()
             FROM (SELECT n, DATE '1986-01-01' + (n %% 14600) AS day,
                          (ARRAY['permanent', 'long', 'short'])[1 + n %% 3] AS cls,
                          (ARRAY[0, 30, 10])[1 + n %% 3] AS yrs
                     FROM generate_series(1, %(count)s) n) s""",
        {"company": env.company.id, "count": count},
    )
    env.cr.execute("ANALYZE insurance_record_file")


def bench(env, args):
    env = env(context=dict(env.context, tracking_disable=True))
    File = env["insurance.record.file"]
    claim = template_claim(env)
    with Meter(env) as meter:
        attachments = copy_claims(env, claim, args.claims - 1)
    out(f"Set-up: {args.claims - 1} closed claims and {attachments} attachments copied in SQL in {meter.seconds:.1f} s")
    env.invalidate_all()
    cpu = time.process_time()
    with Meter(env) as meter:
        while env["insurance.claim"].search_count([("state", "=", "closed"), ("records_filed", "=", False)]):
            File._cron_file_closed(batch_size=1000)
            env.invalidate_all()  # each batch of the cron runs in a fresh transaction
    cpu = time.process_time() - cpu
    filed = File.search_count([("kind", "=", "claim")])
    pages = sum(File.search([("kind", "=", "claim")], limit=1).content_ids.mapped("page_count"))
    out(
        f"Filing {filed} closed claims with their attachment lists: {meter.seconds:.1f} s, {meter.queries} queries "
        f"({meter.queries / max(filed, 1):.2f} per file; budget 30 s and 3 per file), peak {meter.peak_mib:.0f} MiB; "
        f"pages of one file: {pages}"
    )
    out(f"   of which Odoo's own CPU time {cpu:.1f} s (the rest waits for PostgreSQL and for the other processes)")

    with Meter(env) as meter:
        bulk_files(env, args.files)
    out(f"Set-up: {args.files} files bulk-inserted in {meter.seconds:.1f} s")
    manager = env["res.users"].create(
        {
            "name": "Bench records manager",
            "login": "bench_records_manager",
            "company_id": env.company.id,
            "company_ids": [(6, 0, env.company.ids)],
            "groups_id": [(6, 0, [env.ref("insurance_records.group_records_manager").id])],
        }
    )
    Files = File.with_user(manager).with_context(allowed_company_ids=env.company.ids)
    action = Files.action_retention_ends_this_year()
    year = env.company._insurance_today().year
    timings = []
    for _i in range(5):
        env.invalidate_all()
        start = time.perf_counter()
        page = Files.search_fetch(action["domain"], ["name", "title", "retention_end_date", "state"], limit=80)
        total = Files.search_count(action["domain"])
        timings.append((time.perf_counter() - start) * 1000)
    out(
        f'"Retention ends in {year}" over {File.search_count([])} files: {total} files, first page {len(page)}; '
        f"best {min(timings):.1f} ms, worst {max(timings):.1f} ms (budget 100 ms)"
    )
    env.cr.execute(
        "EXPLAIN SELECT id FROM insurance_record_file WHERE company_id = %s AND retention_end_year = %s "
        "AND state IN ('filed', 'lent') ORDER BY year DESC, name DESC LIMIT 80",
        (env.company.id, year),
    )
    out("   plan: " + env.cr.fetchall()[0][0])


if __name__ == "__main__":
    arguments = parse_args()
    run_rolled_back(arguments.db, arguments.config, bench, arguments)
