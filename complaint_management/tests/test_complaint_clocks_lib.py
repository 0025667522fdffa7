import datetime
import unittest

from odoo.addons.duty_roster.lib import workdays

from ..lib import complaint_clocks as clocks

D = datetime.date
DT = datetime.datetime

# Tomb-sweeping Day 2026: Saturday 4 to Monday 6 April off.
HOLIDAYS = {D(2026, 4, 4), D(2026, 4, 5), D(2026, 4, 6)}


def chinese_working_days(day, count):
    return workdays.add_working_days(day, count, HOLIDAYS, set())


class TestComplaintClocksLib(unittest.TestCase):
    def test_statutory_decision(self):
        start = D(2026, 3, 2)
        self.assertEqual(clocks.decision_due(start), D(2026, 3, 17))
        self.assertEqual(clocks.decision_due(start, 1), D(2026, 4, 1))
        self.assertEqual(clocks.decision_due(start, 2), D(2026, 5, 1))
        self.assertEqual(clocks.decision_due(start, 0, paused=7), D(2026, 3, 24))
        self.assertEqual(clocks.decision_due(start, 2, paused=3), D(2026, 5, 4))
        self.assertIsNone(clocks.decision_due(None))
        with self.assertRaises(ValueError):
            clocks.decision_due(start, 3)

    def test_paused_days(self):
        start = D(2026, 3, 2)
        self.assertEqual(clocks.paused_days([(D(2026, 3, 7), D(2026, 3, 14))], start), 7)
        # overlapping pauses count once; a pause before the clock start counts from the start
        pauses = [(D(2026, 3, 7), D(2026, 3, 14)), (D(2026, 3, 10), D(2026, 3, 16)), (D(2026, 2, 27), D(2026, 3, 3))]
        self.assertEqual(clocks.paused_days(pauses, start), 1 + 9)
        # an open pause (no end) and a same-day pause count nothing
        self.assertEqual(clocks.paused_days([(D(2026, 3, 7), None), (D(2026, 3, 9), D(2026, 3, 9))], start), 0)
        self.assertEqual(clocks.paused_days([(D(2026, 3, 7), D(2026, 3, 14))], None), 0)

    def test_review_window(self):
        self.assertEqual(clocks.review_window_end(D(2026, 3, 16)), D(2026, 4, 15))
        self.assertIsNone(clocks.review_window_end(None))

    def test_company_targets_in_working_days(self):
        # received on Thursday 2 April 2026, before the Tomb-sweeping holiday
        received = D(2026, 4, 2)
        self.assertEqual(clocks.first_contact_due(received, False, chinese_working_days), D(2026, 4, 3))
        self.assertEqual(clocks.first_contact_due(received, True, chinese_working_days), received)
        # general: Fri 3, Tue 7, Wed 8
        self.assertEqual(clocks.resolve_due(received, "general", False, chinese_working_days), D(2026, 4, 8))
        # major and crisis: 5 working days -> Fri 10
        self.assertEqual(clocks.resolve_due(received, "major", False, chinese_working_days), D(2026, 4, 10))
        self.assertEqual(clocks.resolve_due(received, "general", True, chinese_working_days), D(2026, 4, 10))
        # received on the holiday Saturday: the first contact is the first working day after it
        self.assertEqual(clocks.first_contact_due(D(2026, 4, 4), False, chinese_working_days), D(2026, 4, 7))

    def test_progress_note(self):
        self.assertEqual(clocks.progress_due(DT(2026, 3, 2, 9, 30), False), DT(2026, 3, 3, 9, 30))
        self.assertEqual(clocks.progress_due(DT(2026, 3, 2, 9, 30), True), DT(2026, 3, 2, 23, 59, 59))
        self.assertEqual(clocks.progress_due(DT(2026, 3, 2, 9, 30), False, hours=12), DT(2026, 3, 2, 21, 30))
        self.assertIsNone(clocks.progress_due(None, True))

    def test_next_due_and_alert_level(self):
        self.assertEqual(
            clocks.next_due({clocks.DECISION: D(2026, 3, 17), clocks.CONTACT: D(2026, 3, 3), clocks.RESOLVE: None}),
            (clocks.CONTACT, D(2026, 3, 3)),
        )
        self.assertEqual(clocks.next_due({clocks.DECISION: None}), (None, None))
        today = D(2026, 3, 15)
        self.assertEqual(clocks.alert_level(D(2026, 3, 17), today, 3), clocks.DUE_SOON)
        self.assertEqual(clocks.alert_level(D(2026, 3, 15), today, 0), clocks.DUE_SOON)
        self.assertEqual(clocks.alert_level(D(2026, 3, 14), today, 3), clocks.OVERDUE)
        self.assertIsNone(clocks.alert_level(D(2026, 3, 19), today, 3))
        self.assertIsNone(clocks.alert_level(None, today, 3))

    def test_out_of_hours(self):
        office = [(8.0, 12.0), (13.0, 17.0)]

        def working(day):
            return workdays.is_working_day(day, HOLIDAYS, set())

        self.assertFalse(clocks.is_out_of_hours(DT(2026, 3, 2, 9, 30), working, office))
        self.assertTrue(clocks.is_out_of_hours(DT(2026, 3, 2, 12, 30), working, office))
        self.assertTrue(clocks.is_out_of_hours(DT(2026, 3, 2, 17, 0), working, office))
        self.assertTrue(clocks.is_out_of_hours(DT(2026, 3, 7, 10, 0), working, office))  # Saturday
        self.assertTrue(clocks.is_out_of_hours(DT(2026, 4, 6, 10, 0), working, office))  # holiday Monday
        self.assertTrue(clocks.is_out_of_hours(DT(2026, 3, 2, 10, 0), working, []))
