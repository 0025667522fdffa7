import datetime

from odoo.addons.cn_working_calendar.lib import workdays
from odoo.tests import BaseCase, tagged

from ..lib import complaint_clocks as clocks

D = datetime.date
DT = datetime.datetime

# Tomb-sweeping Day 2026: Saturday 4 to Monday 6 April off.
HOLIDAYS = {D(2026, 4, 4), D(2026, 4, 5), D(2026, 4, 6)}
# National Day 2026: Saturday 10 October is a make-up working day.
MAKEUP = {D(2026, 10, 10)}


@tagged("standard", "at_install")
class TestComplaintClocksLib(BaseCase):
    """The pure helpers left beside the deadline engine: the deadlines themselves are tested on the rows."""

    def test_review_window(self):
        self.assertEqual(clocks.review_window_end(D(2026, 3, 16), 30), D(2026, 4, 15))
        self.assertEqual(clocks.review_window_end(D(2026, 3, 16), 45), D(2026, 4, 30))
        self.assertIsNone(clocks.review_window_end(None, 30))

    def test_urgent(self):
        self.assertTrue(clocks.is_urgent("major", False))
        self.assertTrue(clocks.is_urgent("general", True))
        self.assertFalse(clocks.is_urgent("general", False))

    def test_out_of_hours(self):
        office = [(8.0, 12.0), (13.0, 17.0)]

        def working(day):
            return workdays.is_working_day(day, HOLIDAYS, MAKEUP)

        self.assertFalse(clocks.is_out_of_hours(DT(2026, 3, 2, 9, 30), working, office))
        self.assertTrue(clocks.is_out_of_hours(DT(2026, 3, 2, 12, 30), working, office))
        self.assertTrue(clocks.is_out_of_hours(DT(2026, 3, 2, 17, 0), working, office))
        self.assertTrue(clocks.is_out_of_hours(DT(2026, 3, 7, 10, 0), working, office))  # Saturday
        self.assertTrue(clocks.is_out_of_hours(DT(2026, 4, 6, 10, 0), working, office))  # holiday Monday
        self.assertFalse(clocks.is_out_of_hours(DT(2026, 10, 10, 10, 0), working, office))  # make-up Saturday
        self.assertTrue(clocks.is_out_of_hours(DT(2026, 3, 2, 10, 0), working, []))
