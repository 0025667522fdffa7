from odoo import api, fields, models
from odoo.exceptions import ValidationError

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

    complaint_major_loss = fields.Monetary(
        "Major Complaint Loss",
        currency_field="currency_id",
        default=20000,
        help="A complaint whose actual or possible loss reaches this amount is major (default ¥20,000).",
    )

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
        for company in self:
            if any(company[name] < 0 for name in (*COMPLAINT_TARGET_FIELDS, "complaint_clock_warning_days")):
                raise ValidationError(self.env._("Complaint targets and warnings cannot be negative."))

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

    complaint_monthly_list_sent = fields.Char(
        "Monthly Complaint List Sent For",
        readonly=True,
        copy=False,
        help="The last month (YYYY-MM) whose complaint list went to the managers and compliance.",
    )
