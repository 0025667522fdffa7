from odoo import fields, models


class InsuranceClaimType(models.Model):
    """The document checklist of a claim type."""

    _inherit = "insurance.claim.type"

    document_template_ids = fields.One2many(
        "insurance.claim.type.document",
        "claim_type_id",
        string="Document Checklist",
        copy=True,
        help="Documents asked for on every claim of this type (accident report, invoices, ID, ...).",
    )
