import datetime

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestLoanTour(HttpCase):
    def test_loan_from_request_to_return(self):
        env = self.env(context=dict(self.env.context, lang="en_US"))
        company = env.company
        common = {"company_id": company.id, "company_ids": [company.id], "lang": "en_US"}
        manager = new_test_user(env, "rec_tour_manager", groups="insurance_records.group_records_manager", **common)
        clerk = new_test_user(env, "rec_tour_clerk", groups="insurance_records.group_records_user", **common)
        record = env["insurance.record.file"].create(
            {
                "title": "Tour paper file",
                "kind": "paper",
                "company_id": company.id,
                "closed_date": datetime.date(2026, 1, 5),
                "year": 2026,
                "shelf": "Tour shelf 7",
            }
        )
        today = company._insurance_today()
        loan = (
            env["insurance.record.loan"]
            .with_user(clerk)
            .create(
                {
                    "file_id": record.id,
                    "purpose": "Tour court hearing",
                    "return_due_date": fields.Date.add(today, days=2),
                }
            )
        )
        self.start_tour(
            "/odoo/action-insurance_records.insurance_record_loan_action", "records_loan_tour", login=manager.login
        )
        self.assertEqual(loan.state, "returned")
        self.assertEqual(loan.approved_by_id, manager)
        self.assertEqual(record.state, "filed")
        self.assertFalse(loan.returned_late)
