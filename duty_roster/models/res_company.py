from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    duty_weight_day = fields.Float("Weekday Day Duty Points", default=1.0)
    duty_weight_night = fields.Float("Night Duty Points", default=1.5)
    duty_weight_weekend = fields.Float("Weekend Duty Points", default=2.0)
    duty_weight_holiday = fields.Float("Statutory Holiday Duty Points", default=3.0)

    def _duty_points(self, day, is_night, holidays, makeup):
        """Fairness points of one duty on ``day`` (local date)."""
        self.ensure_one()
        if day in holidays:
            return self.duty_weight_holiday
        if day.weekday() >= 5 and day not in makeup:
            return self.duty_weight_weekend
        return self.duty_weight_night if is_night else self.duty_weight_day
