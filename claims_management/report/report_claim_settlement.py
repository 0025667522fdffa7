from odoo import api, models


class ReportClaimSettlement(models.AbstractModel):
    """The settlement notice: refused for a claim without a settlement (print, HTTP route and mail alike)."""

    _name = "report.claims_management.report_claim_settlement"
    _description = "Settlement Notice"

    @api.model
    def _get_report_values(self, docids, data=None):
        claims = self.env["insurance.claim"].browse(docids)
        claims._notice_check_content("settlement")
        return {"doc_ids": docids, "doc_model": "insurance.claim", "docs": claims, "data": data}
