from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import D, RecordsCase


@tagged("post_install", "-at_install")
class TestLoans(RecordsCase):
    def setUp(self):
        super().setUp()
        with freeze_time("2026-07-01 04:00:00"):
            self.record = self.File._file_closed(claims=self.closed_claim(with_documents=False))

    def request(self, due, user=None, **values):
        return self.Loan.with_user(user or self.clerk).create(
            {"file_id": self.record.id, "purpose": "Recovery action", "return_due_date": due, **values}
        )

    @freeze_time("2026-07-06 16:30:00")  # 7 July 00:30 in Shanghai
    def test_customer_file_three_days_at_most(self):
        loan = self.request(D(2026, 7, 10))  # 3 days from the local 7 July
        self.assertEqual(loan.request_date, D(2026, 7, 7))
        loan.with_user(self.manager).action_refuse()
        count = self.Loan.search_count([])
        with self.assertRaisesRegex(ValidationError, "at most 3 days"):
            self.request(D(2026, 7, 11))
        self.assertEqual(self.Loan.search_count([]), count)

    @freeze_time("2026-07-07 04:00:00")
    def test_other_files_use_the_company_setting(self):
        self.company.records_loan_max_days = 10
        paper = self.File.create(
            {
                "title": "Board minutes",
                "kind": "paper",
                "company_id": self.company.id,
                "closed_date": D(2020, 1, 1),
                "year": 2020,
                "customer_file": False,
            }
        )
        self.Loan.with_user(self.clerk).create(
            {"file_id": paper.id, "purpose": "Audit", "return_due_date": D(2026, 7, 17)}
        )
        with self.assertRaisesRegex(ValidationError, "at most 10 days"):
            self.Loan.with_user(self.clerk).create(
                {"file_id": paper.id, "purpose": "Audit", "return_due_date": D(2026, 7, 18)}
            )

    @freeze_time("2026-07-07 04:00:00")
    def test_approval_never_by_the_requester_and_states_by_transitions(self):
        own = self.request(D(2026, 7, 9), user=self.manager)
        with self.assertRaisesRegex(UserError, "another records manager approves it"):
            own.with_user(self.manager).action_approve()
        self.assertEqual(own.state, "requested")
        with self.assertRaises(AccessError):
            own.with_user(self.clerk).action_approve()
        with self.assertRaises(AccessError):
            own.with_user(self.manager).write({"state": "lent"})
        with self.assertRaises(AccessError):
            self.Loan.with_user(self.clerk).create(
                {"file_id": self.record.id, "purpose": "x", "return_due_date": D(2026, 7, 8), "state": "lent"}
            )
        with self.assertRaises(AccessError):  # who requested is the system's record, never the caller's
            self.request(D(2026, 7, 8), user=self.witness, requested_by_id=self.manager2.id)
        own.with_user(self.manager2).action_approve()
        self.assertEqual(own.approved_by_id, self.manager2)

    @freeze_time("2026-07-07 04:00:00")
    def test_a_file_that_is_out_is_not_lent_twice(self):
        loan = self.request(D(2026, 7, 9))
        loan.with_user(self.manager).action_approve()
        loan.with_user(self.manager).action_lend()
        self.assertEqual(self.record.state, "lent")
        count = self.Loan.search_count([])
        with self.assertRaisesRegex(UserError, "is out"):
            self.request(D(2026, 7, 9), user=self.witness)
        self.assertEqual(self.Loan.search_count([]), count)
        loan.with_user(self.manager).action_return()
        self.assertEqual(self.record.state, "filed")
        self.request(D(2026, 7, 9), user=self.witness)

    def test_overdue_flag_and_daily_reminder_until_returned(self):
        with freeze_time("2026-07-07 04:00:00"):
            loan = self.request(D(2026, 7, 10))
            loan.with_user(self.manager).action_approve()
            loan.with_user(self.manager).action_lend()

        def reminders():
            return self.record.message_ids.filtered(lambda m: "Overdue:" in (m.body or ""))

        with freeze_time("2026-07-10 15:59:00"):  # 23:59 on the due day in Shanghai: not late yet
            self.Loan._cron_overdue()
            self.assertFalse(loan.overdue)
        with freeze_time("2026-07-10 16:01:00"):  # 00:01 on 11 July
            self.Loan._cron_overdue()
            self.Loan._cron_overdue()
            self.assertTrue(loan.overdue)
            self.assertEqual(len(reminders()), 1)
            self.assertIn(self.clerk.partner_id, reminders().partner_ids)
            self.assertIn(self.manager.partner_id, reminders().partner_ids)
        with freeze_time("2026-07-12 04:00:00"):
            self.Loan._cron_overdue()
            self.assertEqual(len(reminders()), 2)
            loan.with_user(self.manager).action_return()
            self.assertTrue(loan.returned_late)
            self.assertFalse(loan.overdue)
        with freeze_time("2026-07-13 04:00:00"):
            self.Loan._cron_overdue()
            self.assertEqual(len(reminders()), 2)
        self.assertTrue(self.record.message_ids.filtered(lambda m: "returned late" in (m.body or "")))
