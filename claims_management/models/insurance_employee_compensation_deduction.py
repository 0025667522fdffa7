import base64
import io

import xlsxwriter

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import employee_compensation as calc


class InsuranceEmployeeCompensationDeduction(models.Model):
    """One month's salary deduction of an overdue compensation (逐月扣缴), handed to payroll by HR."""

    _name = "insurance.employee.compensation.deduction"
    _description = "Salary Deduction for Employee Compensation"
    _order = "month, id"
    _check_company_auto = True

    compensation_id = fields.Many2one(
        "insurance.employee.compensation", "Compensation Case", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="compensation_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="compensation_id.currency_id")
    employee_id = fields.Many2one(related="compensation_id.employee_id", store=True, index=True)
    department_id = fields.Many2one(related="compensation_id.department_id", store=True)
    user_id = fields.Many2one(related="compensation_id.user_id", store=True)
    month = fields.Date(required=True, help="First day of the payroll month.")
    amount = fields.Monetary(required=True)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Deducted"), ("cancelled", "Cancelled")],
        required=True,
        default="planned",
        index=True,
    )
    move_id = fields.Many2one("account.move", "Journal Entry", readonly=True, copy=False)
    wage = fields.Monetary(
        "Month's Wage",
        help="The employee's wage of this month: the deduction takes at most 20 % of it and leaves at least the "
        "local minimum wage (Provisional Regulations on Wage Payment Art. 16). Lowering it replans the deductions.",
    )

    @api.constrains("amount", "wage", "state")
    def _check_labour_law(self):
        for line in self.filtered(lambda line: line.state == "planned"):
            company = line.company_id
            cap = calc.legal_monthly_cap(
                line.wage,
                wage_percent=company.employee_compensation_wage_percent,
                minimum_wage=company.employee_compensation_minimum_wage,
                rounding=line.compensation_id._rounding(),
            )
            if line.currency_id.compare_amounts(line.amount, float(cap)) > 0:
                raise ValidationError(
                    self.env._(
                        "Deduction %(name)s: %(amount)s is more than the law allows from a wage of %(wage)s "
                        "(at most %(cap)s: %(percent)s%% of the wage, leaving the minimum wage of %(minimum)s; "
                        "Provisional Regulations on Wage Payment Art. 16).",
                        name=line.display_name,
                        amount=line.currency_id.format(line.amount),
                        wage=line.currency_id.format(line.wage),
                        cap=line.currency_id.format(float(cap)),
                        percent=calc.fmt_number(company.employee_compensation_wage_percent),
                        minimum=line.currency_id.format(company.employee_compensation_minimum_wage),
                    )
                )

    def write(self, vals):
        if "wage" not in vals or "amount" in vals:
            return super().write(vals)
        planned = self.filtered(lambda line: line.state == "planned")
        result = super(InsuranceEmployeeCompensationDeduction, self - planned).write(vals)
        for line in planned:
            company = line.company_id
            cap = calc.legal_monthly_cap(
                vals["wage"] or 0,
                wage_percent=company.employee_compensation_wage_percent,
                minimum_wage=company.employee_compensation_minimum_wage,
                rounding=line.compensation_id._rounding(),
            )
            super(InsuranceEmployeeCompensationDeduction, line).write(dict(vals, amount=min(line.amount, float(cap))))
        # what the lower wage leaves undeducted moves to later months
        today = fields.Date.context_today(self)
        for case in planned.compensation_id:
            case._schedule_deductions(today)
        return result

    @api.depends("compensation_id.name", "month")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.compensation_id.name} {line.month.strftime('%Y-%m') if line.month else ''}"

    def action_done(self):
        """The salary was withheld: settle the receivable with a journal entry on the deduction clearing account."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise UserError(self.env._("Only the finance department records salary deductions."))
        for line in self:
            case = line.compensation_id
            if line.state != "planned":
                raise UserError(self.env._("Deduction %(name)s is not planned.", name=line.display_name))
            owed = case.amount_residual
            if case.currency_id.compare_amounts(owed, 0) <= 0:
                raise UserError(
                    self.env._("Compensation case %(name)s is already paid; nothing to deduct.", name=case.name)
                )
            amount = min(line.amount, owed)
            account = case.company_id.employee_compensation_deduction_account_id
            journal = self.env["account.journal"].search(
                [*self.env["account.journal"]._check_company_domain(case.company_id), ("type", "=", "general")],
                limit=1,
            )
            if not (account and journal):
                raise UserError(
                    self.env._(
                        "%(company)s: choose the salary deduction clearing account in the settings.",
                        company=case.company_id.name,
                    )
                )
            receivable_lines = case.move_id.line_ids.filtered(
                lambda aml: aml.display_type == "payment_term" and not aml.reconciled
            )
            label = self.env._(
                "%(name)s: salary deduction %(month)s", name=case.name, month=line.month.strftime("%Y-%m")
            )
            common = {"partner_id": case.partner_id.id, "name": label}
            move = self.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "company_id": case.company_id.id,
                    "date": fields.Date.context_today(self),
                    "ref": label,
                    "line_ids": [
                        Command.create({**common, "account_id": account.id, "debit": amount}),
                        Command.create({**common, "account_id": receivable_lines[:1].account_id.id, "credit": amount}),
                    ],
                }
            )
            move.action_post()
            (move.line_ids.filtered(lambda aml: aml.credit) + receivable_lines).reconcile()
            line.write({"state": "done", "amount": amount, "move_id": move.id})
            if case.currency_id.is_zero(case.amount_residual):
                case.deduction_ids.filtered(lambda other: other.state == "planned").write({"state": "cancelled"})
        return True

    # ------------------------------------------------------------------
    # Excel export for payroll
    # ------------------------------------------------------------------
    def _xlsx_content(self):
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Salary Deductions")[:31])
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        headers = [
            self.env._("Month"),
            self.env._("Employee"),
            self.env._("Department"),
            self.env._("Compensation Case"),
            self.env._("Amount"),
            self.env._("Status"),
        ]
        sheet.write_row(0, 0, headers, bold)
        states = dict(self._fields["state"]._description_selection(self.env))
        row = 0
        for row, line in enumerate(self.sorted(lambda r: (r.month, r.employee_id.name or "")), start=1):
            sheet.write(row, 0, line.month.strftime("%Y-%m"))
            sheet.write(row, 1, line.employee_id.name)
            sheet.write(row, 2, line.department_id.name or "")
            sheet.write(row, 3, line.compensation_id.name)
            sheet.write_number(row, 4, line.amount, money)
            sheet.write(row, 5, states[line.state])
        sheet.write(row + 1, 3, self.env._("Total"), bold)
        total = sum(self.filtered(lambda r: r.state != "cancelled").mapped("amount"))
        formula = f'=SUMIF(F2:F{row + 1},"<>{states["cancelled"]}",E2:E{row + 1})'
        sheet.write_formula(row + 1, 4, formula, money, total)
        sheet.set_column(0, 5, 18)
        workbook.close()
        return output.getvalue()

    def action_export_xlsx(self):
        lines = self or self.search([("state", "=", "planned")])
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("Salary Deductions.xlsx"),
                "datas": base64.b64encode(lines._xlsx_content()),
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
