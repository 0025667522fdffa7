from odoo import api, fields, models
from odoo.exceptions import ValidationError

MIN_HANDOVER_RETENTION_MONTHS = 3


class ResCompany(models.Model):
    _inherit = "res.company"

    duty_weight_day = fields.Float("Weekday Day Duty Points", default=1.0)
    duty_weight_night = fields.Float("Night Duty Points", default=1.5)
    duty_weight_weekend = fields.Float("Weekend Duty Points", default=2.0)
    duty_weight_holiday = fields.Float("Statutory Holiday Duty Points", default=3.0)
    duty_handover_retention_months = fields.Integer(
        "Handover Log Retention (months)",
        default=MIN_HANDOVER_RETENTION_MONTHS,
        help="Signed handover logs stay in the active list this long after their duty, then are archived "
        "(never deleted). The regulation requires at least 3 months.",
    )

    @api.constrains("duty_handover_retention_months")
    def _check_duty_handover_retention(self):
        for company in self:
            if company.duty_handover_retention_months < MIN_HANDOVER_RETENTION_MONTHS:
                raise ValidationError(
                    self.env._(
                        "Handover logs must be kept at least %(months)s months (%(company)s).",
                        months=MIN_HANDOVER_RETENTION_MONTHS,
                        company=company.name,
                    )
                )

    def _duty_points(self, day, is_night, holidays, makeup):
        """Fairness points of one duty on ``day`` (local date)."""
        self.ensure_one()
        if day in holidays:
            return self.duty_weight_holiday
        if day.weekday() >= 5 and day not in makeup:
            return self.duty_weight_weekend
        return self.duty_weight_night if is_night else self.duty_weight_day
