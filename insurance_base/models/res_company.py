import datetime
import functools
import re

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_TZ = "Asia/Shanghai"
# a customer hotline as printed on the letters: digits in groups joined by single hyphens (95511, 400-820-8888)
HOTLINE_PATTERN = re.compile(r"[0-9]+(?:-[0-9]+)*")
HOTLINE_MIN_LENGTH = 3
HOTLINE_MAX_LENGTH = 20

# pytz's conversions cost about 10 µs each, and a batch of clocks converts the same moments again and
# again (four clocks per complaint share its start; due moments fall on the same local midnights)
CONVERSIONS_CACHED = 8192


@functools.lru_cache(maxsize=CONVERSIONS_CACHED)
def _utc_to_local(tz_name, value):
    return pytz.utc.localize(value).astimezone(pytz.timezone(tz_name)).replace(tzinfo=None)


@functools.lru_cache(maxsize=CONVERSIONS_CACHED)
def _local_to_utc(tz_name, local):
    return pytz.timezone(tz_name).localize(local).astimezone(pytz.utc).replace(tzinfo=None)


class ResCompany(models.Model):
    _inherit = "res.company"

    insurance_civil_code_203 = fields.Boolean(
        "Move Day Deadlines off Holidays",
        help="Civil Code Art. 203: a period counted in days whose last day is a statutory holiday ends on the day "
        "after the holiday. Off by default: the earlier date is the safe one. Applies to clocks counted in "
        "calendar days; each deadline says which rule gave its date.",
    )
    insurance_pause_backdate_days = fields.Integer(
        "Days a Pause May Be Back-dated",
        default=0,
        help="How many days before today a clock pause may start without a manager's recorded reason "
        "(0: the pause starts today at the earliest). A pause never starts before its clock or in the future.",
    )

    insurance_hotline = fields.Char(
        "Customer Hotline",
        help="The customer service hotline printed in the letterhead of every letter to customers, e.g. 95511 or "
        "400-820-8888: digits and hyphens only.",
    )

    @api.constrains("insurance_hotline")
    def _check_insurance_hotline(self):
        for company in self:
            hotline = company.insurance_hotline
            if not hotline:
                continue
            if "\x00" in hotline:
                raise ValidationError(self.env._("The customer hotline contains a NUL character: type it again."))
            if not HOTLINE_MIN_LENGTH <= len(hotline) <= HOTLINE_MAX_LENGTH:
                raise ValidationError(
                    self.env._(
                        "The customer hotline %(hotline)s must have %(min)s to %(max)s characters.",
                        hotline=hotline,
                        min=HOTLINE_MIN_LENGTH,
                        max=HOTLINE_MAX_LENGTH,
                    )
                )
            if not HOTLINE_PATTERN.fullmatch(hotline):
                raise ValidationError(
                    self.env._(
                        "The customer hotline %(hotline)s may contain only digits and single hyphens between them, "
                        "e.g. 95511 or 400-820-8888.",
                        hotline=hotline,
                    )
                )

    @api.constrains("insurance_pause_backdate_days")
    def _check_insurance_pause_backdate_days(self):
        self._insurance_check_minimums(
            {"insurance_pause_backdate_days": 0},
            lambda company, _setting: self.env._("The days a pause may be back-dated cannot be negative."),
        )

    def _insurance_check_minimums(self, minimums, message):
        """The one validation of the suite's numeric company settings: refuse a company where a setting of
        ``minimums`` ({field name: smallest value}) is below its minimum, with ``message(company, name)``
        (the translated refusal, which may name the company and the first setting below its minimum)."""
        for company in self:
            for name, minimum in minimums.items():
                if company[name] < minimum:
                    raise ValidationError(message(company, name))

    # ------------------------------------------------------------------
    # The company-local day: every date that decides anything
    # ------------------------------------------------------------------
    def _insurance_tz_name(self):
        """The name of the company's time zone (its address), Asia/Shanghai when none is set."""
        self.ensure_one()
        return self.partner_id.tz or DEFAULT_TZ

    def _insurance_tz(self):
        """The company's time zone (its address), Asia/Shanghai when none is set."""
        return pytz.timezone(self._insurance_tz_name())

    def _insurance_local(self, value):
        """The naive local datetime of a naive UTC datetime, or ``None``."""
        if not value:
            return None
        return _utc_to_local(self._insurance_tz_name(), value)

    def _insurance_local_date(self, value):
        """The local date of a naive UTC datetime, or ``None``."""
        local = self._insurance_local(value)
        return local.date() if local else None

    def _insurance_utc(self, local):
        """The naive UTC datetime of a naive local datetime (DST-aware), or ``None``."""
        if not local:
            return None
        return _local_to_utc(self._insurance_tz_name(), local)

    def _insurance_today(self):
        """Today in the company's time zone."""
        return self._insurance_local_date(fields.Datetime.now())

    def _insurance_day_start(self, day):
        """The naive UTC moment of local midnight at the start of ``day``."""
        return self._insurance_utc(datetime.datetime.combine(day, datetime.time()))
