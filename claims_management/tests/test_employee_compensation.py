import base64
import io

import openpyxl
from freezegun import freeze_time

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.duty_roster.tests.common import pdf_text
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

NOTICE = "claims_management.action_report_employee_compensation_notice"


@tagged("post_install", "-at_install")
class EmployeeCompensationCase(AccountTestInvoicingCommon):
    """A company with accounts, HR and finance users and two employees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tz="Asia/Shanghai"))
        cls.company = cls.company_data["company"]
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        cls.finance_user = cls.env.user  # accountman: accounting groups, no HR rights
        cls.hr_user = new_test_user(cls.env, "ec_hr", groups="base.group_user,hr.group_hr_user", **common)
        cls.director_user = new_test_user(
            cls.env, "ec_director", groups="claims_management.group_claims_director", **common
        )
        cls.user_a = new_test_user(cls.env, "ec_worker_a", groups="base.group_user", **common)
        cls.user_b = new_test_user(cls.env, "ec_worker_b", groups="base.group_user", **common)
        Employee = cls.env["hr.employee"].with_user(cls.hr_user)
        company_id = cls.company.id
        cls.employee_a = Employee.create({"name": "Worker Wang", "user_id": cls.user_a.id, "company_id": company_id})
        cls.employee_b = Employee.create({"name": "Worker Li", "user_id": cls.user_b.id, "company_id": company_id})
        cls.Case = cls.env["insurance.employee.compensation"].with_user(cls.hr_user)

    def new_case(self, employee=None, **values):
        vals = {
            "employee_id": (employee or self.employee_a).id,
            "company_id": self.company.id,
            "asset_description": "Laptop IT-2024-017",
            "loss_date": "2026-06-10",
            "kind": "lost",
            "basis": "book",
            "asset_value": 6000,
            "accumulated_depreciation": 2400,
            "monthly_wage": 10000,
        }
        vals.update(values)
        return self.Case.create(vals)

    def notified_case(self, due_date="2026-07-15", **values):
        case = self.new_case(**values)
        case.action_assess()
        case = case.with_user(self.finance_user)
        case.due_date = due_date
        case.action_notify()
        return case

    def pay(self, case, amount, date="2026-07-10"):
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=case.move_id.ids)
            .create({"amount": amount, "payment_date": date})
        )
        return wizard._create_payments()


@tagged("post_install", "-at_install")
class TestEmployeeCompensation(EmployeeCompensationCase):
    """Property-loss compensation end to end: calculation, notice, receivable, payments, deductions, export, access."""

    # ------------------------------------------------------------------
    # Calculation
    # ------------------------------------------------------------------
    def test_calculation_methods(self):
        repair = self.new_case(kind="repairable", asset_value=8000, repair_cost=1250.5)
        book = self.new_case()
        life = self.new_case(basis="life", asset_value=9000, remaining_life=2, standard_life=3)
        cash = self.new_case(kind="cash", asset_value=5000, actual_loss=3200)
        self.assertEqual(
            [(case.loss_amount, case.computed_amount) for case in (repair, book, life, cash)],
            [(1250.5, 1250.5), (3600.0, 3600.0), (6000.0, 6000.0), (3200.0, 3200.0)],
        )
        self.assertEqual(book.formula, "6,000.00 \u2212 2,400.00 = 3,600.00")
        self.assertEqual(life.formula, "9,000.00 \u00d7 2 \u00f7 3 = 6,000.00")
        self.assertIn("purchase price", book.explanation)
        self.assertIn("3,600.00", book.explanation)
        self.assertTrue(book.name.startswith("EPC/"))
        self.assertEqual(book.partner_id, self.user_a.partner_id)
        self.assertEqual(book.state, "draft")
        with self.assertRaisesRegex(ValidationError, "handle the asset as lost"):
            self.new_case(kind="repairable", asset_value=1000, repair_cost=1500)

    def test_share_rule_from_settings(self):
        self.assertFalse(self.new_case().apply_share_rule, "the share rule is off by default")
        self.company.write(
            {
                "employee_compensation_share_rule": True,
                "employee_compensation_share_percent": 40,
                "employee_compensation_share_min": 10,
                "employee_compensation_share_max": 10000,
            }
        )
        case = self.new_case()
        self.assertEqual(case.computed_amount, 1440.0)
        self.assertEqual(
            case.formula,
            "6,000.00 \u2212 2,400.00 = 3,600.00; 3,600.00 \u00d7 40% = 1,440.00; "
            "min(max(1,440.00, 10.00), 10,000.00, 3,600.00) = 1,440.00",
        )
        self.assertIn("40% of", case.explanation)
        big = self.new_case(kind="cash", asset_value=100000, actual_loss=100000)
        small = self.new_case(kind="cash", asset_value=20, actual_loss=20)
        tiny = self.new_case(kind="cash", asset_value=6, actual_loss=6)
        self.assertEqual((big.computed_amount, small.computed_amount, tiny.computed_amount), (10000.0, 10.0, 6.0))
        # a later change of the settings leaves existing cases alone
        self.company.employee_compensation_share_percent = 50
        self.assertEqual(case.computed_amount, 1440.0)
        with self.assertRaises(ValidationError):
            self.company.employee_compensation_share_min = 20000

    def test_force_majeure_exempts(self):
        case = self.new_case(is_force_majeure=True, force_majeure_kind="disaster")
        self.assertEqual(case.computed_amount, 0.0)
        self.assertEqual(case.loss_amount, 3600.0)
        self.assertIn("Force majeure", case.explanation)
        with self.assertRaisesRegex(UserError, "exempt it instead"):
            case.action_assess()
        case.action_exempt()
        self.assertEqual((case.state, case.amount, case.move_id), ("exempt", 0.0, self.env["account.move"]))
        with self.assertRaisesRegex(ValidationError, "which force majeure"):
            self.new_case(is_force_majeure=True)
        with self.assertRaisesRegex(UserError, "only force majeure"):
            self.new_case().action_exempt()

    def test_missing_asset_value(self):
        moves = self.env["account.move"].search_count([])
        for value in (0, -5):
            with self.assertRaisesRegex(ValidationError, "enter the value of the asset|cannot be negative"):
                self.new_case(asset_value=value)
        with self.assertRaisesRegex(ValidationError, "enter the value of the asset"):
            self.new_case(asset_value=False)
        self.assertEqual(self.env["account.move"].search_count([]), moves)

    # ------------------------------------------------------------------
    # Notice and accounting
    # ------------------------------------------------------------------
    @freeze_time("2026-06-20")
    def test_receivable_entry_to_the_cent(self):
        company = self.company
        self.assertEqual(company.employee_compensation_receivable_account_id.account_type, "asset_receivable")
        self.assertTrue(company.employee_compensation_receivable_account_id.reconcile)
        case = self.new_case(kind="repairable", asset_value=8000, repair_cost=1234.57)
        case.action_assess()
        with self.assertRaisesRegex(UserError, "finance department"):
            case.action_notify()
        case = case.with_user(self.finance_user)
        case.amount = 1000.01  # finance sets the amount
        with self.assertRaisesRegex(UserError, "due date"):
            case.action_notify()
        case.due_date = "2026-07-15"
        case.action_notify()
        move = case.move_id
        self.assertRecordValues(
            move,
            [
                {
                    "move_type": "out_invoice",
                    "state": "posted",
                    "partner_id": self.user_a.partner_id.id,
                    "amount_total": 1000.01,
                    "amount_tax": 0.0,
                    "ref": case.name,
                    "payment_reference": case.name,
                    "journal_id": company.employee_compensation_journal_id.id,
                }
            ],
        )
        self.assertEqual(str(move.invoice_date_due), "2026-07-15")
        self.assertRecordValues(
            move.line_ids.sorted("debit"),
            [
                {"account_id": company.employee_compensation_income_account_id.id, "debit": 0.0, "credit": 1000.01},
                {"account_id": company.employee_compensation_receivable_account_id.id, "debit": 1000.01, "credit": 0.0},
            ],
        )
        self.assertEqual((case.state, case.amount_residual, case.amount_paid), ("notified", 1000.01, 0.0))
        with self.assertRaisesRegex(UserError, "cannot change"):
            case.amount = 10

    @freeze_time("2026-06-20")
    def test_partial_payment_and_close(self):
        case = self.notified_case()
        self.pay(case, 1000)
        self.assertEqual((case.amount_residual, case.amount_paid, case.state), (2600.0, 1000.0, "notified"))
        with self.assertRaisesRegex(UserError, "once it is paid"):
            case.action_close()
        self.pay(case, 2600)
        self.assertEqual((case.amount_residual, case.state), (0.0, "paid"))
        case.action_close()
        self.assertEqual(case.state, "closed")

    @freeze_time("2026-06-20")
    def test_notice_pdf_in_the_employee_language(self):
        case = self.notified_case()
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        text = " ".join(pdf_text(Report._render_qweb_pdf(NOTICE, case.ids)[0]).split())
        for expected in ("Property Loss Compensation Notice", case.name, "Worker Wang", "3,600.00", "07/15/2026"):
            self.assertIn(expected, text)
        self.assertIn("6,000.00 \u2212 2,400.00 = 3,600.00", text)

        self.env["res.lang"]._activate_lang("zh_CN")
        view = self.env.ref("claims_management.report_employee_compensation_notice_document")
        view.update_field_translations(
            "arch_db", {"zh_CN": {"Property Loss Compensation Notice": "财产损失赔偿通知书", "Amount Due": "赔偿金额"}}
        )
        self.user_a.partner_id.lang = "zh_CN"
        self.assertEqual(self.env.lang, "en_US")
        text = " ".join(pdf_text(Report._render_qweb_pdf(NOTICE, case.ids)[0]).split())
        self.assertIn("财产损失赔偿通知书", text)
        self.assertIn("赔偿金额", text)
        self.assertNotIn("Property Loss Compensation Notice", text)

        action = case.action_send_notice()
        composer = self.env["mail.compose.message"].with_context(**action["context"]).create({"body": "<p>notice</p>"})
        composer._action_send_mail()
        self.assertTrue(case.notice_sent_at)

    # ------------------------------------------------------------------
    # Overdue: salary deduction schedule
    # ------------------------------------------------------------------
    def test_overdue_deduction_schedule_created_once(self):
        self.company.employee_compensation_deduction_cap = 1500
        with freeze_time("2026-06-20"):
            case = self.notified_case(due_date="2026-07-15")
            other = self.notified_case(due_date="2026-07-15", employee=self.employee_b)
            self.pay(other, 3600)
        Case = self.env["insurance.employee.compensation"]
        with freeze_time("2026-08-10"):
            Case._cron_check_overdue()
            self.assertEqual((case.state, case.deduction_ids.ids), ("overdue", []))
            self.assertEqual(other.state, "paid")
        with freeze_time("2026-08-16"):
            Case._cron_check_overdue()
            Case._cron_check_overdue()
        self.assertEqual(case.state, "deduction")
        self.assertFalse(other.deduction_ids)
        self.assertEqual(
            [(str(line.month), line.amount, line.state) for line in case.deduction_ids],
            [("2026-09-01", 1500.0, "planned"), ("2026-10-01", 1500.0, "planned"), ("2026-11-01", 600.0, "planned")],
        )
        # payroll withheld September: the receivable is settled by a journal entry, reconciled with the invoice
        first = case.deduction_ids[0]
        with freeze_time("2026-09-30"):
            with self.assertRaisesRegex(UserError, "finance department"):
                first.with_user(self.hr_user).action_done()
            first.action_done()
        self.assertRecordValues(
            first.move_id.line_ids.sorted("debit"),
            [
                {
                    "account_id": self.company.employee_compensation_receivable_account_id.id,
                    "debit": 0.0,
                    "credit": 1500.0,
                },
                {
                    "account_id": self.company.employee_compensation_deduction_account_id.id,
                    "debit": 1500.0,
                    "credit": 0.0,
                },
            ],
        )
        self.assertEqual((case.amount_residual, case.payment_state), (2100.0, "partial"))
        with freeze_time("2026-10-02"):
            Case._cron_check_overdue()
        self.assertEqual(len(case.deduction_ids), 3, "the plan still matches what is owed")
        # the employee pays 600 in cash: the cron plans the rest again
        with freeze_time("2026-10-03"):
            self.pay(case, 600, date="2026-10-03")
            Case._cron_check_overdue()
        planned = case.deduction_ids.filtered(lambda line: line.state == "planned")
        self.assertEqual([(str(line.month), line.amount) for line in planned], [("2026-11-01", 1500.0)])
        with freeze_time("2026-11-30"):
            planned.action_done()
        self.assertEqual((case.amount_residual, case.state), (0.0, "paid"))

    def test_excel_export_for_payroll(self):
        self.company.employee_compensation_deduction_cap = 1000
        with freeze_time("2026-06-20"):
            case_a = self.notified_case(due_date="2026-07-15")
            case_b = self.notified_case(due_date="2026-07-15", employee=self.employee_b, asset_value=2500)
        with freeze_time("2026-09-01"):
            self.env["insurance.employee.compensation"]._cron_check_overdue()
        lines = self.env["insurance.employee.compensation.deduction"].with_user(self.hr_user).search([])
        self.assertEqual(lines.compensation_id, case_a | case_b)
        action = lines.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[-1].split("?")[0]))
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)), data_only=True)
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(rows[0][:5], ("Month", "Employee", "Department", "Compensation Case", "Amount"))
        data = rows[1:-1]
        self.assertEqual(len(data), 4 + 1)  # 3,600 in four months, 100 in one
        self.assertAlmostEqual(sum(row[4] for row in data), 3600.0 + 100.0, places=2)
        self.assertEqual(rows[-1][3:5], ("Total", 3700.0))
        self.assertEqual({row[1] for row in data}, {"Worker Wang", "Worker Li"})

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_access_rules(self):
        case_a = self.new_case()
        case_b = self.new_case(employee=self.employee_b)
        Case = self.env["insurance.employee.compensation"]
        # an employee sees only their own case and cannot change it
        self.assertEqual(Case.with_user(self.user_a).search([]), case_a)
        self.assertEqual(case_a.with_user(self.user_a).computed_amount, 3600.0)
        with self.assertRaises(AccessError):
            case_b.with_user(self.user_a).read(["computed_amount"])
        with self.assertRaises(AccessError):
            case_a.with_user(self.user_a).write({"cause": "not me"})
        with self.assertRaises(AccessError):
            Case.with_user(self.user_a).create({"employee_id": self.employee_a.id, "asset_description": "x"})
        # the claims director reads every case, changes none
        self.assertEqual(Case.with_user(self.director_user).search([]), case_a | case_b)
        with self.assertRaises(AccessError):
            case_a.with_user(self.director_user).write({"cause": "x"})
        # HR and finance see all
        self.assertEqual(Case.with_user(self.finance_user).search([]), case_a | case_b)
        self.assertEqual(Case.with_user(self.hr_user).search([]), case_a | case_b)
        # another company's HR sees nothing
        other = self.env["res.company"].create({"name": "Other Branch"})
        other_hr = new_test_user(
            self.env,
            "ec_hr_other",
            groups="base.group_user,hr.group_hr_user",
            company_id=other.id,
            company_ids=[other.id],
        )
        self.assertFalse(Case.with_user(other_hr).search([]))
        with self.assertRaises(AccessError):
            case_a.with_user(other_hr).read(["name"])

    def test_settings_accounts_created_for_a_new_company(self):
        company = self.setup_other_company(name="Changsha Branch")["company"]
        accounts = (
            company.employee_compensation_receivable_account_id
            | company.employee_compensation_income_account_id
            | company.employee_compensation_deduction_account_id
        )
        self.assertEqual(len(accounts), 3)
        self.assertEqual(accounts.company_ids, company)
        self.assertEqual(company.employee_compensation_journal_id.type, "sale")
        settings = self.env["res.config.settings"].with_company(company).create({})
        self.assertEqual(
            settings.employee_compensation_receivable_account_id, company.employee_compensation_receivable_account_id
        )
        self.assertFalse(settings.employee_compensation_share_rule)

    def test_status_changes_only_through_the_buttons(self):
        """HR cannot write the phase or the notice; finance cannot notify a case it assessed itself."""
        case = self.new_case()
        for vals in ({"phase": "notified"}, {"phase": "closed"}, {"state": "paid"}, {"is_overdue": True}):
            with self.assertRaisesRegex(AccessError, "only through its buttons"), self.cr.savepoint():
                case.with_user(self.hr_user).write(vals)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.new_case(phase="closed")
        with self.assertRaises(AccessError):
            case.with_user(self.user_a).action_assess()
        case.action_assess()
        self.assertEqual((case.phase, case.assessed_by_id), ("assessed", self.hr_user))
        both = new_test_user(
            self.env,
            "ec_hr_finance",
            groups="base.group_user,hr.group_hr_user,account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        own = self.new_case().with_user(both)
        own.action_assess()
        own.due_date = "2026-07-15"
        with self.assertRaisesRegex(AccessError, "segregation of duties"):
            own.action_notify()
        self.assertFalse(own.move_id, "nothing half-written")
