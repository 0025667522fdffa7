from odoo.addons.insurance_base.tests.letters import LetterHttpMixin
from odoo.tests import HttpCase, tagged
from odoo.tools.misc import format_date

from .test_complaint_clocks import ComplaintClockCase

ACKNOWLEDGEMENT = "complaint_management.report_complaint_acknowledgement"
EXTENSION = "complaint_management.report_complaint_extension"
DECISION = "complaint_management.report_complaint_decision"


@tagged("post_install", "-at_install")
class TestComplaintLettersOverHttp(LetterHttpMixin, HttpCase, ComplaintClockCase):
    """The letters as complaint staff print them (/report/pdf/...): letterhead, date, handling unit, seal;
    the receipt time in the company's time zone whoever prints; no decision letter without a decision."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"street": "No. 1 Jinsha Road", "city": "Liuyang", "insurance_hotline": "95-511"})
        cls.department = cls.env["hr.department"].create({"name": "Consumer Protection", "company_id": cls.company.id})
        cls.env["hr.employee"].create(
            {
                "name": "Officer Ou",
                "company_id": cls.company.id,
                "user_id": cls.officer_user.id,
                "department_id": cls.department.id,
            }
        )
        cls.officer_user.tz = "America/New_York"
        cls.manager_user.tz = "Asia/Shanghai"

    def test_acknowledgement_same_time_from_new_york_and_shanghai(self):
        # received Monday 2 March 2026, 09:30 in Shanghai (01:30 UTC; 20:30 the day before in New York)
        complaint = self.officer_complaint(department_id=self.department.id)
        from_new_york, _pdf = self.letter_text(ACKNOWLEDGEMENT, complaint, "cmp_officer")
        from_shanghai, _pdf = self.letter_text(ACKNOWLEDGEMENT, complaint, "cmp_manager")
        today = format_date(self.env, self.company._insurance_today(), lang_code="en_US")
        for text in (from_new_york, from_shanghai):
            for expected in (
                "Liuyang Branch",
                "No. 1 Jinsha Road",
                "Customer hotline: 95-511",
                "Complaint Acknowledgement",
                complaint.name,
                "03/02/2026 09:30:00",
                "Seal",
                "Handling unit: Liuyang Branch · Consumer Protection",
                f"Date: {today}",
            ):
                self.assertIn(expected, text)
            self.assertNotIn("03/01/2026 20:30:00", text)

    def test_no_decision_letter_without_a_decision(self):
        complaint = self.officer_complaint(department_id=self.department.id)
        self.assertLetterRefused(
            DECISION,
            complaint,
            "cmp_officer",
            f"The decision letter of complaint {complaint.name} needs: How It Was Checked, Grounds, Result.",
        )
        complaint.with_user(self.officer_user).write(
            {
                "letter_check_summary": "<p>We read the recorded sales call.</p>",
                "letter_grounds": "<p>Policy clause 4.2.</p>",
            }
        )
        self.assertLetterRefused(
            DECISION, complaint, "cmp_officer", f"The decision letter of complaint {complaint.name} needs: Result."
        )
        complaint.with_user(self.officer_user).write({"result": "refused"})
        text, _pdf = self.letter_text(DECISION, complaint, "cmp_officer")
        for expected in ("Complaint Decision Letter", "recorded sales call", "Refused, Position Lawful", "Seal"):
            self.assertIn(expected, text)
