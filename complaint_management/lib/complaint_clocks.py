"""Complaint clocks, free of the ORM.

Statutory clocks (CBIRC Order 2020 No. 3, Arts. 14-15):

* decision: the clock start (receipt, or the restart after new facts) + 15
  days; a first extension brings it to 30 days from the start, a second,
  approved one to 60 days; the days of an external appraisal, testing or
  assessment are not counted (added to the due date);
* review window: the complainant may ask for a review within 30 days of being
  notified of the decision.

Company targets, in working days of the Chinese calendar (the models pass
``add_working_days(day, count)`` from ``duty_roster``):

* first contact within 1 working day (crisis: the same day);
* resolution within 3 working days (general) or 5 (major; crisis cases count
  as major);
* a progress note within 24 hours of the receipt or of the last note (crisis:
  before the end of the same local day).

Every date is a local date (the company's time zone); the progress target is
a naive local datetime.
"""

import datetime

DECISION = "decision"
CONTACT = "contact"
RESOLVE = "resolve"
PROGRESS = "progress"
CLOCKS = (DECISION, CONTACT, RESOLVE, PROGRESS)

DUE_SOON = "due_soon"
OVERDUE = "overdue"

# extension level -> days from the clock start
STATUTORY_DAYS = (15, 30, 60)
REVIEW_DAYS = 30


def add_days(day, days):
    """``day`` + ``days`` calendar days; ``None`` stays ``None``."""
    if day is None:
        return None
    return day + datetime.timedelta(days=days)


def decision_days(extension_level, days=STATUTORY_DAYS):
    """Calendar days allowed for the decision at ``extension_level`` (0, 1 or 2)."""
    if extension_level not in range(len(days)):
        raise ValueError(f"unknown extension level {extension_level!r}")
    return days[extension_level]


def decision_due(start_day, extension_level=0, paused=0, days=STATUTORY_DAYS):
    """Statutory decision due date: start + 15 / 30 / 60 days + days paused for an external appraisal."""
    if start_day is None:
        return None
    return add_days(start_day, decision_days(extension_level, days) + (paused or 0))


def paused_days(pauses, clock_start):
    """Calendar days not counted: the union of the ended ``(start, end)`` pauses (local dates) after the clock start.

    Overlapping pauses are counted once; a pause ending on the day it started
    counts nothing; the part of a pause before ``clock_start`` counts nothing.
    """
    if clock_start is None:
        return 0
    total = 0
    reach = clock_start
    for start, end in sorted((start, end) for start, end in pauses if start and end):
        start = max(start, reach)
        if end > start:
            total += (end - start).days
            reach = end
    return total


def review_window_end(notified_day, days=REVIEW_DAYS):
    """Last day the complainant may ask for a review: notification + 30 days."""
    return add_days(notified_day, days)


def is_urgent(nature, is_crisis):
    """Crisis and major complaints follow the stricter targets."""
    return bool(is_crisis) or nature == "major"


def first_contact_due(received_day, is_crisis, add_working_days, working_days=1):
    """Target for the first contact: 1 working day after the receipt; the same day for a crisis."""
    if received_day is None:
        return None
    if is_crisis:
        return received_day
    return add_working_days(received_day, working_days)


def resolve_due(received_day, nature, is_crisis, add_working_days, general_days=3, major_days=5):
    """Target for the resolution: 3 working days (general) or 5 (major and crisis) after the receipt."""
    if received_day is None:
        return None
    return add_working_days(received_day, major_days if is_urgent(nature, is_crisis) else general_days)


def progress_due(last_local, is_crisis, hours=24):
    """Target for the next progress note, a naive local datetime.

    ``last_local`` is the receipt or the last progress note (local time).
    Within ``hours``; for a crisis also before the end of that local day.
    """
    if last_local is None:
        return None
    due = last_local + datetime.timedelta(hours=hours)
    if is_crisis:
        end_of_day = datetime.datetime.combine(last_local.date(), datetime.time(23, 59, 59))
        due = min(due, end_of_day)
    return due


def next_due(due_dates):
    """The earliest of the given ``{clock: date}``, as ``(clock, date)``; ``(None, None)`` if none."""
    running = {clock: day for clock, day in due_dates.items() if day}
    if not running:
        return None, None
    clock = min(running, key=lambda key: (running[key], CLOCKS.index(key)))
    return clock, running[clock]


def alert_level(due, today, warning_days):
    """``"overdue"`` after the due date, ``"due_soon"`` within ``warning_days`` of it, else ``None``.

    The due day itself is still on time (due soon).
    """
    if due is None:
        return None
    if due < today:
        return OVERDUE
    if (due - today).days <= warning_days:
        return DUE_SOON
    return None


def is_out_of_hours(local_moment, is_working_day, working_hours):
    """Whether a complaint received at ``local_moment`` (naive local datetime) arrived out of hours.

    :param is_working_day: callable ``(date) -> bool`` on the Chinese calendar
    :param working_hours: ``[(hour_from, hour_to)]`` of that weekday in the
        company's working-time calendar (floats, e.g. 8.5 for 08:30); empty
        means the whole day is out of hours
    """
    if not is_working_day(local_moment.date()):
        return True
    hour = local_moment.hour + local_moment.minute / 60 + local_moment.second / 3600
    return not any(start <= hour < end for start, end in working_hours)
