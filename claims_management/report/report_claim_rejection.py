from odoo import api, models


class ReportClaimRejection(models.AbstractModel):
    """The rejection notice: refused for a claim not rejected (print, HTTP route and mail alike)."""

    _name = "report.claims_management.report_claim_rejection"
    _description = "Rejection Notice"

    @api.model
    def _get_report_values(self, docids, data=None):
        claims = self.env["insurance.claim"].browse(docids)
        claims._notice_check_content("rejection")
        return {"doc_ids": docids, "doc_model": "insurance.claim", "docs": claims, "data": data}
