"""18.0.1.1.0: datetime fields end in ``_at``."""

from openupgradelib import openupgrade

from odoo.addons.insurance_base.lib.migration import rename_fields

FIELDS = [
    ("insurance.record.disclosure", "insurance_record_disclosure", "confirmed_date", "confirmed_at"),
    ("insurance.record.disclosure", "insurance_record_disclosure", "disclosed_date", "disclosed_at"),
    ("insurance.record.loan", "insurance_record_loan", "approved_date", "approved_at"),
    ("insurance.record.destruction", "insurance_record_destruction", "manager_approved_date", "manager_approved_at"),
    ("insurance.record.destruction", "insurance_record_destruction", "second_approved_date", "second_approved_at"),
]


@openupgrade.migrate()
def migrate(env, version):
    rename_fields(env, "insurance_records", FIELDS)
