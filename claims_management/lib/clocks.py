"""Statutory claim clocks (PRC Insurance Law Arts. 22-25), free of the ORM.

Every function takes local dates, day counts and, where working days are
involved, a ``add_working_days(day, count)`` callable, so the models can pass
the Chinese holiday calendar of ``duty_roster`` and the tests a plain one.

The clocks:

* decision (Art. 23): materials complete + 30 calendar days for complex
  claims, + 5 working days for simple ones; the days the claim waited for
  supplementary documents after a missing-documents notice (Art. 22) are not
  counted;
* payment (Art. 23): agreement on the amount + 10 days;
* rejection notice (Art. 24): decision to reject + 3 days;
* prepayment (Art. 25): materials received + 60 days while the amount is
  not settled.
"""

import datetime

DECISION = "decision"
PAYMENT = "payment"
REJECTION_NOTICE = "rejection_notice"
PREPAYMENT = "prepayment"
CLOCKS = (DECISION, PAYMENT, REJECTION_NOTICE, PREPAYMENT)

DUE_SOON = "due_soon"
OVERDUE = "overdue"


def add_days(day, days):
    """``day`` + ``days`` calendar days; ``None`` stays ``None``."""
    if day is None:
        return None
    return day + datetime.timedelta(days=days)


def paused_days(pause_start, resume, clock_start):
    """Calendar days of a pause that fall after the clock started.

    The decision clock runs from the day the materials are complete; a
    missing-documents notice sent before that day pauses nothing (the clock
    has not started), one sent after it stops the clock from ``pause_start``
    until ``resume``.  All arguments are dates; ``clock_start`` may be
    ``None`` (clock not started: nothing to exclude).
    """
    if clock_start is None or pause_start is None or resume is None:
        return 0
    start = max(pause_start, clock_start)
    return max((resume - start).days, 0)


def decision_due(complete_day, complexity, add_working_days, paused=0, complex_days=30, simple_working_days=5):
    """Due date of the coverage decision (Art. 23).

    :param complete_day: the day the claim materials became complete, or ``None``
    :param complexity: ``"simple"`` or ``"complex"``
    :param add_working_days: callable ``(day, count) -> day`` on the working-day calendar
    :param paused: calendar days the clock stood still waiting for documents
    :param complex_days: calendar days for complex claims
    :param simple_working_days: working days for simple claims
    """
    if complete_day is None:
        return None
    start = add_days(complete_day, paused or 0)
    if complexity == "simple":
        return add_working_days(start, simple_working_days)
    return add_days(start, complex_days)


def payment_due(agreed_day, days=10):
    """Payment due after the amount was agreed with the claimant (Art. 23)."""
    return add_days(agreed_day, days)


def rejection_notice_due(rejected_day, days=3):
    """Written rejection notice due after the decision to reject (Art. 24)."""
    return add_days(rejected_day, days)


def prepayment_due(received_day, days=60):
    """Prepayment of the part that can be determined is due (Art. 25)."""
    return add_days(received_day, days)


def next_due(due_dates):
    """The earliest of the given due dates, ignoring ``None``; ``None`` if there is none."""
    dates = [day for day in due_dates if day]
    return min(dates) if dates else None


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
