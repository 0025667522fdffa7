from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintBase(ComplaintCase):
    def test_sequence_and_open_flag(self):
        first, second = self.new_complaint(), self.new_complaint()
        self.assertTrue(first.name.startswith("TS"))
        self.assertNotEqual(first.name, second.name)
        self.assertTrue(first.is_open)
        first.action_withdraw()
        self.assertEqual(first.state, "withdrawn")
        self.assertFalse(first.is_open)
        self.assertTrue(first.closed_at)

    def test_normal_path_needs_a_result_before_closing(self):
        department = self.env["hr.department"].create({"name": "Consumer Protection", "company_id": self.company.id})
        complaint = self.new_complaint(
            user_id=self.officer_user.id, department_id=department.id, handling_plan="Call back and check the bill"
        )
        for expected in ("validated", "assigned", "investigating", "plan", "approved", "decided"):
            if expected == "decided":
                with self.assertRaisesRegex(UserError, "Send the decision letter"):
                    complaint.action_next_stage()
                self.decision_letter_sent(complaint)
            complaint.action_next_stage()
            self.assertEqual(complaint.state, expected)
        self.assertTrue(complaint.decision_sent_at)
        with self.assertRaisesRegex(UserError, "Record the result"):
            complaint.action_next_stage()
        complaint.result = "accepted"
        complaint.action_next_stage()
        self.assertEqual(complaint.state, "closed")
        with self.assertRaisesRegex(UserError, "cannot go to Withdrawn"):
            complaint.action_withdraw()

    def test_officers_see_own_department_and_unassigned(self):
        mine = self.new_complaint(user_id=self.officer_user.id)
        theirs = self.new_complaint(user_id=self.other_officer_user.id)
        unassigned = self.new_complaint()
        Complaint = self.env["insurance.complaint"]
        visible = Complaint.with_user(self.officer_user).search([("id", "in", (mine | theirs | unassigned).ids)])
        self.assertEqual(visible, mine | unassigned)
        with self.assertRaises(AccessError):
            theirs.with_user(self.officer_user).read(["name"])
        self.assertEqual(Complaint.with_user(self.compliance_user).search_count([("id", "in", (mine | theirs).ids)]), 2)
        with self.assertRaises(AccessError):
            mine.with_user(self.compliance_user).write({"demand": "changed"})

    def test_other_company_hidden(self):
        other = self.env["res.company"].create({"name": "Other Branch"})
        hidden = self.new_complaint(company_id=other.id)
        self.assertFalse(self.env["insurance.complaint"].with_user(self.manager_user).search([("id", "=", hidden.id)]))
