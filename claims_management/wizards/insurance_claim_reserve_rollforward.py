import base64
import io
from collections import defaultdict

import xlsxwriter

from odoo import Command, api, fields, models

from ..models.insurance_claim_reserve import PAYMENT_KINDS


class InsuranceClaimReserveRollforward(models.TransientModel):
    """The reserve roll-forward of a period: opening + changes - payments = closing, tied to the GL.

    Computed from the posted reserve movements with grouped reads; the closing
    total is compared with the balance of the outstanding claims reserve account.
    """

    _name = "insurance.claim.reserve.rollforward"
    _description = "Claim Reserve Roll-forward"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True, default=lambda self: fields.Date.context_today(self).replace(day=1))
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many("insurance.claim.reserve.rollforward.line", "wizard_id", readonly=True)
    opening = fields.Monetary(currency_field="currency_id", readonly=True)
    changes = fields.Monetary(currency_field="currency_id", readonly=True)
    payments = fields.Monetary(currency_field="currency_id", readonly=True)
    closing = fields.Monetary(currency_field="currency_id", readonly=True)
    gl_opening = fields.Monetary("GL Opening", currency_field="currency_id", readonly=True)
    gl_closing = fields.Monetary("GL Closing", currency_field="currency_id", readonly=True)
    difference = fields.Monetary(
        currency_field="currency_id",
        readonly=True,
        help="Closing of the roll-forward minus the reserve account balance.",
    )
    unposted_count = fields.Integer("Movements to Post", readonly=True)

    @api.model
    def _rollforward(self, company, date_from, date_to, groupby="claim_id"):
        """``{key: [opening, changes, payments, closing]}`` grouped by ``groupby`` over the posted movements."""
        Reserve = self.env["insurance.claim.reserve"]
        base = [("company_id", "=", company.id), ("state", "=", "posted")]
        rows = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
        for key, amount in Reserve._read_group(base + [("date", "<", date_from)], [groupby], ["amount:sum"]):
            rows[key][0] += amount
        period = base + [("date", ">=", date_from), ("date", "<=", date_to)]
        for key, kind, amount in Reserve._read_group(period, [groupby, "kind"], ["amount:sum"]):
            if kind in PAYMENT_KINDS:
                rows[key][2] -= amount
            else:
                rows[key][1] += amount
        round_ = company.currency_id.round
        for row in rows.values():
            row[:] = [round_(row[0]), round_(row[1]), round_(row[2]), round_(row[0] + row[1] - row[2])]
        return rows

    @api.model
    def _gl_balance(self, company, date):
        """The credit balance of the outstanding claims reserve account at the end of ``date``."""
        account = company._claim_accounting()["claim_reserve_account_id"]
        groups = self.env["account.move.line"]._read_group(
            [
                ("account_id", "=", account.id),
                ("parent_state", "=", "posted"),
                ("date", "<=", date),
                ("company_id", "=", company.id),
            ],
            [],
            ["balance:sum"],
        )
        return company.currency_id.round(-(groups[0][0] or 0.0))

    def action_compute(self):
        self.ensure_one()
        rows = self._rollforward(self.company_id, self.date_from, self.date_to, groupby="product_line")
        labels = dict(self.env["insurance.claim"]._fields["product_line"]._description_selection(self.env))
        totals = [sum(row[i] for row in rows.values()) for i in range(4)]
        self.write(
            {
                "line_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": labels.get(key) or self.env._("Undefined"),
                            "opening": row[0],
                            "changes": row[1],
                            "payments": row[2],
                            "closing": row[3],
                        }
                    )
                    for key, row in sorted(rows.items(), key=lambda item: str(item[0]))
                ],
                "opening": totals[0],
                "changes": totals[1],
                "payments": totals[2],
                "closing": totals[3],
                "gl_opening": self._gl_balance(self.company_id, fields.Date.subtract(self.date_from, days=1)),
                "gl_closing": self._gl_balance(self.company_id, self.date_to),
                "unposted_count": self.env["insurance.claim.reserve"].search_count(
                    [("company_id", "=", self.company_id.id), ("state", "=", "draft"), ("date", "<=", self.date_to)]
                ),
            }
        )
        self.difference = self.currency_id.round(self.closing - self.gl_closing)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
            "target": "new",
        }

    def _xlsx(self):
        """The roll-forward per claim as an Excel workbook (bytes)."""
        self.ensure_one()
        rows = self._rollforward(self.company_id, self.date_from, self.date_to)
        claims = self.env["insurance.claim"].browse([claim.id for claim in rows])
        labels = dict(self.env["insurance.claim"]._fields["product_line"]._description_selection(self.env))
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = book.add_worksheet(self.env._("Roll-forward"))
        money = book.add_format({"num_format": "#,##0.00"})
        bold = book.add_format({"bold": True})
        headers = [
            self.env._("Claim Number"),
            self.env._("Product Line"),
            self.env._("Opening"),
            self.env._("Changes"),
            self.env._("Payments"),
            self.env._("Closing"),
        ]
        sheet.write_row(0, 0, headers, bold)
        index = 0
        for index, claim in enumerate(claims.sorted("name"), start=1):
            row = rows[claim]
            sheet.write(index, 0, claim.name)
            sheet.write(index, 1, labels.get(claim.product_line) or "")
            for col, value in enumerate(row, start=2):
                sheet.write_number(index, col, value, money)
        total_row = index + 1
        sheet.write(total_row, 0, self.env._("Total"), bold)
        for col in range(4):
            sheet.write_number(total_row, col + 2, sum(row[col] for row in rows.values()), money)
        sheet.write(total_row + 1, 0, self.env._("Reserve account balance"), bold)
        sheet.write_number(total_row + 1, 5, self._gl_balance(self.company_id, self.date_to), money)
        sheet.set_column(0, 1, 22)
        sheet.set_column(2, 5, 16)
        book.close()
        return buffer.getvalue()

    def action_export_xlsx(self):
        self.ensure_one()
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"reserve_rollforward_{self.date_from}_{self.date_to}.xlsx",
                "datas": base64.b64encode(self._xlsx()),
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}
