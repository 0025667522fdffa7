"""Roster rules: pure Python checks over a list of duties.

Each check returns ``Violation`` objects naming the rule, the people and the
duties concerned, and the numbers the message needs; the models turn them
into translated messages.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Duty:
    key: object  # caller's id of the duty
    employee: object
    post: object
    tier: str
    start: datetime.datetime  # UTC, naive
    end: datetime.datetime
    day: datetime.date  # local date the duty starts on
    night: bool = False


@dataclass(frozen=True)
class Rules:
    min_rest_hours: float = 11.0
    max_consecutive_duties: int = 6
    max_consecutive_nights: int = 3
    rest_after_nights_hours: float = 24.0


@dataclass
class Violation:
    rule: str  # double_booking, min_rest, max_consecutive, max_nights, rest_after_nights, coverage
    employees: tuple = ()
    duties: tuple = ()
    values: dict = field(default_factory=dict)


def _by_employee(duties):
    grouped = defaultdict(list)
    for duty in duties:
        if duty.employee:
            grouped[duty.employee].append(duty)
    for items in grouped.values():
        items.sort(key=lambda duty: (duty.start, duty.end))
    return grouped


def check_employee_rules(duties, rules_for):
    """Double booking, rest and runs of duties, per employee.

    A run of consecutive duty days (or nights) longer than allowed is one
    violation listing the whole run, however long it is; the strictest limit
    among the posts of the run applies.

    :param rules_for: ``f(duty) -> Rules`` (the rules of the later duty's post apply to rest)
    """
    violations = []
    for employee, items in _by_employee(duties).items():
        night_run = []
        for previous, duty in zip([None] + items[:-1], items, strict=True):
            rules = rules_for(duty)
            if previous is not None:
                gap_hours = (duty.start - previous.end).total_seconds() / 3600
                if duty.start < previous.end:
                    violations.append(Violation("double_booking", (employee,), (previous.key, duty.key)))
                elif gap_hours < rules.min_rest_hours:
                    violations.append(
                        Violation(
                            "min_rest",
                            (employee,),
                            (previous.key, duty.key),
                            {"hours": round(gap_hours, 1), "minimum": rules.min_rest_hours},
                        )
                    )
                if len(night_run) >= 2 and not duty.night and gap_hours < rules.rest_after_nights_hours:
                    violations.append(
                        Violation(
                            "rest_after_nights",
                            (employee,),
                            (night_run[-1].key, duty.key),
                            {"hours": round(gap_hours, 1), "minimum": rules.rest_after_nights_hours},
                        )
                    )
            if duty.night:
                night_run = night_run + [duty] if night_run and (duty.day - night_run[-1].day).days == 1 else [duty]
            else:
                night_run = []
        for run in day_runs(items):
            maximum = min(rules_for(duty).max_consecutive_duties for duty in run)
            count = len({duty.day for duty in run})
            if count > maximum:
                violations.append(
                    Violation(
                        "max_consecutive",
                        (employee,),
                        tuple(duty.key for duty in run),
                        {"count": count, "maximum": maximum},
                    )
                )
        for run in night_runs(items):
            maximum = min(rules_for(duty).max_consecutive_nights for duty in run)
            if len(run) > maximum:
                violations.append(
                    Violation(
                        "max_nights",
                        (employee,),
                        tuple(duty.key for duty in run),
                        {"count": len(run), "maximum": maximum},
                    )
                )
    return violations


def day_runs(items):
    """Runs of one employee's duties (sorted by start) on consecutive local days."""
    runs = []
    for duty in items:
        if runs and (duty.day - runs[-1][-1].day).days in (0, 1):
            runs[-1].append(duty)
        else:
            runs.append([duty])
    return runs


def night_runs(items):
    """Runs of one employee's night duties on consecutive days, broken by any day duty."""
    runs, run = [], []
    for duty in items:
        if not duty.night:
            run = []
            continue
        if run and (duty.day - run[-1].day).days == 1:
            run.append(duty)
        else:
            run = [duty]
            runs.append(run)
    return runs


def coverage_gaps(duties, post, tier, required, period_start, period_end):
    """Intervals of ``[period_start, period_end)`` where fewer than ``required``
    duties of ``post``/``tier`` are running.  Returns ``[(start, end, staffed)]``."""
    if required <= 0:
        return []
    events = defaultdict(int)
    for duty in duties:
        if (
            duty.post == post
            and duty.tier == tier
            and duty.employee
            and duty.end > period_start
            and duty.start < period_end
        ):
            events[max(duty.start, period_start)] += 1
            events[min(duty.end, period_end)] -= 1
    gaps = []
    staffed = 0
    cursor = period_start
    for moment in sorted(set(events) | {period_end}):
        if moment > cursor and staffed < required:
            if gaps and gaps[-1][1] == cursor and gaps[-1][2] == staffed:
                gaps[-1] = (gaps[-1][0], moment, staffed)
            else:
                gaps.append((cursor, moment, staffed))
        staffed += events.get(moment, 0)
        cursor = max(cursor, moment)
    return gaps
