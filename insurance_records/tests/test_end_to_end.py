from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HOLDER_ID, D, RecordsCase
from .test_destruction import pdf_text


@tagged("post_install", "-at_install")
class TestRecordsEndToEnd(RecordsCase):
    """A claim's file from filing to destruction, and the two refusals the records rules require."""

    def test_filed_lent_late_destroyed_and_refusals(self):
        self.Rule.create(
            {
                "name": "Highway property, one year",
                "company_id": self.company.id,
                "kind": "claim",
                "claim_type_id": self.claim_type.id,
                "retention_class": "short",
                "years": 1,
                "sequence": 1,
            }
        )
        record = self.claim_filed_on(D(2025, 3, 3))
        self.assertEqual(record.retention_end_date, D(2026, 3, 3))
        # lent for three days, returned late
        with freeze_time("2026-03-10 04:00:00"):
            loan = self.Loan.with_user(self.clerk).create(
                {"file_id": record.id, "purpose": "Recovery lawsuit", "return_due_date": D(2026, 3, 13)}
            )
            loan.with_user(self.manager).action_approve()
            loan.with_user(self.manager).action_lend()
        with freeze_time("2026-03-14 04:00:00"):
            self.Loan._cron_overdue()
            self.assertTrue(loan.overdue)
        with freeze_time("2026-03-16 04:00:00"):
            loan.with_user(self.manager).action_return()
        self.assertTrue(loan.returned_late)
        self.assertEqual(record.state, "filed")
        # a disclosure asked without confirming the caller's identity is refused
        disclosure = (
            self.env["insurance.record.disclosure"]
            .with_user(self.clerk)
            .create(
                {
                    "file_id": record.id,
                    "requester_name": "Caller",
                    "requester_id_number": HOLDER_ID,
                    "information": "Amount paid",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "Confirm the identity"):
            disclosure.action_disclose()
        # a permanent file is refused for destruction
        permanent = self.File.create(
            {
                "title": "Major catastrophe file",
                "kind": "paper",
                "company_id": self.company.id,
                "closed_date": D(2008, 5, 12),
                "year": 2008,
                "retention_class": "permanent",
            }
        )
        Batch = self.env["insurance.record.destruction"].with_user(self.clerk)
        with freeze_time("2026-04-01 04:00:00"):
            with self.assertRaisesRegex(UserError, "never destroyed"):
                Batch.create({"company_id": self.company.id, "file_ids": [(6, 0, permanent.ids)]}).action_submit()
            # the retention has passed: destroyed in an approved batch
            batch = Batch.create({"company_id": self.company.id, "file_ids": [(6, 0, record.ids)]})
            batch.action_submit()
            batch.with_user(self.manager).action_approve()
            batch.with_user(self.manager2).action_approve()
            batch.witness_id = self.witness
            batch.with_user(self.manager).with_context(force_report_rendering=True).action_destroy()
        self.assertEqual(record.state, "destroyed")
        self.assertEqual(permanent.state, "filed")
        self.assertFalse(any(record.content_ids.attachment_id.mapped("raw")))
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("insurance_records.action_report_destruction_certificate", batch.ids)
        )
        text = pdf_text(pdf)
        for expected in (record.name, self.manager.name, self.manager2.name, self.witness.name, "Witnessed by"):
            self.assertIn(expected, text)
