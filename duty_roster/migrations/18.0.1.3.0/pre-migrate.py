"""18.0.1.3.0: datetime fields end in ``_at``."""

from openupgradelib import openupgrade

from odoo.addons.insurance_base.lib.migration import rename_fields

FIELDS = [
    ("duty.handover", "duty_handover", "handed_over_date", "handed_over_at"),
    ("duty.handover", "duty_handover", "signed_date", "signed_at"),
    ("duty.swap.request", "duty_swap_request", "accepted_date", "accepted_at"),
    ("duty.swap.request", "duty_swap_request", "approval_date", "approved_at"),
    ("duty.roster", "duty_roster", "published_date", "published_at"),
]


@openupgrade.migrate()
def migrate(env, version):
    rename_fields(env, "duty_roster", FIELDS)
