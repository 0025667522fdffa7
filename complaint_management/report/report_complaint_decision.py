from odoo import api, models


class ReportComplaintDecision(models.AbstractModel):
    """The decision letter: refused for a complaint without a decision (print, HTTP route and mail alike)."""

    _name = "report.complaint_management.report_complaint_decision"
    _description = "Complaint Decision Letter"

    @api.model
    def _get_report_values(self, docids, data=None):
        complaints = self.env["insurance.complaint"].browse(docids)
        complaints._check_letter("decision")
        return {"doc_ids": docids, "doc_model": "insurance.complaint", "docs": complaints, "data": data}
