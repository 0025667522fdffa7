from odoo import api, fields, models
from odoo.addons.insurance_base.lib import portal_fields
from odoo.exceptions import ValidationError
from odoo.tools import html2plaintext

# characters accepted on what a claimant writes; the portal form refuses longer texts with the same limits
TEXT_LIMITS = {"loss_place": 300, "description": 20000, "attachment_name": 255}
# what the claimant reads of their claim: what they reported, where it stands, what they are owed and when;
# never the reserve, the handlers' notes, the director's review, the limits or the ledgers
PORTAL_READ_FIELDS = portal_fields.FRAMEWORK_FIELDS | {
    "name",
    "state",
    "is_open",
    "company_id",
    "currency_id",
    "policy_id",
    "policy_number",
    "claim_type_id",
    "claimant_id",
    "insured_id",
    "channel",
    "reported_at",
    "loss_at",
    "loss_date",
    "loss_place",
    "description",
    "claimed_amount",
    "assessed_amount",
    "decision",
    "acknowledged_at",
    "agreed_at",
    "rejected_at",
    "decision_due_date",
    "payment_due_date",
    "next_due_date",
    "document_ids",
    "missing_document_ids",
    "missing_document_count",
    "materials_received_at",
    "materials_complete_at",
    # flags the staff's list views decorate rows with (Odoo validates views against every group that reads
    # the model); they tell nothing about money, people or notes
    "priority",
    "is_major",
    "is_overdue",
    "clock_calendar_missing",
}


class InsuranceClaim(models.Model):
    """The claimant portal: ``/my/claims/<id>``."""

    _name = "insurance.claim"
    _inherit = ["insurance.claim", "portal.mixin", "insurance.portal.restricted"]

    # The claimant is often not the policyholder (the insured person of a group policy, a beneficiary):
    # the policy record is the holder's, but its number is part of the claimant's own file.
    policy_number = fields.Char(related="policy_id.name", string="Policy Number")

    @api.model
    def _portal_read_fields(self):
        """The fields a portal user may read (every other one is for the insurer's staff only)."""
        return PORTAL_READ_FIELDS

    def _compute_access_url(self):
        for claim in self:
            claim.access_url = f"/my/claims/{claim.id}"

    @api.constrains("loss_place", "description")
    def _check_text_lengths(self):
        for claim in self:
            for name in ("loss_place", "description"):
                value = claim[name] or ""
                length = len(html2plaintext(value) if self._fields[name].type == "html" else value)
                if length > TEXT_LIMITS[name]:
                    raise ValidationError(
                        self.env._(
                            "%(field)s is %(length)s characters long: at most %(limit)s characters are accepted.",
                            field=self._fields[name]._description_string(self.env),
                            length=length,
                            limit=TEXT_LIMITS[name],
                        )
                    )
