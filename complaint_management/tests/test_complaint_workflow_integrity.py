from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DT, ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintWorkflowIntegrity(ComplaintCase):
    """Forgeries tried as a complaint officer by any ORM path; recusal and segregation of duties of approvers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        cls.second_manager = new_test_user(
            cls.env, "cmp_manager_2", groups="complaint_management.group_complaint_manager", **common
        )
        cls.department = cls.env["hr.department"].create({"name": "Consumer Protection", "company_id": cls.company.id})
        Employee = cls.env["hr.employee"]
        cls.manager_employee = Employee.create(
            {"name": "Manager Ma", "company_id": cls.company.id, "user_id": cls.manager_user.id}
        )
        cls.clerk = Employee.create(
            {"name": "Clerk Chen", "company_id": cls.company.id, "parent_id": cls.manager_employee.id}
        )

    def _to_plan(self, complaint, officer=None):
        officer = officer or self.officer_user
        complaint = complaint.with_user(officer)
        complaint.action_validate()
        complaint.department_id = self.department
        complaint.action_assign()
        complaint.action_investigate()
        complaint.handling_plan = "Refund the premium difference"
        complaint.action_submit_plan()
        self.assertEqual((complaint.state, complaint.plan_submitted_by_id), ("plan", officer))
        return complaint

    def test_officer_cannot_write_state_or_approvals(self):
        complaint = self.new_complaint(user_id=self.officer_user.id)
        as_officer = complaint.with_user(self.officer_user)
        for vals in (
            {"state": "decided"},
            {"state": "closed"},
            {"state": "approved"},
            {"plan_approved_by_id": self.manager_user.id},
            {"review_decided_by_id": self.manager_user.id},
            {"decision_sent_at": DT(2026, 3, 5, 2, 0)},
        ):
            with self.assertRaisesRegex(AccessError, "complaint manager"), self.env.cr.savepoint():
                as_officer.write(vals)
        for forged in (True, {"model": "insurance.complaint", "fields": ["state"]}):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                as_officer.with_context(insurance_workflow_transition=forged).write({"state": "closed"})
        Complaint = self.env["insurance.complaint"].with_user(self.officer_user)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Complaint.create(
                {"company_id": self.company.id, "partner_id": self.complainant.id, "state": "closed", "demand": "x"}
            )
        self.assertEqual(complaint.state, "registered")

    def test_plan_approval_recusal_and_segregation(self):
        # the manager who submitted the plan does not approve it
        own = self._to_plan(self.new_complaint(user_id=self.manager_user.id), officer=self.manager_user)
        with self.assertRaisesRegex(AccessError, "segregation of duties"):
            own.with_user(self.manager_user).action_approve_plan()
        own.with_user(self.second_manager).action_approve_plan()
        self.assertEqual(own.plan_approved_by_id, self.second_manager)
        # the line manager of the employee complained about does not approve it
        about_clerk = self._to_plan(self.new_complaint(user_id=self.officer_user.id, employee_id=self.clerk.id))
        with self.assertRaisesRegex(AccessError, "recusal"):
            about_clerk.with_user(self.manager_user).action_approve_plan()
        with self.assertRaisesRegex(AccessError, "recusal"):
            about_clerk.with_user(self.manager_user).action_reject_plan()
        self.assertEqual(about_clerk.state, "plan")
        about_clerk.with_user(self.second_manager).action_approve_plan()
        self.assertEqual(about_clerk.state, "approved")

    def test_officer_reads_only_the_claims_of_their_complaints(self):
        policy = self.env["insurance.policy"].create(
            {
                "name": "P-OFFICER",
                "company_id": self.company.id,
                "policyholder_id": self.complainant.id,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "state": "active",
            }
        )
        claim_type = self.env["insurance.claim.type"].create(
            {"name": "Fire", "code": "FIRO", "company_id": self.company.id}
        )
        stranger = self.env["res.partner"].create({"name": "Zhao Lei", "company_id": self.company.id})
        Claim = self.env["insurance.claim"]
        base = {"company_id": self.company.id, "claim_type_id": claim_type.id, "policy_id": policy.id}
        linked, of_complainant, unrelated = Claim.create(
            [
                dict(base, claimant_id=self.complainant.id, loss_at=DT(2026, 2, 20, 1, 0)),
                dict(base, claimant_id=self.complainant.id, loss_at=DT(2026, 2, 21, 1, 0)),
                dict(base, claimant_id=stranger.id, loss_at=DT(2026, 2, 22, 1, 0)),
            ]
        )
        self.new_complaint(claim_id=linked.id, user_id=self.officer_user.id)
        visible = Claim.with_user(self.officer_user).search([("id", "in", (linked | of_complainant | unrelated).ids)])
        self.assertEqual(visible, linked | of_complainant)
        with self.assertRaises(AccessError):
            unrelated.with_user(self.officer_user).read(["name"])
        # another officer's complaint does not open its claims to this officer
        self.assertFalse(Claim.with_user(self.other_officer_user).search([("id", "=", linked.id)]))

    def test_second_extension_is_not_approved_by_its_requester(self):
        complaint = self.new_complaint(user_id=self.officer_user.id)
        self.manager_user.groups_id = [(4, self.env.ref("complaint_management.group_complaint_head_office").id)]
        self.second_manager.groups_id = [(4, self.env.ref("complaint_management.group_complaint_head_office").id)]
        Extension = self.env["insurance.complaint.extension"].with_context(force_report_rendering=True)
        with freeze_time("2026-03-12 02:00:00"):
            Extension.with_user(self.officer_user).create(
                {"complaint_id": complaint.id, "level": "1", "reason": "An external medical appraisal is needed"}
            )
            second = Extension.with_user(self.manager_user).create(
                {"complaint_id": complaint.id, "level": "2", "reason": "The appraisal is late"}
            )
            self.assertEqual((second.state, second.requested_by_id), ("requested", self.manager_user))
            with self.assertRaisesRegex(AccessError, "somebody else at the head office"):
                second.with_user(self.manager_user).action_approve()
            with self.assertRaises(AccessError):
                second.with_user(self.officer_user).write({"approved_by_id": self.officer_user.id})
            second.with_user(self.second_manager).action_approve()
        self.assertEqual((second.state, second.approved_by_id), ("approved", self.second_manager))
