import base64
import datetime
import io
from collections import defaultdict

import pytz
import xlsxwriter

from odoo import api, fields, models

from ..models.insurance_policy import PRODUCT_LINES


class InsuranceClaimMoneyReport(models.TransientModel):
    """Excel reports of the claims money for a period: the claims bordereau (理赔清单) and the payouts.

    The figures are those booked in accounting (``insurance.claim.money.analysis``):
    reserve and claims paid summed up to the end of the period tie to the reserve
    and claims paid accounts.
    """

    _name = "insurance.claim.money.report"
    _description = "Claims Money Reports"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True, default=lambda self: fields.Date.context_today(self).replace(day=1))
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    product_line = fields.Selection(PRODUCT_LINES, help="Leave empty for every product line.")

    _sql_constraints = [("period_check", "CHECK(date_from <= date_to)", "The period must end after it starts.")]

    # ------------------------------------------------------------------
    # Data
    # ------------------------------------------------------------------
    def _scope(self):
        domain = [("company_id", "=", self.company_id.id)]
        if self.product_line:
            domain.append(("product_line", "=", self.product_line))
        return domain

    def _utc_bounds(self):
        """The period as naive UTC datetimes [start, end) in the user's time zone."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")

        def utc(day):
            return tz.localize(datetime.datetime.combine(day, datetime.time.min)).astimezone(pytz.UTC)

        return utc(self.date_from).replace(tzinfo=None), utc(self.date_to + datetime.timedelta(days=1)).replace(
            tzinfo=None
        )

    @api.model
    def _money_by_claim(self, domain):
        groups = self.env["insurance.claim.money.analysis"]._read_group(
            domain, ["claim_id"], ["reserve_amount:sum", "paid_amount:sum", "recovered_amount:sum"]
        )
        return {claim: (reserve, paid, recovered) for claim, reserve, paid, recovered in groups}

    def _bordereau_rows(self):
        """One row per claim reported up to the period end that was reported in the period, had money
        booked in it or still has a reserve at its end; the amounts as at the period end."""
        self.ensure_one()
        start, end = self._utc_bounds()
        scope = self._scope()
        to_date = self._money_by_claim(scope + [("date", "<=", self.date_to)])
        in_period = self._money_by_claim(scope + [("date", ">=", self.date_from), ("date", "<=", self.date_to)])
        reported = self.env["insurance.claim"].search(scope + [("reported_at", ">=", start), ("reported_at", "<", end)])
        with_reserve = [claim for claim, amounts in to_date.items() if not self.currency_id.is_zero(amounts[0])]
        claims = (reported | self.env["insurance.claim"].union(*in_period, *with_reserve)).filtered(
            lambda claim: claim.reported_at < end
        )
        states = dict(claims._fields["state"]._description_selection(self.env))
        lines = dict(claims._fields["product_line"]._description_selection(self.env))
        round_ = self.currency_id.round
        rows = []
        for claim in claims.sorted(lambda claim: (claim.reported_at, claim.name)):
            reserve, paid, recovered = to_date.get(claim, (0.0, 0.0, 0.0))
            rows.append(
                {
                    "claim": claim,
                    "name": claim.name,
                    "policy": claim.policy_id.name,
                    "product_line": lines.get(claim.product_line, ""),
                    "insured": claim.insured_id.display_name or "",
                    "claimant": claim.claimant_id.display_name,
                    "loss_date": fields.Datetime.context_timestamp(claim, claim.loss_at).date(),
                    "report_date": fields.Datetime.context_timestamp(claim, claim.reported_at).date(),
                    "state": states[claim.state],
                    "estimated": round_(claim.estimated_loss),
                    "reserve": round_(reserve),
                    "paid": round_(paid),
                    "recovered": round_(recovered),
                    "net_incurred": round_(paid + reserve - recovered),
                    "payee": (claim.payee_id or claim.claimant_id).display_name,
                }
            )
        return rows

    def _payout_rows(self):
        """Posted payout bills dated in the period, summed by month, product line and payee."""
        self.ensure_one()
        payouts = self.env["insurance.claim.payout"].search(
            self._scope()
            + [
                ("move_id.state", "=", "posted"),
                ("move_id.date", ">=", self.date_from),
                ("move_id.date", "<=", self.date_to),
            ]
        )
        lines = dict(payouts._fields["product_line"]._description_selection(self.env))
        groups = defaultdict(lambda: {"count": 0, "billed": 0.0, "paid": 0.0})
        for payout in payouts:
            bill = payout.move_id
            key = (bill.date.strftime("%Y-%m"), lines.get(payout.product_line, ""), payout.payee_id.display_name)
            groups[key]["count"] += 1
            groups[key]["billed"] += payout.amount
            groups[key]["paid"] += bill.amount_total - bill.amount_residual
        round_ = self.currency_id.round
        return [
            {
                "month": month,
                "product_line": line,
                "payee": payee,
                "count": values["count"],
                "billed": round_(values["billed"]),
                "paid": round_(values["paid"]),
                "due": round_(values["billed"] - values["paid"]),
            }
            for (month, line, payee), values in sorted(groups.items())
        ], payouts

    # ------------------------------------------------------------------
    # Excel
    # ------------------------------------------------------------------
    def _workbook(self, title, headers, rows, money_from):
        """A workbook of one sheet: a title line, headers, the rows and a total of the money columns."""
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = book.add_worksheet(title[:31])
        bold = book.add_format({"bold": True})
        money = book.add_format({"num_format": "#,##0.00"})
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write(0, 0, title, bold)
        sheet.write(
            0,
            3,
            self.env._(
                "%(company)s, %(start)s - %(end)s", company=self.company_id.name, start=self.date_from, end=self.date_to
            ),
        )
        sheet.write_row(1, 0, headers, bold)
        for index, row in enumerate(rows, start=2):
            for col, value in enumerate(row):
                if isinstance(value, datetime.date):
                    sheet.write_datetime(index, col, datetime.datetime.combine(value, datetime.time.min), day)
                elif col >= money_from and isinstance(value, float):
                    sheet.write_number(index, col, value, money)
                else:
                    sheet.write(index, col, value)
        total = len(rows) + 2
        sheet.write(total, 0, self.env._("Total"), bold)
        for col in range(money_from, len(headers)):
            if rows and isinstance(rows[0][col], float):
                sheet.write_number(total, col, self.currency_id.round(sum(row[col] for row in rows)), money)
        sheet.set_column(0, len(headers) - 1, 16)
        sheet.freeze_panes(2, 1)
        book.close()
        return buffer.getvalue()

    def _bordereau_xlsx(self):
        self.ensure_one()
        headers = [
            self.env._("Claim Number"),
            self.env._("Policy"),
            self.env._("Product Line"),
            self.env._("Insured"),
            self.env._("Claimant"),
            self.env._("Loss Date"),
            self.env._("Report Date"),
            self.env._("Status"),
            self.env._("Estimated Loss"),
            self.env._("Outstanding Reserve"),
            self.env._("Claims Paid"),
            self.env._("Recovered"),
            self.env._("Net Incurred"),
            self.env._("Payee"),
        ]
        keys = [
            "name",
            "policy",
            "product_line",
            "insured",
            "claimant",
            "loss_date",
            "report_date",
            "state",
            "estimated",
            "reserve",
            "paid",
            "recovered",
            "net_incurred",
            "payee",
        ]
        rows = [[row[key] for key in keys] for row in self._bordereau_rows()]
        for row in rows:
            for col in range(8, 13):
                row[col] = float(row[col])
        return self._workbook(self.env._("Claims Bordereau"), headers, rows, 8)

    def _payouts_xlsx(self):
        self.ensure_one()
        headers = [
            self.env._("Month"),
            self.env._("Product Line"),
            self.env._("Payee"),
            self.env._("Payouts"),
            self.env._("Billed"),
            self.env._("Paid"),
            self.env._("Amount Due"),
        ]
        groups, _payouts = self._payout_rows()
        rows = [
            [row["month"], row["product_line"], row["payee"], row["count"]]
            + [float(row[key]) for key in ("billed", "paid", "due")]
            for row in groups
        ]
        return self._workbook(self.env._("Payouts by Period, Product and Payee"), headers, rows, 4)

    def _download(self, name, data):
        attachment = self.env["ir.attachment"].create(
            {"name": name, "datas": base64.b64encode(data), "res_model": self._name, "res_id": self.id}
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def action_export_bordereau(self):
        self.ensure_one()
        return self._download(f"claims_bordereau_{self.date_from}_{self.date_to}.xlsx", self._bordereau_xlsx())

    def action_export_payouts(self):
        self.ensure_one()
        return self._download(f"claim_payouts_{self.date_from}_{self.date_to}.xlsx", self._payouts_xlsx())
