"""The deadline arithmetic on the real Chinese calendar (the chinesecalendar package), no ORM."""

import datetime

from odoo.addons.cn_working_calendar.lib import chinese_calendar_source, workdays
from odoo.tests import BaseCase, tagged

from ..lib import deadline

D = datetime.date
T = datetime.datetime
KNOWN = set(chinese_calendar_source.known_years())


def _load_year(year):
    days = chinese_calendar_source.days_of_year(year)
    holidays = {day["date"] for day in days if day["kind"] == "holiday"}
    makeup = {day["date"] for day in days if day["kind"] == "workday"}
    return year in KNOWN, holidays, makeup


def calendar():
    return workdays.WorkingCalendar(_load_year)


def due(start, length, unit, pauses=(), now=None, **options):
    return deadline.compute_deadline(start, length, unit, pauses, now=now, calendar=calendar(), **options)


@tagged("standard", "at_install")
class TestDeadline(BaseCase):
    def test_working_day_pause_removes_working_days_only(self):
        # A simple claim (5 working days) complete Mon 2025-03-03, missing-documents notice Thu 03-06,
        # documents back Mon 03-10: Tue 4, Wed 5 counted, Thu 6 to Sun 9 paused, Mon 10, Tue 11, Wed 12 counted.
        result = due(T(2025, 3, 3, 10), 5, deadline.WORKING_DAYS, [(T(2025, 3, 6, 9), T(2025, 3, 10, 15))])
        self.assertEqual(result.due_date, D(2025, 3, 12))
        self.assertEqual(result.paused, 2, "Thu 6 and Fri 7 were working days not counted")
        self.assertEqual(result.overdue_at, T(2025, 3, 13))
        # without the pause: Mon 03-10
        self.assertEqual(due(T(2025, 3, 3, 10), 5, deadline.WORKING_DAYS).due_date, D(2025, 3, 10))

    def test_calendar_day_pause_removes_the_days_it_covers(self):
        # 30 days from 2025-03-03; paused 03-06 to 03-10: four days not counted
        result = due(T(2025, 3, 3, 10), 30, deadline.CALENDAR_DAYS, [(T(2025, 3, 6, 9), T(2025, 3, 10, 15))])
        self.assertEqual((result.due_date, result.paused), (D(2025, 4, 6), 4))
        self.assertEqual(due(T(2025, 3, 3, 10), 30, deadline.CALENDAR_DAYS).due_date, D(2025, 4, 2))

    def test_overlapping_pauses_count_once(self):
        pauses = [(T(2025, 3, 6, 9), T(2025, 3, 10, 9)), (T(2025, 3, 8, 9), T(2025, 3, 12, 9))]
        result = due(T(2025, 3, 3, 10), 30, deadline.CALENDAR_DAYS, pauses)
        self.assertEqual((result.due_date, result.paused), (D(2025, 4, 8), 6))

    def test_pause_ending_the_day_it_started_counts_nothing(self):
        result = due(T(2025, 3, 3, 10), 30, deadline.CALENDAR_DAYS, [(T(2025, 3, 6, 9), T(2025, 3, 6, 17))])
        self.assertEqual((result.due_date, result.paused), (D(2025, 4, 2), 0))

    def test_open_pause_runs_until_now(self):
        result = due(T(2025, 3, 3, 10), 5, deadline.WORKING_DAYS, [(T(2025, 3, 6, 9), None)], now=T(2025, 3, 11, 8))
        # Thu 6 .. Mon 10 paused (Thu, Fri, Mon are working days), counting resumes Tue 11
        self.assertEqual(result.due_date, D(2025, 3, 13))

    def test_spring_festival_2026(self):
        # 15-23 February 2026 off; Saturdays 14 and 28 February worked in exchange.
        self.assertEqual(due(T(2026, 2, 12, 16), 3, deadline.WORKING_DAYS).due_date, D(2026, 2, 24))
        # Friday 13 + 1 working day is the make-up Saturday 14
        self.assertEqual(due(T(2026, 2, 13, 16), 1, deadline.WORKING_DAYS).due_date, D(2026, 2, 14))

    def test_national_day_2026_with_makeup_saturday(self):
        # 1-7 October 2026 off; Saturday 10 October is worked in exchange.
        self.assertEqual(due(T(2026, 9, 30, 9), 1, deadline.WORKING_DAYS).due_date, D(2026, 10, 8))
        self.assertEqual(due(T(2026, 9, 30, 9), 3, deadline.WORKING_DAYS).due_date, D(2026, 10, 10))

    def test_unknown_next_year_is_refused_not_guessed(self):
        year = max(KNOWN) + 1
        with self.assertRaises(workdays.UnknownYearError) as caught:
            due(T(year - 1, 12, 29, 10), 3, deadline.WORKING_DAYS)
        self.assertEqual(caught.exception.year, year)
        # a calendar-day clock needs no calendar
        self.assertEqual(due(T(year - 1, 12, 29, 10), 15, deadline.CALENDAR_DAYS).due_date, D(year, 1, 13))

    def test_civil_code_203_moves_a_holiday_end_to_the_next_working_day(self):
        # 2026-09-16 + 15 days = 1 October (National Day): with Art. 203 the period ends on 8 October.
        start = T(2026, 9, 16, 10)
        plain = due(start, 15, deadline.CALENDAR_DAYS)
        moved = due(start, 15, deadline.CALENDAR_DAYS, civil_code_203=True)
        self.assertEqual((plain.due_date, plain.rule), (D(2026, 10, 1), deadline.RULE_COUNT))
        self.assertEqual((moved.due_date, moved.rule), (D(2026, 10, 8), deadline.RULE_CIVIL_CODE_203))
        # a working last day stays where it is
        self.assertEqual(
            due(T(2026, 9, 1, 10), 15, deadline.CALENDAR_DAYS, civil_code_203=True).due_date, D(2026, 9, 16)
        )

    def test_hours_with_pause_and_same_day(self):
        result = due(T(2026, 3, 2, 10), 24, deadline.HOURS, [(T(2026, 3, 2, 20), T(2026, 3, 3, 2))])
        self.assertEqual((result.overdue_at, result.paused), (T(2026, 3, 3, 16), 6))
        crisis = due(T(2026, 3, 2, 10), 24, deadline.HOURS, same_day=True)
        self.assertEqual((crisis.overdue_at, crisis.due_date, crisis.rule), (T(2026, 3, 3), D(2026, 3, 2), "same_day"))

    def test_same_day_day_clock(self):
        result = due(T(2026, 3, 2, 23, 30), 0, deadline.CALENDAR_DAYS)
        self.assertEqual((result.due_date, result.overdue_at), (D(2026, 3, 2), T(2026, 3, 3)))

    def test_pause_before_start_counts_from_the_start(self):
        result = due(T(2025, 3, 6, 10), 30, deadline.CALENDAR_DAYS, [(T(2025, 3, 1), T(2025, 3, 8, 9))])
        # 7 March is paused (the 6th is the start, never counted)
        self.assertEqual((result.due_date, result.paused), (D(2025, 4, 6), 1))

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            due(T(2025, 3, 3), 5, deadline.WORKING_DAYS, [(T(2025, 3, 6), T(2025, 3, 5))])
        with self.assertRaises(ValueError):
            due(T(2025, 3, 3), -1, deadline.CALENDAR_DAYS)
        with self.assertRaises(ValueError):
            due(T(2025, 3, 3), 1, "weeks")
