import datetime

from odoo import api, fields, models, tools
from odoo.exceptions import UserError

from ..lib import chinese_calendar_source, workdays


class DutyHoliday(models.Model):
    """A Chinese statutory holiday or make-up working day (调休上班).

    Rows synced from the ``chinesecalendar`` package are shared by every
    company; a company may add its own rows or correct a synced one, and its
    own row wins over the shared one for that date.
    """

    _name = "duty.holiday"
    _description = "Holiday or Make-up Working Day"
    _order = "date desc"

    holiday = fields.Selection(
        [
            ("new_years_day", "New Year's Day"),
            ("spring_festival", "Spring Festival"),
            ("tomb_sweeping_day", "Tomb-sweeping Day"),
            ("labour_day", "Labour Day"),
            ("dragon_boat_festival", "Dragon Boat Festival"),
            ("mid_autumn_festival", "Mid-autumn Festival"),
            ("national_day", "National Day"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    name = fields.Char(
        string="Note",
        help="What the day is, when the holiday list does not say it (e.g. a local holiday).",
    )
    date = fields.Date(required=True, index=True)
    year = fields.Integer(compute="_compute_year", store=True, index=True)
    kind = fields.Selection(
        [("holiday", "Day off (holiday)"), ("workday", "Make-up working day")],
        required=True,
        default="holiday",
        help="A day off inside a holiday period, or a weekend day that is worked in exchange for a day off (调休上班).",
    )
    in_lieu = fields.Boolean(
        string="Day Off in Lieu",
        help="A day off given in exchange for a make-up working day, not a statutory holiday itself.",
    )
    source = fields.Selection(
        [("library", "Official schedule"), ("manual", "Entered by hand")],
        required=True,
        default="manual",
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty for a day that applies to every company.",
    )
    active = fields.Boolean(default=True)

    def init(self):
        # One row per date for the shared calendar and one per date per company.
        tools.create_unique_index(
            self._cr, "duty_holiday_date_company_uniq", self._table, ["date", "COALESCE(company_id, 0)"]
        )

    @api.depends("holiday", "name", "date", "kind")
    def _compute_display_name(self):
        labels = dict(self._fields["holiday"]._description_selection(self.env))
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for day in self:
            what = day.name if day.holiday == "other" and day.name else labels.get(day.holiday, "")
            day.display_name = f"{day.date} {what} ({kinds.get(day.kind, '')})"

    @api.depends("date")
    def _compute_year(self):
        for day in self:
            day.year = day.date.year if day.date else 0

    def write(self, vals):
        # A day corrected by hand is no longer the library's: the next sync keeps it.
        if "source" not in vals and {"date", "kind", "in_lieu", "active"} & vals.keys():
            vals = dict(vals, source="manual")
        return super().write(vals)

    # ------------------------------------------------------------------
    # Sync from the chinesecalendar package
    # ------------------------------------------------------------------
    @api.model
    def sync_from_library(self, years=None):
        """Create or refresh the shared rows for ``years`` (default: all known).

        Rows corrected by hand (``source = manual``) are left alone.  Returns
        the years synced.
        """
        known = chinese_calendar_source.known_years()
        years = sorted(set(years or known))
        unknown = [year for year in years if year not in known]
        if unknown:
            raise UserError(
                self.env._(
                    "The installed chinesecalendar package has no holiday schedule for %(years)s "
                    "(it knows %(first)s to %(last)s). Enter the days of that year by hand, or "
                    "upgrade the package once the State Council has published the schedule.",
                    years=", ".join(map(str, unknown)),
                    first=known[0],
                    last=known[-1],
                )
            )
        wanted = {}
        for year in years:
            for day in chinese_calendar_source.days_of_year(year):
                wanted[day["date"]] = day
        existing = self.with_context(active_test=False).search([("company_id", "=", False), ("year", "in", years)])
        by_date = {row.date: row for row in existing}
        to_create = []
        for date, day in wanted.items():
            values = {
                "holiday": day["holiday"],
                "date": date,
                "kind": day["kind"],
                "in_lieu": day["in_lieu"],
                "source": "library",
                "company_id": False,
            }
            row = by_date.get(date)
            if not row:
                to_create.append(values)
            elif row.source == "library" and (row.kind, row.in_lieu, row.holiday) != (
                day["kind"],
                day["in_lieu"],
                day["holiday"],
            ):
                row.write(values)
        # Library rows whose date the schedule no longer lists were published in error.
        stale = existing.filtered(lambda row: row.source == "library" and row.date not in wanted)
        stale.unlink()
        self.create(to_create)
        return years

    @api.model
    def _cron_sync_from_library(self):
        self.sync_from_library()

    # ------------------------------------------------------------------
    # The shared helper used by rosters, claims and complaints
    # ------------------------------------------------------------------
    @api.model
    def _calendar_sets(self, company, date_from, date_to):
        """Holiday and make-up sets for ``company`` between two dates, in one query.

        Returns ``(holidays, makeup_workdays, known_years)``.  A company row
        replaces the shared row of the same date.
        """
        company = company or self.env.company
        rows = self.search_read(
            [
                ("date", ">=", date_from),
                ("date", "<=", date_to),
                ("company_id", "in", [company.id, False]),
            ],
            ["date", "kind", "company_id"],
        )
        chosen = {}
        for row in rows:
            if row["company_id"] or row["date"] not in chosen:
                chosen[row["date"]] = row["kind"]
        holidays = {date for date, kind in chosen.items() if kind == "holiday"}
        makeup = {date for date, kind in chosen.items() if kind == "workday"}
        groups = self.with_context(active_test=False)._read_group(
            [("company_id", "in", [company.id, False]), ("kind", "=", "holiday")], ["year"]
        )
        return holidays, makeup, {year for (year,) in groups}

    @api.model
    def _raise_unknown_year(self, year):
        raise UserError(
            self.env._(
                "The Chinese holiday calendar has no data for %(year)s, so working days cannot "
                "be counted. Synchronise it (Duty Roster > Configuration > Holidays) or enter "
                "the holidays and make-up working days of %(year)s by hand.",
                year=year,
            )
        )

    @api.model
    def is_working_day(self, day, company=None):
        """Tell whether ``day`` (a date) is a working day in China for ``company``."""
        day = fields.Date.to_date(day)
        holidays, makeup, known = self._calendar_sets(company, day, day)
        try:
            return workdays.is_working_day(day, holidays, makeup, known)
        except workdays.UnknownYearError as error:
            self._raise_unknown_year(error.year)

    @api.model
    def add_working_days(self, day, count, company=None):
        """Return the date ``count`` working days after ``day`` for ``company``."""
        day = fields.Date.to_date(day)
        # 3 calendar days per working day covers the longest Chinese holiday (8-9 days off).
        span = datetime.timedelta(days=abs(count) * 3 + 15)
        holidays, makeup, known = self._calendar_sets(company, day - span, day + span)
        try:
            return workdays.add_working_days(day, count, holidays, makeup, known)
        except workdays.UnknownYearError as error:
            self._raise_unknown_year(error.year)
