from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib import chinese_calendar_source, workdays

HOLIDAY_SELECTION = [
    ("new_years_day", "New Year's Day"),
    ("spring_festival", "Spring Festival"),
    ("tomb_sweeping_day", "Tomb-sweeping Day"),
    ("labour_day", "Labour Day"),
    ("dragon_boat_festival", "Dragon Boat Festival"),
    ("mid_autumn_festival", "Mid-autumn Festival"),
    ("national_day", "National Day"),
    ("other", "Other"),
]


class CnCalendarDay(models.Model):
    """A Chinese statutory holiday or make-up working day (调休上班).

    Rows synced from the ``chinesecalendar`` package are shared by every
    company; a company may add its own rows or correct a synced one, and its
    own row wins over the shared one for that date.  Whether a year is
    complete is kept in ``cn.calendar.year``: a day entered by hand does not
    make a year known.
    """

    _name = "cn.calendar.day"
    _description = "Holiday or Make-up Working Day"
    _order = "date desc"

    holiday = fields.Selection(HOLIDAY_SELECTION, required=True, default="other")
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
            self._cr, "cn_calendar_day_date_company_uniq", self._table, ["date", "COALESCE(company_id, 0)"]
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

    # ------------------------------------------------------------------
    # Every change tells the deadlines that depend on the calendar
    # ------------------------------------------------------------------
    def _changed_scope(self):
        """``{company id or False: {years}}`` the rows of ``self`` touch."""
        scope = {}
        for day in self:
            scope.setdefault(day.company_id.id, set()).add(day.year)
        return scope

    @api.model
    def _notify_calendar_change(self, *scopes):
        merged = {}
        for scope in scopes:
            for company_id, years in scope.items():
                merged.setdefault(company_id, set()).update(years)
        if merged:
            self.env.registry.clear_cache()
            self.env["cn.calendar.year"]._on_calendar_change(merged)

    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        self._notify_calendar_change(days._changed_scope())
        return days

    def write(self, vals):
        # A day corrected by hand is no longer the library's: the next sync keeps it.
        if "source" not in vals and {"date", "kind", "in_lieu", "active"} & vals.keys():
            vals = dict(vals, source="manual")
        before = self._changed_scope()
        result = super().write(vals)
        if {"date", "kind", "active", "company_id"} & vals.keys():
            self._notify_calendar_change(before, self._changed_scope())
        return result

    def unlink(self):
        before = self._changed_scope()
        result = super().unlink()
        self._notify_calendar_change(before)
        return result

    # ------------------------------------------------------------------
    # Sync from the chinesecalendar package
    # ------------------------------------------------------------------
    @api.model
    def sync_from_library(self, years=None):
        """Create or refresh the shared rows for ``years`` (default: all known).

        Rows corrected by hand (``source = manual``) are left alone; each year
        synced is marked complete (its source is the official schedule).
        Returns the years synced.
        """
        known = chinese_calendar_source.known_years()
        years = sorted(set(years or known))
        unknown = [year for year in years if year not in known]
        if unknown:
            raise UserError(
                self.env._(
                    "The installed chinesecalendar package has no holiday schedule for %(years)s "
                    "(it knows %(first)s to %(last)s). Enter the days of that year by hand and mark the "
                    "year complete, or upgrade the package once the State Council has published the schedule.",
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
        self.env["cn.calendar.year"]._mark_library_years(years)
        return years

    @api.model
    def _cron_sync_from_library(self):
        self.sync_from_library()

    # ------------------------------------------------------------------
    # The working-day calendar used by rosters, claims and complaints
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache("company_id", "year")
    def _year_data(self, company_id, year):
        """``(known, holidays, makeup_workdays)`` of ``year`` for a company, cached until the calendar changes.

        Read in SQL: the calendar is public data shared by every user of the
        company (the record rules would give the same rows), and the cache is
        shared by them all.
        """
        self.env["cn.calendar.day"].flush_model(["date", "kind", "company_id", "active"])
        self.env["cn.calendar.year"].flush_model(["year", "company_id", "complete"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT date, kind, company_id FROM cn_calendar_day
                 WHERE active AND date >= %(start)s AND date <= %(end)s
                   AND (company_id IS NULL OR company_id = %(company)s)
                """,
                start=f"{year}-01-01",
                end=f"{year}-12-31",
                company=company_id or 0,
            )
        )
        chosen = {}
        for date, kind, row_company in rows:
            if row_company or date not in chosen:
                chosen[date] = kind
        [(known,)] = self.env.execute_query(
            SQL(
                """
                SELECT EXISTS(SELECT 1 FROM cn_calendar_year
                               WHERE year = %(year)s AND complete
                                 AND (company_id IS NULL OR company_id = %(company)s))
                """,
                year=year,
                company=company_id or 0,
            )
        )
        holidays = frozenset(date for date, kind in chosen.items() if kind == "holiday")
        makeup = frozenset(date for date, kind in chosen.items() if kind == "workday")
        return known, holidays, makeup

    @api.model
    def _working_calendar(self, company=None):
        """The :class:`~..lib.workdays.WorkingCalendar` of ``company`` (default: the current one)."""
        company_id = (company or self.env.company).id
        return workdays.WorkingCalendar(lambda year: self._year_data(company_id, year))

    @api.model
    def _calendar_sets(self, company, date_from, date_to):
        """Holiday and make-up sets for ``company`` between two dates.

        Returns ``(holidays, makeup_workdays, known_years)``: the dates of the
        years concerned and the years among them that are complete.
        """
        company_id = (company or self.env.company).id
        holidays, makeup, known = set(), set(), set()
        for year in range(date_from.year, date_to.year + 1):
            year_known, year_holidays, year_makeup = self._year_data(company_id, year)
            holidays |= {day for day in year_holidays if date_from <= day <= date_to}
            makeup |= {day for day in year_makeup if date_from <= day <= date_to}
            if year_known:
                known.add(year)
        return holidays, makeup, known

    @api.model
    def _unknown_year_message(self, year):
        return self.env._(
            "The Chinese holiday calendar has no complete data for %(year)s, so working days cannot be "
            "counted. Load the official schedule, or enter the holidays and make-up working days of %(year)s "
            "by hand and mark the year complete (Configuration > Holidays, then Holiday Years).",
            year=year,
        )

    @api.model
    def _raise_unknown_year(self, year):
        raise UserError(self._unknown_year_message(year))

    @api.model
    def is_working_day(self, day, company=None):
        """Tell whether ``day`` (a date) is a working day in China for ``company``."""
        try:
            return self._working_calendar(company).is_working_day(fields.Date.to_date(day))
        except workdays.UnknownYearError as error:
            self._raise_unknown_year(error.year)

    @api.model
    def add_working_days(self, day, count, company=None):
        """Return the date ``count`` working days after ``day`` for ``company``."""
        try:
            return self._working_calendar(company).add_working_days(fields.Date.to_date(day), count)
        except workdays.UnknownYearError as error:
            self._raise_unknown_year(error.year)
