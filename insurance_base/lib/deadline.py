"""Deadline arithmetic of the statutory clocks, free of the ORM.

A clock starts at a local moment and runs for a length in one unit:

* ``calendar_days``: the day of the start is not counted (Civil Code
  Art. 201); the clock is due at the end of the ``length``-th day after it;
* ``working_days``: likewise, counting only the working days of the Chinese
  calendar (make-up working days count, holidays and weekends do not);
* ``hours``: due ``length`` hours after the start; ``same_day`` also ends it
  at the end of the start day.

A pause removes exactly the time it covers, in the clock's own unit: for a
day clock the local days ``start.date() <= day < end.date()`` (the day a
pause begins is not counted, the day it ends is counted again), for an hour
clock the hours between its two moments.  Overlapping pauses count once.  An
open pause runs until ``now``.

With ``civil_code_203`` (off by default: the earlier date is the safe one) a
period counted in calendar days whose last day is not a working day ends on
the next working day (Civil Code Art. 203).

Moments are naive local datetimes (the company's time zone); the calendar is
an object with ``is_working_day(date)`` that raises ``UnknownYearError`` for
a year it does not know (``cn_working_calendar.lib.workdays``).
"""

import dataclasses
import datetime

CALENDAR_DAYS = "calendar_days"
WORKING_DAYS = "working_days"
HOURS = "hours"
UNITS = (CALENDAR_DAYS, WORKING_DAYS, HOURS)

RULE_COUNT = "count"
RULE_CIVIL_CODE_203 = "civil_code_203"
RULE_SAME_DAY = "same_day"

ONE_DAY = datetime.timedelta(days=1)
# a clock never needs more than this many days to count its length (60 days + pauses + holidays)
MAX_SPAN_DAYS = 3660


@dataclasses.dataclass(frozen=True)
class Deadline:
    """When a clock is due.

    ``due_date`` is the last local day on time; ``overdue_at`` the local moment
    from which the clock is late (the next local midnight for day clocks);
    ``paused`` the units the pauses removed; ``rule`` what gave the date.
    """

    due_date: datetime.date
    overdue_at: datetime.datetime
    paused: float
    rule: str


def merge_intervals(intervals):
    """Sorted, non-overlapping ``(start, end)`` intervals covering the same time as ``intervals``."""
    merged = []
    for start, end in sorted(interval for interval in intervals if interval[1] > interval[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _closed_pauses(pauses, now):
    """``(start, end)`` of every pause, an open one ending ``now`` (or at its start, if it starts later).

    A closed pause ending before it starts is refused.
    """
    closed = []
    for start, end in pauses:
        if end is None:
            if now is None:
                raise ValueError("an open pause needs the current moment")
            end = max(now, start)
        if end < start:
            raise ValueError(f"a pause cannot end ({end}) before it starts ({start})")
        closed.append((start, end))
    return closed


def _paused_days(pauses):
    """The set of local days the pauses cover: ``start.date() <= day < end.date()``."""
    days = set()
    for start, end in merge_intervals([(start.date(), end.date()) for start, end in pauses]):
        day = start
        while day < end:
            days.add(day)
            day += ONE_DAY
    return days


def _count_days(start_day, length, counts, paused_days):
    """The day on which ``length`` counted days after ``start_day`` are reached, and the days skipped as paused."""
    day, counted, skipped = start_day, 0, 0
    while counted < length:
        day += ONE_DAY
        if (day - start_day).days > MAX_SPAN_DAYS:
            raise ValueError("the clock does not end within ten years")
        if day in paused_days:
            skipped += counts(day)
            continue
        if counts(day):
            counted += 1
    return day, skipped


def _due_in_hours(start, length, pauses, same_day):
    due = start + datetime.timedelta(hours=length)
    paused = datetime.timedelta()
    for pause_start, pause_end in merge_intervals(pauses):
        if pause_end <= start:
            continue
        if pause_start >= due:
            break
        covered = pause_end - max(pause_start, start)
        paused += covered
        due += covered
    rule = RULE_COUNT
    if same_day:
        end_of_day = datetime.datetime.combine(start.date() + ONE_DAY, datetime.time())
        if end_of_day < due:
            due, rule = end_of_day, RULE_SAME_DAY
    last_day = (due - datetime.timedelta(microseconds=1)).date()
    return Deadline(last_day, due, paused.total_seconds() / 3600, rule)


def compute_deadline(start, length, unit, pauses=(), now=None, calendar=None, civil_code_203=False, same_day=False):
    """The :class:`Deadline` of a clock.

    :param start: naive local datetime of the start
    :param length: units to count (0 for a same-day clock)
    :param unit: one of :data:`UNITS`
    :param pauses: ``(start, end)`` naive local datetimes; ``end`` ``None`` for an open pause
    :param now: naive local datetime, the end of an open pause
    :param calendar: the working-day calendar, needed for working days and Art. 203
    :raises cn_working_calendar.lib.workdays.UnknownYearError: a year the calendar does not know is needed
    """
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    if length < 0:
        raise ValueError("a clock cannot have a negative length")
    pauses = _closed_pauses(pauses, now)
    if unit == HOURS:
        return _due_in_hours(start, length, pauses, same_day)
    start_day = start.date()
    paused_days = _paused_days([(max(p_start, start), p_end) for p_start, p_end in pauses if p_end > start])
    if unit == WORKING_DAYS:
        due, skipped = _count_days(start_day, length, calendar.is_working_day, paused_days)
    elif paused_days:
        due, skipped = _count_days(start_day, length, lambda day: True, paused_days)
    else:
        due, skipped = start_day + datetime.timedelta(days=length), 0
    rule = RULE_COUNT
    if unit == CALENDAR_DAYS and civil_code_203 and length and not calendar.is_working_day(due):
        due = calendar.next_working_day(due)
        rule = RULE_CIVIL_CODE_203
    overdue_at = datetime.datetime.combine(due + ONE_DAY, datetime.time())
    return Deadline(due, overdue_at, skipped, rule)
