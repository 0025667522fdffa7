import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import DT, ClaimsCase

PDF = b"%PDF-1.4 police accident certificate"
PNG = b"\x89PNG\r\n\x1a\n photo of the guard rail"


def b64(content):
    return base64.b64encode(content)


@tagged("post_install", "-at_install")
class ClaimDocumentsCase(ClaimsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claim_type.write(
            {
                "document_template_ids": [
                    (0, 0, {"name": "Accident report", "sequence": 1, "allowed_formats": "pdf, JPG", "max_size_mb": 1}),
                    (0, 0, {"name": "Repair invoices", "sequence": 2, "allowed_formats": "pdf", "max_size_mb": 1}),
                    (0, 0, {"name": "Photos", "sequence": 3, "allowed_formats": "jpg,png", "max_size_mb": 5}),
                    (0, 0, {"name": "Policy copy", "sequence": 4, "required": False, "allowed_formats": "pdf"}),
                ]
            }
        )

    def doc(self, claim, name):
        return claim.document_ids.filtered(lambda document: document.name == name)


@tagged("post_install", "-at_install")
class TestClaimDocuments(ClaimDocumentsCase):
    def test_checklist_generated_from_the_type_in_batch(self):
        self.assertEqual(self.claim_type.document_template_ids[0].allowed_formats, "pdf,jpg", "formats normalised")
        other_type = self.env["insurance.claim.type"].create(
            {"name": "No checklist", "code": "NOC", "company_id": self.company.id}
        )
        base = {
            "company_id": self.company.id,
            "policy_id": self.policy.id,
            "insured_id": self.bridge.id,
            "claimant_id": self.holder.id,
            "reported_at": DT(2026, 6, 18, 2, 0),
            "loss_at": DT(2026, 6, 18, 1, 0),
        }
        claims = self.env["insurance.claim"].create(
            [
                dict(base, claim_type_id=self.claim_type.id),
                dict(base, claim_type_id=self.claim_type.id),
                dict(base, claim_type_id=other_type.id),
            ]
        )
        for claim in claims[:2]:
            self.assertEqual(
                claim.document_ids.mapped("name"), ["Accident report", "Repair invoices", "Photos", "Policy copy"]
            )
            self.assertEqual(claim.document_ids.mapped("required"), [True, True, True, False])
            self.assertEqual(set(claim.document_ids.mapped("state")), {"required"})
            self.assertEqual(claim.document_ids[0].allowed_formats, "pdf,jpg")
            self.assertEqual(claim.document_ids[0].max_size_mb, 1)
            self.assertEqual(claim.missing_document_count, 3)
        self.assertFalse(claims[2].document_ids)
        # generating again adds nothing; a claim type change adds the new type's lines
        claims.action_generate_documents()
        self.assertEqual(len(claims[0].document_ids), 4)
        other_type.write({"document_template_ids": [(0, 0, {"name": "Letter", "allowed_formats": "pdf"})]})
        claims[0].claim_type_id = other_type
        self.assertEqual(len(claims[0].document_ids), 5)
        self.assertFalse(claims[0].materials_complete_at)

    def test_bad_format_and_oversize_refused(self):
        claim = self.new_claim()
        report = self.doc(claim, "Accident report")
        cases = [
            ("files of type exe are not accepted; send one of: pdf, jpg", "report.exe", PDF),
            ("files of type - are not accepted", "report", PDF),
            (r"report.pdf is not a real pdf file", "report.pdf", PNG),
            (r"the file is 1.0 MB, more than the 1.0 MB allowed", "big.pdf", PDF + b"0" * (1024 * 1024)),
        ]
        for message, filename, content in cases:
            with self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
                report.write({"attachment": b64(content), "attachment_name": filename})
        self.assertEqual(report.state, "required", "nothing saved")
        self.assertFalse(report.attachment)
        with freeze_time("2026-06-20 02:00:00"):
            report.write({"attachment": b64(PDF), "attachment_name": "report.pdf"})
        self.assertEqual(report.state, "received", "a file received the document")
        self.assertEqual(report.received_at, DT(2026, 6, 20, 2, 0))
        self.assertEqual(report.file_size, len(PDF))
        self.assertEqual(claim.materials_received_at, DT(2026, 6, 20, 2, 0))
        # a document created with a bad file is refused too
        with self.assertRaisesRegex(ValidationError, "not accepted"), self.cr.savepoint():
            self.env["insurance.claim.document"].create(
                {
                    "claim_id": claim.id,
                    "name": "Extra",
                    "allowed_formats": "pdf",
                    "attachment": b64(PNG),
                    "attachment_name": "x.png",
                }
            )

    def test_verify_and_reject_stamp_who_and_when(self):
        claim = self.new_claim(handler_id=self.handler.id)
        report = self.doc(claim, "Accident report").with_user(self.handler_user)
        with self.assertRaisesRegex(UserError, "Only a received document can be verified"):
            report.action_verify()
        with freeze_time("2026-06-20 02:00:00"):
            report.action_receive()
        with freeze_time("2026-06-21 03:00:00"):
            report.action_verify()
        self.assertEqual(report.state, "verified")
        self.assertEqual(report.checked_by_id, self.handler_user)
        self.assertEqual(report.checked_at, DT(2026, 6, 21, 3, 0))
        self.assertEqual(report.received_at, DT(2026, 6, 20, 2, 0), "verifying keeps the receipt date")
        with self.assertRaisesRegex(UserError, "Write in Rejection Reason"):
            report.action_reject()
        with self.assertRaisesRegex(ValidationError, "Give the reason"), self.cr.savepoint():
            report.state = "rejected"
        report.rejection_reason = "Not stamped by the police"
        report.action_reject()
        self.assertEqual(report.state, "rejected")
        self.assertEqual(claim.missing_document_count, 3)

    def test_notice_lists_everything_missing(self):
        claim = self.new_claim(handler_id=self.handler.id)
        self.doc(claim, "Accident report").action_receive()
        invoices = self.doc(claim, "Repair invoices")
        invoices.action_receive()
        invoices.write({"rejection_reason": "Illegible scan"})
        invoices.action_reject()
        with freeze_time("2026-06-22 01:00:00"):
            claim.with_user(self.handler_user).action_missing_documents_notice()
        message = claim.message_ids.filtered(lambda msg: "still need the documents" in (msg.body or ""))
        self.assertEqual(len(message), 1)
        self.assertIn("Repair invoices (not accepted: Illegible scan)", message.body)
        self.assertIn("<li>Photos</li>", message.body)
        self.assertNotIn("Accident report", message.body, "received")
        self.assertNotIn("Policy copy", message.body, "optional and not asked")
        self.assertEqual(message.partner_ids, self.holder, "sent to the claimant")
        self.assertEqual(claim.missing_notice_at, DT(2026, 6, 22, 1, 0))
        notice = claim.document_notice_ids
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.missing_items, "Repair invoices (not accepted: Illegible scan)\nPhotos")
        self.assertEqual(notice.document_ids, invoices | self.doc(claim, "Photos"))
        self.assertEqual(
            (notice.partner_id, notice.user_id, notice.message_id), (self.holder, self.handler_user, message)
        )
        self.assertFalse(notice.is_repeat)
        self.assertFalse(claim.clock_paused_since, "the materials were never complete: no decision clock to pause")

    def test_second_notice_needs_new_facts(self):
        claim = self.new_claim()
        claim.action_missing_documents_notice()
        with self.assertRaisesRegex(UserError, "a further notice needs new facts"):
            claim.action_missing_documents_notice()
        claim.missing_notice_reason = "   "
        with self.assertRaisesRegex(UserError, "a further notice needs new facts"):
            claim.action_missing_documents_notice()
        self.assertEqual(len(claim.document_notice_ids), 1)
        claim.missing_notice_reason = "The surveyor found a second damaged span: its repair quote is needed"
        claim.action_missing_documents_notice()
        self.assertEqual(len(claim.document_notice_ids), 2)
        repeat = claim.document_notice_ids.filtered("is_repeat")
        self.assertEqual(repeat.reason, "The surveyor found a second damaged span: its repair quote is needed")
        self.assertIn("New facts: The surveyor found", repeat.message_id.body)
        self.assertFalse(claim.missing_notice_reason, "the next notice needs its own reason")
        with self.assertRaisesRegex(UserError, "a further notice needs new facts"):
            claim.action_missing_documents_notice()

    def test_nothing_missing_no_notice(self):
        claim = self.new_claim()
        claim.document_ids.filtered("required").action_receive()
        with self.assertRaisesRegex(UserError, "Nothing is missing"):
            claim.action_missing_documents_notice()
        self.assertFalse(claim.missing_notice_at)

    def test_access(self):
        claim = self.new_claim(handler_id=self.handler.id)
        outsider = new_test_user(
            self.env,
            "clm_outsider",
            groups="claims_management.group_claims_user",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        documents = claim.document_ids
        self.assertEqual(len(documents.with_user(self.handler_user).read(["name"])), 4)
        with self.assertRaises(AccessError):
            documents.with_user(outsider).read(["name"])
        self.assertEqual(len(documents.with_user(self.auditor_user).read(["state"])), 4)
        with self.assertRaises(AccessError):
            documents[0].with_user(self.auditor_user).write({"state": "received"})
        with self.assertRaises(AccessError):
            self.claim_type.document_template_ids[0].with_user(self.handler_user).write({"required": False})
        self.claim_type.document_template_ids[0].with_user(self.director_user).write({"max_size_mb": 2})
