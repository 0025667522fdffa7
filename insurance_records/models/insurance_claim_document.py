from odoo import api, models


class InsuranceClaimDocument(models.Model):
    _inherit = "insurance.claim.document"

    @api.model_create_multi
    def create(self, vals_list):
        claims = self.env["insurance.claim"].browse({vals["claim_id"] for vals in vals_list if vals.get("claim_id")})
        claims._records_refuse_filed({"document_ids": True})
        return super().create(vals_list)

    def write(self, vals):
        self.claim_id._records_refuse_filed({"document_ids": True})
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_filed(self):
        self.claim_id._records_refuse_filed({"document_ids": True})
