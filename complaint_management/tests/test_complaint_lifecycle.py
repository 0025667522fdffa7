from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import DT, ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintLifecycle(ComplaintCase):
    """Validation, assignment with recusal, plan approval, decision, review; who may do what."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.department = cls.env["hr.department"].create({"name": "Consumer Protection", "company_id": cls.company.id})
        cls.boss = Employee.create(
            {
                "name": "Boss",
                "company_id": cls.company.id,
                "user_id": cls.officer_user.id,
                "department_id": cls.department.id,
            }
        )
        cls.clerk = Employee.create(
            {
                "name": "Counter Clerk",
                "company_id": cls.company.id,
                "parent_id": cls.boss.id,
                "user_id": cls.other_officer_user.id,
            }
        )
        cls.manager_employee = Employee.create(
            {
                "name": "Manager",
                "company_id": cls.company.id,
                "user_id": cls.manager_user.id,
                "department_id": cls.department.id,
            }
        )

    def _walk(self, complaint, until):
        complaint.handling_plan = complaint.handling_plan or "Check the file and call back"
        complaint.user_id = complaint.user_id or self.manager_user
        while complaint.state != until:
            if complaint.state == "approved":
                self.decision_letter_sent(complaint)
            complaint.action_next_stage()

    def test_invalid_complaint_gets_a_tactful_reply_and_closes(self):
        complaint = self.new_complaint()
        with self.assertRaisesRegex(UserError, "Explain why"):
            complaint.action_invalid()
        complaint.invalid_reason = "it asks for the opening hours of the counter"
        complaint.action_invalid()
        self.assertEqual((complaint.state, complaint.result, complaint.is_valid), ("closed", "invalid", False))
        reply = complaint.message_ids.filtered(lambda message: message.message_type == "comment")[:1]
        self.assertIn("opening hours", reply.body)
        self.assertIn("thank you", reply.body)
        self.assertIn(self.complainant, reply.partner_ids)

    def test_assignment_fills_department_from_owner(self):
        complaint = self.new_complaint()
        complaint.action_validate()
        with self.assertRaisesRegex(UserError, "Choose the owner"):
            complaint.action_assign()
        complaint.user_id = self.officer_user
        complaint.action_assign()
        self.assertEqual((complaint.state, complaint.department_id), ("assigned", self.department))

    def test_recusal_on_assignment_and_on_any_write(self):
        complaint = self.new_complaint(employee_id=self.clerk.id)
        complaint.action_validate()
        # the line manager of the employee complained about (the savepoint stands for the request's transaction)
        with self.assertRaisesRegex(ValidationError, "recusal"), self.env.cr.savepoint():
            complaint.write({"user_id": self.officer_user.id})
        self.assertFalse(complaint.user_id, "nothing half-saved")
        # the employee complained about, by the officer himself through the ORM
        with self.assertRaisesRegex(ValidationError, "recusal"):
            complaint.with_user(self.other_officer_user).write({"user_id": self.other_officer_user.id})
        # at creation too
        with self.assertRaisesRegex(ValidationError, "recusal"):
            self.new_complaint(employee_id=self.clerk.id, user_id=self.other_officer_user.id)
        # an owner already set, then the complaint turns out to be about them
        other = self.new_complaint(user_id=self.officer_user.id)
        with self.assertRaisesRegex(ValidationError, "recusal"):
            other.employee_id = self.boss
        complaint.user_id = self.manager_user
        complaint.action_assign()
        self.assertEqual(complaint.state, "assigned")

    def test_plan_approval_only_by_a_manager(self):
        complaint = self.new_complaint(user_id=self.officer_user.id)
        complaint.action_validate()
        complaint.action_assign()
        complaint.action_investigate()
        with self.assertRaisesRegex(UserError, "Write the handling plan"):
            complaint.action_submit_plan()
        complaint.handling_plan = "Pay the bill after checking the hospital invoice"
        complaint.with_user(self.officer_user).action_submit_plan()
        as_officer = complaint.with_user(self.officer_user)
        with self.assertRaisesRegex(AccessError, "Only a complaint manager"):
            as_officer.action_approve_plan()
        with self.assertRaisesRegex(AccessError, "complaint manager"):
            as_officer.write({"state": "approved"})
        self.assertEqual(complaint.state, "plan")
        complaint.with_user(self.manager_user).action_approve_plan()
        self.assertEqual((complaint.state, complaint.plan_approved_by_id), ("approved", self.manager_user))
        with self.assertRaisesRegex(UserError, "Send the decision letter"):
            complaint.with_user(self.officer_user).action_send_decision()
        self.decision_letter_sent(complaint)
        complaint.with_user(self.officer_user).action_send_decision()
        self.assertEqual(complaint.state, "decided")
        self.assertTrue(complaint.decision_sent_at)

    def test_manager_returns_the_plan(self):
        complaint = self.new_complaint()
        self._walk(complaint, "plan")
        complaint.with_user(self.manager_user).action_reject_plan()
        self.assertEqual(complaint.state, "investigating")

    def test_review_on_day_29_accepted_on_day_31_refused(self):
        with freeze_time("2026-03-10 02:00:00"):  # 10:00 in Shanghai
            early, late = self.new_complaint(), self.new_complaint()
            for complaint in early | late:
                self._walk(complaint, "decided")
                complaint.result = "refused"
        self.assertEqual(early._review_window_end().isoformat(), "2026-04-09")
        with freeze_time("2026-04-08 15:30:00"):  # 2026-04-08 23:30 local: day 29
            early.with_user(self.manager_user).action_close()
            early.action_request_review()
        self.assertEqual(early.state, "review")
        self.assertFalse(early.closed_at)
        with freeze_time("2026-04-09 16:30:00"):  # 2026-04-10 00:30 local: day 31
            with self.assertRaisesRegex(UserError, "had to be requested by 2026-04-09"):
                late.action_request_review()
        self.assertEqual(late.state, "decided")
        # the upper level decides the review
        early.review_result = "upheld"
        with self.assertRaisesRegex(UserError, "grounds of the review"):
            early.with_user(self.manager_user).action_decide_review()
        early.review_decision = "The premium follows the filed rate table."
        with self.assertRaisesRegex(AccessError, "Only a complaint manager"):
            early.with_user(self.officer_user).action_decide_review()
        # the owner of the complaint does not decide its review (segregation of duties): another manager does
        with self.assertRaisesRegex(AccessError, "segregation of duties"):
            early.with_user(self.manager_user).action_decide_review()
        reviewer = new_test_user(
            self.env,
            "cmp_reviewer",
            groups="complaint_management.group_complaint_manager",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        early.with_user(reviewer).action_decide_review()
        self.assertEqual((early.state, early.review_decided_by_id), ("reviewed", reviewer))
        early.action_close()
        self.assertEqual(early.state, "closed")

    def test_no_review_without_decision(self):
        complaint = self.new_complaint(invalid_reason="an enquiry")
        complaint.action_invalid()
        with self.assertRaisesRegex(UserError, "no decision"):
            complaint.action_request_review()

    def test_claim_status_shown_while_investigating(self):
        holder = self.env["res.partner"].create({"name": "Holder", "company_id": self.company.id})
        policy = self.env["insurance.policy"].create(
            {
                "name": "P-1",
                "company_id": self.company.id,
                "policyholder_id": holder.id,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "state": "active",
            }
        )
        claim_type = self.env["insurance.claim.type"].create(
            {"name": "Fire", "code": "FIR", "company_id": self.company.id}
        )
        self.env["insurance.claim.type.document"].create(
            {"claim_type_id": claim_type.id, "name": "Fire brigade report", "required": True}
        )
        claim = self.env["insurance.claim"].create(
            {
                "company_id": self.company.id,
                "claim_type_id": claim_type.id,
                "policy_id": policy.id,
                "claimant_id": self.complainant.id,
                "loss_at": DT(2026, 2, 20, 1, 0),
            }
        )
        complaint = self.new_complaint(claim_id=claim.id, user_id=self.officer_user.id)
        status = complaint.with_user(self.officer_user).claim_status
        self.assertIn(f"Claim {claim.name} is Reported", status)
        self.assertIn("Missing documents: Fire brigade report", status)

    def test_officer_sees_department_and_portal_sees_own(self):
        theirs = self.new_complaint(user_id=self.manager_user.id, department_id=self.department.id)
        hidden = self.new_complaint(user_id=self.manager_user.id)
        Complaint = self.env["insurance.complaint"].with_user(self.officer_user)
        visible = Complaint.search([("id", "in", (theirs | hidden).ids)])
        self.assertEqual(visible, theirs, "the officer's department, not another owner's complaint")
        portal = self.env["res.users"].create(
            {
                "name": "Wang Fang",
                "login": "wang_fang_portal",
                "partner_id": self.complainant.id,
                "company_id": self.company.id,
                "company_ids": [self.company.id],
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        other = self.env["res.partner"].create({"name": "Li Lei", "phone": "139", "company_id": self.company.id})
        foreign = self.new_complaint(partner_id=other.id)
        mine = self.env["insurance.complaint"].with_user(portal).search([("id", "in", (theirs | hidden | foreign).ids)])
        self.assertEqual(mine, theirs | hidden)
        with self.assertRaises(AccessError):
            theirs.with_user(portal).write({"demand": "changed"})
