from odoo import http
from odoo.http import content_disposition, request

from ..models.duty_roster_export import XLSX_MIMETYPE


class DutyRosterExport(http.Controller):
    @http.route("/duty_roster/roster/<int:roster_id>/xlsx", type="http", auth="user", methods=["GET"])
    def export_xlsx(self, roster_id):
        """The Excel 值班表; record rules decide who may download it (403 otherwise)."""
        roster = request.env["duty.roster"].browse(roster_id).exists()
        if not roster:
            raise request.not_found()
        content, filename = roster._export_xlsx()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
