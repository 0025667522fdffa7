from odoo import api, fields, models

from .insurance_claim_followup import COMPLAINT_GROUPS

REVIEW_GROUPS = "complaint_management.group_complaint_user,complaint_management.group_complaint_compliance"


class ResPartner(models.Model):
    """Agents flagged for a review after repeated verified mis-selling complaints; a complainant's complaints."""

    _inherit = "res.partner"

    # an officer may look up the claims of a complainant they handle, to link one (claim record rule)
    complaint_ids = fields.One2many("insurance.complaint", "partner_id", string="Complaints", groups=COMPLAINT_GROUPS)

    complaint_review_ids = fields.One2many(
        "insurance.complaint.agent.review", "agent_id", string="Agent Reviews", groups=REVIEW_GROUPS
    )
    complaint_review_required = fields.Boolean(
        "Under Complaint Review",
        compute="_compute_complaint_review_required",
        search="_search_complaint_review_required",
        groups=REVIEW_GROUPS,
        help="Two or more verified mis-selling complaints within 12 months: an agent review is open.",
    )

    @api.depends("complaint_review_ids.state")
    def _compute_complaint_review_required(self):
        for partner in self:
            partner.complaint_review_required = "open" in partner.complaint_review_ids.mapped("state")

    def _search_complaint_review_required(self, operator, value):
        positive = (operator == "=") == bool(value)
        return [("complaint_review_ids", "any" if positive else "not any", [("state", "=", "open")])]
