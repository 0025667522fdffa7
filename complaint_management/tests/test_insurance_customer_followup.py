import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from ..lib import followup_sampling
from .common import DT, ComplaintCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestCustomerFollowup(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        cls.claims_user = new_test_user(
            cls.env, "fu_claims_handler", groups="claims_management.group_claims_user", **common
        )
        cls.unit = cls.env["hr.department"].create({"name": "Claims Service", "company_id": cls.company.id})
        cls.handler = cls.env["hr.employee"].create(
            {
                "name": "Handler Hu",
                "user_id": cls.claims_user.id,
                "company_id": cls.company.id,
                "department_id": cls.unit.id,
            }
        )
        cls.policy = cls.env["insurance.policy"].create(
            {
                "name": "PPR-FU-1",
                "company_id": cls.company.id,
                "policyholder_id": cls.complainant.id,
                "date_start": D(2026, 1, 1),
                "date_end": D(2026, 12, 31),
                "sum_insured": 1000000,
                "state": "active",
            }
        )
        cls.claim_type = cls.env["insurance.claim.type"].create(
            {"name": "Motor", "code": "MOT", "company_id": cls.company.id}
        )

    def new_claim(self):
        return self.env["insurance.claim"].create(
            {
                "company_id": self.company.id,
                "claim_type_id": self.claim_type.id,
                "policy_id": self.policy.id,
                "claimant_id": self.complainant.id,
                "loss_at": DT(2026, 3, 1, 1, 0),
                "handler_id": self.handler.id,
            }
        )

    def close(self, complaint):
        complaint.write({"result": "accepted"})
        complaint._move("closed", ("decided",))
        return complaint

    def decided_complaint(self, **values):
        return self.new_complaint(state="decided", result="accepted", **values)

    def followups(self, records):
        return self.env["insurance.customer.followup"].search(
            [("complaint_id" if records._name == "insurance.complaint" else "claim_id", "in", records.ids)]
        )

    # ------------------------------------------------------------------
    @freeze_time("2026-03-10 17:00:00")  # 11 March, 01:00 in Shanghai
    def test_complaint_close_plans_a_visit_within_a_week(self):
        complaint = self.decided_complaint(user_id=self.officer_user.id)
        complaint.action_next_stage()
        visit = complaint.followup_ids
        self.assertEqual(len(visit.filtered(lambda v: v.level == "1")), 1)
        visit = visit.filtered(lambda v: v.level == "1")
        self.assertEqual(visit.due_date, D(2026, 3, 18))
        self.assertEqual(
            (visit.trigger, visit.state, visit.user_id), ("complaint_closed", "planned", self.officer_user)
        )
        self.assertEqual(visit.partner_id, self.complainant)
        self.assertTrue(visit.name.startswith("HF"))
        self.assertEqual(complaint.followup_count, len(complaint.followup_ids))

    @freeze_time("2026-03-20 02:00:00")
    def test_claim_paid_plans_a_visit(self):
        claim = self.new_claim()
        claim.write({"state": "approved"})
        self.assertFalse(self.followups(claim))
        claim.with_user(self.claims_user)._move("paid", ("approved",), "Paid in full (from accounting)")
        visit = self.followups(claim).filtered(lambda v: v.level == "1")
        self.assertEqual((visit.trigger, visit.due_date), ("claim_paid", D(2026, 3, 27)))
        self.assertEqual((visit.user_id, visit.department_id), (self.claims_user, self.unit))
        claim.write({"state": "paid"})
        self.assertEqual(len(self.followups(claim).filtered(lambda v: v.level == "1")), 1, "paid once, visited once")

    def test_sampling_library(self):
        self.assertEqual([n for n in range(1, 31) if followup_sampling.is_sampled(n, 10)], [1, 11, 21])
        self.assertEqual([n for n in range(1, 41) if followup_sampling.is_sampled(n, 5)], [1, 21])
        self.assertEqual(followup_sampling.quota(100, 10), 10)
        self.assertEqual(followup_sampling.levels(1, {"2": 10, "3": 5}), ["1", "2", "3"])
        self.assertEqual(followup_sampling.levels(2, {"2": 10, "3": 5}), ["1"])
        self.assertFalse(followup_sampling.is_sampled(1, 0))

    def test_sampling_counts_per_company_rates(self):
        Followup = self.env["insurance.customer.followup"]
        self.assertEqual(Followup.search_count([("company_id", "=", self.company.id)]), 0)
        complaints = self.env["insurance.complaint"]
        for _i in range(20):
            complaints |= self.close(self.decided_complaint())
        visits = self.followups(complaints)
        counts = {level: len(visits.filtered(lambda v, level=level: v.level == level)) for level in "123"}
        self.assertEqual(counts, {"1": 20, "2": 2, "3": 1})
        self.assertEqual(sorted(visits.filtered(lambda v: v.level == "1").mapped("sample_number")), list(range(1, 21)))
        complaints |= self.close(self.decided_complaint())
        visits = self.followups(complaints)
        counts = {level: len(visits.filtered(lambda v, level=level: v.level == level)) for level in "123"}
        self.assertEqual(counts, {"1": 21, "2": 3, "3": 2})
        # a company sampling more: 25 % at level 2 over 8 visits is 2
        self.company.followup_level2_rate = 25
        more = self.env["insurance.complaint"]
        for _i in range(8):
            more |= self.close(self.decided_complaint())
        self.assertEqual(len(self.followups(more).filtered(lambda v: v.level == "2")), 2)
        with self.assertRaises(ValidationError):
            self.company.followup_level2_rate = 8
        with self.assertRaises(ValidationError):
            self.company.followup_level3_rate = 4

    def test_retries_until_unreachable(self):
        visit = self.close(self.decided_complaint(user_id=self.officer_user.id)).followup_ids.filtered(
            lambda v: v.level == "1"
        )
        visit = visit.with_user(self.officer_user)
        self.assertEqual(visit.max_attempts, 3)
        with freeze_time("2026-03-11 02:00:00"):
            visit.action_not_reached()
            self.assertEqual((visit.state, visit.attempt_count, visit.next_attempt_date), ("retry", 1, D(2026, 3, 12)))
            self.assertEqual(visit.activity_ids.date_deadline, D(2026, 3, 12))
            self.assertEqual(visit.activity_ids.user_id, self.officer_user)
            visit.action_not_reached()
            self.assertEqual((visit.state, visit.attempt_count), ("retry", 2))
            visit.action_not_reached()
        self.assertEqual((visit.state, visit.attempt_count, visit.outcome), ("unreachable", 3, "not_reached"))
        self.assertFalse(visit.next_attempt_date)
        with self.assertRaisesRegex(UserError, "already finished"):
            visit.action_reached()

    def test_reached_needs_a_score(self):
        visit = self.close(self.decided_complaint()).followup_ids.filtered(lambda v: v.level == "1")
        with self.assertRaisesRegex(UserError, "satisfaction score"):
            visit.action_reached()
        visit.write({"satisfaction": "4", "comments": "Thanks for the quick payment."})
        visit.action_not_reached()
        visit.action_reached()
        self.assertEqual((visit.state, visit.outcome, visit.attempt_count), ("done", "reached", 2))
        self.assertFalse(visit.is_negative)
        self.assertEqual(visit.complaint_id.state, "closed")

    def test_score_is_an_odoo_rating_of_the_visitor(self):
        complaint = self.close(self.decided_complaint(user_id=self.officer_user.id))
        visit = complaint.followup_ids.filtered(lambda v: v.level == "1").with_user(self.officer_user)
        visit.write({"satisfaction": "4", "comments": "Called back the same day."})
        visit.action_reached()
        rating = self.env["rating.rating"].search(
            [("res_model", "=", "insurance.customer.followup"), ("res_id", "=", visit.id)]
        )
        self.assertEqual(len(rating), 1)
        self.assertEqual(
            (rating.rating, rating.partner_id, rating.rated_partner_id, rating.consumed, rating.feedback),
            (4.0, self.complainant, self.officer_user.partner_id, True, "Called back the same day."),
        )
        self.assertEqual((visit.rating_count, visit.rating_avg, visit.rating_last_value), (1, 4.0, 4.0))
        self.assertEqual(visit.rating_last_text, "top")
        self.assertIn(rating, visit.message_ids.rating_id)
        with self.assertRaisesRegex(UserError, "stays"):
            visit.write({"satisfaction": "5"})
        self.assertEqual(rating.rating, 4.0)
        # a visit given up has no rating
        other = self.close(self.decided_complaint(user_id=self.officer_user.id))
        unreached = other.followup_ids.filtered(lambda v: v.level == "1").with_user(self.officer_user)
        unreached.write({"max_attempts": 1})
        unreached.action_not_reached()
        self.assertFalse(unreached.rating_ids)

    def test_negative_result_reopens_the_complaint(self):
        complaint = self.close(self.decided_complaint(user_id=self.officer_user.id))
        visit = complaint.followup_ids.filtered(lambda v: v.level == "1").with_user(self.officer_user)
        visit.write({"satisfaction": "2", "comments": "Still not paid the hospital bill."})
        visit.action_reached()
        self.assertTrue(visit.is_negative)
        self.assertEqual(complaint.state, "investigating")
        self.assertIn("Still not paid the hospital bill.", complaint.message_ids[0].body)
        self.assertIn("Reopened", complaint.message_ids[0].body)
        # closing again plans a new round of visits
        complaint.write({"state": "decided"})
        self.close(complaint)
        self.assertEqual(len(complaint.followup_ids.filtered(lambda v: v.level == "1")), 2)

    def test_dissatisfied_claim_customer_gets_a_complaint(self):
        claim = self.new_claim()
        claim.write({"state": "paid"})
        visit = self.followups(claim).filtered(lambda v: v.level == "1").with_user(self.claims_user)
        visit.write({"is_dissatisfied": True, "satisfaction": "3", "comments": "Paid far too late.", "channel": "sms"})
        visit.action_reached()
        complaint = visit.opened_complaint_id
        self.assertTrue(complaint)
        self.assertEqual((complaint.claim_id, complaint.policy_id), (claim, self.policy))
        self.assertEqual(
            (complaint.partner_id, complaint.channel, complaint.state), (self.complainant, "sms", "registered")
        )
        self.assertEqual(complaint.source_followup_id, visit)
        self.assertEqual(complaint.demand, "Paid far too late.")
        # the complaint officers see the new, unassigned complaint
        self.assertTrue(complaint.with_user(self.officer_user).read(["name"]))

    def test_a_visit_is_about_one_complaint_or_one_claim(self):
        Followup = self.env["insurance.customer.followup"]
        with self.assertRaisesRegex(ValidationError, "one complaint or one claim"):
            Followup.create({"partner_id": self.complainant.id, "due_date": D(2026, 3, 1)})
        with self.assertRaisesRegex(ValidationError, "one complaint or one claim"):
            Followup.create(
                {
                    "partner_id": self.complainant.id,
                    "due_date": D(2026, 3, 1),
                    "complaint_id": self.new_complaint().id,
                    "claim_id": self.new_claim().id,
                }
            )

    @freeze_time("2026-04-05 02:00:00")
    def test_coverage_kpi(self):
        Followup = self.env["insurance.customer.followup"]
        other_unit = self.env["hr.department"].create({"name": "Counter", "company_id": self.company.id})
        complaint = self.new_complaint()

        def visit(due, unit, state="planned"):
            return Followup.create(
                {
                    "complaint_id": complaint.id,
                    "partner_id": self.complainant.id,
                    "due_date": due,
                    "department_id": unit.id,
                    "state": state,
                }
            )

        done = visit(D(2026, 3, 5), self.unit)
        done.write({"satisfaction": "5"})
        done.action_reached()
        done.done_date = D(2026, 3, 4)
        late_done = visit(D(2026, 3, 3), self.unit)
        late_done.write({"satisfaction": "3"})
        late_done.action_reached()  # done on 5 April: a month late
        visit(D(2026, 3, 10), self.unit, "unreachable")
        visit(D(2026, 3, 20), other_unit).write({"state": "done", "done_date": D(2026, 3, 19)})
        visit(D(2026, 3, 25), other_unit, "cancelled")
        visit(D(2026, 4, 2), self.unit)  # April: another period
        march = [
            ("company_id", "=", self.company.id),
            ("due_date", ">=", D(2026, 3, 1)),
            ("due_date", "<", D(2026, 4, 1)),
        ]
        self.assertEqual(Followup._coverage(march), {"due": 4, "done": 3, "rate": 75.0})
        self.assertEqual(
            Followup._coverage(march + [("department_id", "=", self.unit.id)]), {"due": 3, "done": 2, "rate": 66.67}
        )
        self.env.flush_all()
        Report = self.env["insurance.customer.followup.report"]
        groups = Report._read_group(
            march, ["department_id"], ["due_count:sum", "done_count:sum", "late_count:sum", "coverage:avg"]
        )
        figures = {unit: (due, done, late, round(rate, 2)) for unit, due, done, late, rate in groups}
        self.assertEqual(figures, {self.unit: (3, 2, 1, 66.67), other_unit: (1, 1, 0, 100.0)})
        self.assertEqual(Followup.search([("id", "=", late_done.id), ("is_late", "=", True)]), late_done)
        self.assertFalse(done.is_late)

    def test_access(self):
        claim = self.new_claim()
        claim.write({"state": "paid"})
        visit = self.followups(claim)[:1]
        visit.with_user(self.claims_user).write({"comments": "Left a message"})
        self.assertTrue(visit.with_user(self.compliance_user).read(["comments"]))
        with self.assertRaises(AccessError):
            visit.with_user(self.compliance_user).write({"comments": "changed"})
        with self.assertRaises(AccessError):
            visit.with_user(self.claims_user).unlink()
        other = self.env["res.company"].create({"name": "Other Branch"})
        hidden = self.env["insurance.customer.followup"].create(
            {
                "company_id": other.id,
                "complaint_id": self.new_complaint(company_id=other.id).id,
                "partner_id": self.complainant.id,
                "due_date": D(2026, 3, 1),
            }
        )
        self.assertFalse(
            self.env["insurance.customer.followup"].with_user(self.officer_user).search([("id", "=", hidden.id)])
        )

    # ------------------------------------------------------------------
    # Who makes the sampled visits; visits on claim report
    # ------------------------------------------------------------------
    def visits_by_level(self, records):
        return {visit.level: visit for visit in self.followups(records)}

    def test_sample_visits_go_to_the_manager_and_the_head(self):
        self.company.write({"followup_level2_rate": 100, "followup_level3_rate": 100})
        common = {"company_id": self.company.id, "company_ids": [self.company.id], "lang": "en_US"}
        second_manager = new_test_user(
            self.env, "fu_manager_2", groups="complaint_management.group_complaint_manager", **common
        )
        # no line manager known: the first complaint manager of the company makes levels 2 and 3
        visits = self.visits_by_level(self.close(self.decided_complaint(user_id=self.officer_user.id)))
        self.assertEqual(sorted(visits), ["1", "2", "3"])
        self.assertEqual(visits["1"].user_id, self.officer_user)
        self.assertEqual(visits["2"].user_id, self.manager_user)
        self.assertEqual(visits["3"].user_id, self.manager_user)
        self.assertLess(self.manager_user.id, second_manager.id)
        # the manager's own line manager (the head of the branch) makes level 3
        head = new_test_user(self.env, "fu_head", groups="base.group_user", **common)
        head_employee = self.env["hr.employee"].create(
            {"name": "Head Deng", "user_id": head.id, "company_id": self.company.id}
        )
        self.env["hr.employee"].create(
            {
                "name": "Manager Ma",
                "user_id": self.manager_user.id,
                "parent_id": head_employee.id,
                "company_id": self.company.id,
            }
        )
        visits = self.visits_by_level(self.close(self.decided_complaint(user_id=self.officer_user.id)))
        self.assertEqual((visits["2"].user_id, visits["3"].user_id), (self.manager_user, head))
        # the settings name the visitors
        self.company.write(
            {"followup_level2_user_id": second_manager.id, "followup_level3_user_id": self.compliance_user.id}
        )
        claim = self.new_claim()
        claim.write({"state": "approved"})
        claim.with_user(self.claims_user)._move("paid", ("approved",), "Paid in full (from accounting)")
        visits = self.visits_by_level(claim)
        self.assertEqual(
            (visits["1"].user_id, visits["2"].user_id, visits["3"].user_id),
            (self.claims_user, second_manager, self.compliance_user),
        )
        # a named visitor who left the company is skipped
        second_manager.company_ids = [(4, self.env.ref("base.main_company").id)]
        second_manager.write({"company_id": self.env.ref("base.main_company").id})
        second_manager.company_ids = [(3, self.company.id)]
        visits = self.visits_by_level(self.close(self.decided_complaint(user_id=self.officer_user.id)))
        self.assertEqual(visits["2"].user_id, self.manager_user)

    @freeze_time("2026-03-20 02:00:00")
    def test_visit_on_claim_report(self):
        self.assertFalse(self.company.followup_on_claim_report, "off by default")
        self.assertFalse(self.followups(self.new_claim()))
        self.company.followup_on_claim_report = True
        claim = (
            self.env["insurance.claim"]
            .with_user(self.claims_user)
            .create(
                {
                    "company_id": self.company.id,
                    "claim_type_id": self.claim_type.id,
                    "policy_id": self.policy.id,
                    "claimant_id": self.complainant.id,
                    "loss_at": DT(2026, 3, 1, 1, 0),
                    "handler_id": self.handler.id,
                }
            )
        )
        visit = self.followups(claim).filtered(lambda v: v.level == "1")
        self.assertEqual(
            (visit.trigger, visit.partner_id, visit.user_id, visit.due_date),
            ("claim_reported", self.complainant, self.claims_user, D(2026, 3, 27)),
        )
        # paying it plans the usual visit after payment as well (the claim set up as approved by the superuser)
        claim.with_env(self.env).write({"state": "approved"})
        claim.with_user(self.claims_user)._move("paid", ("approved",), "Paid in full (from accounting)")
        self.assertEqual(
            sorted(self.followups(claim).filtered(lambda v: v.level == "1").mapped("trigger")),
            ["claim_paid", "claim_reported"],
        )
