from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

CLAIM_CLOCK_FIELDS = (
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
    claim_clock_warning_days = fields.Integer(
        "Deadline Warning (days)",
        default=3,
        help="The claim handler (or the claims director when there is none) gets an activity this many days "
        "before a statutory deadline; overdue claims are escalated to the claims directors.",
    )

    @api.constrains(*CLAIM_CLOCK_FIELDS, "claim_clock_warning_days")
    def _check_claim_clock_days(self):
        for company in self:
            if any(company[name] < 1 for name in CLAIM_CLOCK_FIELDS) or company.claim_clock_warning_days < 0:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the claim deadlines must be at least one day and the warning cannot be negative.",
                        company=company.name,
                    )
                )

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

    def _claim_accounting(self):
        """The claims journals and accounts of the company; the missing ones are created first."""
        self.ensure_one()
        self._claims_create_default_accounting()
        return {name: self[name] for name in CLAIM_ACCOUNTING_FIELDS}

    @api.model
    def _claims_setup_default_accounting_all(self):
        """On install: defaults for every company that has a chart of accounts."""
        self.search([("chart_template", "!=", False)])._claims_create_default_accounting()

    def _claims_create_default_accounting(self):
        """Create the claims journals and accounts a company with a chart of accounts lacks."""
        for company in self:
            missing = [name for name in CLAIM_ACCOUNTING_FIELDS if not company[name]]
            if not missing:
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
            for name in missing:
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
                code = Account._search_new_account_code(model.code or "999000")
                values[name] = Account.create(
                    {
                        "name": self.env._(label),
                        "code": code,
                        "account_type": account_type,
                        "company_ids": [Command.link(company.id)],
                    }
                ).id
            company.write(values)

    def action_claims_create_default_accounting(self):
        self._claims_create_default_accounting()
        return True
