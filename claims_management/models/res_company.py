from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .insurance_clock import CLAIM_CLOCKS

CLAIM_CLOCK_FIELDS = (
    "claim_limitation_years",
    "claim_limitation_life_years",
    "claim_decision_days",
    "claim_decision_working_days",
    "claim_payment_days",
    "claim_rejection_notice_days",
    "claim_prepayment_days",
)

# claims accounting: field -> ("journal", code, type, name) or ("account", account type, name)
CLAIM_DEFAULTS = {
    "claim_payout_journal_id": ("journal", "CLMP", "purchase", "Claim Payouts"),
    "claim_reserve_journal_id": ("journal", "CLMR", "general", "Claim Reserves"),
    "claim_paid_account_id": ("account", "expense", "Claims Paid"),
    "claim_reserve_account_id": ("account", "liability_current", "Outstanding Claims Reserve"),
    "claim_reserve_change_account_id": ("account", "expense", "Change in Outstanding Claims Reserve"),
    "claim_recovery_account_id": ("account", "income_other", "Claim Recoveries"),
}
CLAIM_ACCOUNTING_FIELDS = tuple(CLAIM_DEFAULTS)
# charts that carry insurance accounts: field -> account code; a missing code falls back to CLAIM_DEFAULTS
CLAIM_CHART_ACCOUNT_CODES = {
    # 企业会计准则 (l10n_cn, large enterprises): 赔付支出, 保险责任准备金, 提取保险责任准备金, 摊回赔付支出
    "cn_large_bis": {
        "claim_paid_account_id": "651100",
        "claim_reserve_account_id": "260200",
        "claim_reserve_change_account_id": "650200",
        "claim_recovery_account_id": "620200",
    },
}
# receivables of subrogation and salvage recoveries, created on the charts listed here (code, type, name);
# elsewhere they stay empty and the recovery invoices use the debtor's receivable
CLAIM_CHART_RECOVERY_RECEIVABLES = {
    "cn_large_bis": {
        "claim_subrogation_account_id": ("120100", "asset_receivable", "Subrogation Receivable"),
        "claim_salvage_account_id": ("122102", "asset_receivable", "Salvage Receivable"),
    },
}


