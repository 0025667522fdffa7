"""Working-day arithmetic for the Chinese calendar, free of any ORM.

A day is a working day when it is a Monday to Friday that is not a holiday,
or a weekend day declared a make-up working day (调休上班).  Callers pass the
holiday and make-up sets they know for the years concerned; a year for which
nothing is known is refused rather than guessed.
"""

import datetime

ONE_DAY = datetime.timedelta(days=1)


class UnknownYearError(ValueError):
    """Raised when a date falls in a year the calendar has no data for."""

    def __init__(self, year):
        super().__init__(year)
        self.year = year


def _check_year(day, known_years):
    if known_years is not None and day.year not in known_years:
        raise UnknownYearError(day.year)


def is_working_day(day, holidays, makeup_workdays, known_years=None):
    """Tell whether ``day`` is a working day in China.

    :param day: a ``datetime.date``
    :param holidays: set of dates that are days off (statutory or in lieu)
    :param makeup_workdays: set of weekend dates that are working days
    :param known_years: years the sets are complete for; ``None`` skips the check
    """
    _check_year(day, known_years)
    if day in makeup_workdays:
        return True
    if day in holidays:
        return False
    return day.weekday() < 5


def add_working_days(start, count, holidays, makeup_workdays, known_years=None):
    """Return the date ``count`` working days after ``start``.

    ``start`` itself is never counted (a complaint received on Friday with a
    one-working-day target is due on Monday).  ``count`` may be 0 (returns
    ``start``) or negative (counts backwards).
    """
    step = ONE_DAY if count >= 0 else -ONE_DAY
    remaining = abs(count)
    day = start
    _check_year(day, known_years)
    while remaining:
        day += step
        if is_working_day(day, holidays, makeup_workdays, known_years):
            remaining -= 1
    return day


def working_days_between(start, end, holidays, makeup_workdays, known_years=None):
    """Count working days in the half-open interval ``(start, end]``."""
    if end < start:
        return -working_days_between(end, start, holidays, makeup_workdays, known_years)
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        if is_working_day(day, holidays, makeup_workdays, known_years):
            count += 1
    return count


class WorkingCalendar:
    """The Chinese working-day calendar of one company, loaded a year at a time.

    ``load_year(year)`` returns ``(known, holidays, makeup_workdays)`` for that
    year: whether the year is complete (published by the State Council and
    loaded, or marked complete by HR) and its two sets of dates.  Asking about
    a day of a year that is not known raises :class:`UnknownYearError`.
    """

    def __init__(self, load_year):
        self._load_year = load_year
        self._years = {}

    def _year(self, year):
        if year not in self._years:
            known, holidays, makeup = self._load_year(year)
            self._years[year] = (known, frozenset(holidays), frozenset(makeup))
        return self._years[year]

    def is_known(self, year):
        return self._year(year)[0]

    def is_working_day(self, day):
        known, holidays, makeup = self._year(day.year)
        if not known:
            raise UnknownYearError(day.year)
        return is_working_day(day, holidays, makeup)

    def add_working_days(self, start, count):
        """``count`` working days after ``start`` (which is not counted); see :func:`add_working_days`."""
        step = ONE_DAY if count >= 0 else -ONE_DAY
        remaining = abs(count)
        day = start
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def next_working_day(self, day):
        """``day`` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day
