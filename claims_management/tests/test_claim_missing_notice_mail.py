from freezegun import freeze_time

from odoo.tests import tagged

from .common import DT
from .test_claim_documents import ClaimDocumentsCase
from .test_claim_notices import pdf_text


@tagged("post_install", "-at_install")
class TestMissingDocumentsMail(ClaimDocumentsCase):
    """The one-time missing-documents notice (Art. 22) goes out as a mail with the PDF, in the claimant's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.holder.email = "maintenance@liuyang.example.com"
        cls.company.email = "claims@liuyang.example.com"

    def send(self, claim, user=None):
        claim = claim.with_user(user) if user else claim
        # outside tests the reports are PDF already; in tests Odoo renders HTML unless forced
        claim.with_context(force_report_rendering=True).action_missing_documents_notice()
        notice = claim.document_notice_ids.sorted("id")[-1:]
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", notice.message_id.id)])
        return notice.message_id, mail

    def claim_with_gaps(self, **values):
        claim = self.new_claim(handler_id=self.handler.id, **values)
        self.doc(claim, "Accident report").action_receive()
        invoices = self.doc(claim, "Repair invoices")
        invoices.action_receive()
        invoices.rejection_reason = "Not an official invoice (fapiao)"
        invoices.action_reject()
        return claim

    def test_mail_lists_every_missing_item_with_the_pdf(self):
        claim = self.claim_with_gaps()
        with freeze_time("2026-06-22 01:00:00"):
            message, mail = self.send(claim, user=self.handler_user)
        self.assertEqual(message.subject, f"Claim {claim.name}: missing documents")
        self.assertEqual((message.message_type, message.subtype_id), ("comment", self.env.ref("mail.mt_comment")))
        self.assertEqual(message.create_uid, self.handler_user)
        self.assertEqual(message.partner_ids, self.holder)
        body = message.body
        self.assertIn(f"To handle your claim <strong>{claim.name}</strong> we still need the documents below", body)
        self.assertIn("<li>Repair invoices (not accepted: Not an official invoice (fapiao))</li>", body)
        self.assertIn("<li>Photos</li>", body)
        self.assertNotIn("Accident report", body, "received")
        self.assertNotIn("Policy copy", body, "optional: not asked for")
        self.assertNotIn("New facts", body)
        # the mail to the claimant
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.holder)
        self.assertEqual(mail.email_from, self.company.email_formatted)
        self.assertIn("<li>Photos</li>", mail.body_html)
        # the PDF lists the same documents
        self.assertEqual(message.attachment_ids.mapped("name"), [f"Missing Documents {claim.name}.pdf"])
        self.assertEqual(mail.attachment_ids, message.attachment_ids)
        text = pdf_text(message.attachment_ids.raw)
        for expected in ("Missing Documents Notice", claim.name, "Repair invoices", "Photos", "Not received yet"):
            self.assertIn(expected, text)
        self.assertIn("Not accepted: Not an official invoice (fapiao)", text)
        # recorded on the claim
        self.assertEqual(claim.missing_notice_at, DT(2026, 6, 22, 1, 0))
        notice = claim.document_notice_ids
        self.assertEqual(
            (notice.message_id, notice.user_id, notice.partner_id), (message, self.handler_user, self.holder)
        )
        self.assertEqual(
            notice.missing_items, "Repair invoices (not accepted: Not an official invoice (fapiao))\nPhotos"
        )

    def test_further_notice_mail_gives_the_new_facts(self):
        claim = self.claim_with_gaps()
        self.send(claim)
        claim.missing_notice_reason = "A second damaged span was found: its repair quote is needed"
        message, mail = self.send(claim)
        self.assertIn("New facts: A second damaged span was found: its repair quote is needed", message.body)
        self.assertIn("New facts:", mail.body_html)
        self.assertEqual(len(claim.document_notice_ids), 2)

    def test_mail_in_the_claimants_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        # what i18n/zh_CN.po provides once merged; set here so the test does not depend on it
        template = self.env.ref("claims_management.mail_template_claim_missing_documents")
        template.update_field_translations("subject", {"zh_CN": "案件 {{ object.name }}：补充材料通知"})
        body = template.body_html
        for english, chinese in (
            ("Dear", "尊敬的"),
            ("not accepted:", "未予接受："),
            (
                "The notice attached lists the same documents. Please quote the claim number when you send them.",
                "所附通知书列明相同的材料。提交时请注明案件号。",
            ),
        ):
            self.assertIn(english, body)
            body = body.replace(english, chinese)
        template.update_field_translations("body_html", {"zh_CN": body})
        self.env.ref("claims_management.action_report_claim_missing_documents").update_field_translations(
            "print_report_name", {"zh_CN": "'补充材料通知书 %s' % object.name"}
        )
        self.env.ref("claims_management.report_claim_missing_documents_document").update_field_translations(
            "arch_db", {"zh_CN": {"Missing Documents Notice": "补充材料通知书", "Not received yet": "尚未收到"}}
        )
        photos = self.claim_type.document_template_ids.filtered(lambda line: line.name == "Photos")
        photos.update_field_translations("name", {"zh_CN": "现场照片"})
        self.holder.lang = "zh_CN"
        claim = self.claim_with_gaps()
        self.assertEqual(self.doc(claim, "现场照片").name, "现场照片", "the checklist speaks the claimant's language")
        self.assertEqual(self.env.lang, "en_US", "the handler works in English")
        message, mail = self.send(claim, user=self.handler_user)
        self.assertEqual(message.subject, f"案件 {claim.name}：补充材料通知")
        self.assertIn("<li>现场照片</li>", message.body)
        self.assertIn("(未予接受： Not an official invoice (fapiao))", message.body)
        self.assertIn("所附通知书列明相同的材料", mail.body_html)
        self.assertNotIn("Please quote the claim number", message.body)
        self.assertEqual(message.attachment_ids.mapped("name"), [f"补充材料通知书 {claim.name}.pdf"])
        text = pdf_text(message.attachment_ids.raw)
        self.assertIn("补充材料通知书", text)
        self.assertIn("现场照片", text)
        self.assertIn("尚未收到", text)
        self.assertEqual(claim.document_notice_ids.missing_items.split("\n")[-1], "现场照片")
