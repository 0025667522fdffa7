import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import ComplaintCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestComplaintRectification(ComplaintCase):
    def new_action(self, complaint, **values):
        vals = {
            "complaint_id": complaint.id,
            "name": "Exclusions not explained",
            "root_cause": "training",
            "deadline": D(2026, 3, 31),
            "owner_id": self.officer_user.id,
        }
        vals.update(values)
        return self.env["insurance.complaint.action"].create(vals)

    @freeze_time("2026-04-02 04:00:00")
    def test_overdue_filter_and_life_cycle(self):
        complaint = self.new_complaint()
        late = self.new_action(complaint)
        on_time = self.new_action(complaint, deadline=D(2026, 4, 30))
        Action = self.env["insurance.complaint.action"]
        self.assertTrue(late.is_overdue)
        self.assertFalse(on_time.is_overdue)
        self.assertEqual(Action.search([("complaint_id", "=", complaint.id), ("is_overdue", "=", True)]), late)
        self.assertEqual(Action.search([("complaint_id", "=", complaint.id), ("is_overdue", "=", False)]), on_time)
        late.action_start()
        self.assertEqual(late.state, "in_progress")
        with self.assertRaisesRegex(UserError, "Describe the measures"):
            late.action_done()
        late.measures = "<p>Train the bancassurance team on exclusions; script checked by compliance.</p>"
        late.action_done()
        self.assertEqual((late.state, late.done_date), ("done", D(2026, 4, 2)))
        self.assertFalse(late.is_overdue, "a done rectification is no longer overdue")
        with self.assertRaisesRegex(UserError, "Record the effect"):
            late.action_evaluate()
        late.write({"effect": "effective", "evaluation": "No repeat complaint in three months."})
        late.action_evaluate()
        self.assertEqual(late.state, "evaluated")
        with self.assertRaisesRegex(UserError, "this step is not possible"):
            late.action_start()
        self.assertEqual(complaint.rectification_open_count, 1)

    def test_recurring_causes_across_complaints(self):
        claims_cat = self.env.ref("complaint_management.complaint_category_claims_03")
        sales_cat = self.env.ref("complaint_management.complaint_category_sales_02")
        slow_1 = self.new_complaint(category_id=claims_cat.id)
        slow_2 = self.new_complaint(category_id=claims_cat.id)
        missale = self.new_complaint(category_id=sales_cat.id)
        self.new_action(slow_1, root_cause="process")
        self.new_action(slow_1, root_cause="process", name="Second measure on the same cause")
        self.new_action(slow_2, root_cause="process")
        self.new_action(missale, root_cause="sales_conduct")
        self.env.flush_all()
        Report = self.env["insurance.complaint.root.cause.report"]
        rows = Report.search([("company_id", "=", self.company.id)])
        by_key = {(row.cause, row.root_cause): row for row in rows}
        self.assertEqual(len(rows), 2)
        slow = by_key[("claims", "process")]
        self.assertEqual((slow.complaint_count, slow.action_count, slow.open_action_count), (2, 3, 3))
        self.assertTrue(slow.is_recurring)
        self.assertEqual(by_key[("sales", "sales_conduct")].complaint_count, 1)
        self.assertFalse(by_key[("sales", "sales_conduct")].is_recurring)
        self.assertEqual(Report.search([("company_id", "=", self.company.id), ("is_recurring", "=", True)]), slow)
        groups = Report._read_group([("company_id", "=", self.company.id)], ["root_cause"], ["complaint_count:sum"])
        self.assertEqual(dict(groups), {"process": 2, "sales_conduct": 1})

    def test_officers_see_rectifications_of_their_complaints_only(self):
        mine = self.new_action(self.new_complaint(user_id=self.officer_user.id))
        theirs = self.new_action(
            self.new_complaint(user_id=self.other_officer_user.id), owner_id=self.other_officer_user.id
        )
        Action = self.env["insurance.complaint.action"]
        ids = (mine | theirs).ids
        self.assertEqual(Action.with_user(self.officer_user).search([("id", "in", ids)]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.officer_user).read(["name"])
        self.assertEqual(Action.with_user(self.compliance_user).search_count([("id", "in", ids)]), 2)
        with self.assertRaises(AccessError):
            mine.with_user(self.compliance_user).write({"name": "changed"})
        other = self.env["res.company"].create({"name": "Other Branch"})
        other_user = new_test_user(
            self.env, "cmp_other_owner", company_id=other.id, company_ids=[other.id], lang="en_US"
        )
        hidden = self.new_action(self.new_complaint(company_id=other.id), owner_id=other_user.id)
        self.assertFalse(Action.with_user(self.manager_user).search([("id", "=", hidden.id)]))
