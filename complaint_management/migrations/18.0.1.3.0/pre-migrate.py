"""18.0.1.3.0: the follow-up visit model takes the suite's prefix (``insurance.customer.followup``);
datetime fields end in ``_at``; every SQL-view report is a ``_table_query`` (no database view)."""

from openupgradelib import openupgrade

from odoo.addons.insurance_base.lib.migration import rename_fields

FIELDS = [
    ("duty.handover.complaint", "duty_handover_complaint", "signed_off_date", "signed_off_at"),
]


@openupgrade.migrate()
def migrate(env, version):
    cr = env.cr
    cr.execute("DROP VIEW IF EXISTS customer_followup_report, insurance_complaint_root_cause_report")
    if openupgrade.table_exists(cr, "customer_followup"):
        openupgrade.rename_models(
            cr,
            [
                ("customer.followup", "insurance.customer.followup"),
                ("customer.followup.report", "insurance.customer.followup.report"),
            ],
        )
        openupgrade.rename_tables(cr, [("customer_followup", "insurance_customer_followup")])
        # keep the records behind the module's xmlids (sequence, views, rules) instead of recreating them
        cr.execute(
            r"""
            UPDATE ir_model_data
               SET name = regexp_replace(name, '(^|_)customer_followup', '\1insurance_customer_followup', 'g')
             WHERE module = 'complaint_management' AND name ~ '(^|_)customer_followup'
               AND name !~ 'insurance_customer_followup'
            """
        )
    rename_fields(env, "complaint_management", FIELDS)
