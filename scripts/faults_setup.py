"""Prepare a throw-away database for `make faults`: complaints received weeks ago whose clocks are all
overdue, so that the deadline sweep has a long batch to alert, and the sweep cron due at once.

Usage: python scripts/faults_setup.py --db DB --config CONF --complaints 2000
"""

import argparse
import datetime

from benchlib import out

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

MAX_COMPLAINTS = 20000
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
    sweep = env.ref("insurance_base.ir_cron_insurance_clock_sweep")
    sweep.write({"nextcall": datetime.datetime.now(), "active": True})
    out(f"{count} complaints received on {received:%Y-%m-%d}, their clocks overdue; the sweep is due now")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--complaints", type=int, default=2000)
    args = parser.parse_args()
    if not 1 <= args.complaints <= MAX_COMPLAINTS:
        raise SystemExit(f"--complaints must be between 1 and {MAX_COMPLAINTS}")
    config.parse_config(["-c", args.config, "-d", args.db, "--log-level=warn"], setup_logging=True)
    with Registry(args.db).cursor() as cr:
        prepare(api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "Asia/Shanghai"}), args.complaints)


if __name__ == "__main__":
    main()
