from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """Follow-up visit (回访) settings: due days, sampling rates of levels 2 and 3, retries."""

    _inherit = "res.company"

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
