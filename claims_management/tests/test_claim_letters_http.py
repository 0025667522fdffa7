from freezegun import freeze_time

from odoo.addons.insurance_base.tests.letters import LetterHttpMixin, pdf_image_count, pdf_text
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools.misc import format_date

from .common import ClaimsCase

RECEIPT = "claims_management.report_claim_receipt"
MISSING = "claims_management.report_claim_missing_documents"
SETTLEMENT = "claims_management.report_claim_settlement"
REJECTION = "claims_management.report_claim_rejection"


@tagged("post_install", "-at_install")
class TestClaimLettersOverHttp(LetterHttpMixin, HttpCase, ClaimsCase):
    """The notices as a claims user prints them (/report/pdf/...): the company's letterhead, the date, the
    handling unit and the seal; times in the company's time zone whoever prints; the claimant's language;
    no settlement or rejection notice without a settlement or a rejection."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {"street": "No. 1 Jinsha Road", "city": "Liuyang", "zip": "410300", "insurance_hotline": "95511"}
        )
        cls.department = cls.env["hr.department"].create({"name": "Property Claims Team", "company_id": cls.company.id})
        cls.handler.department_id = cls.department
        # the same claim printed from New York and from Shanghai
        cls.handler_user.tz = "America/New_York"
        cls.director_user.tz = "Asia/Shanghai"
        cls.claim_type.write(
            {
                "document_template_ids": [
                    (0, 0, {"name": "Police accident report", "sequence": 1, "description": "Original or certified"}),
                    (0, 0, {"name": "Repair invoice (fapiao)", "sequence": 2}),
                ]
            }
        )
        police, invoice = cls.claim_type.document_template_ids
        cls.env["res.lang"]._activate_lang("zh_CN")
        # what i18n/zh_CN.po provides once merged; set here so the test does not depend on it
        police.update_field_translations("name", {"zh_CN": "交警事故认定书"})
        police.update_field_translations("description", {"zh_CN": "原件或经核证的复印件"})
        invoice.update_field_translations("name", {"zh_CN": "维修发票"})

    def test_receipt_letterhead_date_unit_and_seal(self):
        claim = self.new_claim(handler_id=self.handler.id)
        text, content = self.letter_text(RECEIPT, claim, "clm_handler")
        for expected in (
            "Liuyang Branch",
            "No. 1 Jinsha Road",
            "Customer hotline: 95511",
            "Claim Receipt",
            claim.name,
            "Seal",
            "Handling unit: Liuyang Branch · Property Claims Team",
            f"Date: {format_date(self.env, self.company._insurance_today(), lang_code='en_US')}",
        ):
            self.assertIn(expected, text)
        self.assertGreaterEqual(pdf_image_count(content), 1, "the company's logo")
        self.assertLess(text.index("Customer hotline"), text.index("Claim Receipt"), "the letterhead is on top")

    def test_times_in_the_company_zone_whoever_prints(self):
        claim = self.new_claim(handler_id=self.handler.id)  # reported 02:00 UTC = 10:00 in Shanghai
        from_new_york, _pdf = self.letter_text(RECEIPT, claim, "clm_handler")
        from_shanghai, _pdf = self.letter_text(RECEIPT, claim, "clm_director")
        for text in (from_new_york, from_shanghai):
            self.assertIn("06/18/2026 10:00:00", text)
            self.assertIn("06/18/2026 09:00:00", text, "the loss, 01:00 UTC")
            self.assertNotIn("06/17/2026 22:00:00", text, "not New York's clock")

    def test_chinese_claimant_reads_the_checklist_in_chinese(self):
        # the checklist was copied in English (the claimant's language then), as in the demo
        claim = self.new_claim(handler_id=self.handler.id)
        self.assertEqual(claim.document_ids.mapped("name"), ["Police accident report", "Repair invoice (fapiao)"])
        self.env["insurance.claim.document"].create({"claim_id": claim.id, "name": "现场照片", "sequence": 3})
        self.holder.lang = "zh_CN"
        self.env.ref("insurance_base.letter_layout").update_field_translations("arch_db", {"zh_CN": {"Seal": "盖章处"}})
        for report in (RECEIPT, MISSING):
            with self.subTest(report=report):
                text, _pdf = self.letter_text(report, claim, "clm_handler")
                for expected in ("交警事故认定书", "原件或经核证的复印件", "维修发票", "盖章处", "95511", claim.name):
                    self.assertIn(expected, text)
                self.assertIn("现场照片", text, "a line written on the claim, as written")
                for english in ("Police accident report", "Original or certified", "Repair invoice", "Seal"):
                    self.assertNotIn(english, text)
        # the English claimant still reads English
        self.holder.lang = "en_US"
        text, _pdf = self.letter_text(RECEIPT, claim, "clm_handler")
        self.assertIn("Police accident report", text)
        self.assertNotIn("交警事故认定书", text)

    def test_no_settlement_notice_without_a_settlement(self):
        claim = self.new_claim(handler_id=self.handler.id)
        message = f"Claim {claim.name} has no settlement yet"
        self.assertLetterRefused(SETTLEMENT, claim, "clm_handler", message)
        self.assertLetterRefused(REJECTION, claim, "clm_handler", f"Claim {claim.name} has not been rejected")
        # approved by the director without an assessed amount: the notice would offer 0.00
        claim = self.new_claim(surveyor_id=self.surveyors[0].id, handler_id=self.handler.id)
        for _stage in ("surveyed", "documents", "assessment"):
            claim.action_next_stage()
        claim.write({"decision": "approve"})
        claim.action_next_stage()  # decision
        claim.action_next_stage()  # director review
        claim.with_user(self.director_user).action_director_approve()
        self.assertEqual((claim.state, claim.assessed_amount), ("approved", 0))
        self.assertLetterRefused(SETTLEMENT, claim, "clm_handler", f"Claim {claim.name} has no settlement yet")
        with self.assertRaisesRegex(UserError, "has no settlement yet"):
            claim.with_user(self.handler_user).action_send_settlement_notice()
        with self.assertRaisesRegex(UserError, "has no settlement yet"), self.cr.savepoint():
            claim.with_context(mark_claim_notice="settlement").message_post(body="x", message_type="comment")
        self.assertFalse(claim.settlement_notice_at)

    def test_settlement_and_rejection_notices_print_once_decided(self):
        claim = self.new_claim(surveyor_id=self.surveyors[0].id, handler_id=self.handler.id)
        for _stage in ("surveyed", "documents", "assessment"):
            claim.action_next_stage()
        self.env["insurance.claim.line"].create({"claim_id": claim.id, "name": "Guard rail", "assessed_loss": 80000})
        claim.write({"decision": "approve"})
        claim.action_next_stage()
        claim.action_next_stage()
        claim.with_user(self.director_user).action_director_approve()
        text, _pdf = self.letter_text(SETTLEMENT, claim, "clm_handler")
        self.assertIn("75,000.00", text)
        self.assertIn("Seal", text)
        self.assertLetterRefused(REJECTION, claim, "clm_handler", f"Claim {claim.name} has not been rejected")

        rejected = self.new_claim(surveyor_id=self.surveyors[0].id, handler_id=self.handler.id)
        for _stage in ("surveyed", "documents", "assessment"):
            rejected.action_next_stage()
        rejected.write({"decision": "reject", "rejection_code": "exclusion", "decision_note": "Flood is excluded."})
        rejected.action_next_stage()
        rejected.action_next_stage()
        rejected.with_user(self.director_user).action_director_approve()
        text, _pdf = self.letter_text(REJECTION, rejected, "clm_handler")
        self.assertIn("Excluded by the policy", text)
        self.assertLetterRefused(SETTLEMENT, rejected, "clm_handler", f"Claim {rejected.name} has no settlement yet")


@tagged("post_install", "-at_install")
class TestLetterDate(ClaimsCase):
    """The letter's date is the company-local day of printing: Shanghai's midnight is 16:00 UTC."""

    def test_letter_date_both_sides_of_local_midnight(self):
        claim = self.new_claim()
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        for moment, expected, other in (
            ("2026-06-18 15:59:59", "Date: 06/18/2026", "Date: 06/19/2026"),
            ("2026-06-18 16:00:00", "Date: 06/19/2026", "Date: 06/18/2026"),
        ):
            with self.subTest(moment=moment), freeze_time(moment):
                text = pdf_text(Report._render_qweb_pdf("claims_management.action_report_claim_receipt", claim.ids)[0])
                self.assertIn(expected, text)
                self.assertNotIn(other, text)
