from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import D, RecordsCase


@tagged("post_install", "-at_install")
class TestFiling(RecordsCase):
    @freeze_time("2026-07-01 04:00:00")
    def test_cron_files_closed_claims_with_ordered_contents(self):
        claim = self.closed_claim()
        still_open = self.new_claim()
        with self.assertRaises(AccessError):
            self.File.with_user(self.handler_user).action_file_closed_now()
        self.File.with_user(self.clerk).action_file_closed_now()
        record = claim.record_file_ids
        self.assertEqual(len(record), 1)
        self.assertFalse(still_open.record_file_ids)
        self.assertTrue(record.name.startswith("DA-"))
        self.assertEqual((record.year, record.closed_date), (2026, D(2026, 7, 1)))
        self.assertEqual(record.retention_class, "long")
        self.assertEqual(record.retention_years, 30)
        self.assertEqual(record.retention_end_date, D(2056, 7, 1))
        self.assertEqual(record.content_ids.mapped("kind"), ["main", "attachment"])
        self.assertEqual(record.content_ids.mapped("name"), ["loss_report.pdf", "photo.png"])
        self.assertEqual(record.content_ids.mapped("page_count"), [3, 1])
        self.assertEqual(record.page_count, 4)
        self.assertEqual(record.location, "electronic")
        # a second run files nothing twice
        self.File._cron_file_closed()
        self.assertEqual(len(claim.record_file_ids), 1)

    @freeze_time("2026-07-01 04:00:00")
    def test_rule_per_claim_type_and_company_years(self):
        self.Rule.create(
            {
                "name": "Highway property",
                "company_id": self.company.id,
                "kind": "claim",
                "claim_type_id": self.claim_type.id,
                "retention_class": "short",
                "secrecy_level": "confidential",
                "sequence": 1,
            }
        )
        self.company.records_short_years = 15
        record = self.File._file_closed(claims=self.closed_claim(with_documents=False))
        self.assertEqual((record.retention_class, record.retention_years), ("short", 15))
        self.assertEqual(record.retention_end_date, D(2041, 7, 1))
        self.assertEqual(record.secrecy_level, "confidential")
        self.assertEqual(record.location, "physical")

    @freeze_time("2026-07-01 04:00:00")
    def test_button_by_the_claim_handler_and_the_filed_claim_is_read_only(self):
        claim = self.closed_claim()
        with self.assertRaises(AccessError):
            claim.with_user(self.clerk).action_file_records()  # archive clerks do not read the claims
        claim.with_user(self.handler_user).action_file_records()
        self.assertTrue(claim.records_filed)
        handler_claim = claim.with_user(self.handler_user)
        with self.assertRaisesRegex(UserError, "filed in the archive"):
            handler_claim.write({"description": "changed after filing"})
        with self.assertRaisesRegex(UserError, "filed in the archive"):
            claim.with_user(self.director_user).action_reopen()
        self.assertEqual(claim.state, "closed")
        with self.assertRaisesRegex(UserError, "kept as they were filed"):
            self.env["ir.attachment"].with_user(self.handler_user).create(
                {"name": "late.txt", "raw": b"late", "res_model": "insurance.claim", "res_id": claim.id}
            )
        with self.assertRaisesRegex(UserError, "filed in the archive"):
            claim.document_ids.with_user(self.handler_user).write({"attachment": False})
        self.assertTrue(claim.document_ids.attachment)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "insurance.claim"), ("res_id", "=", claim.id)]
        )
        with self.assertRaisesRegex(UserError, "kept as they were filed"):
            attachment.with_user(self.director_user).unlink()
        # the chatter stays open
        handler_claim.message_post(body="Customer called about the closed claim")

    @freeze_time("2026-07-01 04:00:00")
    def test_file_facts_and_state_are_fixed(self):
        record = self.File._file_closed(claims=self.closed_claim(with_documents=False))
        clerk_file = record.with_user(self.clerk)
        with self.assertRaises(AccessError):
            clerk_file.write({"state": "destroyed"})
        with self.assertRaisesRegex(UserError, "keeps what it was filed with"):
            clerk_file.write({"retention_class": "short"})
        with self.assertRaises(AccessError):  # no group deletes a file
            record.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "only paper files are added"):
            self.File.with_user(self.clerk).create(
                {
                    "title": "Forged",
                    "kind": "claim",
                    "claim_id": self.new_claim().id,
                    "closed_date": D(2026, 1, 1),
                    "year": 2026,
                }
            )
        with self.assertRaisesRegex(AccessError, "Only a records manager changes the secrecy"):
            clerk_file.write({"secrecy_level": "internal"})
        clerk_file.write({"shelf": "Room 1 / Rack 2"})
        self.assertEqual(record.location, "physical")
        self.assertEqual(record.state, "filed")

    @freeze_time("2026-07-01 04:00:00")
    def test_secret_files_are_hidden_from_records_users_and_other_companies(self):
        record = self.File._file_closed(claims=self.closed_claim(with_documents=False))
        self.assertEqual(self.File.with_user(self.clerk).search([("id", "=", record.id)]), record)
        record.with_user(self.manager).secrecy_level = "secret"
        self.assertFalse(self.File.with_user(self.clerk).search([("id", "=", record.id)]))
        self.assertEqual(self.File.with_user(self.manager).search([("id", "=", record.id)]), record)
        other = self.env["res.company"].create({"name": "Other branch"})
        outsider = self.env["res.users"].create(
            {
                "name": "Outside manager",
                "login": "rec_outsider",
                "company_id": other.id,
                "company_ids": [(6, 0, other.ids)],
                "groups_id": [(6, 0, [self.env.ref("insurance_records.group_records_manager").id])],
            }
        )
        self.assertFalse(
            self.File.with_user(outsider).with_context(allowed_company_ids=other.ids).search([("id", "=", record.id)])
        )
        # a business user without a records role reads no file
        with self.assertRaises(AccessError):
            self.File.with_user(self.handler_user).search([])

    def test_complaints_are_filed_by_category_rule(self):
        category = self.env["insurance.complaint.category"].create(
            {"name": "Claims service", "code": "99.01", "cause": "claims"}
        )
        self.Rule.create(
            {
                "name": "Claims-service complaints",
                "company_id": self.company.id,
                "kind": "complaint",
                "complaint_category_id": category.id,
                "retention_class": "permanent",
            }
        )
        complainant = self.env["res.partner"].create(
            {"name": "Wang Fang", "company_id": self.company.id, "email": "wang.fang@example.com"}
        )
        with freeze_time("2026-03-10 04:00:00"):
            complaint = self.env["insurance.complaint"].create(
                {
                    "company_id": self.company.id,
                    "partner_id": complainant.id,
                    "received_at": "2026-03-02 01:30:00",
                    "channel": "phone",
                    "demand": "Pay the hospital bill",
                    "complainant_id_number": "430181198503120021",
                    "category_id": category.id,
                    "state": "decided",
                    "result": "accepted",
                }
            )
            complaint.action_next_stage()
            self.assertEqual(complaint.state, "closed")
            # its follow-up visit may reopen it: filed after the visit
            self.assertTrue(complaint.followup_ids)
            self.File._cron_file_closed()
            self.assertFalse(complaint.record_file_ids)
            with self.assertRaisesRegex(UserError, "filed after the visit"):
                complaint.action_file_records()
            complaint.followup_ids.action_cancel()
            self.File._cron_file_closed()
        record = complaint.record_file_ids
        self.assertEqual(
            (record.kind, record.retention_class, record.closed_date), ("complaint", "permanent", D(2026, 3, 10))
        )
        self.assertFalse(record.retention_end_date)
        with self.assertRaisesRegex(UserError, "filed in the archive"):
            complaint.with_user(self.director_user).write({"demand": "changed"})

    @freeze_time("2026-07-01 04:00:00")
    def test_filing_queries_do_not_grow_with_the_files(self):
        """The nightly filing costs the same queries for 2 or 6 cases (budget: 3 per file)."""
        counts = []
        for size in (2, 6):
            claims = self.env["insurance.claim"].browse([self.closed_claim().id for _i in range(size)])
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            files = self.File._file_closed(claims=claims)
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(len(files), size)
            self.assertEqual(files.mapped("page_count"), [4] * size)
        self.assertLessEqual(counts[1], counts[0] + 2, counts)
        self.assertLessEqual(counts[1], 3 * 6, counts)
