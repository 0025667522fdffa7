from odoo import api, fields, models

COMPLAINT_GROUPS = (
    "complaint_management.group_complaint_user,complaint_management.group_complaint_compliance,"
    "claims_management.group_claims_director,claims_management.group_claims_auditor"
)


class InsuranceClaim(models.Model):
    """Follow-up visits of a claim: planned when it is paid, and when it is reported if the company
    asks for it (setting "Visit on Claim Report"). The complaints about a claim, which a complaint
    officer's read access to claims follows (record rule)."""

    _inherit = "insurance.claim"

    complaint_ids = fields.One2many("insurance.complaint", "claim_id", string="Complaints", groups=COMPLAINT_GROUPS)

    followup_ids = fields.One2many(
        "insurance.customer.followup",
        "claim_id",
        string="Follow-up Visits",
        groups="claims_management.group_claims_user,claims_management.group_claims_auditor,"
        "complaint_management.group_complaint_user,complaint_management.group_complaint_compliance",
    )

    @api.model_create_multi
    def create(self, vals_list):
        claims = super().create(vals_list)
        reported = claims.filtered(lambda claim: claim.company_id.followup_on_claim_report)
        if reported:
            self.env["insurance.customer.followup"]._create_for(reported, "claim_reported", "handler_user_id")
        return claims

    def write(self, vals):
        if vals.get("state") != "paid":
            return super().write(vals)
        before = {claim: claim.state for claim in self}
        result = super().write(vals)
        paid = self.filtered(lambda claim: before[claim] != "paid")
        if paid:
            self.env["insurance.customer.followup"]._create_for(paid, "claim_paid", "handler_user_id")
        return result
