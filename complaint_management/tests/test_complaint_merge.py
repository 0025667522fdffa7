import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DT, ComplaintCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestComplaintMerge(ComplaintCase):
    """Merging within the statutory deadline only, a fresh clock on new facts; merged cases count nowhere.

    Times are UTC; Shanghai is UTC+8. The master is received on Monday 2 March 2026, 09:30 local.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        department = cls.env["hr.department"].create({"name": "Consumer Protection", "company_id": cls.company.id})
        cls.env["hr.employee"].create(
            {
                "name": "Officer",
                "company_id": cls.company.id,
                "user_id": cls.officer_user.id,
                "department_id": department.id,
            }
        )
        cls.clerk = cls.env["hr.employee"].create({"name": "Clerk Zhang", "company_id": cls.company.id})
        cls.category = cls.env.ref("complaint_management.complaint_category_claims_01")

    def received(self, moment, **values):
        with freeze_time(moment):
            return self.new_complaint(
                received_at=moment, user_id=self.officer_user.id, category_id=self.category.id, **values
            )

    def decision(self, complaint):
        return complaint._clock_last("complaint_decision")

    def wizard(self, duplicate, master, **values):
        return (
            self.env["insurance.complaint.merge"]
            .with_user(self.officer_user)
            .create({"duplicate_id": duplicate.id, "master_id": master.id, **values})
        )

    def test_new_facts_into_an_extended_case_restart_a_fresh_15_days(self):
        master = self.received(DT(2026, 3, 2, 1, 30))
        with freeze_time("2026-03-10 02:00:00"):
            self.env["insurance.complaint.extension"].with_user(self.officer_user).with_context(
                force_report_rendering=True
            ).create({"complaint_id": master.id, "level": "1", "reason": "An external medical appraisal is needed"})
        self.assertEqual((master.extension_level, master.decision_due_date), (1, D(2026, 4, 1)))
        duplicate = self.received(DT(2026, 3, 20, 1, 0))
        with freeze_time("2026-03-25 02:00:00"):
            wizard = self.wizard(duplicate, master, new_facts="The hospital refused the second bill too.")
            self.assertTrue(wizard.within_deadline)
            wizard.action_merge()
        fresh = self.decision(master)
        # a fresh 15 days from the merge: 25 March + 15 = 9 April, not the 30-day extension (24 April)
        self.assertEqual((fresh.start_at, fresh.length, fresh.extension_level), (DT(2026, 3, 25, 2, 0), 15, 0))
        self.assertEqual((master.extension_level, master.decision_due_date), (0, D(2026, 4, 9)))
        self.assertEqual(master.clock_start_at, DT(2026, 3, 25, 2, 0))

    def test_merge_only_within_the_deadline_else_link_as_a_repeat(self):
        master = self.received(DT(2026, 3, 2, 1, 30))
        self.assertEqual(master.decision_due_date, D(2026, 3, 17))
        # received within the deadline, but merged after it: too late, the restart would hide the breach
        early = self.received(DT(2026, 3, 10, 1, 0))
        with freeze_time("2026-03-18 02:00:00"), self.assertRaisesRegex(UserError, "Link it as a repeat"):
            early._merge_into(master, "New facts")
        # received after the deadline: a repeat, handled as its own case
        late = self.received(DT(2026, 3, 18, 1, 0))
        with freeze_time("2026-03-18 02:00:00"):
            wizard = self.wizard(late, master)
            self.assertFalse(wizard.within_deadline)
            with self.assertRaisesRegex(UserError, "merged only within the deadline"):
                wizard.action_merge()
            wizard.action_link_repeat()
        self.assertEqual(
            (late.repeat_of_id, late.merged_into_id, late.state),
            (master, self.env["insurance.complaint"], "registered"),
        )
        self.assertEqual(self.decision(late).start_at, DT(2026, 3, 18, 1, 0), "its own statutory clock")
        # within the deadline both ways: merged
        with freeze_time("2026-03-12 02:00:00"):
            early._merge_into(master)
        self.assertEqual(early.merged_into_id, master)
        # the links are written by the transitions only
        other = self.received(DT(2026, 3, 11, 1, 0))
        for field in ("repeat_of_id", "merged_into_id"):
            with self.assertRaises(AccessError):
                other.with_user(self.officer_user).write({field: master.id})
        self.assertFalse(other.repeat_of_id or other.merged_into_id)

    def test_merged_and_invalid_complaints_get_no_visit_and_no_fine(self):
        master = self.received(DT(2026, 3, 2, 1, 30))
        duplicate = self.received(DT(2026, 3, 5, 1, 0), channel="media", employee_id=self.clerk.id)
        duplicate.with_user(self.manager_user).accountability_verified = True
        with freeze_time("2026-03-06 02:00:00"):
            duplicate.with_user(self.officer_user)._merge_into(master)
        self.assertEqual(duplicate.state, "closed")
        self.assertFalse(duplicate.followup_ids, "the customer is visited in the master case only")
        self.assertFalse(duplicate.penalty_ids, "fined in the master case, never twice")
        invalid = self.received(DT(2026, 3, 6, 1, 0), invalid_reason="An enquiry about the renewal date")
        invalid.with_user(self.officer_user).action_invalid()
        self.assertFalse(invalid.followup_ids)
        Followup = self.env["insurance.customer.followup"].with_user(self.officer_user)
        for complaint in (duplicate, invalid):
            with self.assertRaisesRegex(ValidationError, "gets no follow-up visit"):
                Followup.create(
                    {"complaint_id": complaint.id, "partner_id": complaint.partner_id.id, "due_date": D(2026, 3, 13)}
                )
        # the same verified media complaint, closed as a case of its own, is visited and fined
        case = self.received(DT(2026, 3, 9, 1, 0), channel="media", employee_id=self.clerk.id)
        case.with_user(self.manager_user).accountability_verified = True
        with freeze_time("2026-03-10 02:00:00"):
            case.write({"handling_plan": "Call back", "result": "accepted"})
            case.with_user(self.officer_user).action_validate()
            case.with_user(self.officer_user).action_assign()
            case.with_user(self.officer_user).action_investigate()
            case.with_user(self.officer_user).action_submit_plan()
            case.with_user(self.manager_user).action_approve_plan()
            self.decision_letter_sent(case)
            case.with_user(self.officer_user).action_send_decision()
            case.with_user(self.officer_user).action_close()
        self.assertEqual(len(case.followup_ids.filtered(lambda visit: visit.level == "1")), 1)
        self.assertTrue(case.penalty_ids)
