from odoo import api, models


class ReportDutyRoster(models.AbstractModel):
    """Data of the printed 值班表 (``duty_roster.report_duty_roster``)."""

    _name = "report.duty_roster.report_duty_roster"
    _description = "Duty Roster Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        rosters = self.env["duty.roster"].browse(docids)
        rosters.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "duty.roster",
            "docs": rosters,
            "roster_data": rosters._export_data(),
        }
