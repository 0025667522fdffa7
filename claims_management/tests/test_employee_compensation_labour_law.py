from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_employee_compensation import EmployeeCompensationCase


@tagged("post_install", "-at_install")
class TestEmployeeCompensationLabourLaw(EmployeeCompensationCase):
    """工资支付暂行规定 Art. 16, the company's share rule and the receivable's due date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"employee_compensation_wage_percent": 20, "employee_compensation_minimum_wage": 2100})
        cls.Case = cls.Case.with_user(cls.hr_user)

    def overdue_plan(self, wage):
        """A 3,600 case notified on 20 June 2026 (due 15 July), planned on 16 August."""
        with freeze_time("2026-06-20"):
            case = self.notified_case(due_date="2026-07-15", monthly_wage=wage)
        with freeze_time("2026-08-16"):
            self.env["insurance.employee.compensation"]._cron_check_overdue()
        return case

    def planned(self, case):
        lines = case.deduction_ids.filtered(lambda line: line.state == "planned").sorted("month")
        return [(str(line.month), line.amount) for line in lines]

    def test_deduction_takes_at_most_twenty_percent_and_leaves_the_minimum_wage(self):
        # 20 % of 6,000 is 1,200: three months, not one
        case = self.overdue_plan(6000)
        self.assertEqual(self.planned(case), [("2026-09-01", 1200.0), ("2026-10-01", 1200.0), ("2026-11-01", 1200.0)])
        self.assertEqual(set(case.deduction_ids.mapped("wage")), {6000.0})
        # 20 % of 2,500 would be 500, but 2,100 must be left: 400 a month, nine months
        low = self.overdue_plan(2500)
        self.assertEqual([amount for _month, amount in self.planned(low)], [400.0] * 9)
        self.assertEqual(self.planned(low)[-1][0], "2027-05-01")

    def test_finance_cannot_write_a_deduction_above_the_legal_cap(self):
        case = self.overdue_plan(6000)
        line = case.deduction_ids.sorted("month")[:1].with_user(self.finance_user)
        with self.assertRaisesRegex(ValidationError, "more than the law allows"):
            line.amount = 1200.01
        with self.assertRaisesRegex(ValidationError, "more than the law allows"):
            self.env["insurance.employee.compensation.deduction"].with_user(self.finance_user).create(
                {"compensation_id": case.id, "month": "2026-12-01", "amount": 1500, "wage": 6000}
            )

    def test_a_lower_wage_in_one_month_lengthens_the_schedule(self):
        case = self.overdue_plan(6000)
        october = case.deduction_ids.filtered(lambda line: str(line.month) == "2026-10-01").with_user(self.finance_user)
        with freeze_time("2026-08-20"):
            october.wage = 2100  # unpaid leave: October's wage is the minimum wage, nothing may be taken
        self.assertEqual(self.planned(case), [("2026-09-01", 1200.0), ("2026-11-01", 1200.0), ("2026-12-01", 1200.0)])

    def test_a_wage_at_the_minimum_blocks_deductions_once(self):
        case = self.overdue_plan(2100)
        self.assertFalse(case.deduction_ids)
        self.assertTrue(case.deduction_blocked)
        blocked = case.message_ids.filtered(lambda message: "No salary deduction is possible" in str(message.body))
        self.assertEqual(len(blocked), 1)
        with freeze_time("2026-08-17"):
            self.env["insurance.employee.compensation"]._cron_check_overdue()
        blocked = case.message_ids.filtered(lambda message: "No salary deduction is possible" in str(message.body))
        self.assertEqual(len(blocked), 1, "said once, not every day")

    def test_settings_follow_the_regulation(self):
        with self.assertRaisesRegex(ValidationError, "at most 20"):
            self.company.employee_compensation_wage_percent = 25
        with self.assertRaisesRegex(ValidationError, "minimum wage cannot be negative"):
            self.company.employee_compensation_minimum_wage = -1
        self.assertIn("Art. 16", self.company._fields["employee_compensation_wage_percent"].help)
        self.assertIn("Art. 16", self.company._fields["employee_compensation_minimum_wage"].help)

    @freeze_time("2026-06-20")
    def test_notice_needs_the_wage(self):
        case = self.new_case(monthly_wage=0)
        case.action_assess()
        case = case.with_user(self.finance_user)
        case.due_date = "2026-07-15"
        with self.assertRaisesRegex(UserError, "monthly wage"):
            case.action_notify()
        self.assertFalse(case.move_id)

    @freeze_time("2026-06-20")
    def test_amount_above_the_company_rule_needs_a_recorded_reason(self):
        self.company.write(
            {
                "employee_compensation_share_rule": True,
                "employee_compensation_share_percent": 40,
                "employee_compensation_share_min": 10,
                "employee_compensation_share_max": 10000,
            }
        )
        case = self.new_case()
        self.assertEqual(case.rule_amount, 1440.0)
        case.action_assess()
        finance = case.with_user(self.finance_user)
        with self.assertRaisesRegex(ValidationError, "above what the company's share rule gives"):
            finance.amount = 2000
        finance.amount = 1000  # less than the rule: no reason needed
        finance.write({"amount": 2000, "amount_reason": "Second loss of the same laptop within a year"})
        self.assertEqual((case.amount, case.amount_reason), (2000.0, "Second loss of the same laptop within a year"))
        self.assertTrue(case._fields["amount_reason"].tracking, "the reason is tracked in the chatter")
        with self.assertRaisesRegex(ValidationError, "record the reason"):
            finance.amount_reason = " "
        # raising the case's own share above the company's is the same as raising the amount
        other = self.new_case(share_percent=80)
        self.assertEqual(other.computed_amount, 2880.0)
        with self.assertRaisesRegex(ValidationError, "record the reason"):
            other.action_assess()

    def test_due_date_change_after_the_notice_moves_the_receivable(self):
        with freeze_time("2026-06-20"):
            case = self.notified_case(due_date="2026-07-15")
        move = case.move_id
        self.assertEqual(str(move.invoice_date_due), "2026-07-15")
        with freeze_time("2026-07-20"):
            self.env["insurance.employee.compensation"]._cron_check_overdue()
        self.assertEqual(case.state, "overdue")
        with freeze_time("2026-07-21"):
            with self.assertRaises(AccessError):
                case.with_user(self.hr_user).due_date = "2026-08-31"
            with self.assertRaisesRegex(UserError, "before the notice"):
                case.due_date = "2026-06-19"
            case.due_date = "2026-08-31"
        self.assertEqual(str(move.invoice_date_due), "2026-08-31")
        term = move.line_ids.filtered(lambda line: line.display_type == "payment_term")
        self.assertEqual([str(day) for day in term.mapped("date_maturity")], ["2026-08-31"])
        self.assertEqual(case.state, "notified", "no longer overdue")
        self.assertEqual(str(case.due_date), "2026-08-31")
