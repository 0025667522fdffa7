import datetime
import unittest

from odoo.addons.duty_roster.lib import workdays

from ..lib import clocks, document_check

D = datetime.date

# National Day 2026 as published: 1-7 October off, Sunday 20 September and
# Saturday 10 October worked in exchange.
HOLIDAYS = {D(2026, 10, day) for day in range(1, 8)}
MAKEUP = {D(2026, 9, 20), D(2026, 10, 10)}


def chinese_working_days(day, count):
    return workdays.add_working_days(day, count, HOLIDAYS, MAKEUP)


def weekdays_only(day, count):
    return workdays.add_working_days(day, count, set(), set())


class TestClocks(unittest.TestCase):
    def test_decision_due_complex_and_simple(self):
        self.assertEqual(clocks.decision_due(D(2026, 6, 20), "complex", weekdays_only), D(2026, 7, 20))
        # Tuesday 29 September + 5 working days: 30 Sep, 8, 9, 10 (make-up Saturday) and 12 October.
        self.assertEqual(clocks.decision_due(D(2026, 9, 29), "simple", chinese_working_days), D(2026, 10, 12))
        # Friday + 5 working days on a plain calendar: the next Friday.
        self.assertEqual(clocks.decision_due(D(2026, 6, 19), "simple", weekdays_only), D(2026, 6, 26))
        self.assertIsNone(clocks.decision_due(None, "complex", weekdays_only))

    def test_paused_days_shift_the_decision(self):
        self.assertEqual(clocks.decision_due(D(2026, 7, 1), "complex", weekdays_only, paused=10), D(2026, 8, 10))
        # a simple claim starts counting its working days after the pause
        self.assertEqual(clocks.decision_due(D(2026, 9, 21), "simple", chinese_working_days, paused=8), D(2026, 10, 12))
        self.assertEqual(
            clocks.decision_due(D(2026, 7, 1), "complex", weekdays_only, paused=2, complex_days=15), D(2026, 7, 18)
        )

    def test_paused_days_count_only_while_the_clock_runs(self):
        # paused on 3 July, resumed on 13 July, clock running since 1 July: 10 days
        self.assertEqual(clocks.paused_days(D(2026, 7, 3), D(2026, 7, 13), D(2026, 7, 1)), 10)
        # notice before the materials were complete: the clock had not started
        self.assertEqual(clocks.paused_days(D(2026, 6, 20), D(2026, 6, 25), None), 0)
        # clock started (by hand) during the pause: only the days after the start count
        self.assertEqual(clocks.paused_days(D(2026, 6, 20), D(2026, 6, 25), D(2026, 6, 23)), 2)
        self.assertEqual(clocks.paused_days(D(2026, 6, 20), D(2026, 6, 19), D(2026, 6, 1)), 0)

    def test_payment_rejection_prepayment(self):
        self.assertEqual(clocks.payment_due(D(2026, 8, 3)), D(2026, 8, 13))
        self.assertEqual(clocks.rejection_notice_due(D(2026, 8, 30)), D(2026, 9, 2))
        self.assertEqual(clocks.prepayment_due(D(2026, 6, 20)), D(2026, 8, 19))
        self.assertEqual(clocks.payment_due(D(2026, 8, 3), days=7), D(2026, 8, 10))
        self.assertIsNone(clocks.payment_due(None))

    def test_next_due_and_alert_level(self):
        self.assertEqual(clocks.next_due([None, D(2026, 8, 19), D(2026, 7, 20)]), D(2026, 7, 20))
        self.assertIsNone(clocks.next_due([None, None]))
        today = D(2026, 7, 17)
        self.assertEqual(clocks.alert_level(D(2026, 7, 20), today, 3), clocks.DUE_SOON)
        self.assertEqual(clocks.alert_level(D(2026, 7, 17), today, 3), clocks.DUE_SOON, "due today is still on time")
        self.assertIsNone(clocks.alert_level(D(2026, 7, 21), today, 3))
        self.assertEqual(clocks.alert_level(D(2026, 7, 16), today, 3), clocks.OVERDUE)
        self.assertIsNone(clocks.alert_level(None, today, 3))


class TestDocumentCheck(unittest.TestCase):
    def test_parse_formats(self):
        self.assertEqual(document_check.parse_formats("PDF, .jpg;png pdf"), ("pdf", "jpg", "png"))
        self.assertEqual(document_check.parse_formats(""), ())

    def test_check_file(self):
        pdf = b"%PDF-1.7 accident report"
        self.assertEqual(document_check.check_file("report.PDF", pdf, "pdf,jpg", 1), [])
        self.assertEqual(document_check.check_file("report.exe", pdf, "pdf,jpg", 1)[0][0], "format")
        self.assertEqual(document_check.check_file("report", pdf, "pdf,jpg", 1)[0][0], "format")
        self.assertEqual(
            document_check.check_file("photo.pdf", b"\x89PNG\r\n\x1a\n....", "pdf,png", 1),
            [("content", {"extension": "pdf"})],
        )
        big = b"%PDF-" + b"0" * (1024 * 1024)
        self.assertEqual(document_check.check_file("big.pdf", big, "pdf", 1), [("size", {"size": 1.0, "limit": 1})])
        self.assertEqual(document_check.check_file("big.pdf", big, "", 0), [], "no format list, no limit")
