from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRecordsDemo(TransactionCase):
    """The demo data: filed claims and complaints, an overdue loan, a batch awaiting approval."""

    def test_demo_archive(self):
        module = self.env["ir.module.module"].search([("name", "=", "insurance_records")])
        self.assertTrue(module.demo, "insurance_records is installed without its demo data")
        File = self.env["insurance.record.file"]
        self.assertGreaterEqual(File.search_count([("kind", "=", "claim")]), 12)
        self.assertTrue(File.search_count([("kind", "=", "complaint")]))
        self.assertTrue(File.search_count([("secrecy_level", "=", "secret")]))
        overdue = self.env["insurance.record.loan"].search([("overdue", "=", True), ("state", "=", "lent")])
        self.assertTrue(overdue)
        self.assertEqual(overdue[:1].file_id.state, "lent")
        batch = self.env["insurance.record.destruction"].search([("state", "=", "submitted")])
        self.assertTrue(batch)
        self.assertFalse(batch[:1].manager_approver_id)
        self.assertTrue(all(record.retention_class != "permanent" for record in batch.file_ids))
