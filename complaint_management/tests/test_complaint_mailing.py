import base64
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DT, ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintMailing(ComplaintCase):
    """The two monthly mailings on one mechanism: once per month and recipient, Excel attached, resend on demand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = cls.env["hr.employee"].create({"name": "Clerk Zhang", "company_id": cls.company.id})
        for user in (cls.manager_user, cls.compliance_user):
            user.partner_id.email = f"{user.login}@liuyang.example.com"

    def mails(self, subject):
        return self.env["mail.mail"].search([("subject", "like", subject), ("subject", "like", self.company.name)])

    def log(self, kind):
        return self.env["insurance.complaint.mailing"].search(
            [("company_id", "=", self.company.id), ("kind", "=", kind)]
        )

    def fined_in_march(self):
        """A verified media complaint about the clerk, closed in March: a fine for the penalty list."""
        complaint = self.new_complaint(received_at=DT(2026, 3, 2, 1, 30), channel="media", employee_id=self.clerk.id)
        complaint.with_user(self.manager_user).accountability_verified = True
        with freeze_time("2026-03-10 02:00:00"):
            complaint.write({"handling_plan": "Call back", "result": "accepted", "user_id": self.manager_user.id})
            department = self.env["hr.department"].create({"name": "Claims", "company_id": self.company.id})
            complaint.department_id = department
            while complaint.state != "approved":
                complaint.action_next_stage()
            self.decision_letter_sent(complaint)
            complaint.action_send_decision()
            complaint.action_close()
        self.assertTrue(complaint.penalty_ids)
        return complaint

    def test_both_lists_once_per_month_and_recipient_with_the_excel(self):
        self.fined_in_march()
        Mailing = self.env["insurance.complaint.mailing"]
        with freeze_time("2026-03-31 16:30:00"):  # 1 April 00:30 in Shanghai
            Mailing._cron_send()
            self.env["insurance.complaint.penalty.export"]._cron_monthly_list()  # the former cron: same mechanism
            self.env["insurance.complaint.monthly.list"]._cron_send_monthly_list()
        lists, penalties = self.mails("Monthly complaint list 2026-03"), self.mails("Complaint penalty list 2026-03")
        self.assertEqual((len(lists), len(penalties)), (1, 1), "three runs, one mail each")
        self.assertEqual(lists.recipient_ids, (self.manager_user | self.compliance_user).partner_id)
        self.assertEqual(penalties.recipient_ids, self.manager_user.partner_id, "the penalty list goes to managers")
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(penalties.attachment_ids.datas)))
        self.assertIn("Penalties", workbook.sheetnames)
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(lists.attachment_ids.datas)))
        self.assertIn("Complaints", workbook.sheetnames)
        self.assertEqual(len(self.log("monthly_list")), 2)
        self.assertEqual(self.log("penalty_list").partner_id, self.manager_user.partner_id)
        # a new compliance reader later in the month gets the list; the others not again
        newcomer = new_test_user(
            self.env,
            "cmp_compliance_2",
            groups="complaint_management.group_complaint_compliance",
            company_id=self.company.id,
            company_ids=[self.company.id],
            email="newcomer@liuyang.example.com",
        )
        with freeze_time("2026-04-02 02:00:00"):
            Mailing._cron_send()
        lists = self.mails("Monthly complaint list 2026-03")
        self.assertEqual(len(lists), 2)
        self.assertEqual(lists.sorted("id")[-1].recipient_ids, newcomer.partner_id)
        self.assertEqual(len(self.mails("Complaint penalty list 2026-03")), 1)

    def test_no_penalty_list_without_fines(self):
        with freeze_time("2026-04-01 02:00:00"):
            self.env["insurance.complaint.mailing"]._cron_send()
        self.assertFalse(self.mails("Complaint penalty list"))
        self.assertFalse(self.log("penalty_list"))
        self.assertEqual(len(self.mails("Monthly complaint list 2026-03")), 1, "the complaint list goes out even empty")

    def test_send_again_says_it_is_a_resend(self):
        with freeze_time("2026-04-01 02:00:00"):
            self.env["insurance.complaint.mailing"]._cron_send()
        row = self.log("monthly_list").filtered(lambda log: log.partner_id == self.compliance_user.partner_id)
        with self.assertRaises(AccessError):
            row.with_user(self.compliance_user).action_send_again()
        with self.assertRaises(AccessError):
            row.with_user(self.manager_user).write({"resend_count": 5})
        with freeze_time("2026-04-03 02:00:00"):
            row.with_user(self.manager_user).action_send_again()
        resent = self.mails("Resent: Monthly complaint list 2026-03")
        self.assertEqual(resent.recipient_ids, self.compliance_user.partner_id)
        self.assertIn("This is a resend of the mailing first sent on 2026-04-01 10:00", resent.body_html)
        self.assertTrue(resent.attachment_ids)
        self.assertEqual((row.resend_count, row.last_resent_at, row.mail_id), (1, DT(2026, 4, 3, 2, 0), resent))
        self.assertEqual(len(self.log("monthly_list")), 2, "a resend adds no row")

    def test_one_cron_left(self):
        self.assertTrue(self.env.ref("complaint_management.ir_cron_complaint_monthly_list").active)
        self.assertFalse(self.env.ref("complaint_management.ir_cron_complaint_penalty_list").active)

    def test_month_sent_before_the_log_is_not_sent_again(self):
        self.company.complaint_monthly_list_sent = "2026-03"
        with freeze_time("2026-04-01 02:00:00"):
            self.env["insurance.complaint.mailing"]._cron_send()
        self.assertFalse(self.mails("Monthly complaint list 2026-03"))
        with freeze_time("2026-05-01 02:00:00"):
            self.env["insurance.complaint.mailing"]._cron_send()
        self.assertEqual(len(self.mails("Monthly complaint list 2026-04")), 1)
