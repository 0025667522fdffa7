"""Prepare a throw-away database for `make faults`: complaints received weeks ago whose clocks are all
overdue, so that the deadline sweep has a long batch to alert, and the sweep cron due at once; then two
background jobs queued for after the sweep: a catastrophe bulk registration of ``--bulk`` claims (asked
by a claims director through the wizard) and the monthly complaint list of the complaints' month to
``--recipients`` complaint managers (asked by the mailing engine), each above its threshold.

Usage: python scripts/faults_setup.py --db DB --config CONF --complaints 2000 --bulk 600 --recipients 600

``--complaints 0`` adds to a database prepared before: `make faults` queues the mailing only after the
sweep, since its managers would each be told of every overdue clock (an activity per clock and manager).
"""

import argparse
import datetime

from benchlib import out

from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry
from odoo.tools import config

MAX_COMPLAINTS = 20000
MAX_BULK = 5000
MAX_RECIPIENTS = 2000
BATCH = 500


def prepare(env, count):
    company = env.ref("base.main_company")
    partner = env["res.partner"].create({"name": "Fault Test Complainant", "email": "fault@example.com"})
    received = datetime.datetime.now() - datetime.timedelta(days=40)
    Complaint = env["insurance.complaint"].with_context(tracking_disable=True, mail_create_nolog=True)
    for start in range(0, count, BATCH):
        Complaint.create(
            [
                {
                    "company_id": company.id,
                    "partner_id": partner.id,
                    "received_at": received,
                    "channel": "phone",
                    "demand": f"Fault test {number}",
                    "complainant_id_number": "430181198503120021",
                }
                for number in range(start, min(start + BATCH, count))
            ]
        )
        env.cr.commit()  # pylint: disable=invalid-commit
    env["ir.config_parameter"].set_param("faults.partner_id", partner.id)
    env["ir.config_parameter"].set_param("faults.received_at", fields.Datetime.to_string(received))
    sweep = env.ref("insurance_base.ir_cron_insurance_clock_sweep")
    sweep.write({"nextcall": datetime.datetime.now(), "active": True})
    out(f"{count} complaints received on {received:%Y-%m-%d}, their clocks overdue; the sweep is due now")
    return company, received


def queue_bulk(env, company, count):
    """A claims director registers ``count`` damaged objects of one event: above the threshold, a job."""
    director = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Fault Test Director",
                "login": "faults_director",
                "email": "faults.director@example.com",
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "groups_id": [(6, 0, [env.ref("claims_management.group_claims_director").id])],
            }
        )
    )
    today = datetime.date.today()
    holder = env["res.partner"].create({"name": "Fault Test Highway Centre", "company_id": company.id})
    policy = env["insurance.policy"].create(
        {
            "name": "FAULTS-PROPERTY-1",
            "company_id": company.id,
            "policyholder_id": holder.id,
            "date_start": today - datetime.timedelta(days=60),
            "date_end": today + datetime.timedelta(days=300),
            "sum_insured": 100000000,
            "state": "active",
            "coverage_ids": [(0, 0, {"name": "Property", "limit_amount": 50000000, "deductible_amount": 500})],
        }
    )
    insured = env["insurance.policy.insured"].with_context(tracking_disable=True, mail_create_nolog=True)
    objects = insured.browse()
    for start in range(0, count, BATCH):
        objects |= insured.create(
            [
                {"policy_id": policy.id, "kind": "object", "name": f"Culvert {number}", "region": "Liuyang"}
                for number in range(start, min(start + BATCH, count))
            ]
        )
    claim_type = env["insurance.claim.type"].create({"name": "Fault property", "code": "FLT", "company_id": company.id})
    event = env["insurance.claim.event"].create(
        {"name": "Fault Test Rainstorm", "company_id": company.id, "start_at": datetime.datetime.now()}
    )
    env["ir.config_parameter"].set_param("claims_management.bulk_claims_at_once", 100)
    wizard = (
        env["insurance.claim.event.bulk"]
        .with_user(director)
        .with_company(company)
        .create(
            {
                "event_id": event.id,
                "policy_id": policy.id,
                "claim_type_id": claim_type.id,
                "insured_ids": [(6, 0, objects.ids)],
                "loss_at": datetime.datetime.now() - datetime.timedelta(hours=1),
            }
        )
    )
    job_id = wizard.action_create_claims()["params"]["next"]["res_id"]
    env["ir.config_parameter"].set_param("faults.bulk_job_id", job_id)
    env["ir.config_parameter"].set_param("faults.bulk_event_id", event.id)
    env.cr.commit()  # pylint: disable=invalid-commit
    out(f"job {job_id}: {count} claims of one event to register, asked by a claims director")


def queue_mailing(env, company, received, count):
    """``count`` complaint managers with an e-mail address; the month's list to them: above the threshold, a job."""
    manager = env.ref("complaint_management.group_complaint_manager")
    users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
    for start in range(0, count, BATCH):
        users.create(
            [
                {
                    "name": f"Fault Test Manager {number}",
                    "login": f"faults_manager_{number}",
                    "email": f"faults.manager.{number}@example.com",
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                    "groups_id": [(6, 0, [manager.id])],
                }
                for number in range(start, min(start + BATCH, count))
            ]
        )
        env.cr.commit()  # pylint: disable=invalid-commit
    env["ir.config_parameter"].set_param("complaint_management.mailing_at_once", 100)
    Mailing = env["insurance.complaint.mailing"]
    Mailing._send_month(company, "monthly_list", received.year, received.month)
    job = env["insurance.job"].search([("res_model", "=", Mailing._name)], order="id desc", limit=1)
    env["ir.config_parameter"].set_param("faults.mailing_job_id", job.id)
    env["ir.config_parameter"].set_param("faults.mailing_period", f"{received.year}-{received.month:02d}")
    env.cr.commit()  # pylint: disable=invalid-commit
    out(f"job {job.id}: the complaint list of {received:%Y-%m} to {count} managers (and the others due)")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--complaints", type=int, default=2000)
    parser.add_argument("--bulk", type=int, default=0)
    parser.add_argument("--recipients", type=int, default=0)
    args = parser.parse_args()
    if not 0 <= args.complaints <= MAX_COMPLAINTS:
        raise SystemExit(f"--complaints must be between 0 and {MAX_COMPLAINTS}")
    if not 0 <= args.bulk <= MAX_BULK or not 0 <= args.recipients <= MAX_RECIPIENTS:
        raise SystemExit(f"--bulk must be at most {MAX_BULK}, --recipients at most {MAX_RECIPIENTS}")
    config.parse_config(["-c", args.config, "-d", args.db, "--log-level=warn"], setup_logging=True)
    with Registry(args.db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "Asia/Shanghai"})
        if args.complaints:
            company, received = prepare(env, args.complaints)
        else:
            # later steps of a database prepared before (`make faults` queues the mailing after the sweep)
            company = env.ref("base.main_company")
            received = fields.Datetime.from_string(env["ir.config_parameter"].get_param("faults.received_at"))
        if args.bulk:
            queue_bulk(env, company, args.bulk)
        if args.recipients:
            queue_mailing(env, company, received, args.recipients)


if __name__ == "__main__":
    main()
