import base64
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import complaint_stats

MONTHS = [(str(month), str(month)) for month in range(1, 13)]
MONTHLY_LIST_LIMIT = 100_000
# complaints of a period whose report is built in the request; more go to a background job
REPORT_AT_ONCE = 5000
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class InsuranceComplaintReportWizard(models.TransientModel):
    """The monthly list, the half-year (due 20 July) and the annual (due 25 January) regulator reports in Excel."""

    _name = "insurance.complaint.report.wizard"
    _description = "Complaint Regulator Report"
    _insurance_job_handlers = ("_job_build_report",)

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    report_type = fields.Selection(
        [("monthly", "Monthly List"), ("half_year", "Half-year Report"), ("annual", "Annual Report")],
        required=True,
        default="monthly",
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    month = fields.Selection(MONTHS, default=lambda self: str(fields.Date.context_today(self).month))
    date_from = fields.Date(compute="_compute_period")
    date_to = fields.Date(compute="_compute_period")
    due_date = fields.Date("Due to the Regulator", compute="_compute_period")
    file = fields.Binary(readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.depends("report_type", "year", "month")
    def _compute_period(self):
        for wizard in self:
            if not wizard.year or (wizard.report_type == "monthly" and not wizard.month):
                wizard.date_from = wizard.date_to = wizard.due_date = False
                continue
            month = int(wizard.month) if wizard.month else None
            wizard.date_from, wizard.date_to = complaint_stats.period_bounds(wizard.report_type, wizard.year, month)
            wizard.due_date = complaint_stats.report_due(wizard.report_type, wizard.year, month)

    # ------------------------------------------------------------------
    # Export
    # ------------------------------------------------------------------
    def _file_name(self):
        return f"complaints_{self.report_type}_{self.date_from:%Y%m%d}_{self.date_to:%Y%m%d}.xlsx"

    def action_export(self):
        """The Excel file at once, or, for a period of more than ``complaint_management.report_at_once``
        complaints (default 5000), from a background job that attaches it to itself."""
        self.ensure_one()
        if not self.date_from:
            raise UserError(self.env._("Choose the year (and the month of a monthly list)."))
        at_once = int(
            self.env["ir.config_parameter"].sudo().get_param("complaint_management.report_at_once", REPORT_AT_ONCE)
        )
        domain = self.env["insurance.complaint.statistics"]._complaint_domain(
            self.company_id, self.date_from, self.date_to
        )
        if self.env["insurance.complaint.analysis"].search_count(domain, limit=at_once + 1) > at_once:
            labels = dict(self._fields["report_type"]._description_selection(self.env))
            job = (
                self.env["insurance.job"]
                .with_company(self.company_id)
                ._enqueue(
                    self.env._(
                        "%(report)s %(date_from)s – %(date_to)s",
                        report=labels[self.report_type],
                        date_from=self.date_from,
                        date_to=self.date_to,
                    ),
                    self._name,
                    "_job_build_report",
                    {
                        "company_id": self.company_id.id,
                        "report_type": self.report_type,
                        "year": self.year,
                        "month": self.month or False,
                    },
                )
            )
            return job._action_queued()
        content = self._build_workbook()
        self.write({"file": base64.b64encode(content), "file_name": self._file_name()})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file/{self.file_name}?download=true",
            "target": "self",
        }

    @api.model
    def _job_build_report(self, job, limit):
        """Background step: the whole workbook (one step), attached to the job as its result."""
        wizard = self.with_company(job.payload["company_id"]).create(job.payload)
        job._advance(total=1)
        content = wizard._build_workbook()
        job._advance(done=1)
        job._set_result(
            message=self.env._("%(file)s is ready.", file=wizard._file_name()),
            file_name=wizard._file_name(),
            content=content,
            mimetype=XLSX_MIMETYPE,
        )
        return True

    def _indicator_rows(self, figures):
        return [
            ("complaints", self.env._("Complaints received"), figures["complaints"]),
            ("motor_complaints", self.env._("Motor complaints"), figures["motor_complaints"]),
            ("non_motor_complaints", self.env._("Non-motor complaints"), figures["non_motor_complaints"]),
            (
                "last_year_complaints",
                self.env._("Complaints in the same period last year"),
                figures["last_year_complaints"],
            ),
            ("change_rate", self.env._("Change rate (year on year)"), figures["change_rate"]),
            ("previous_complaints", self.env._("Complaints in the previous period"), figures["previous_complaints"]),
            ("change_rate_pop", self.env._("Change rate (period on period)"), figures["change_rate_pop"]),
            ("premium", self.env._("Premium written"), figures["premium"]),
            ("motor_premium", self.env._("Motor premium written"), figures["motor_premium"]),
            ("non_motor_premium", self.env._("Non-motor premium written"), figures["non_motor_premium"]),
            ("policies", self.env._("Policies (in force at the previous period end + new)"), figures["policies"]),
            ("non_motor_policies", self.env._("Non-motor policies"), figures["non_motor_policies"]),
            ("insured", self.env._("Insured persons (in force at the previous period end + new)"), figures["insured"]),
            ("per_100m_premium", self.env._("Complaints per 100 million yuan of premium"), figures["per_100m_premium"]),
            (
                "motor_per_100m_premium",
                self.env._("Motor complaints per 100 million yuan of motor premium"),
                figures["motor_per_100m_premium"],
            ),
            (
                "non_motor_per_100m_premium",
                self.env._("Non-motor complaints per 100 million yuan of non-motor premium"),
                figures["non_motor_per_100m_premium"],
            ),
            ("per_10k_policies", self.env._("Complaints per 10,000 policies"), figures["per_10k_policies"]),
            (
                "non_motor_per_10k_policies",
                self.env._("Non-motor complaints per 10,000 non-motor policies"),
                figures["non_motor_per_10k_policies"],
            ),
            ("per_10k_insured", self.env._("Complaints per 10,000 insured persons"), figures["per_10k_insured"]),
            ("regulator_cases", self.env._("Regulator transfers due or decided"), figures["regulator_cases"]),
            ("regulator_on_time", self.env._("Regulator transfers answered on time"), figures["regulator_on_time"]),
            ("on_time_rate", self.env._("On-time rate of regulator transfers"), figures["on_time_rate"]),
            ("regulator_sent", self.env._("Regulator transfers received"), figures["regulator_sent"]),
            (
                "withdrawn_before_transfer",
                self.env._("Withdrawn before transfer"),
                figures["withdrawn_before_transfer"],
            ),
            (
                "withdrawal_before_transfer_rate",
                self.env._("Withdrawal-before-transfer rate"),
                figures["withdrawal_before_transfer_rate"],
            ),
            ("mediated", self.env._("Complaints mediated"), figures["mediated"]),
            ("mediated_success", self.env._("Mediated with an agreement"), figures["mediated_success"]),
            ("mediation_success_rate", self.env._("Mediation success rate"), figures["mediation_success_rate"]),
        ]

    def _breakdowns(self, total):
        """(sheet title, analysis field) of the breakdowns due for this report and count."""
        always = [
            (self.env._("By cause"), "cause"),
            (self.env._("By category"), "category_id"),
            (self.env._("By department"), "department_id"),
        ]
        optional = [
            (self.env._("By channel"), "channel"),
            (self.env._("By line"), "product_line"),
            (self.env._("By product"), "product_name"),
        ]
        if complaint_stats.breakdown_required(self.report_type, total):
            return always + optional
        return always

    @api.model
    def _table_title(self, number, title):
        return self.env._("T%(number)s %(title)s", number=number, title=title)[:31]

    def _write_cover(self, workbook, formats):
        """The cover sheet the regulator receives first: company, type, period, preparer and date."""
        labels = dict(self._fields["report_type"]._description_selection(self.env))
        types = dict(self.company_id._fields["complaint_company_type"]._description_selection(self.env))
        sheet = workbook.add_worksheet(self.env._("Cover"))
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 1, 50)
        sheet.write(0, 0, labels[self.report_type], formats["title"])
        rows = [
            (self.env._("Company"), self.company_id.name),
            (self.env._("Company type"), types.get(self.company_id.complaint_company_type, "")),
            (self.env._("Period"), f"{self.date_from} – {self.date_to}"),
            (self.env._("Due to the regulator"), str(self.due_date)),
            (self.env._("Prepared by"), self.env.user.name),
            (self.env._("Prepared on"), str(self.company_id._insurance_today())),
        ]
        for row, (label, value) in enumerate(rows, start=2):
            sheet.write(row, 0, label, formats["bold"])
            sheet.write(row, 1, value)

    def _write_indicators(self, workbook, formats, figures, number):
        labels = dict(self._fields["report_type"]._description_selection(self.env))
        sheet = workbook.add_worksheet(self._table_title(number, self.env._("Indicators")))
        sheet.set_column(0, 0, 60)
        sheet.set_column(1, 1, 18)
        sheet.set_column(2, 2, 30)
        sheet.write(0, 0, f"{labels[self.report_type]} — {self.company_id.name}", formats["title"])
        sheet.write(1, 0, self.env._("Period"))
        sheet.write(1, 1, f"{self.date_from} – {self.date_to}")
        sheet.write(2, 0, self.env._("Due to the regulator"))
        sheet.write(2, 1, str(self.due_date))
        sheet.write(3, 0, self.env._("Same period last year / previous period"))
        sheet.write(
            3,
            1,
            f"{figures['last_year_from']} – {figures['last_year_to']} / "
            f"{figures['previous_from']} – {figures['previous_to']}",
        )
        sheet.write_row(5, 0, [self.env._("Indicator"), self.env._("Value"), self.env._("Code")], formats["bold"])
        for row, (code, label, value) in enumerate(self._indicator_rows(figures), start=6):
            sheet.write(row, 0, label)
            if value is None:
                sheet.write(row, 1, self.env._("n/a"))
            elif code.endswith(("rate", "rate_pop")):
                sheet.write_number(row, 1, value, formats["percent"])
            elif "per_" in code:
                sheet.write_number(row, 1, value, formats["ratio"])
            elif "premium" in code:
                sheet.write_number(row, 1, value, formats["money"])
            else:
                sheet.write_number(row, 1, value)
            sheet.write(row, 2, code)

    def _write_cause_by_line(self, workbook, formats, number):
        """The regulator's cross table: causes (rows) by product line (columns), with the totals of both."""
        Analysis = self.env["insurance.complaint.analysis"]
        domain = self.env["insurance.complaint.statistics"]._complaint_domain(
            self.company_id, self.date_from, self.date_to
        )
        counts = {
            (cause, line): count
            for cause, line, count in Analysis._read_group(domain, ["cause", "product_line"], ["__count"])
        }
        unknown = self.env._("Not recorded")
        causes = [(value, label) for value, label in Analysis._fields["cause"]._description_selection(self.env)]
        lines = [(value, label) for value, label in Analysis._fields["product_line"]._description_selection(self.env)]
        causes.append((False, unknown))
        lines.append((False, unknown))
        sheet = workbook.add_worksheet(self._table_title(number, self.env._("Causes by line")))
        sheet.set_column(0, 0, 30)
        sheet.set_column(1, len(lines) + 1, 14)
        total = self.env._("Total")
        sheet.write_row(0, 0, [self.env._("Cause"), *(label for _value, label in lines), total], formats["bold"])
        for row, (cause, label) in enumerate(causes, start=1):
            values = [counts.get((cause, line), 0) for line, _label in lines]
            sheet.write(row, 0, label)
            sheet.write_row(row, 1, [*values, sum(values)])
        column_totals = [sum(counts.get((cause, line), 0) for cause, _label in causes) for line, _label in lines]
        sheet.write(len(causes) + 1, 0, total, formats["bold"])
        sheet.write_row(len(causes) + 1, 1, [*column_totals, sum(column_totals)], formats["bold"])

    def _build_workbook(self):
        """Cover sheet, then one sheet per regulator table, each with totals that add up."""
        Statistics = self.env["insurance.complaint.statistics"]
        figures = Statistics._compute_indicators(self.company_id, self.date_from, self.date_to)
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        formats = {
            "bold": workbook.add_format({"bold": True}),
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "ratio": workbook.add_format({"num_format": "0.0000"}),
            "percent": workbook.add_format({"num_format": "0.00%"}),
            "money": workbook.add_format({"num_format": "#,##0.00"}),
        }
        bold, percent = formats["bold"], formats["percent"]
        self._write_cover(workbook, formats)
        self._write_indicators(workbook, formats, figures, 1)
        self._write_cause_by_line(workbook, formats, 2)
        for number, (sheet_title, groupby) in enumerate(self._breakdowns(figures["complaints"]), start=3):
            rows = Statistics._breakdown(self.company_id, self.date_from, self.date_to, groupby)
            sheet = workbook.add_worksheet(self._table_title(number, sheet_title))
            sheet.set_column(0, 0, 50)
            sheet.write_row(0, 0, [sheet_title, self.env._("Complaints"), self.env._("Share")], bold)
            for row, (label, count) in enumerate(rows, start=1):
                sheet.write(row, 0, label)
                sheet.write_number(row, 1, count)
                sheet.write_number(row, 2, count / figures["complaints"] if figures["complaints"] else 0, percent)
            sheet.write(len(rows) + 1, 0, self.env._("Total"), bold)
            sheet.write_number(len(rows) + 1, 1, sum(count for _label, count in rows), bold)

        if self.report_type == "monthly":
            self._write_monthly_list(workbook, bold)
        workbook.close()
        return buffer.getvalue()

    def _write_monthly_list(self, workbook, bold):
        Analysis = self.env["insurance.complaint.analysis"]
        domain = self.env["insurance.complaint.statistics"]._complaint_domain(
            self.company_id, self.date_from, self.date_to
        )
        names = ["name", "received_date", "channel", "cause", "category_id", "department_id", "product_line", "state"]
        names += ["decision_sent_at", "answered_on_time", "mediation_outcome"]
        sheet = workbook.add_worksheet(self.env._("Complaints"))
        sheet.write_row(0, 0, [Analysis._fields[name].get_description(self.env)["string"] for name in names], bold)
        sheet.set_column(0, len(names) - 1, 18)
        selections = {
            name: dict(Analysis._fields[name]._description_selection(self.env))
            for name in names
            if Analysis._fields[name].type == "selection"
        }
        yes_no = {True: self.env._("Yes"), False: self.env._("No")}

        def cell(field, value):
            if field.type == "boolean":
                return yes_no[bool(value)]
            if not value:
                return ""
            if field.type == "selection":
                return selections[field.name].get(value, value)
            if field.type == "many2one":
                return value[1]
            return str(value)

        rows = Analysis.search_read(domain, names, order="received_at, id", limit=MONTHLY_LIST_LIMIT)
        fields_ = [Analysis._fields[name] for name in names]
        for index, row in enumerate(rows, start=1):
            sheet.write_row(index, 0, [cell(field, row[field.name]) for field in fields_])
