from freezegun import freeze_time

from odoo.addons.duty_roster.tests.common import pdf_text as printed_text
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import DT, ClaimsCase, D

RECEIPT = "claims_management.action_report_claim_receipt"
MISSING = "claims_management.action_report_claim_missing_documents"
SETTLEMENT = "claims_management.action_report_claim_settlement"
REJECTION = "claims_management.action_report_claim_rejection"


def pdf_text(content):
    """The text of a PDF as printed, on one line."""
    return " ".join(printed_text(content).split())


@tagged("post_install", "-at_install")
class TestClaimNotices(ClaimsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.holder.email = "maintenance@liuyang.example.com"
        cls.company.email = "claims@liuyang.example.com"

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def render(self, report, claim):
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        content, kind = Report._render_qweb_pdf(report, claim.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        return pdf_text(content)

    def add_documents(self, claim):
        return self.env["insurance.claim.document"].create(
            [
                {"claim_id": claim.id, "name": "Police accident report", "sequence": 1},
                {"claim_id": claim.id, "name": "Repair invoice (fapiao)", "sequence": 2},
                {"claim_id": claim.id, "name": "Site photographs", "sequence": 3},
                {"claim_id": claim.id, "name": "Witness statement", "sequence": 4, "required": False},
            ]
        )

    def assessed_claim(self, **values):
        claim = self.new_claim(surveyor_id=self.surveyors[0].id, handler_id=self.handler.id, **values)
        self.assertEqual(claim.state, "dispatched", "dispatched at intake")
        for _stage in ("surveyed", "documents", "assessment"):
            claim.action_next_stage()
        return claim

    def decided_claim(self, decision, **values):
        claim = self.assessed_claim()
        if decision == "approve":
            self.env["insurance.claim.line"].create(
                [
                    {"claim_id": claim.id, "name": "Guard rail", "assessed_loss": 80000},
                    {"claim_id": claim.id, "name": "Bridge deck", "is_repairable": True, "repair_cost": 12000},
                ]
            )
        claim.write(dict(values, decision=decision))
        claim.action_next_stage()  # decision
        claim.action_next_stage()  # director review
        claim.with_user(self.director_user).action_director_approve()
        return claim

    def send(self, claim, action_name, user=None):
        """Press the button, then send the composer as it comes."""
        claim = claim.with_user(user) if user else claim
        action = getattr(claim, action_name)()
        self.assertEqual(action["res_model"], "mail.compose.message")
        Composer = self.env["mail.compose.message"].with_user(claim.env.user)
        # outside tests the reports are PDF already; in tests Odoo renders HTML unless forced
        composer_form = Form(Composer.with_context(action["context"], force_report_rendering=True))
        composer = composer_form.save()
        composer.action_send_mail()
        return claim.message_ids[0]

    # ------------------------------------------------------------------
    # the PDFs
    # ------------------------------------------------------------------
    def test_receipt_pdf(self):
        claim = self.new_claim(loss_place="G106 K12+300, Liuyang")
        self.add_documents(claim)
        text = self.render(RECEIPT, claim)
        for expected in (
            "Claim Receipt",
            claim.name,
            "PPR-TEST-1",
            "G106 K12+300, Liuyang",
            "What happens next",
            "Documents checklist",
            "Police accident report",
            "Repair invoice (fapiao)",
            "Witness statement",
            "Requested",
        ):
            self.assertIn(expected, text)
        # reported 02:00 UTC = 10:00 in Beijing
        self.assertIn("06/18/2026 10:00:00", text)

    def test_missing_documents_pdf_lists_what_the_notice_lists(self):
        claim = self.new_claim()
        police, invoice, photos, _witness = self.add_documents(claim)
        police.action_receive()
        invoice.action_receive()
        invoice.rejection_reason = "Not an official invoice"
        invoice.action_reject()
        self.assertEqual(claim._missing_documents(), invoice | photos)
        text = self.render(MISSING, claim)
        self.assertIn("Missing Documents Notice", text)
        self.assertIn(claim.name, text)
        self.assertIn("Repair invoice (fapiao)", text)
        self.assertIn("Not accepted: Not an official invoice", text)
        self.assertIn("Site photographs", text)
        self.assertIn("Not received yet", text)
        self.assertNotIn("Police accident report", text, "received")
        self.assertNotIn("Witness statement", text, "optional and not received: not asked for")

        photos.action_receive()
        invoice.action_receive()
        text = self.render(MISSING, claim)
        self.assertIn("Every mandatory document has been received.", text)

    def test_settlement_pdf_shows_the_calculation(self):
        with freeze_time("2026-08-03 02:00:00"):
            claim = self.decided_claim("approve")
            claim.action_claimant_agrees()
        self.assertEqual(claim.assessed_amount, 87000)
        self.assertEqual(claim.payment_due_date, D(2026, 8, 13))
        text = self.render(SETTLEMENT, claim)
        self.assertIn("Settlement Notice", text)
        self.assertIn(claim.name, text)
        self.assertIn("Guard rail", text)
        self.assertIn("Bridge deck", text)
        # each line's formula: 80,000 − 5,000 = 75,000; the repair cost of 12,000 takes no second deductible
        self.assertIn("(80,000.00 − 5,000.00) × 100% = 75,000.00", text)
        self.assertIn(f"5,000.00 − 5,000.00 [{claim.name}: Guard rail] = 0.00; (12,000.00 − 0.00) × 100%", text)
        self.assertIn("Repairable damage: the repair cost of", text, "the explanation in words")
        self.assertIn("87,000.00", text)
        self.assertIn("Expected payment date: 08/13/2026", text)

    def test_settlement_pdf_before_agreement(self):
        claim = self.decided_claim("approve")
        self.assertEqual(claim.state, "approved")
        self.assertFalse(claim.payment_due_date)
        text = self.render(SETTLEMENT, claim)
        self.assertIn("87,000.00", text)
        self.assertIn("We pay within 10 days of your agreement", text)
        self.assertNotIn("Expected payment date", text)

    def test_rejection_pdf_gives_reason_and_remedies(self):
        claim = self.decided_claim(
            "reject", rejection_code="exclusion", decision_note="Flood damage is excluded by clause 7.2."
        )
        self.assertEqual(claim.state, "rejected")
        text = self.render(REJECTION, claim)
        self.assertIn("Rejection Notice", text)
        self.assertIn(claim.name, text)
        self.assertIn("Excluded by the policy", text)
        self.assertIn("Flood damage is excluded by clause 7.2.", text)
        for remedy in ("complaint", "mediation", "arbitration", "lawsuit", "hotline 12378"):
            self.assertIn(remedy, text)

    def test_rejection_pdf_in_the_claimants_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        template = self.env.ref("claims_management.report_claim_rejection_document")
        # what i18n/zh_CN.po provides once merged; set here so the test does not depend on it
        template.update_field_translations(
            "arch_db", {"zh_CN": {"Rejection Notice": "拒赔通知书", "If you disagree": "如有异议"}}
        )
        selection = self.env["ir.model.fields.selection"].search(
            [
                ("field_id.model", "=", "insurance.claim"),
                ("field_id.name", "=", "rejection_code"),
                ("value", "=", "exclusion"),
            ]
        )
        selection.update_field_translations("name", {"zh_CN": "属于保单责任免除"})
        claim = self.decided_claim("reject", rejection_code="exclusion", decision_note="洪水损失属于第7.2条责任免除。")
        self.holder.lang = "zh_CN"
        # the user prints in English; the notice speaks the claimant's language
        self.assertEqual(self.env.lang, "en_US")
        text = self.render(REJECTION, claim)
        self.assertIn("拒赔通知书", text, "Chinese glyphs are rendered and extractable")
        self.assertIn("如有异议", text)
        self.assertIn("属于保单责任免除", text)
        self.assertIn("洪水损失属于第7.2条责任免除。", text)
        self.assertIn(claim.name, text)
        self.assertIn("12378", text)
        self.assertNotIn("If you disagree", text)

    # ------------------------------------------------------------------
    # sending
    # ------------------------------------------------------------------
    def test_send_receipt_posts_the_pdf_and_records_the_date(self):
        claim = self.new_claim(handler_id=self.handler.id)
        self.add_documents(claim)
        with freeze_time("2026-06-18 03:00:00"):
            message = self.send(claim, "action_send_receipt", user=self.handler_user)
        self.assertEqual(message.subject, f"Claim {claim.name}: we have received your claim")
        self.assertIn(self.holder, message.partner_ids)
        self.assertIn("We have registered your claim", message.body)
        self.assertIn(claim.name, message.body)
        self.assertEqual(message.create_uid, self.handler_user)
        self.assertEqual(message.attachment_ids.mapped("name"), [f"Claim Receipt {claim.name}.pdf"])
        self.assertTrue(message.attachment_ids.raw.startswith(b"%PDF"))
        self.assertIn("Police accident report", pdf_text(message.attachment_ids.raw))
        self.assertEqual(claim.receipt_sent_at, DT(2026, 6, 18, 3, 0))
        self.assertFalse(claim.settlement_notice_at)

    def test_plain_message_does_not_mark_a_notice(self):
        claim = self.new_claim()
        claim.message_post(body="Called the claimant", message_type="comment")
        self.assertFalse(claim.receipt_sent_at)

    def test_send_settlement_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        template = self.env.ref("claims_management.mail_template_claim_settlement")
        template.update_field_translations("subject", {"zh_CN": "案件 {{ object.name }}：赔款通知书"})
        self.env.ref("claims_management.action_report_claim_settlement").update_field_translations(
            "print_report_name", {"zh_CN": "'赔款通知书 %s' % object.name"}
        )
        with freeze_time("2026-08-03 02:00:00"):
            claim = self.decided_claim("approve")
            claim.action_claimant_agrees()
        self.holder.lang = "zh_CN"
        with freeze_time("2026-08-04 02:00:00"):
            message = self.send(claim, "action_send_settlement_notice")
        self.assertEqual(message.subject, f"案件 {claim.name}：赔款通知书")
        # the file is named in the claimant's language too
        self.assertEqual(message.attachment_ids.mapped("name"), [f"赔款通知书 {claim.name}.pdf"])
        self.assertIn("87,000.00", pdf_text(message.attachment_ids.raw))
        self.assertEqual(claim.settlement_notice_at, DT(2026, 8, 4, 2, 0))
        self.assertFalse(claim.receipt_sent_at)

    def test_send_rejection_stops_the_clock(self):
        with freeze_time("2026-08-30 02:00:00"):
            claim = self.decided_claim("reject", rejection_code="not_covered", decision_note="Not a covered peril.")
        self.assertEqual((claim.next_due_date, claim.next_due_clock), (D(2026, 9, 2), "claim_rejection_notice"))
        with freeze_time("2026-08-31 02:00:00"):
            message = self.send(claim, "action_send_rejection_notice")
        self.assertEqual(message.attachment_ids.mapped("name"), [f"Rejection Notice {claim.name}.pdf"])
        self.assertIn("12378", pdf_text(message.attachment_ids.raw))
        self.assertEqual(claim.rejection_notice_at, DT(2026, 8, 31, 2, 0))
        self.assertFalse(claim.next_due_date, "the Art. 24 clock stopped")
        # sent again: the first notice is what the law counts
        with freeze_time("2026-09-05 02:00:00"):
            self.send(claim, "action_send_rejection_notice")
        self.assertEqual(claim.rejection_notice_at, DT(2026, 8, 31, 2, 0))

    def test_notices_only_in_their_states(self):
        claim = self.new_claim()
        with self.assertRaisesRegex(UserError, "cannot be sent for claim"):
            claim.action_send_settlement_notice()
        with self.assertRaisesRegex(UserError, "cannot be sent for claim"):
            claim.action_send_rejection_notice()
        # the context key cannot mark a notice the claim is not ready for
        with self.assertRaisesRegex(UserError, "cannot be sent for claim"), self.cr.savepoint():
            claim.with_context(mark_claim_notice="rejection").message_post(body="x", message_type="comment")
        self.assertFalse(claim.rejection_notice_at)
        claim.action_withdraw()
        with self.assertRaisesRegex(UserError, "cannot be sent for claim"):
            claim.action_send_receipt()