class ResCompany(models.Model):
    _inherit = "res.company"

    claim_decision_days = fields.Integer(
        "Decision Deadline, Complex Claims (days)",
        default=30,
        help="Calendar days from complete materials to the coverage decision of a complex claim. "
        "PRC Insurance Law Art. 23: within 30 days unless the contract says otherwise.",
    )
    claim_decision_working_days = fields.Integer(
        "Decision Deadline, Simple Claims (working days)",
        default=5,
        help="Working days (Chinese calendar with make-up days) from complete materials to the decision of a "
        "simple claim; a common contract clause under PRC Insurance Law Art. 23 (compulsory motor: Art. 29 of "
        "the regulation, 5 days).",
    )
    claim_payment_days = fields.Integer(
        "Payment Deadline (days)",
        default=10,
        help="Calendar days from the agreement on the amount to the payment. PRC Insurance Law Art. 23: "
        "within 10 days of the agreement.",
    )
    claim_rejection_notice_days = fields.Integer(
        "Rejection Notice Deadline (days)",
        default=3,
        help="Calendar days from the decision to reject to the written rejection notice with reasons. "
        "PRC Insurance Law Art. 24: within 3 days.",
    )
    claim_prepayment_days = fields.Integer(
        "Prepayment Deadline (days)",
        default=60,
        help="Calendar days from receiving the claim materials after which the amount that can be determined "
        "is prepaid if the total is not settled. PRC Insurance Law Art. 25: 60 days.",
    )
    claim_limitation_years = fields.Integer(
        "Limitation Period, Non-life (years)",
        default=2,
        help="Years from the day the insured knew of the loss after which a non-life claim is time-barred. "
        "PRC Insurance Law Art. 26: 2 years.",
    )
    claim_limitation_life_years = fields.Integer(
        "Limitation Period, Life (years)",
        default=5,
        help="Years from the day the insured knew of the loss after which a life insurance claim is time-barred. "
        "PRC Insurance Law Art. 26: 5 years.",
    )
    claim_clock_warning_days = fields.Integer(
        "Deadline Warning (days)",
        default=3,
        help="The claim handler (or the claims director when there is none) gets an activity this many days "
        "before a statutory deadline; overdue claims are escalated to the claims directors.",
    )

    @api.constrains(*CLAIM_CLOCK_FIELDS, "claim_clock_warning_days")
    def _check_claim_clock_days(self):
        self._insurance_check_minimums(
            {**dict.fromkeys(CLAIM_CLOCK_FIELDS, 1), "claim_clock_warning_days": 0},
            lambda company, _setting: self.env._(
                "%(company)s: the claim deadlines must be at least one day and the warning cannot be negative.",
                company=company.name,
            ),
        )

    def write(self, vals):
        # a new number applies to the running clocks from today; met ones are never rewritten
        changed = {name for name in (*CLAIM_CLOCK_FIELDS, "claim_clock_warning_days") if name in vals}
        result = super().write(vals)
        if changed:
            self.env["insurance.claim"]._clock_refresh_company(self, CLAIM_CLOCKS)
        return result

    # Employee property-loss compensation: accounts and rules
    employee_compensation_journal_id = fields.Many2one(
        "account.journal",
        "Compensation Journal",
        domain="[('type', '=', 'sale'), ('company_id', '=', id)]",
        help="Sales journal of the compensation invoices to employees.",
    )
    employee_compensation_receivable_account_id = fields.Many2one(
        "account.account",
        "Employee Compensation Receivable",
        domain="[('account_type', '=', 'asset_receivable')]",
        help="What employees owe for damaged or lost company property (其他应收款-员工赔偿).",
    )
    employee_compensation_income_account_id = fields.Many2one(
        "account.account",
        "Employee Compensation Income",
        domain="[('account_type', 'in', ('income', 'income_other'))]",
        help="Credited by the compensation invoices (营业外收入).",
    )
    employee_compensation_deduction_account_id = fields.Many2one(
        "account.account",
        "Salary Deduction Clearing",
        domain="[('account_type', 'in', ('liability_current', 'liability_payable'))]",
        help="Debited when a monthly salary deduction is made: the salary withheld settles the receivable.",
    )
    employee_compensation_share_rule = fields.Boolean(
        "Employee Share Rule",
        help="The employee bears only a share of the loss, between a minimum and a maximum.",
    )
    employee_compensation_share_percent = fields.Float("Employee Share (%)", default=40.0)
    employee_compensation_share_min = fields.Monetary("Share Minimum", currency_field="currency_id", default=10.0)
    employee_compensation_share_max = fields.Monetary(
        "Share Maximum", currency_field="currency_id", default=10000.0, help="0: no maximum."
    )
    employee_compensation_deduction_cap = fields.Monetary(
        "Monthly Deduction Cap",
        currency_field="currency_id",
        help="The most deducted from one month's salary; 0 deducts what is owed in one month.",
    )
    employee_compensation_wage_percent = fields.Float(
        "Deduction Share of the Wage (%)",
        default=20.0,
        help="Provisional Regulations on Wage Payment (工资支付暂行规定) Art. 16: a monthly deduction for the "
        "employee's compensation takes at most 20 % of that month's wage.",
    )
    employee_compensation_minimum_wage = fields.Monetary(
        "Local Minimum Wage",
        currency_field="currency_id",
        default=2100.0,
        help="Provisional Regulations on Wage Payment (工资支付暂行规定) Art. 16: what is paid after the monthly "
        "deduction is not below the local monthly minimum wage. Set the current standard of the company's city.",
    )
    # red flags of claims
    claim_flag_repeat_count = fields.Integer(
        "Repeated Claims Flagged From",
        default=3,
        help="A claim is flagged when the insured (else the policy) has this many claims, itself included, with a "
        "loss within the window. 0 or 1: off.",
    )
    claim_flag_repeat_days = fields.Integer(
        "Repeated Claims Window (days)",
        default=180,
        help="Days before and after the loss in which the claims on the same insured are counted.",
    )
    claim_flag_early_loss_days = fields.Integer(
        "Early Loss Flagged Within (days)",
        default=30,
        help="A loss in the first days of the policy (the start day is day 1) is flagged. 0: off.",
    )

    @api.constrains("claim_flag_repeat_count", "claim_flag_repeat_days", "claim_flag_early_loss_days")
    def _check_claim_flag_settings(self):
        self._insurance_check_minimums(
            dict.fromkeys(("claim_flag_repeat_count", "claim_flag_repeat_days", "claim_flag_early_loss_days"), 0),
            lambda company, _setting: self.env._(
                "%(company)s: the red flag counts and days cannot be negative.", company=company.name
            ),
        )

    @api.constrains(
        "employee_compensation_share_percent",
        "employee_compensation_share_min",
        "employee_compensation_share_max",
        "employee_compensation_deduction_cap",
        "employee_compensation_wage_percent",
        "employee_compensation_minimum_wage",
    )
    def _check_employee_compensation_rule(self):
        for company in self:
            low, high = company.employee_compensation_share_min, company.employee_compensation_share_max
            if (
                not 0 <= company.employee_compensation_share_percent <= 100
                or low < 0
                or high < 0
                or (high and low > high)
                or company.employee_compensation_deduction_cap < 0
                or not 0 < company.employee_compensation_wage_percent <= 20
                or company.employee_compensation_minimum_wage < 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s: the employee's share is a percentage between 0 and 100, its minimum and maximum "
                        "and the monthly deduction cap cannot be negative, and the minimum cannot exceed the maximum; "
                        "a salary deduction takes more than 0 and at most 20 %% of the wage and the minimum wage "
                        "cannot be negative (Provisional Regulations on Wage Payment Art. 16).",
                        company=company.name,
                    )
                )

    @api.model
    def _employee_compensation_setup_all(self):
        self.search([("chart_template", "!=", False)])._employee_compensation_setup()

    def _employee_compensation_setup(self):
        """Create the default journal links and accounts of a company with a chart of accounts."""
        for company in self.filtered("chart_template"):
            Account = self.env["account.account"].with_company(company)
            company_domain = Account._check_company_domain(company)
            values = {}
            Journal = self.env["account.journal"]
            if not company.employee_compensation_journal_id:
                values["employee_compensation_journal_id"] = Journal.search(
                    [*Journal._check_company_domain(company), ("type", "=", "sale")], limit=1
                ).id
            defaults = (
                (
                    "employee_compensation_receivable_account_id",
                    ("asset_receivable",),
                    self.env._("Employee Compensation Receivable"),
                ),
                (
                    "employee_compensation_income_account_id",
                    ("income_other", "income"),
                    self.env._("Employee Compensation Income"),
                ),
                (
                    "employee_compensation_deduction_account_id",
                    ("liability_current",),
                    self.env._("Salary Deductions for Compensation"),
                ),
            )
            for field_name, account_types, name in defaults:
                if company[field_name]:
                    continue
                start = Account.browse()
                for account_type in account_types:
                    domain = [*company_domain, ("account_type", "=", account_type)]
                    start = Account.search(domain, order="code", limit=1)
                    if start:
                        break
                if not start:
                    continue
                values[field_name] = Account.create(
                    {
                        "name": name,
                        # Odoo's create gives the first free code from this one on
                        "prefix": start.code,
                        "code_digits": len(start.code),
                        "account_type": start.account_type,
                        "reconcile": account_types[0] == "asset_receivable",
                        "company_ids": [(6, 0, company.ids)],
                    }
                ).id
            if values:
                company.write(values)

    # ------------------------------------------------------------------
    # Claims accounting (reserves, payouts, recoveries)
    # ------------------------------------------------------------------
    claim_payout_journal_id = fields.Many2one(
        "account.journal",
        domain="[('type', '=', 'purchase'), ('company_id', '=', id)]",
        help="Vendor bills paying claims are created in this journal.",
    )
    claim_reserve_journal_id = fields.Many2one(
        "account.journal",
        domain="[('type', '=', 'general'), ('company_id', '=', id)]",
        help="Miscellaneous journal of the reserve entries.",
    )
    claim_paid_account_id = fields.Many2one(
        "account.account", "Claims Paid Account", help="Expense account debited by the payout bills."
    )
    claim_reserve_account_id = fields.Many2one(
        "account.account",
        "Outstanding Claims Reserve Account",
        help="Liability account of the outstanding claims reserve (未决赔款准备金).",
    )
    claim_reserve_change_account_id = fields.Many2one(
        "account.account", "Change in Claims Reserve Account", help="Expense account of the reserve changes."
    )
    claim_recovery_account_id = fields.Many2one(
        "account.account",
        "Claim Recoveries Account",
        help="Income account credited by the recovery invoices (subrogation, salvage, reinsurance share).",
    )

    claim_payment_journal_id = fields.Many2one(
        "account.journal",
        domain="[('type', '=', 'bank'), ('company_id', '=', id)]",
        help="Bank journal the payment register proposes for the payout bills; by default the company's "
        "first bank journal.",
    )
    claim_subrogation_account_id = fields.Many2one(
        "account.account",
        "Subrogation Receivable Account",
        domain="[('account_type', '=', 'asset_receivable')]",
        help="Receivable of the subrogation recovery invoices (应收代位追偿款); they credit the claims paid. "
        "Empty: the debtor's receivable and the recoveries account.",
    )
    claim_salvage_account_id = fields.Many2one(
        "account.account",
        "Salvage Receivable Account",
        domain="[('account_type', '=', 'asset_receivable')]",
        help="Receivable of the salvage recovery invoices (损余物资处置款); they credit the claims paid. "
        "Empty: the debtor's receivable and the recoveries account.",
    )

    def _claim_accounting(self):
        """The claims journals and accounts of the company; the missing ones are created first."""
        self.ensure_one()
        self._claims_create_default_accounting()
        return {
            name: self[name]
            for name in (
                *CLAIM_ACCOUNTING_FIELDS,
                "claim_payment_journal_id",
                "claim_subrogation_account_id",
                "claim_salvage_account_id",
            )
        }

    def _claims_analytic_cache(self):
        """``lookup(account, partner)``: the analytic distribution Odoo's distribution models give a journal
        item of this company, looked up once per account and partner (not once per line)."""
        self.ensure_one()
        cache = {}
        Model = self.env["account.analytic.distribution.model"]
        has_models = bool(Model.search_count([("company_id", "in", (False, self.id))], limit=1))

        def lookup(account, partner):
            if not has_models:
                return False
            key = (account.id, partner.id)
            if key not in cache:
                cache[key] = (
                    Model._get_distribution(
                        {
                            "product_id": False,
                            "product_categ_id": False,
                            "partner_id": partner.id,
                            "partner_category_id": partner.category_id.ids,
                            "account_prefix": account.code,
                            "company_id": self.id,
                        }
                    )
                    or False
                )
            return cache[key]

        return lookup

    @api.model
    def _claims_setup_default_accounting_all(self):
        """On install: defaults for every company that has a chart of accounts."""
        self.search([("chart_template", "!=", False)])._claims_create_default_accounting()

    def _claims_create_default_accounting(self):
        """Create the claims journals and accounts a company with a chart of accounts lacks."""
        for company in self:
            missing = [name for name in CLAIM_ACCOUNTING_FIELDS if not company[name]]
            receivables = {
                name: spec
                for name, spec in CLAIM_CHART_RECOVERY_RECEIVABLES.get(company.chart_template, {}).items()
                if not company[name]
            }
            if not company.claim_payment_journal_id and company.chart_template:
                bank = self.env["account.journal"].search(
                    [*self.env["account.journal"]._check_company_domain(company), ("type", "=", "bank")], limit=1
                )
                if bank:
                    company.claim_payment_journal_id = bank
            if not missing and not receivables:
                continue
            if not company.chart_template:
                raise UserError(
                    self.env._(
                        "%(company)s has no chart of accounts: install one before the claims accounting.",
                        company=company.name,
                    )
                )
            Account = self.env["account.account"].with_company(company)
            Journal = self.env["account.journal"].with_company(company)
            values = {}
            chart_codes = CLAIM_CHART_ACCOUNT_CODES.get(company.chart_template, {})
            wanted_codes = {chart_codes[name] for name in missing if name in chart_codes}
            wanted_codes.update(spec[0] for spec in receivables.values())
            by_code = {}
            if wanted_codes:
                by_code = {
                    account.code: account
                    for account in Account.search(
                        [*Account._check_company_domain(company), ("code", "in", list(wanted_codes))]
                    )
                }
            for name in missing:
                if chart_codes.get(name) in by_code:
                    values[name] = by_code[chart_codes[name]].id
                    continue
                spec = CLAIM_DEFAULTS[name]
                if spec[0] == "journal":
                    _kind, code, journal_type, label = spec
                    journal = Journal.search(
                        [("code", "=", code), ("company_id", "=", company.id), ("type", "=", journal_type)], limit=1
                    ) or Journal.create(
                        {"name": self.env._(label), "code": code, "type": journal_type, "company_id": company.id}
                    )
                    values[name] = journal.id
                    continue
                _kind, account_type, label = spec
                model = Account.search(
                    [("account_type", "=", account_type), ("company_ids", "in", company.id)], order="code", limit=1
                )
                start_code = model.code or "999000"
                values[name] = Account.create(
                    {
                        "name": self.env._(label),
                        "prefix": start_code,
                        "code_digits": len(start_code),
                        "account_type": account_type,
                        "company_ids": [Command.link(company.id)],
                    }
                ).id
            for name, (code, account_type, label) in receivables.items():
                values[name] = (
                    by_code.get(code)
                    or Account.create(
                        {
                            "name": self.env._(label),
                            "code": code,
                            "account_type": account_type,
                            "reconcile": True,
                            "company_ids": [Command.link(company.id)],
                        }
                    )
                ).id
            company.write(values)

    def action_claims_create_default_accounting(self):
        self._claims_create_default_accounting()
        return True
