from freezegun import freeze_time

from odoo.addons.duty_roster.tests.common import pdf_text as printed_text
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import DT
from .test_complaint_clocks import ComplaintClockCase, day

ACKNOWLEDGEMENT = "complaint_management.action_report_complaint_acknowledgement"
EXTENSION = "complaint_management.action_report_complaint_extension"
DECISION = "complaint_management.action_report_complaint_decision"


def pdf_text(content):
    """The text of a PDF as printed, on one line."""
    return " ".join(printed_text(content).split())


@tagged("post_install", "-at_install")
class TestComplaintLetters(ComplaintClockCase):
    def render(self, report, complaint):
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        content, kind = Report._render_qweb_pdf(report, complaint.ids)
        self.assertEqual(kind, "pdf")
        return pdf_text(content)

    def send(self, complaint, action_name, user=None):
        """Press the button, then send the composer as it comes."""
        complaint = complaint.with_user(user or self.officer_user)
        action = getattr(complaint, action_name)()
        self.assertEqual(action["res_model"], "mail.compose.message")
        Composer = self.env["mail.compose.message"].with_user(complaint.env.user)
        composer = Form(Composer.with_context(action["context"], force_report_rendering=True)).save()
        composer.action_send_mail()
        return complaint.message_ids[0]

    def decided(self, **values):
        complaint = self.officer_complaint(**values)
        complaint.write(
            {
                "state": "decided",
                "decision_sent_at": DT(2026, 3, 16, 2, 0),
                "result": "refused",
                "letter_check_summary": "<p>We heard the agent and read the recorded sales call of 3 May 2025.</p>",
                "letter_grounds": "<p>Policy clause 4.2 excludes pre-existing conditions.</p>",
                "decision_summary": "<p>The refusal of the claim stands.</p>",
            }
        )
        return complaint

    def test_acknowledgement_pdf_and_mail(self):
        complaint = self.officer_complaint(regulator_case_number="12378-2026-000123")
        text = self.render(ACKNOWLEDGEMENT, complaint)
        for expected in (
            "Complaint Acknowledgement",
            complaint.name,
            "12378-2026-000123",
            "Pay the hospital bill",
            "03/17/2026",
            "within 15 days",
        ):
            self.assertIn(expected, text)
        with freeze_time("2026-03-02 03:00:00"):
            message = self.send(complaint, "action_send_acknowledgement")
        self.assertEqual(message.attachment_ids.mapped("name"), [f"Complaint Acknowledgement {complaint.name}.pdf"])
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertIn(self.complainant, mail.recipient_ids)
        notice = complaint.notification_ids
        self.assertEqual(
            (notice.kind, notice.status, notice.sent_at, notice.partner_id, notice.message_id),
            ("acknowledgement", "sent", DT(2026, 3, 2, 3, 0), self.complainant, message),
        )
        self.assertEqual(notice.attachment_id, message.attachment_ids)

    def test_extension_notice_pdf(self):
        complaint = self.officer_complaint()
        with freeze_time("2026-03-12 02:00:00"):
            self.extend(complaint, "1", reason="The hospital records must be obtained")
        text = self.render(EXTENSION, complaint)
        for expected in (
            "Extension Notice",
            "First extension (to 30 days)",
            "The hospital records must be obtained",
            "04/01/2026",
        ):
            self.assertIn(expected, text)
        sent = pdf_text(complaint.notification_ids.attachment_id.raw)
        self.assertIn("The hospital records must be obtained", sent)

    def test_decision_letter_needs_its_sections(self):
        complaint = self.officer_complaint()
        complaint.write({"state": "approved", "result": "accepted"})
        with self.assertRaisesRegex(UserError, "How It Was Checked, Grounds"):
            complaint.with_user(self.officer_user).action_send_decision_letter()
        self.assertFalse(complaint.notification_ids)

    def test_decision_letter_and_review_window(self):
        complaint = self.decided()
        text = self.render(DECISION, complaint)
        for expected in (
            "Complaint Decision Letter",
            "How It Was Checked",
            "recorded sales call",
            "Grounds",
            "clause 4.2",
            "Result",
            "Refused, Position Lawful",
            "The refusal of the claim stands",
            "Review: within 30 days",
            "Mediation",
            "Arbitration",
            "Litigation",
        ):
            self.assertIn(expected, text)
        with freeze_time("2026-03-16 02:00:00"):
            self.send(complaint, "action_send_decision_letter")
        notice = complaint.notification_ids
        self.assertEqual((notice.kind, notice.status), ("decision", "sent"))
        self.assertIn("Litigation", pdf_text(notice.attachment_id.raw))
        self.assertEqual(complaint.review_window_end_date, day(2026, 4, 15))
        # delivered by registered post three days later: the review window counts from the delivery
        notice.delivered_at = DT(2026, 3, 19, 6, 0)
        notice.with_user(self.officer_user).action_mark_delivered()
        self.assertEqual(notice.status, "delivered")
        self.assertEqual(complaint.decision_notified_at, DT(2026, 3, 19, 6, 0))
        self.assertEqual(complaint.review_window_end_date, day(2026, 4, 18))
        with self.assertRaisesRegex(UserError, "cannot be marked unreachable"):
            notice.action_mark_unreachable()

    def test_unreachable_complainant(self):
        complaint = self.decided()
        with freeze_time("2026-03-16 02:00:00"):
            self.send(complaint, "action_send_decision_letter")
        notice = complaint.notification_ids
        notice.with_user(self.officer_user).write({"note": "Phone switched off on 17 and 18 March"})
        notice.with_user(self.officer_user).action_mark_unreachable()
        self.assertEqual(notice.status, "unreachable")
        self.assertEqual(complaint.review_window_end_date, day(2026, 4, 15), "counted from the sending")

    def test_decision_letter_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        # what i18n/zh_CN.po provides once merged; set here so the test does not depend on it
        self.env.ref("complaint_management.report_complaint_decision_document").update_field_translations(
            "arch_db", {"zh_CN": {"Complaint Decision Letter": "投诉处理决定书", "How It Was Checked": "核查情况"}}
        )
        self.env.ref("complaint_management.mail_template_complaint_decision").update_field_translations(
            "subject", {"zh_CN": "投诉 {{ object.name }}：处理决定书"}
        )
        self.env.ref(DECISION).update_field_translations(
            "print_report_name", {"zh_CN": "'投诉处理决定书 %s' % object.name"}
        )
        self.complainant.lang = "zh_CN"
        complaint = self.decided()
        text = self.render(DECISION, complaint)
        self.assertIn("投诉处理决定书", text)
        self.assertIn("核查情况", text)
        with freeze_time("2026-03-16 02:00:00"):
            message = self.send(complaint, "action_send_decision_letter")
        self.assertEqual(message.subject, f"投诉 {complaint.name}：处理决定书")
        self.assertEqual(message.attachment_ids.mapped("name"), [f"投诉处理决定书 {complaint.name}.pdf"])
        self.assertIn("投诉处理决定书", pdf_text(complaint.notification_ids.attachment_id.raw))

    def test_plain_message_records_no_letter(self):
        complaint = self.officer_complaint()
        complaint.message_post(body="Called the complainant", message_type="comment")
        self.assertFalse(complaint.notification_ids)
