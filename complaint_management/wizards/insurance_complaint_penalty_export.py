import base64
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..lib import penalty_xlsx


def _last_month_start(today):
    return (today - relativedelta(months=1)).replace(day=1)


class InsuranceComplaintPenaltyExport(models.TransientModel):
    """The monthly penalty list for HR (on the 1st, for the month before), as an Excel file."""

    _name = "insurance.complaint.penalty.export"
    _description = "Monthly Complaint Penalty List"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    month = fields.Date(
        required=True,
        default=lambda self: _last_month_start(fields.Date.context_today(self)),
        help="Any day of the month to list.",
    )
    file_data = fields.Binary("Excel File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    def _period(self):
        self.ensure_one()
        start = self.month.replace(day=1)
        return start, start + relativedelta(months=1)

    def _penalties(self):
        start, end = self._period()
        return self.env["insurance.complaint.penalty"].search(
            [("company_id", "=", self.company_id.id), ("date", ">=", start), ("date", "<", end)],
            order="employee_id, date, id",
        )

    def _labels(self):
        return {
            "lines_sheet": self.env._("Penalties"),
            "totals_sheet": self.env._("Totals per Employee"),
            "employee": self.env._("Employee"),
            "department": self.env._("Department"),
            "role": self.env._("Liability"),
            "complaint": self.env._("Complaint"),
            "rule": self.env._("Penalty Rule"),
            "date": self.env._("Closed On"),
            "amount": self.env._("Amount"),
            "total": self.env._("Total"),
        }

    def _data(self):
        self.ensure_one()
        penalties = self._penalties()
        roles = dict(penalties._fields["role"]._description_selection(self.env))
        totals = defaultdict(float)
        lines = []
        for penalty in penalties:
            totals[penalty.employee_id] += penalty.amount
            lines.append(
                {
                    "employee": penalty.employee_id.name,
                    "department": penalty.department_id.name or "",
                    "role": roles[penalty.role],
                    "complaint": penalty.complaint_id.name,
                    "rule": penalty.rule_id.name or "",
                    "date": penalty.date,
                    "amount": penalty.amount,
                }
            )
        start, _end = self._period()
        return {
            "title": self.env._("Monthly Complaint Penalty List"),
            "company": self.company_id.name,
            "month": start.strftime("%Y-%m"),
            "lines": lines,
            "totals": [
                {"employee": employee.name, "department": employee.department_id.name or "", "amount": amount}
                for employee, amount in totals.items()
            ],
            "total": self.company_id.currency_id.round(sum(totals.values())),
        }

    def _build(self):
        self.ensure_one()
        content = penalty_xlsx.build_workbook(self._data(), self._labels())
        start, _end = self._period()
        name = self.env._("Complaint penalties %(month)s.xlsx", month=start.strftime("%Y-%m"))
        self.write({"file_data": base64.b64encode(content), "file_name": name})
        return content

    def action_export(self):
        self._build()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/?model={self._name}&id={self.id}&field=file_data"
            f"&filename_field=file_name&download=true",
            "target": "download",
        }

    @api.model
    def _cron_monthly_list(self):
        """The former monthly cron of the penalty list: the mailings now share one mechanism and one sent-log."""
        self.env["insurance.complaint.mailing"]._cron_send()
