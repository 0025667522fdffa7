from odoo import fields, models

COMPLAINT_GROUPS = (
    "complaint_management.group_complaint_user,complaint_management.group_complaint_compliance,"
    "claims_management.group_claims_manager,claims_management.group_claims_auditor"
)


class InsuranceClaim(models.Model):
    """The complaints about a claim: what a complaint officer's read access to claims follows."""

    _inherit = "insurance.claim"

    complaint_ids = fields.One2many("insurance.complaint", "claim_id", string="Complaints", groups=COMPLAINT_GROUPS)
