"""Prepare a throw-away database for `make load`: portal users with claims and complaints of their own,
and the deadline sweep due every minute so that it runs on both servers during the load.

Usage: python scripts/load_setup.py --db DB --config CONF --portal-users 20 --password PW
"""

import argparse
import datetime

from benchlib import out

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tools import config

MAX_PORTAL_USERS = 200


def prepare(env, portal_users, password):
    company = env.ref("base.main_company")
    # an ordinary claim: a copy of a catastrophe event's claim would be the same insured's second claim of the event
    template_claim = env["insurance.claim"].search(
        [("company_id", "=", company.id), ("event_id", "=", False)], limit=1, order="id"
    )
    if not template_claim:
        raise SystemExit("the database has no ordinary claim to copy (install the suite with its demo data)")
    portal_group = env.ref("base.group_portal")
    users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
    created = users.create(
        [
            {
                "name": f"Load Claimant {number:03d}",
                "login": f"load-portal-{number:03d}",
                "password": password,
                "email": f"load-portal-{number:03d}@example.com",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [Command.set(portal_group.ids)],
            }
            for number in range(1, portal_users + 1)
        ]
    )
    claims = env["insurance.claim"].with_context(tracking_disable=True)
    for user in created:
        claims |= template_claim.copy({"claimant_id": user.partner_id.id})
    complaints = env["insurance.complaint"].with_context(tracking_disable=True)
    for user in created:
        complaints |= complaints._create_from_public_form(
            {
                "name": user.name,
                "email": user.email,
                "phone": "",
                "demand": "Pay the claim",
                "facts": "The claim has been open for weeks.",
            },
            [],
            channel="portal",
            partner=user.partner_id,
        )
    # the deadline sweep every minute, from now, on every server with a cron thread
    sweep = env.ref("insurance_base.ir_cron_insurance_clock_sweep")
    sweep.write({"interval_number": 1, "interval_type": "minutes", "nextcall": datetime.datetime.now(), "active": True})
    out(f"{len(created)} portal users, {len(claims)} claims and {len(complaints)} complaints; sweep every minute")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--portal-users", type=int, default=20)
    parser.add_argument("--password", required=True)
    args = parser.parse_args()
    if not 1 <= args.portal_users <= MAX_PORTAL_USERS:
        raise SystemExit(f"--portal-users must be between 1 and {MAX_PORTAL_USERS}")
    config.parse_config(["-c", args.config, "-d", args.db, "--log-level=warn"], setup_logging=True)
    registry = Registry(args.db)
    with registry.cursor() as cr:
        prepare(
            api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "Asia/Shanghai"}),
            args.portal_users,
            args.password,
        )


if __name__ == "__main__":
    main()
