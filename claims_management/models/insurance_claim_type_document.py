from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import document_check


class InsuranceClaimTypeDocument(models.Model):
    """One line of a claim type's document checklist (索赔资料清单).

    Every new claim of the type gets a copy of these lines to tick off.
    """

    _name = "insurance.claim.type.document"
    _description = "Claim Type Document Template"
    _order = "claim_type_id, sequence, id"

    claim_type_id = fields.Many2one("insurance.claim.type", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="claim_type_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Document", required=True, translate=True)
    required = fields.Boolean(
        "Mandatory",
        default=True,
        help="The claim materials are complete (and the decision clock starts) when every mandatory document "
        "has been received.",
    )
    allowed_formats = fields.Char(
        default="pdf,jpg,png",
        help="File extensions accepted for this document, separated by commas (e.g. pdf,jpg,png). "
        "Empty accepts any format.",
    )
    max_size_mb = fields.Float(
        "Max. Size (MB)", default=20.0, help="Largest file accepted for this document. 0 means no limit."
    )
    description = fields.Char(help="What the claimant should provide, e.g. original or certified copy.", translate=True)

    @api.constrains("max_size_mb")
    def _check_max_size(self):
        for line in self:
            if line.max_size_mb < 0:
                raise ValidationError(
                    self.env._("The maximum size of %(document)s cannot be negative.", document=line.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("allowed_formats"):
                vals["allowed_formats"] = ",".join(document_check.parse_formats(vals["allowed_formats"]))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("allowed_formats"):
            vals = dict(vals, allowed_formats=",".join(document_check.parse_formats(vals["allowed_formats"])))
        return super().write(vals)
