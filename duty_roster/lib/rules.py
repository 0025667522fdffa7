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

    :param rules_for: ``f(duty) -> Rules`` (the rules of the later duty's post apply)
    """
    violations = []
    for employee, items in _by_employee(duties).items():
        run_days, night_run = [], []
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
            # runs of duties on consecutive days
            if run_days and (duty.day - run_days[-1].day).days == 1:
                run_days.append(duty)
            elif not run_days or duty.day != run_days[-1].day:
                run_days = [duty]
            if len(run_days) == rules.max_consecutive_duties + 1:
                violations.append(
                    Violation(
                        "max_consecutive",
                        (employee,),
                        tuple(d.key for d in run_days),
                        {"count": len(run_days), "maximum": rules.max_consecutive_duties},
                    )
                )
            if duty.night:
                if night_run and (duty.day - night_run[-1].day).days == 1:
                    night_run.append(duty)
                else:
                    night_run = [duty]
                if len(night_run) == rules.max_consecutive_nights + 1:
                    violations.append(
                        Violation(
                            "max_nights",
                            (employee,),
                            tuple(d.key for d in night_run),
                            {"count": len(night_run), "maximum": rules.max_consecutive_nights},
                        )
                    )
            else:
                night_run = []
    return violations


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
