import base64
import datetime
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DT, ComplaintCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestComplaintAccountability(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.boss = Employee.create({"name": "Manager Li", "company_id": cls.company.id})
        cls.clerk = Employee.create({"name": "Clerk Zhang", "company_id": cls.company.id, "parent_id": cls.boss.id})
        cls.sales_category = cls.env.ref("complaint_management.complaint_category_sales_02")
        cls.agent = cls.env["res.partner"].create({"name": "Agent Chen", "company_id": cls.company.id})

    def closed_complaint(self, verify=True, **values):
        """A complaint about the clerk, verified by the manager and closed."""
        values.setdefault("employee_id", self.clerk.id)
        complaint = self.new_complaint(state="decided", result="accepted", **values)
        if verify:
            complaint.with_user(self.manager_user).accountability_verified = True
        complaint.action_next_stage()
        self.assertEqual(complaint.state, "closed")
        return complaint

    def fines(self, complaint):
        return {(line.employee_id, line.role): line.amount for line in complaint.penalty_ids}

    def test_liable_people_default_from_the_employee_and_their_manager(self):
        complaint = self.new_complaint(employee_id=self.clerk.id)
        self.assertEqual(complaint.liable_employee_id, self.clerk)
        self.assertEqual(complaint.liable_manager_id, self.boss)
        with self.assertRaisesRegex(AccessError, "Only a complaint manager"):
            complaint.with_user(self.officer_user).write({"accountability_verified": True})
        complaint.with_user(self.manager_user).write({"accountability_verified": True})
        self.assertTrue(complaint.accountability_verified)

    def test_repeat_complaints_by_the_schedule(self):
        first = self.closed_complaint(received_at=DT(2026, 1, 5, 2, 0))
        self.assertFalse(first.penalty_ids, "the first complaint is a reminder only")
        second = self.closed_complaint(received_at=DT(2026, 2, 5, 2, 0))
        self.assertEqual(self.fines(second), {(self.clerk, "employee"): 50})
        self.assertIn("reminded: Manager Li", second.message_ids[0].body)
        third = self.closed_complaint(received_at=DT(2026, 3, 5, 2, 0))
        self.assertEqual(self.fines(third), {(self.clerk, "employee"): 100, (self.boss, "manager"): 50})
        fourth = self.closed_complaint(received_at=DT(2026, 3, 6, 2, 0))
        self.assertEqual(fourth.penalty_total, 150)
        # another complainant starts again at one
        other = self.env["res.partner"].create({"name": "Li Na", "company_id": self.company.id, "phone": "13800000000"})
        self.assertFalse(self.closed_complaint(partner_id=other.id).penalty_ids)

    def test_crisis_sources(self):
        local = self.closed_complaint(origin="regulator", channel="regulator", regulator_case_number="NFRA-1")
        self.assertEqual(self.fines(local), {(self.clerk, "employee"): 100, (self.boss, "manager"): 100})
        national = self.closed_complaint(origin="regulator", regulator_level="national", regulator_case_number="N-2")
        self.assertEqual(self.fines(national), {(self.clerk, "employee"): 200, (self.boss, "manager"): 200})
        media = self.closed_complaint(channel="media")
        self.assertEqual(self.fines(media), {(self.clerk, "employee"): 200, (self.boss, "manager"): 200})
        internet = self.closed_complaint(channel="internet", public_relations_cost=8000)
        self.assertEqual(self.fines(internet), {(self.clerk, "employee"): 800, (self.boss, "manager"): 800})

    def test_unverified_or_invalid_complaints_are_not_fined(self):
        self.assertFalse(self.closed_complaint(verify=False, channel="media").penalty_ids)
        self.assertFalse(self.closed_complaint(channel="media", is_valid=False).penalty_ids)

    def test_company_schedule_overrides_the_default(self):
        self.env["insurance.complaint.penalty.rule"].create(
            {"name": "Branch media rule", "source": "media", "company_id": self.company.id, "employee_amount": 300}
        )
        self.assertEqual(self.fines(self.closed_complaint(channel="media")), {(self.clerk, "employee"): 300})

    def test_monthly_penalty_list_in_excel(self):
        with freeze_time("2026-03-31 16:30:00"):  # 1 April in Shanghai: next month's list
            april = self.closed_complaint(channel="media")
        with freeze_time("2026-03-10 02:00:00"):
            self.closed_complaint(origin="regulator", regulator_case_number="R-1")
            self.closed_complaint(channel="internet")
        self.assertEqual(april.penalty_ids.mapped("date"), [D(2026, 4, 1)] * 2)
        export = (
            self.env["insurance.complaint.penalty.export"]
            .with_user(self.manager_user)
            .create({"month": D(2026, 3, 15), "company_id": self.company.id})
        )
        action = export.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(export.file_name, "Complaint penalties 2026-03.xlsx")
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.file_data)))
        lines, totals = book.worksheets
        amounts = [row[6] for row in lines.iter_rows(min_row=5, values_only=True) if row[0] != "Total"]
        self.assertEqual(sorted(amounts), [100, 100, 200, 200])
        total_row = [row for row in lines.iter_rows(min_row=5, values_only=True) if row[0] == "Total"][0]
        self.assertEqual(total_row[6], 600)
        per_employee = {row[0]: row[2] for row in totals.iter_rows(min_row=5, values_only=True) if row[0] != "Total"}
        self.assertEqual(per_employee, {"Clerk Zhang": 300, "Manager Li": 300})
        with self.assertRaises(AccessError):
            self.env["insurance.complaint.penalty.export"].with_user(self.officer_user).create({"month": D(2026, 3, 1)})

    def test_monthly_cron_sends_the_list_to_managers(self):
        with freeze_time("2026-03-10 02:00:00"):
            self.closed_complaint(channel="media")
        with freeze_time("2026-04-01 01:00:00"):
            self.env["insurance.complaint.penalty.export"]._cron_monthly_list()
        sent = self.env["insurance.complaint.mailing"].search(
            [("company_id", "=", self.company.id), ("kind", "=", "penalty_list")]
        )
        self.assertEqual(sent.partner_id, self.manager_user.partner_id)
        self.assertEqual(sent.attachment_id.name, "Complaint penalties 2026-03.xlsx")
        self.assertIn(self.manager_user.partner_id, sent.mail_id.recipient_ids)

    def test_agent_flagged_at_two_verified_missales_in_twelve_months(self):
        common = {"agent_id": self.agent.id, "category_id": self.sales_category.id}
        Review = self.env["insurance.complaint.agent.review"]
        self.closed_complaint(received_at=DT(2025, 5, 1, 2, 0), **common)
        self.closed_complaint(verify=False, received_at=DT(2025, 6, 1, 2, 0), **common)
        self.assertFalse(Review.search([("agent_id", "=", self.agent.id)]), "an unverified complaint does not count")
        self.assertFalse(self.agent.complaint_review_required)
        second = self.closed_complaint(received_at=DT(2026, 4, 20, 2, 0), **common)
        review = Review.search([("agent_id", "=", self.agent.id)])
        self.assertEqual(len(review), 1)
        self.assertEqual(
            review.complaint_ids.ids, [second.id] + review.complaint_ids.filtered(lambda c: c != second).ids
        )
        self.assertEqual(review.complaint_count, 2)
        self.assertTrue(self.agent.complaint_review_required)
        self.assertIn(self.agent, self.env["res.partner"].search([("complaint_review_required", "=", True)]))
        activity = review.activity_ids
        self.assertEqual(activity.user_id, self.compliance_user)
        self.assertIn("2 verified mis-selling complaints", activity.note)
        review.with_user(self.compliance_user).action_done()
        self.assertFalse(self.agent.complaint_review_required)

    def test_agent_not_flagged_over_thirteen_months(self):
        common = {"agent_id": self.agent.id, "category_id": self.sales_category.id}
        self.closed_complaint(received_at=DT(2025, 3, 1, 2, 0), **common)
        self.closed_complaint(received_at=DT(2026, 4, 1, 2, 0), **common)
        self.assertFalse(self.env["insurance.complaint.agent.review"].search([("agent_id", "=", self.agent.id)]))
        self.assertFalse(self.agent.complaint_review_required)
        # a claims complaint against the agent does not count either
        self.closed_complaint(
            received_at=DT(2026, 4, 2, 2, 0),
            agent_id=self.agent.id,
            category_id=self.env.ref("complaint_management.complaint_category_claims_01").id,
        )
        self.assertFalse(self.agent.complaint_review_required)

    def test_officers_cannot_edit_fines_nor_the_schedule(self):
        complaint = self.closed_complaint(channel="media", user_id=self.officer_user.id)
        line = complaint.penalty_ids[:1]
        self.assertEqual(line.with_user(self.officer_user).amount, 200)
        with self.assertRaises(AccessError):
            line.with_user(self.officer_user).write({"amount": 1})
        rule = self.env.ref("complaint_management.penalty_rule_media")
        with self.assertRaises(AccessError):
            rule.with_user(self.officer_user).write({"employee_amount": 1})
        rule.with_user(self.manager_user).write({"employee_amount": 250})
        self.assertEqual(rule.employee_amount, 250)
