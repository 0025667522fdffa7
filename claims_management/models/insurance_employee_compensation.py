from decimal import Decimal

from odoo import Command, api, fields, models
from odoo.addons.insurance_base.lib.actions import notice_composer_action
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import employee_compensation as calc
from ..lib.benefit import CalculationError

STATES = [
    ("draft", "Draft"),
    ("assessed", "Assessed"),
    ("notified", "Notified"),
    ("overdue", "Overdue"),
    ("deduction", "Salary Deduction"),
    ("paid", "Paid"),
    ("closed", "Closed"),
    ("exempt", "Exempt"),
]
# stages set by the buttons; notified cases move on to overdue, deduction or paid from accounting
PHASES = [
    ("draft", "Draft"),
    ("assessed", "Assessed"),
    ("notified", "Notified"),
    ("closed", "Closed"),
    ("exempt", "Exempt"),
]
CALCULATION_FIELDS = (
    "kind",
    "basis",
    "asset_value",
    "repair_cost",
    "accumulated_depreciation",
    "remaining_life",
    "standard_life",
    "actual_loss",
    "is_force_majeure",
    "apply_share_rule",
    "share_percent",
    "share_min",
    "share_max",
)
FINANCE_GROUP = "account.group_account_invoice"


class InsuranceEmployeeCompensation(models.Model):
    """A case against an employee for damaged or lost company property (公司财产损失赔偿)."""

    _name = "insurance.employee.compensation"
    _description = "Employee Property-Loss Compensation"
    _inherit = ["insurance.workflow.guard", "mail.thread", "mail.activity.mixin"]
    _order = "loss_date desc, id desc"
    _check_company_auto = True
    _workflow_protected_fields = (
        "phase",
        "state",
        "assessed_by_id",
        "move_id",
        "notice_date",
        "notice_sent_at",
        "is_overdue",
        "deduction_blocked",
    )

    name = fields.Char("Number", required=True, readonly=True, copy=False, default="/", index=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    phase = fields.Selection(PHASES, required=True, default="draft", copy=False, index=True)
    state = fields.Selection(
        STATES, compute="_compute_state", store=True, tracking=True, index=True, string="Status", copy=False
    )
    employee_id = fields.Many2one("hr.employee", required=True, check_company=True, tracking=True, index=True)
    user_id = fields.Many2one(related="employee_id.user_id", store=True, string="Employee's User")
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        "Invoice To",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        help="The employee's contact that the compensation is invoiced to.",
    )
    asset_description = fields.Char("Asset", required=True, help="The damaged or lost property and its asset number.")
    loss_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    cause = fields.Text(help="What happened, from the employee's written report (书面情况报告).")
    is_force_majeure = fields.Boolean("Force Majeure", tracking=True, help="Force majeure exempts the employee.")
    force_majeure_kind = fields.Selection(
        [
            ("safety", "Protecting people in danger"),
            ("disaster", "Unforeseeable natural disaster"),
            ("crime", "Robbery, theft or war that could not be resisted"),
        ],
        "Force Majeure Ground",
    )
    kind = fields.Selection(
        [
            ("repairable", "Damaged, repairable"),
            ("lost", "Lost or beyond repair"),
            ("cash", "Cash or cheques lost"),
        ],
        "Kind of Loss",
        required=True,
        default="repairable",
        tracking=True,
    )
    basis = fields.Selection(
        [("book", "Purchase price less depreciation"), ("life", "Original value by remaining life")],
        "Valuation",
        default="book",
        help="Where depreciation is hard to tell, the original value times remaining over standard life.",
    )
    asset_value = fields.Monetary(
        tracking=True,
        help="Purchase price or original value of the asset, or the cash and cheques lost. Required.",
    )
    repair_cost = fields.Monetary()
    accumulated_depreciation = fields.Monetary()
    remaining_life = fields.Float("Remaining Life (years)")
    standard_life = fields.Float("Standard Life (years)")
    actual_loss = fields.Monetary(help="Cash or cheques: the loss that could not be recovered or stopped.")
    apply_share_rule = fields.Boolean(
        "Share Rule", compute="_compute_share_rule", store=True, readonly=False, precompute=True
    )
    share_percent = fields.Float(
        "Employee Share (%)", compute="_compute_share_rule", store=True, readonly=False, precompute=True
    )
    share_min = fields.Monetary(compute="_compute_share_rule", store=True, readonly=False, precompute=True)
    share_max = fields.Monetary(compute="_compute_share_rule", store=True, readonly=False, precompute=True)
    loss_amount = fields.Monetary("Loss", compute="_compute_calculation", store=True)
    computed_amount = fields.Monetary("Calculated Compensation", compute="_compute_calculation", store=True)
    formula = fields.Char(compute="_compute_calculation", store=True)
    explanation = fields.Text(compute="_compute_explanation")
    amount = fields.Monetary(
        "Amount Due", tracking=True, copy=False, help="Set by the finance department; the calculated amount at first."
    )
    due_date = fields.Date(tracking=True, copy=False, help="Pay by this date (赔偿期限).")
    assessed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    notice_date = fields.Date("Notified On", readonly=True, copy=False)
    notice_sent_at = fields.Datetime("Notice Sent On", readonly=True, copy=False)
    move_id = fields.Many2one(
        "account.move", "Invoice", readonly=True, copy=False, check_company=True, index="btree_not_null"
    )
    amount_residual = fields.Monetary(
        "Amount Owed", related="move_id.amount_residual", help="From accounting: what is still to be paid."
    )
    amount_paid = fields.Monetary(compute="_compute_amount_paid")
    payment_state = fields.Selection(related="move_id.payment_state")
    is_overdue = fields.Boolean("Overdue", readonly=True, copy=False)
    deduction_cap = fields.Monetary(
        "Monthly Deduction Cap",
        compute="_compute_deduction_cap",
        store=True,
        readonly=False,
        precompute=True,
    )
    deduction_ids = fields.One2many("insurance.employee.compensation.deduction", "compensation_id", "Salary Deductions")
    monthly_wage = fields.Monetary(
        tracking=True,
        help="The employee's monthly wage. Salary deductions take at most 20 % of a month's wage and leave at "
        "least the local minimum wage (Provisional Regulations on Wage Payment Art. 16). Required to notify.",
    )
    rule_amount = fields.Monetary(
        "Amount by the Company Rule",
        compute="_compute_rule_amount",
        help="The loss under the company's share rule (settings): finance may set more only with a reason.",
    )
    amount_reason = fields.Text(
        "Reason for the Amount",
        tracking=True,
        copy=False,
        help="Why the amount due is above what the company's share rule gives.",
    )
    deduction_blocked = fields.Boolean(
        readonly=True,
        copy=False,
        help="The wage leaves nothing to deduct above the minimum wage: the debt is recovered another way.",
    )

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "The compensation case number must be unique."),
    ]

    # ------------------------------------------------------------------
    # Defaults and computations
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self.env["ir.sequence"]._insurance_number_vals(vals_list, "insurance.employee.compensation")
        return super().create(vals_list)

    @api.depends("employee_id")
    def _compute_partner_id(self):
        for case in self:
            case.partner_id = case.employee_id.work_contact_id

    @api.depends("company_id")
    def _compute_share_rule(self):
        for case in self:
            company = case.company_id
            case.apply_share_rule = company.employee_compensation_share_rule
            case.share_percent = company.employee_compensation_share_percent
            case.share_min = company.employee_compensation_share_min
            case.share_max = company.employee_compensation_share_max

    @api.depends("company_id")
    def _compute_deduction_cap(self):
        for case in self:
            case.deduction_cap = case.company_id.employee_compensation_deduction_cap

    def _rounding(self):
        return Decimal(str(self.currency_id.rounding or 0.01))

    def _calculate(self):
        """The lib's result for this case; raises CalculationError on bad input."""
        self.ensure_one()
        share_rule = None
        if self.apply_share_rule:
            share_rule = {"percent": self.share_percent, "min_amount": self.share_min, "max_amount": self.share_max}
        return calc.compensation(
            force_majeure=self.is_force_majeure,
            share_rule=share_rule,
            rounding=self._rounding(),
            kind=self.kind,
            asset_value=self.asset_value,
            repair_cost=self.repair_cost,
            basis=self.basis or "book",
            accumulated_depreciation=self.accumulated_depreciation,
            remaining_life=self.remaining_life,
            standard_life=self.standard_life,
            actual_loss=self.actual_loss,
        )

    @api.depends(*CALCULATION_FIELDS, "currency_id")
    def _compute_calculation(self):
        for case in self:
            try:
                result = case._calculate()
            except CalculationError:
                case.loss_amount = case.computed_amount = 0.0
                case.formula = False
                continue
            case.loss_amount = float(result.steps[0].params.get("loss", result.steps[0].params.get("value", 0)))
            case.computed_amount = float(result.amount)
            case.formula = result.formula

    @api.depends(*CALCULATION_FIELDS, "currency_id")
    def _compute_explanation(self):
        for case in self:
            try:
                steps = case._calculate().steps
            except CalculationError as error:
                case.explanation = case._calculation_error_message(error)
                continue
            case.explanation = "\n".join(case._explain_step(step) for step in steps)

    def _explain_step(self, step):
        p = step.params

        def amount(value):
            return self.currency_id.format(float(value))

        if step.code == "repair_cost":
            return self.env._(
                "Damaged and repairable: the employee pays the repair cost, %(loss)s.",
                loss=amount(p["loss"]),
            )
        if step.code == "book_value":
            return self.env._(
                "Lost: purchase price %(price)s less depreciation %(depreciation)s = %(value)s.",
                price=amount(p["price"]),
                depreciation=amount(p["depreciation"]),
                value=amount(p["value"]),
            )
        if step.code == "life_value":
            return self.env._(
                "Lost: original value %(original)s × remaining life %(remaining)s ÷ standard life %(standard)s years "
                "= %(value)s.",
                original=amount(p["original"]),
                remaining=calc.fmt_number(p["remaining_years"]),
                standard=calc.fmt_number(p["standard_years"]),
                value=amount(p["value"]),
            )
        if step.code == "cash":
            return self.env._("Cash or cheques lost: the actual loss, %(loss)s.", loss=amount(p["loss"]))
        if step.code == "share":
            text = self.env._(
                "Share rule: %(percent)s%% of %(loss)s = %(share)s, at least %(min)s",
                percent=calc.fmt_number(p["percent"]),
                loss=amount(p["loss"]),
                share=amount(p["share"]),
                min=amount(p["min"]),
            )
            if p["max"]:
                text += self.env._(", at most %(max)s", max=amount(p["max"]))
            return text + self.env._(", never more than the loss: %(result)s.", result=amount(p["result"]))
        if step.code == "force_majeure":
            return self.env._("Force majeure: the employee is exempt and owes nothing.")
        return step.code

    def _calculation_error_message(self, error):
        params = error.params

        def amount(value):
            return self.currency_id.format(float(value))

        if error.code == "asset_value_missing":
            return self.env._(
                "Compensation case %(name)s: enter the value of the asset (purchase price, original value or the cash "
                "lost); the compensation cannot be calculated without it.",
                name=self.name,
            )
        if error.code == "repair_above_value":
            return self.env._(
                "Compensation case %(name)s: the repair cost %(cost)s is above the value of the asset %(value)s; "
                "handle the asset as lost instead.",
                name=self.name,
                cost=amount(params["repair_cost"]),
                value=amount(params["asset_value"]),
            )
        if error.code == "depreciation_above_value":
            return self.env._(
                "Compensation case %(name)s: the depreciation cannot exceed the purchase price.",
                name=self.name,
            )
        if error.code == "loss_above_value":
            return self.env._(
                "Compensation case %(name)s: the actual loss cannot exceed the cash and cheques lost.", name=self.name
            )
        if error.code == "standard_life_zero":
            return self.env._(
                "Compensation case %(name)s: enter the standard life of the asset in years.",
                name=self.name,
            )
        if error.code == "remaining_life_above_standard":
            return self.env._(
                "Compensation case %(name)s: the remaining life cannot be longer than the standard life.",
                name=self.name,
            )
        if error.code == "share_min_above_max":
            return self.env._(
                "Compensation case %(name)s: the minimum of the employee's share cannot exceed its maximum.",
                name=self.name,
            )
        if error.code == "percent_range":
            return self.env._(
                "Compensation case %(name)s: the employee's share is between 0 and 100%%.",
                name=self.name,
            )
        if error.code == "negative":
            return self.env._("Compensation case %(name)s: amounts and years cannot be negative.", name=self.name)
        return self.env._("Compensation case %(name)s: the compensation cannot be calculated.", name=self.name)

    @api.constrains(*CALCULATION_FIELDS)
    def _check_calculation(self):
        for case in self:
            try:
                case._calculate()
            except CalculationError as error:
                raise ValidationError(case._calculation_error_message(error)) from None
            if case.is_force_majeure and not case.force_majeure_kind:
                raise ValidationError(
                    self.env._("Compensation case %(name)s: say which force majeure applies.", name=case.name)
                )

    @api.depends(*CALCULATION_FIELDS, "currency_id", "company_id")
    def _compute_rule_amount(self):
        for case in self:
            company = case.company_id
            rule = None
            if company.employee_compensation_share_rule:
                rule = {
                    "percent": company.employee_compensation_share_percent,
                    "min_amount": company.employee_compensation_share_min,
                    "max_amount": company.employee_compensation_share_max,
                }
            try:
                result = calc.compensation(
                    force_majeure=case.is_force_majeure,
                    share_rule=rule,
                    rounding=case._rounding(),
                    kind=case.kind,
                    asset_value=case.asset_value,
                    repair_cost=case.repair_cost,
                    basis=case.basis or "book",
                    accumulated_depreciation=case.accumulated_depreciation,
                    remaining_life=case.remaining_life,
                    standard_life=case.standard_life,
                    actual_loss=case.actual_loss,
                )
            except CalculationError:
                case.rule_amount = 0.0
                continue
            case.rule_amount = float(result.amount)

    @api.constrains("amount", "amount_reason", *CALCULATION_FIELDS)
    def _check_amount_within_rule(self):
        for case in self:
            if (
                case.currency_id.compare_amounts(case.amount, case.rule_amount) > 0
                and not (case.amount_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Compensation case %(name)s: the amount due %(amount)s is above what the company's share "
                        "rule gives (%(rule)s); record the reason for it.",
                        name=case.name,
                        amount=case.currency_id.format(case.amount),
                        rule=case.currency_id.format(case.rule_amount),
                    )
                )

    @api.constrains("monthly_wage")
    def _check_monthly_wage(self):
        for case in self:
            if case.monthly_wage < 0:
                raise ValidationError(
                    self.env._("Compensation case %(name)s: the monthly wage cannot be negative.", name=case.name)
                )

    @api.constrains("amount", "loss_amount")
    def _check_amount(self):
        for case in self:
            if case.currency_id.compare_amounts(case.amount, 0) < 0 or (
                case.currency_id.compare_amounts(case.amount, case.loss_amount) > 0
            ):
                raise ValidationError(
                    self.env._(
                        "Compensation case %(name)s: the amount due must be between zero and the loss (%(loss)s).",
                        name=case.name,
                        loss=case.currency_id.format(case.loss_amount),
                    )
                )

    @api.depends("phase", "move_id.amount_residual", "move_id.state", "is_overdue", "deduction_ids")
    def _compute_state(self):
        for case in self:
            if case.phase != "notified":
                case.state = case.phase
            elif case.move_id.state == "posted" and case.currency_id.is_zero(case.move_id.amount_residual):
                case.state = "paid"
            elif case.deduction_ids:
                case.state = "deduction"
            elif case.is_overdue:
                case.state = "overdue"
            else:
                case.state = "notified"

    @api.depends("amount", "amount_residual", "move_id")
    def _compute_amount_paid(self):
        for case in self:
            case.amount_paid = case.currency_id.round(case.amount - case.amount_residual) if case.move_id else 0.0

    def write(self, vals):
        locked = set(vals) & {*CALCULATION_FIELDS, "amount", "employee_id", "partner_id", "company_id"}
        if locked and any(case.phase not in ("draft", "assessed") for case in self):
            raise UserError(
                self.env._("The amount of a compensation case cannot change once the employee has been notified.")
            )
        notified = self.filtered("move_id") if "due_date" in vals else self.browse()
        if notified:
            notified._check_due_date_change(vals["due_date"])
        result = super().write(vals)
        if notified:
            notified._sync_receivable_due_date()
        return result

    def _check_due_date_change(self, due_date):
        if not self.env.su and not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(self.env._("Only the finance department changes the due date of a notified case."))
        due_date = fields.Date.to_date(due_date)
        for case in self:
            if not due_date or due_date < case.notice_date:
                raise UserError(
                    self.env._(
                        "Compensation case %(name)s: the due date cannot be before the notice of %(date)s.",
                        name=case.name,
                        date=fields.Date.to_string(case.notice_date),
                    )
                )

    def _sync_receivable_due_date(self):
        """The receivable falls due on the case's due date: a new due date after the notice moves it."""
        today = fields.Date.context_today(self)
        for case in self:
            lines = case.move_id.line_ids.filtered(
                lambda line: line.display_type == "payment_term" and not line.reconciled
            )
            lines.write({"date_maturity": case.due_date})
            case.move_id.invoice_date_due = case.due_date
            if case.is_overdue and case.due_date >= today:
                case._workflow_write({"is_overdue": False})
            case.message_post(
                body=self.env._(
                    "Due date moved to %(date)s; the receivable %(move)s falls due that day.",
                    date=fields.Date.to_string(case.due_date),
                    move=case.move_id.name,
                )
            )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_phase(self, phases):
        for case in self:
            if case.phase not in phases:
                raise UserError(
                    self.env._(
                        "Compensation case %(name)s cannot do this in its current status (%(state)s).",
                        name=case.name,
                        state=dict(case._fields["state"]._description_selection(self.env))[case.state],
                    )
                )

    def _workflow_refusal(self, fnames):
        return self.env._(
            "The status of a compensation case changes only through its buttons: HR officers assess, exempt or "
            "reset it, the finance department (Invoicing) notifies the employee and closes it, never a case they "
            "assessed themselves."
        )

    def _check_hr(self):
        if not self.env.su and not self.env.user.has_group("hr.group_hr_user"):
            raise AccessError(self.env._("Only HR officers assess, exempt or reset a compensation case."))

    def action_assess(self):
        self._check_hr()
        self._check_phase(("draft",))
        for case in self:
            if case.is_force_majeure:
                raise UserError(
                    self.env._("Compensation case %(name)s is force majeure: exempt it instead.", name=case.name)
                )
            case._workflow_write({"phase": "assessed", "amount": case.computed_amount, "assessed_by_id": self.env.uid})
            case.message_post(body=self.env._("Assessed: %(formula)s", formula=case.formula))

    def action_exempt(self):
        """Force majeure: nothing is owed and the case is closed as exempt."""
        self._check_hr()
        self._check_phase(("draft", "assessed"))
        for case in self:
            if not case.is_force_majeure:
                raise UserError(
                    self.env._("Compensation case %(name)s: only force majeure exempts the employee.", name=case.name)
                )
            case._workflow_write({"phase": "exempt", "amount": 0.0})

    def action_reset_draft(self):
        self._check_hr()
        self._check_phase(("assessed",))
        self._workflow_write({"phase": "draft", "assessed_by_id": False})

    def _check_finance(self):
        if self.env.su:
            return
        if not self.env.user.has_group(FINANCE_GROUP):
            raise UserError(self.env._("Only the finance department sets the amount and notifies the employee."))
        for case in self:
            if case.assessed_by_id == self.env.user:
                raise AccessError(
                    self.env._(
                        "You assessed compensation case %(name)s: another finance user notifies the employee "
                        "(segregation of duties).",
                        name=case.name,
                    )
                )

    def action_notify(self):
        """Finance: post the receivable and notify the employee of the amount and the due date."""
        self._check_phase(("assessed",))
        self._check_finance()
        today = fields.Date.context_today(self)
        for case in self:
            company = case.company_id
            if case.currency_id.compare_amounts(case.amount, 0) <= 0:
                raise UserError(self.env._("Compensation case %(name)s: set the amount due first.", name=case.name))
            if case.currency_id.compare_amounts(case.monthly_wage, 0) <= 0:
                raise UserError(
                    self.env._(
                        "Compensation case %(name)s: enter the employee's monthly wage; a salary deduction is "
                        "limited by it (Provisional Regulations on Wage Payment Art. 16).",
                        name=case.name,
                    )
                )
            if not case.due_date or case.due_date < today:
                raise UserError(self.env._("Compensation case %(name)s: set a due date from today on.", name=case.name))
            if not case.partner_id:
                raise UserError(
                    self.env._(
                        "Compensation case %(name)s: the employee %(employee)s has no contact to invoice.",
                        name=case.name,
                        employee=case.employee_id.name,
                    )
                )
            journal = company.employee_compensation_journal_id
            receivable = company.employee_compensation_receivable_account_id
            income = company.employee_compensation_income_account_id
            if not (journal and receivable and income):
                raise UserError(
                    self.env._(
                        "%(company)s: choose the employee compensation journal and accounts in the settings.",
                        company=company.name,
                    )
                )
            move = case.env["account.move"].create(case._invoice_values(journal, income, today))
            move.line_ids.filtered(lambda line: line.display_type == "payment_term").account_id = receivable
            move.action_post()
            case._workflow_write({"move_id": move.id, "phase": "notified", "notice_date": today})
            case.message_post(
                body=self.env._(
                    "The employee is notified to pay %(amount)s by %(date)s.",
                    amount=case.currency_id.format(case.amount),
                    date=fields.Date.to_string(case.due_date),
                )
            )

    def _invoice_values(self, journal, income, today):
        return {
            "move_type": "out_invoice",
            "company_id": self.company_id.id,
            "journal_id": journal.id,
            "partner_id": self.partner_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": today,
            "invoice_payment_term_id": False,
            "invoice_date_due": self.due_date,
            "ref": self.name,
            "payment_reference": self.name,
            "invoice_origin": self.name,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": self.env._(
                            "%(name)s: compensation for %(asset)s", name=self.name, asset=self.asset_description
                        ),
                        "account_id": income.id,
                        "quantity": 1,
                        "price_unit": self.amount,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }

    def action_close(self):
        if not self.env.su and not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(self.env._("Only the finance department closes a paid compensation case."))
        for case in self:
            if case.state != "paid":
                raise UserError(self.env._("Compensation case %(name)s can be closed once it is paid.", name=case.name))
        self._workflow_write({"phase": "closed"})

    def action_view_invoice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # The written notice
    # ------------------------------------------------------------------
    def _notice_lang(self):
        self.ensure_one()
        return self.partner_id.lang or self.employee_id.user_id.lang or self.env.lang

    def action_send_notice(self):
        self.ensure_one()
        self._check_phase(("notified",))
        template = self.env.ref("claims_management.mail_template_employee_compensation_notice")
        return notice_composer_action(self, template, {"mark_compensation_notice": True})

    def message_post(self, **kwargs):
        if not self.env.context.get("mark_compensation_notice"):
            return super().message_post(**kwargs)
        cases = self.with_context(mark_compensation_notice=False)
        message = super(InsuranceEmployeeCompensation, cases).message_post(**kwargs)
        cases._workflow_write({"notice_sent_at": fields.Datetime.now()})
        return message

    # ------------------------------------------------------------------
    # Overdue and salary deductions (daily cron)
    # ------------------------------------------------------------------
    @api.model
    def _cron_check_overdue(self):
        today = fields.Date.context_today(self)
        cases = self.search([("phase", "=", "notified"), ("due_date", "<", today)])
        for case in cases:
            if case.state == "paid":
                continue
            if not case.is_overdue:
                case._workflow_write({"is_overdue": True})
                case.message_post(body=self.env._("The compensation is overdue."))
            if calc.is_overdue_for_deduction(case.due_date, today):
                case._schedule_deductions(today)

    def _schedule_deductions(self, today):
        """Plan monthly salary deductions of what is still owed; nothing changes if the plan already matches."""
        self.ensure_one()
        currency = self.currency_id
        owed = self.amount_residual
        planned = self.deduction_ids.filtered(lambda line: line.state == "planned")
        if currency.compare_amounts(sum(planned.mapped("amount")), owed) == 0:
            return planned
        planned.write({"state": "cancelled"})
        done_months = self.deduction_ids.filtered(lambda line: line.state == "done").mapped("month")
        first = calc.first_of_next_month(max([today, *done_months]))
        limits = self._deduction_limits(planned)
        try:
            lines = calc.deduction_schedule(Decimal(str(owed)), self.deduction_cap, first, self._rounding(), **limits)
        except CalculationError as error:
            if error.code != "wage_at_minimum":
                raise
            if not self.deduction_blocked:
                self._workflow_write({"deduction_blocked": True})
                self.message_post(
                    body=self.env._(
                        "No salary deduction is possible: the wage of %(wage)s leaves nothing above the local minimum "
                        "wage of %(minimum)s (Provisional Regulations on Wage Payment Art. 16).",
                        wage=currency.format(self.monthly_wage),
                        minimum=currency.format(self.company_id.employee_compensation_minimum_wage),
                    )
                )
            return self.env["insurance.employee.compensation.deduction"]
        wages = limits["wages"]
        created = self.env["insurance.employee.compensation.deduction"].create(
            [
                {
                    "compensation_id": self.id,
                    "month": month,
                    "amount": float(part),
                    "wage": float(wages.get(month, self.monthly_wage)),
                }
                for month, part in lines
            ]
        )
        if self.deduction_blocked:
            self._workflow_write({"deduction_blocked": False})
        if created:
            self.message_post(
                body=self.env._(
                    "More than one month overdue: %(count)s monthly salary deductions planned (%(formula)s).",
                    count=len(created),
                    formula=calc.schedule_formula(
                        Decimal(str(owed)), self.deduction_cap, self._rounding(), **dict(limits, wages=None)
                    )
                    if not wages
                    else " + ".join(currency.format(line.amount) for line in created),
                )
            )
        return created

    def _deduction_limits(self, planned):
        """The labour-law limits of the schedule: the case's wage and the wages already set on planned months."""
        company = self.company_id
        return {
            "wage": Decimal(str(self.monthly_wage)),
            "wages": {line.month: Decimal(str(line.wage)) for line in planned if line.wage},
            "wage_percent": company.employee_compensation_wage_percent,
            "minimum_wage": company.employee_compensation_minimum_wage,
        }
