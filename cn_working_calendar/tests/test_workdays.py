import datetime

from odoo.tests import BaseCase, tagged

from ..lib import workdays

D = datetime.date

# National Day 2026 as published: 1-7 October off, Sunday 20 September and
# Saturday 10 October worked in exchange.
HOLIDAYS = {D(2026, 10, day) for day in range(1, 8)}
MAKEUP = {D(2026, 9, 20), D(2026, 10, 10)}


@tagged("standard", "at_install")
class TestWorkdays(BaseCase):
    def test_weekday_weekend_holiday_and_makeup(self):
        self.assertTrue(workdays.is_working_day(D(2026, 9, 30), HOLIDAYS, MAKEUP))
        self.assertFalse(workdays.is_working_day(D(2026, 10, 1), HOLIDAYS, MAKEUP))
        self.assertFalse(workdays.is_working_day(D(2026, 9, 19), HOLIDAYS, MAKEUP))
        self.assertTrue(workdays.is_working_day(D(2026, 9, 20), HOLIDAYS, MAKEUP), "make-up Sunday")
        self.assertTrue(workdays.is_working_day(D(2026, 10, 10), HOLIDAYS, MAKEUP), "make-up Saturday")

    def test_add_working_days_across_national_day(self):
        # Wednesday 30 September + 1 working day: the holiday week is skipped.
        self.assertEqual(workdays.add_working_days(D(2026, 9, 30), 1, HOLIDAYS, MAKEUP), D(2026, 10, 8))
        # Thursday 8 October + 2: Friday 9, then the make-up Saturday 10.
        self.assertEqual(workdays.add_working_days(D(2026, 10, 8), 2, HOLIDAYS, MAKEUP), D(2026, 10, 10))
        # Friday 18 September + 1 lands on the make-up Sunday 20.
        self.assertEqual(workdays.add_working_days(D(2026, 9, 18), 1, HOLIDAYS, MAKEUP), D(2026, 9, 20))

    def test_add_zero_and_negative(self):
        self.assertEqual(workdays.add_working_days(D(2026, 10, 3), 0, HOLIDAYS, MAKEUP), D(2026, 10, 3))
        self.assertEqual(workdays.add_working_days(D(2026, 10, 8), -1, HOLIDAYS, MAKEUP), D(2026, 9, 30))

    def test_working_days_between(self):
        self.assertEqual(workdays.working_days_between(D(2026, 9, 30), D(2026, 10, 8), HOLIDAYS, MAKEUP), 1)
        self.assertEqual(workdays.working_days_between(D(2026, 10, 8), D(2026, 9, 30), HOLIDAYS, MAKEUP), -1)

    def test_unknown_year_is_refused(self):
        with self.assertRaises(workdays.UnknownYearError) as caught:
            workdays.add_working_days(D(2026, 12, 30), 3, set(), set(), known_years={2026})
        self.assertEqual(caught.exception.year, 2027)

    def test_working_calendar_loads_each_year_once_and_refuses_unknown_years(self):
        loaded = []

        def load_year(year):
            loaded.append(year)
            return (year == 2026, HOLIDAYS, MAKEUP)

        calendar = workdays.WorkingCalendar(load_year)
        self.assertEqual(calendar.add_working_days(D(2026, 9, 30), 1), D(2026, 10, 8))
        self.assertEqual(calendar.next_working_day(D(2026, 10, 3)), D(2026, 10, 8))
        self.assertTrue(calendar.is_working_day(D(2026, 10, 10)))
        self.assertEqual(loaded, [2026])
        # 2026-12-29 + 3 working days runs into 2027, which is not known: refused, not guessed.
        with self.assertRaises(workdays.UnknownYearError) as caught:
            calendar.add_working_days(D(2026, 12, 29), 3)
        self.assertEqual(caught.exception.year, 2027)
