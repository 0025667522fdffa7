from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .insurance_clock import COMPLAINT_CLOCKS

# statutory numbers of CBIRC Order 2020 No. 3: each at least 1
COMPLAINT_STATUTORY_FIELDS = (
    "complaint_decision_days",
    "complaint_first_extension_days",
    "complaint_second_extension_days",
    "complaint_review_days",
    "complaint_max_representatives",
)
COMPLAINT_TARGET_FIELDS = (
    "complaint_contact_working_days",
    "complaint_resolve_working_days",
    "complaint_resolve_major_working_days",
    "complaint_progress_hours",
)


class ResCompany(models.Model):
    """Complaint settings of the company: the major-loss threshold, the handling targets and the
    follow-up visits."""

    _inherit = "res.company"

    complaint_company_type = fields.Selection(
        [("pnc", "Property and casualty"), ("life", "Life and health")],
        "Company Type",
        default="pnc",
        required=True,
        help="How the regulator classifies the company in its complaint bulletins: property and casualty, or "
        "life and health. Categories of the other type cannot be chosen.",
    )
    complaint_premium_source = fields.Selection(
        [("schedule", "Policy premium schedules"), ("accounting", "Accounting income accounts")],
        "Premium of the Regulator Figures",
        default="schedule",
        required=True,
        help="Where the written premium of the complaints per 100 million yuan of premium comes from: the "
        "premium schedules of the policies (instalments and renewals, less cancellation refunds), or the credit "
        "balance of the income accounts set for each product line.",
    )
    complaint_premium_account_ids = fields.One2many(
        "insurance.complaint.premium.account", "company_id", string="Premium Income Accounts"
    )
    complaint_major_loss = fields.Monetary(
        "Major Complaint Loss",
        currency_field="currency_id",
        default=20000,
        help="A complaint whose actual or possible loss reaches this amount is major (default ¥20,000).",
    )

    complaint_decision_days = fields.Integer(
        "Complaint Decision (days)",
        default=15,
        help="Calendar days from the clock start (receipt, or new facts) to the decision sent to the complainant. "
        "CBIRC Order 2020 No. 3 (Measures for Handling Banking and Insurance Consumer Complaints) Art. 14: "
        "15 days.",
    )
    complaint_first_extension_days = fields.Integer(
        "Complaint Decision, Extended (days)",
        default=30,
        help="Calendar days from the clock start once a complex case is extended, the complainant being told why. "
        "CBIRC Order 2020 No. 3 Art. 14: may be extended to 30 days.",
    )
    complaint_second_extension_days = fields.Integer(
        "Complaint Decision, Extended Twice (days)",
        default=60,
        help="Calendar days from the clock start after a second extension approved by the upper-level "
        "institution (head office). CBIRC Order 2020 No. 3 Art. 14: at most 60 days in special circumstances.",
    )
    complaint_review_days = fields.Integer(
        "Complaint Review Window (days)",
        default=30,
        help="Days after being notified of the decision during which the complainant may ask the upper level "
        "for a review. CBIRC Order 2020 No. 3 Art. 16: within 30 days.",
    )
    complaint_max_representatives = fields.Integer(
        "Group Complaint Representatives in Person",
        default=5,
        help="At most this many representatives come in person for a group complaint. CBIRC Order 2020 No. 3 "
        "Art. 12: no more than 5 representatives.",
    )

    @api.constrains(*COMPLAINT_STATUTORY_FIELDS)
    def _check_complaint_statutory(self):
        self._insurance_check_minimums(
            dict.fromkeys(COMPLAINT_STATUTORY_FIELDS, 1),
            lambda company, setting: self.env._(
                "%(company)s: %(setting)s must be at least 1 (the law gives %(default)s).",
                company=company.name,
                setting=self._fields[setting]._description_string(self.env),
                default=self._fields[setting].default(company),
            ),
        )
        for company in self:
            if not (
                company.complaint_decision_days
                <= company.complaint_first_extension_days
                <= company.complaint_second_extension_days
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s: an extended complaint time limit cannot be shorter than the one before it.",
                        company=company.name,
                    )
                )

    def write(self, vals):
        # a new number applies to the running clocks from today; met ones are never rewritten
        changed = {
            name
            for name in (
                "complaint_decision_days",
                "complaint_first_extension_days",
                "complaint_second_extension_days",
                "complaint_clock_warning_days",
                *COMPLAINT_TARGET_FIELDS,
            )
            if name in vals
        }
        result = super().write(vals)
        if changed:
            self.env["insurance.complaint"]._clock_refresh_company(self, COMPLAINT_CLOCKS)
        return result

    complaint_contact_working_days = fields.Integer(
        "Complaint First Contact (working days)",
        default=1,
        help="Working days from the receipt to the first contact with the complainant; crisis complaints are "
        "contacted the same day.",
    )
    complaint_resolve_working_days = fields.Integer(
        "Complaint Resolution, General (working days)",
        default=3,
        help="Working days from the receipt to the resolution of a general complaint.",
    )
    complaint_resolve_major_working_days = fields.Integer(
        "Complaint Resolution, Major (working days)",
        default=5,
        help="Working days from the receipt to the resolution of a major or crisis complaint.",
    )
    complaint_progress_hours = fields.Integer(
        "Complaint Progress Note (hours)",
        default=24,
        help="Hours from the receipt or the last progress note to the next one; crisis complaints: the same day.",
    )
    complaint_clock_warning_days = fields.Integer(
        "Complaint Deadline Warning (days)",
        default=3,
        help="The owner gets an activity this many days before the statutory decision deadline.",
    )

    @api.constrains(*COMPLAINT_TARGET_FIELDS, "complaint_clock_warning_days")
    def _check_complaint_targets(self):
        self._insurance_check_minimums(
            dict.fromkeys((*COMPLAINT_TARGET_FIELDS, "complaint_clock_warning_days"), 0),
            lambda company, _setting: self.env._("Complaint targets and warnings cannot be negative."),
        )

    followup_due_days = fields.Integer(
        "Follow-up Due (days)",
        default=7,
        help="Days after a complaint is closed or a claim paid to visit the customer.",
    )
    followup_level2_rate = fields.Float(
        "Level 2 Sampling Rate (%)", default=10.0, help="Share of the visits repeated by a manager (at least 10 %)."
    )
    followup_level3_rate = fields.Float(
        "Level 3 Sampling Rate (%)", default=5.0, help="Share of the visits repeated by a director (at least 5 %)."
    )
    followup_max_attempts = fields.Integer(
        "Follow-up Attempts", default=3, help="Attempts to reach the customer before the visit is given up."
    )
    followup_retry_days = fields.Integer("Days between Attempts", default=1)

    @api.constrains(
        "followup_due_days",
        "followup_level2_rate",
        "followup_level3_rate",
        "followup_max_attempts",
        "followup_retry_days",
    )
    def _check_followup_settings(self):
        for company in self:
            if not 10 <= company.followup_level2_rate <= 100 or not 5 <= company.followup_level3_rate <= 100:
                raise ValidationError(
                    self.env._(
                        "%(company)s: follow-up sampling is at least 10 %% at level 2 and 5 %% at level 3.",
                        company=company.name,
                    )
                )
            if min(company.followup_due_days, company.followup_max_attempts, company.followup_retry_days) < 1:
                raise ValidationError(
                    self.env._("%(company)s: follow-up days and attempts must be at least 1.", company=company.name)
                )

    followup_on_claim_report = fields.Boolean(
        "Visit on Claim Report",
        help="Plan a follow-up visit as soon as a claim is reported, besides the one after payment.",
    )
    followup_level2_user_id = fields.Many2one(
        "res.users",
        "Level 2 Visitor",
        domain="[('share', '=', False)]",
        help="Makes the level-2 (manager) visits. Empty: the company's first complaint manager.",
    )
    followup_level3_user_id = fields.Many2one(
        "res.users",
        "Level 3 Visitor",
        domain="[('share', '=', False)]",
        help="Makes the level-3 (head) visits. Empty: the line manager of the level-2 visitor, else the level-2 "
        "visitor.",
    )

    @api.constrains("complaint_company_type")
    def _check_complaint_company_type(self):
        for company in self:
            other = [("company_type", "not in", ("all", company.complaint_company_type))]
            # a count only, whoever changes the company (an accountant creating a company has no complaint rights)
            used = (
                self.env["insurance.complaint"]
                .sudo()
                .search_count([("company_id", "=", company.id), ("category_id", "any", other)], limit=1)
            )
            if used:
                raise ValidationError(
                    self.env._(
                        "Complaints of %(company)s are classified under categories of the other company type: "
                        "reclassify them before changing the company type.",
                        company=company.name,
                    )
                )

    # before the sent-log (insurance.complaint.mailing): the last month whose list went out, kept so that an
    # upgrade does not send that month again; nothing writes it any more
    complaint_monthly_list_sent = fields.Char(
        "Monthly Complaint List Sent For",
        readonly=True,
        copy=False,
        help="The last month (YYYY-MM) whose complaint list went to the managers and compliance before the "
        "monthly mailings were logged per recipient.",
    )

    def _complaint_premium_from_accounting(self, date_from, date_to):
        """{product line: credit balance of the posted entries on its income accounts in the period}."""
        self.ensure_one()
        mapping = self.env["insurance.complaint.premium.account"].search([("company_id", "=", self.id)])
        line_of = {account: entry.product_line for entry in mapping for account in entry.account_ids}
        if not line_of:
            return {}
        # consumer-protection staff hold no accounting rights: one aggregate of this company's configured accounts
        rows = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.id),
                    ("parent_state", "=", "posted"),
                    ("account_id", "in", [account.id for account in line_of]),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                ["account_id"],
                ["balance:sum"],
            )
        )
        premium = {}
        line_of = {account.id: line for account, line in line_of.items()}
        for account, balance in rows:
            premium[line_of[account.id]] = premium.get(line_of[account.id], 0.0) - balance
        return premium
