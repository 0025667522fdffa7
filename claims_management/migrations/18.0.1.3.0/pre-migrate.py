"""18.0.1.3.0: datetime fields end in ``_at``; the directors' group xmlid says its role."""

from openupgradelib import openupgrade

from odoo.addons.insurance_base.lib.migration import rename_fields

FIELDS = [
    ("insurance.claim", "insurance_claim", "report_datetime", "reported_at"),
    ("insurance.claim", "insurance_claim", "loss_datetime", "loss_at"),
    ("insurance.claim", "insurance_claim", "acknowledged_date", "acknowledged_at"),
    ("insurance.claim", "insurance_claim", "receipt_sent_date", "receipt_sent_at"),
    ("insurance.claim", "insurance_claim", "settlement_notice_date", "settlement_notice_at"),
    ("insurance.claim", "insurance_claim", "missing_notice_date", "missing_notice_at"),
    ("insurance.claim", "insurance_claim", "materials_received_date", "materials_received_at"),
    ("insurance.claim", "insurance_claim", "materials_complete_date", "materials_complete_at"),
    ("insurance.claim", "insurance_claim", "agreed_date", "agreed_at"),
    ("insurance.claim", "insurance_claim", "rejected_date", "rejected_at"),
    ("insurance.claim", "insurance_claim", "rejection_notice_date", "rejection_notice_at"),
    ("insurance.claim.document", "insurance_claim_document", "received_date", "received_at"),
    ("insurance.claim.document", "insurance_claim_document", "checked_date", "checked_at"),
    ("insurance.claim.event", "insurance_claim_event", "date_start", "start_at"),
    ("insurance.claim.event", "insurance_claim_event", "date_end", "end_at"),
    ("insurance.claim.flag", "insurance_claim_flag", "cleared_date", "cleared_at"),
    ("duty.handover.claim", "duty_handover_claim", "signed_off_date", "signed_off_at"),
    ("insurance.employee.compensation", "insurance_employee_compensation", "notice_sent_date", "notice_sent_at"),
]


@openupgrade.migrate()
def migrate(env, version):
    rename_fields(env, "claims_management", FIELDS)
    openupgrade.rename_xmlids(
        env.cr, [("claims_management.group_claims_manager", "claims_management.group_claims_director")]
    )
