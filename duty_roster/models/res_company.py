import datetime

from odoo import api, fields, models

MIN_HANDOVER_RETENTION_MONTHS = 3


class ResCompany(models.Model):
    _inherit = "res.company"

    duty_weight_day = fields.Float("Weekday Day Duty Points", default=1.0)
    duty_weight_night = fields.Float("Night Duty Points", default=1.5)
    duty_weight_weekend = fields.Float("Weekend Duty Points", default=2.0)
    duty_weight_holiday = fields.Float("Statutory Holiday Duty Points", default=3.0)
    duty_weight_in_lieu = fields.Float(
        "Day Off In Lieu Duty Points",
        default=2.0,
        help="A duty on a working day given off in exchange for a make-up working day (调休, e.g. 6 and 7 "
        "October 2026): a rest day moved, not a statutory holiday.",
    )
    duty_weight_holiday_weekend = fields.Float(
        "Weekend Inside A Holiday Duty Points",
        default=2.0,
        help="A duty on a Saturday or Sunday inside a holiday period (e.g. 3 and 4 October 2026): a rest day, "
        "not a statutory holiday.",
    )
    duty_weight_emergency = fields.Float(
        "Emergency Call-In Points",
        default=3.0,
        help="Fairness points of an emergency call-in (Reinforce Now) per 12 hours on duty, whatever the day: "
        "a 6-hour call-in earns half of it.",
    )
    duty_handover_retention_months = fields.Integer(
        "Handover Log Retention (months)",
        default=MIN_HANDOVER_RETENTION_MONTHS,
        help="Signed handover logs stay in the active list this long after their duty, then are archived "
        "(never deleted). The regulation requires at least 3 months.",
    )

    duty_calendar_notice_year = fields.Integer(
        "Missing Holidays Notified For",
        readonly=True,
        copy=False,
        help="The year whose missing holiday calendar the duty managers were last told about.",
    )

    @api.constrains("duty_handover_retention_months")
    def _check_duty_handover_retention(self):
        self._insurance_check_minimums(
            {"duty_handover_retention_months": MIN_HANDOVER_RETENTION_MONTHS},
            lambda company, _setting: self.env._(
                "Handover logs must be kept at least %(months)s months (%(company)s).",
                months=MIN_HANDOVER_RETENTION_MONTHS,
                company=company.name,
            ),
        )

    def _duty_points(self, day, is_night, holidays, makeup, in_lieu=()):
        """Fairness points of one duty on ``day`` (local date); ``in_lieu``: the days off in lieu."""
        return self._duty_points_function(holidays, makeup, in_lieu)(day, is_night)

    def _duty_points_function(self, holidays, makeup, in_lieu=()):
        """``f(day, is_night) -> points`` with the company's weights read once (fast over a year)."""
        self.ensure_one()
        holiday, in_lieu_weight, holiday_weekend = (
            self.duty_weight_holiday,
            self.duty_weight_in_lieu,
            self.duty_weight_holiday_weekend,
        )
        weekend, night, day_weight = self.duty_weight_weekend, self.duty_weight_night, self.duty_weight_day

        def points(day, is_night):
            if day in holidays:
                if day in in_lieu:
                    return in_lieu_weight
                return holiday_weekend if day.weekday() >= 5 else holiday
            if day.weekday() >= 5 and day not in makeup:
                return weekend
            return night if is_night else day_weight

        return points

    def _duty_in_lieu_days(self, date_from, date_to):
        """Days off in lieu (调休) of the company's holiday calendar between two dates, in one query;
        a company row replaces the shared row of the same date."""
        self.ensure_one()
        rows = self.env["cn.calendar.day"].search_read(
            [
                ("date", ">=", date_from),
                ("date", "<=", date_to),
                ("kind", "=", "holiday"),
                ("company_id", "in", [self.id, False]),
            ],
            ["date", "in_lieu", "company_id"],
        )
        chosen = {}
        for row in rows:
            if row["company_id"] or row["date"] not in chosen:
                chosen[row["date"]] = row["in_lieu"]
        return {day for day, in_lieu in chosen.items() if in_lieu}

    @api.model
    def _duty_next_year_due(self, today):
        """Next year from 1 November of ``today``'s year on (its rosters are prepared then), else ``None``."""
        if today >= datetime.date(today.year, 11, 1):
            return today.year + 1
        return None
