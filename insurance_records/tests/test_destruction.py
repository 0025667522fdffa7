import subprocess
import tempfile

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import D, RecordsCase


def pdf_text(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"], capture_output=True, check=True
        ).stdout.decode()


@tagged("post_install", "-at_install")
class TestDestruction(RecordsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule.create(
            {
                "name": "One year",
                "company_id": cls.company.id,
                "kind": "claim",
                "claim_type_id": cls.claim_type.id,
                "retention_class": "short",
                "years": 1,
                "sequence": 1,
            }
        )

    def batch(self, files, user=None):
        return (
            self.env["insurance.record.destruction"]
            .with_user(user or self.clerk)
            .create({"company_id": self.company.id, "file_ids": [(6, 0, files.ids)]})
        )

    def test_retention_ends_this_year_list(self):
        record = self.claim_filed_on(D(2025, 3, 3))
        permanent = self.File.create(
            {
                "title": "Founding charter",
                "kind": "paper",
                "company_id": self.company.id,
                "closed_date": D(2025, 1, 1),
                "year": 2025,
                "retention_class": "permanent",
            }
        )
        with freeze_time("2026-02-01 04:00:00"):
            action = self.File.with_user(self.clerk).action_retention_ends_this_year()
            listed = self.File.with_user(self.clerk).search(action["domain"])
        self.assertIn(record, listed)
        self.assertNotIn(permanent, listed)
        self.assertIn("2026", action["name"])

    def test_refusals_leave_the_batch_unchanged(self):
        record = self.claim_filed_on(D(2025, 3, 3))  # retention ends 3 March 2026
        permanent = self.File.create(
            {
                "title": "Founding charter",
                "kind": "paper",
                "company_id": self.company.id,
                "closed_date": D(2016, 1, 1),
                "year": 2016,
                "retention_class": "permanent",
            }
        )
        with freeze_time("2026-03-02 15:59:00"):  # 23:59 on 2 March in Shanghai: still in retention
            early = self.batch(record)
            with self.assertRaisesRegex(UserError, "cannot be destroyed before its retention ends"):
                early.action_submit()
            self.assertEqual(early.state, "draft")
        with freeze_time("2026-03-02 16:01:00"):  # 00:01 on 3 March
            early.action_submit()
            self.assertEqual(early.state, "submitted")
            refused = self.batch(permanent)
            with self.assertRaisesRegex(UserError, "permanent file: it is never destroyed"):
                refused.action_submit()
            with self.assertRaises(AccessError):
                refused.write({"state": "approved"})
            with self.assertRaises(AccessError):
                early.action_approve()  # a clerk
            early.with_user(self.manager).action_approve()
            with self.assertRaisesRegex(UserError, "second approval is by another person"):
                early.with_user(self.manager).action_approve()
            self.assertEqual(early.state, "submitted")
            with self.assertRaisesRegex(UserError, "only while it is a draft"):
                early.write({"file_ids": [(4, permanent.id)]})
        self.assertEqual(permanent.state, "filed")
        self.assertEqual(record.state, "filed")

    def test_destroy_removes_the_content_and_issues_the_certificate(self):
        record = self.claim_filed_on(D(2025, 3, 3))
        attachments = record.content_ids.attachment_id
        self.assertTrue(all(attachments.mapped("raw")))
        with freeze_time("2026-04-01 04:00:00"):
            batch = self.batch(record)
            batch.action_submit()
            batch.with_user(self.manager).action_approve()
            batch.with_user(self.manager2).action_approve()
            self.assertEqual(batch.state, "approved")
            batch.witness_id = self.manager
            with self.assertRaisesRegex(UserError, "witness is neither an approver"):
                batch.with_user(self.manager2).action_destroy()
            batch.witness_id = self.witness
            batch.with_user(self.manager2).with_context(force_report_rendering=True).action_destroy()
        self.assertEqual(
            (record.state, record.destroyed_date, record.destruction_id), ("destroyed", D(2026, 4, 1), batch)
        )
        self.assertFalse(any(attachments.mapped("raw")))
        self.assertTrue(all(record.content_ids.mapped("content_destroyed")))
        self.assertEqual(record.content_ids.mapped("page_count"), [3, 1])  # the metadata stays
        certificate = self.env["ir.attachment"].search(
            [("res_model", "=", batch._name), ("res_id", "=", batch.id), ("mimetype", "=", "application/pdf")]
        )
        self.assertTrue(certificate.raw.startswith(b"%PDF"))
        text = pdf_text(certificate.raw)
        self.assertIn(batch.name, text)
        self.assertIn(record.name, text)
        for user in (self.manager, self.manager2, self.witness):
            self.assertIn(user.name, text)
        self.assertIn("04/01/2026", text)
        with self.assertRaisesRegex(UserError, "destroyed: it cannot be lent"):
            self.Loan.with_user(self.clerk).create(
                {"file_id": record.id, "purpose": "x", "return_due_date": D(2026, 4, 2)}
            )

    def test_wizard_puts_the_selected_files_in_a_draft_batch(self):
        record = self.claim_filed_on(D(2025, 3, 3))
        Wizard = self.env["insurance.record.destruction.wizard"].with_user(self.clerk)
        with freeze_time("2026-04-01 04:00:00"):
            wizard = Wizard.with_context(active_model="insurance.record.file", active_ids=record.ids).create({})
            self.assertEqual(wizard.file_ids, record)
            action = wizard.action_create_batch()
        batch = self.env["insurance.record.destruction"].browse(action["res_id"])
        self.assertEqual((batch.state, batch.file_ids), ("draft", record))
        with freeze_time("2026-03-01 04:00:00"):
            count = self.env["insurance.record.destruction"].search_count([])
            early = Wizard.with_context(active_model="insurance.record.file", active_ids=record.ids).create({})
            with self.assertRaisesRegex(UserError, "before its retention ends"):
                early.action_create_batch()
            self.assertEqual(self.env["insurance.record.destruction"].search_count([]), count)
