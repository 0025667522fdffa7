"""Read the statutory holiday schedule from the ``chinesecalendar`` package."""

import chinese_calendar

REGULAR_HOLIDAYS = (
    "new_years_day",
    "spring_festival",
    "tomb_sweeping_day",
    "labour_day",
    "dragon_boat_festival",
    "mid_autumn_festival",
    "national_day",
)


def known_years():
    """Years the installed package has a published schedule for."""
    return sorted({day.year for day in chinese_calendar.holidays})


def days_of_year(year):
    """Holidays and make-up working days of ``year`` from the package.

    Returns a list of dicts ``{date, kind, holiday, in_lieu}`` where
    ``kind`` is ``holiday`` (a day off) or ``workday`` (a weekend day worked
    in exchange, 调休上班) and ``holiday`` the package's holiday key
    (``national_day``...).  An empty list means the package has no data for
    that year.
    """
    by_english_name = {item.value: item for item in chinese_calendar.Holiday}
    days = []
    for kind, table in (("holiday", chinese_calendar.holidays), ("workday", chinese_calendar.workdays)):
        for day, english in table.items():
            if day.year != year:
                continue
            holiday = by_english_name.get(english)
            days.append(
                {
                    "date": day,
                    "kind": kind,
                    "holiday": holiday.name if holiday and holiday.name in REGULAR_HOLIDAYS else "other",
                    "in_lieu": day in chinese_calendar.in_lieu_days,
                }
            )
    return sorted(days, key=lambda item: item["date"])
