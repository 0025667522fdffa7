import base64
import datetime
import functools
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ComplaintCase, resident_id_number, utc

# the complainants of this file, all born on one day
id_number = functools.partial(resident_id_number, "19750101")

D = datetime.date
DT = datetime.datetime


@tagged("post_install", "-at_install")
class TestComplaintRegulatorFigures(ComplaintCase):
    """A hand-made year (H2 2025 – H1 2026, and H1 2025 to compare with), every figure of H1 2026 by hand.

    Premium written in H1 2026 (schedules):
      L1 life renewal 2026-01-01                      120,000
      G1 group accident instalment 2026-01-01          60,000
      L2 accident, monthly instalments Feb–Jun      5 x 10,000 = 50,000
      L3 property, quarterly: 2026-01-01 25,000, cancelled 2026-03-20 with a refund of 8,000;
         its 2026-04-01 instalment is no longer owed      17,000
      M1 motor without schedule: in full on its start   3,000
      M2 motor, first premium 2025-06-01                   0
      D1 draft with a schedule                             0
      -> 250,000, motor 3,000, non-motor 247,000
    Policies in force on 2025-12-31: L1, L3, G1, M2 (motor) = 4; new in H1: L2, M1 (motor) = 2
      -> 6, non-motor 4
    Insured persons in force on 2025-12-31: L1 A; G1 E and H (F left on 2025-11-30); L3 and M2 without a roster 1 each
      -> 5; new: L2 B, C, D (D from 2026-04-01); G1 G joined 2026-02-15; M1 without a roster -> 5; total 10
    Complaints of H1 2026 (valid, not merged, local receipt day): 9, of them 1 motor
      (a merged duplicate, an invalid one and one at 23:30 local on 2025-12-31 do not count)
    Same period 2025 (H1): 3; previous period (H2 2025): 2
    Regulator cases received in H1: 5; withdrawn before the formal transfer: 1 (the two withdrawn after it do not count)
    Regulator cases decided or due: 2, on time 1
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        department = cls.env["hr.department"].create({"name": "Consumer Protection", "company_id": cls.company.id})
        cls.env["hr.employee"].create(
            {
                "name": "Manager",
                "company_id": cls.company.id,
                "user_id": cls.manager_user.id,
                "department_id": department.id,
            }
        )
        Policy = cls.env["insurance.policy"]

        def policy(name, line, start, end, premium=0.0, schedule=(), roster=(), activate=True):
            record = Policy.create(
                {
                    "name": name,
                    "product_line": line,
                    "product_name": f"{line.title()} cover",
                    "company_id": cls.company.id,
                    "policyholder_id": cls.complainant.id,
                    "date_start": start,
                    "date_end": end,
                    "premium": premium,
                    "premium_schedule_ids": [
                        (0, 0, {"date": day, "kind": kind, "amount": amount}) for day, kind, amount in schedule
                    ],
                }
            )
            for person, values in roster:
                cls.env["insurance.policy.insured"].create(
                    {"policy_id": record.id, "name": person, "id_number": id_number(len(cls.persons)), **values}
                )
                cls.persons.append(person)
            if activate:
                record.action_activate()
            return record

        cls.persons = []
        policy(
            "L1",
            "life",
            D(2024, 1, 1),
            D(2043, 12, 31),
            120_000,
            schedule=[(D(2024, 1, 1), "first", 120_000), (D(2025, 1, 1), "renewal", 120_000)]
            + [(D(2026, 1, 1), "renewal", 120_000), (D(2027, 1, 1), "renewal", 120_000)],
            roster=[("A", {})],
        )
        policy(
            "G1",
            "accident_health",
            D(2025, 7, 1),
            D(2026, 6, 30),
            120_000,
            schedule=[(D(2025, 7, 1), "first", 60_000), (D(2026, 1, 1), "instalment", 60_000)],
            roster=[
                ("E", {}),
                ("F", {"date_to": D(2025, 11, 30)}),
                ("G", {"date_from": D(2026, 2, 15)}),
                ("H", {"date_from": D(2025, 9, 1)}),
            ],
        )
        policy(
            "L2",
            "accident_health",
            D(2026, 2, 1),
            D(2027, 1, 31),
            120_000,
            schedule=[(D(2026, month, 1), "instalment", 10_000) for month in range(2, 13)]
            + [(D(2027, 1, 1), "instalment", 10_000)],
            roster=[("B", {}), ("C", {}), ("D", {"date_from": D(2026, 4, 1)})],
        )
        cls.l3 = policy(
            "L3",
            "property",
            D(2025, 10, 1),
            D(2026, 9, 30),
            100_000,
            schedule=[(D(2025, 10, 1), "first", 25_000)]
            + [(D(2026, month, 1), "instalment", 25_000) for month in (1, 4, 7)],
        )
        with freeze_time("2026-03-20 04:00:00"):
            cls.l3.action_cancel()
        cls.l3.premium_schedule_ids = [(0, 0, {"date": D(2026, 3, 20), "kind": "cancellation", "amount": 8_000})]
        cls.m1 = policy("M1", "motor", D(2026, 3, 1), D(2027, 2, 28), 3_000)
        policy("M2", "motor", D(2025, 6, 1), D(2026, 5, 31), 4_000, schedule=[(D(2025, 6, 1), "first", 4_000)])
        policy(
            "D1", "property", D(2026, 2, 1), D(2027, 1, 31), 1_000_000, [(D(2026, 2, 1), "first", 1_000_000)], (), False
        )

    def setUp(self):
        super().setUp()
        new = self.new_complaint
        # H1 2026: counted
        new(received_at=utc(2026, 1, 1, 0, 30))
        new(received_at=utc(2026, 2, 10, 9), policy_id=self.m1.id)
        new(received_at=utc(2026, 3, 5, 9))
        category = self.env.ref("complaint_management.complaint_category_claims_01")
        master = new(received_at=utc(2026, 4, 1, 9), policy_id=self.l3.id, category_id=category.id)
        duplicate = new(received_at=utc(2026, 4, 3, 9), policy_id=self.l3.id, category_id=category.id)
        with freeze_time("2026-04-03 03:00:00"):
            duplicate._merge_into(master)
        invalid = new(received_at=utc(2026, 4, 10, 9), invalid_reason="An enquiry about the renewal date")
        invalid.action_invalid()
        new(received_at=utc(2025, 12, 31, 23, 30))  # H2 2025 by the local day
        # regulator cases
        regulator = {"channel": "regulator", "origin": "regulator"}
        before = new(received_at=utc(2026, 2, 1, 9), **regulator)  # passed on ahead of a formal transfer
        with freeze_time("2026-02-05 02:00:00"):
            before.action_withdraw()
        after = new(received_at=utc(2026, 3, 1, 9), regulator_transferred_at=utc(2026, 3, 1, 9), **regulator)
        with freeze_time("2026-03-10 02:00:00"):
            after.action_withdraw()
        self.on_time = new(received_at=utc(2026, 3, 2, 9), regulator_transferred_at=utc(2026, 3, 2, 9), **regulator)
        self.late = new(received_at=utc(2026, 3, 3, 9), regulator_transferred_at=utc(2026, 3, 3, 9), **regulator)
        self.decide(self.on_time, "2026-03-16 01:00:00")  # day 14
        self.decide(self.late, "2026-03-19 01:00:00")  # day 16
        notified = new(received_at=utc(2026, 5, 1, 9), **regulator)
        notified.regulator_transferred_at = utc(2026, 5, 4, 9)
        with freeze_time("2026-05-06 02:00:00"):
            notified.action_withdraw()
        # H1 2025 (same period last year): 3 counted, a merged duplicate and an invalid one not
        new(received_at=utc(2025, 2, 3, 9))
        new(received_at=utc(2025, 3, 3, 9))
        first = new(received_at=utc(2025, 6, 30, 23, 30), category_id=category.id)
        again = new(received_at=utc(2025, 6, 30, 23, 45), category_id=category.id)
        with freeze_time("2025-07-01 02:00:00"):
            again._merge_into(first)
        new(received_at=utc(2025, 5, 5, 9), invalid_reason="Spam").action_invalid()
        # H2 2025: with the one of 31 December 23:30 local above, 2
        new(received_at=utc(2025, 8, 3, 9))

    def decide(self, complaint, moment):
        with freeze_time(moment):
            complaint.write({"handling_plan": "Check the file and call back", "user_id": self.manager_user.id})
            while complaint.state != "approved":
                complaint.action_next_stage()
            self.decision_letter_sent(complaint)
            complaint.action_send_decision()

    def figures(self):
        Statistics = self.env["insurance.complaint.statistics"].with_user(self.compliance_user)
        return Statistics._compute_indicators(self.company, D(2026, 1, 1), D(2026, 6, 30))

    def test_figures_of_the_half_year_by_hand(self):
        figures = self.figures()
        expected = {
            "complaints": 9,
            "motor_complaints": 1,
            "non_motor_complaints": 8,
            "premium": 250_000,
            "motor_premium": 3_000,
            "non_motor_premium": 247_000,
            "policies": 6,
            "non_motor_policies": 4,
            "insured": 10,
            "last_year_complaints": 3,
            "previous_complaints": 2,
            "regulator_sent": 5,
            "withdrawn_before_transfer": 1,
            "regulator_cases": 2,
            "regulator_on_time": 1,
        }
        self.assertEqual({key: figures[key] for key in expected}, expected)
        self.assertAlmostEqual(figures["per_100m_premium"], 3_600.0)  # 9 / 0.0025
        self.assertAlmostEqual(figures["motor_per_100m_premium"], 1 / 0.00003)
        self.assertAlmostEqual(figures["non_motor_per_100m_premium"], 8 / 0.00247)
        self.assertAlmostEqual(figures["per_10k_policies"], 15_000.0)  # 9 x 10,000 / 6
        self.assertAlmostEqual(figures["non_motor_per_10k_policies"], 20_000.0)  # 8 x 10,000 / 4
        self.assertAlmostEqual(figures["per_10k_insured"], 9_000.0)  # 9 x 10,000 / 10
        self.assertAlmostEqual(figures["change_rate"], 2.0)  # (9 - 3) / 3, year on year
        self.assertAlmostEqual(figures["change_rate_pop"], 3.5)  # (9 - 2) / 2, against H2 2025
        self.assertAlmostEqual(figures["on_time_rate"], 0.5)
        self.assertAlmostEqual(figures["withdrawal_before_transfer_rate"], 0.2)

    def test_merged_duplicates_are_no_rows_of_the_dashboards(self):
        Analysis = self.env["insurance.complaint.analysis"].with_user(self.manager_user)
        merged = self.env["insurance.complaint"].search(
            [("company_id", "=", self.company.id), ("merged_into_id", "!=", False)]
        )
        self.assertEqual(len(merged), 2)
        self.assertFalse(Analysis.search([("complaint_id", "in", merged.ids)]))
        by_cause = Analysis._read_group(
            [("company_id", "=", self.company.id), ("is_valid", "=", True)], [], ["__count"]
        )
        # 9 + 1 (31 Dec 2025) + 3 (H1 2025) + 1 (Aug 2025)
        self.assertEqual(by_cause[0][0], 14)

    def test_premium_of_a_quarter_and_a_month(self):
        Statistics = self.env["insurance.complaint.statistics"]
        # March 2026: L2's instalment and M1's premium; L3's refund; nothing else is dated in March
        march = Statistics._premium_by_line(self.company, D(2026, 3, 1), D(2026, 3, 31))
        self.assertEqual(march, {"accident_health": 10_000, "motor": 3_000, "property": -8_000})
        # April: L2's instalment; L3's is not owed after its cancellation
        self.assertEqual(
            Statistics._premium_by_line(self.company, D(2026, 4, 1), D(2026, 4, 30)), {"accident_health": 10_000}
        )

    def test_half_year_excel_read_back_and_summed(self):
        wizard = (
            self.env["insurance.complaint.report.wizard"]
            .with_user(self.compliance_user)
            .create({"company_id": self.company.id, "report_type": "half_year", "year": 2026})
        )
        wizard.action_export()
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file)))
        cover = {row[0]: row[1] for row in workbook["Cover"].iter_rows(min_row=3, values_only=True) if row[0]}
        self.assertEqual(cover["Company"], "Liuyang Branch")
        self.assertEqual(cover["Company type"], "Property and casualty")
        self.assertEqual(cover["Period"], "2026-01-01 – 2026-06-30")
        self.assertEqual(cover["Prepared by"], self.compliance_user.name)
        self.assertEqual(cover["Prepared on"], str(self.company._insurance_today()))
        summary = workbook["T1 Indicators"]
        values = {row[2]: row[1] for row in summary.iter_rows(min_row=7, values_only=True) if row[2]}
        self.assertEqual(values["complaints"], 9)
        self.assertEqual(values["motor_complaints"] + values["non_motor_complaints"], values["complaints"])
        self.assertEqual(values["motor_premium"] + values["non_motor_premium"], values["premium"])
        self.assertEqual(values["premium"], 250_000)
        self.assertAlmostEqual(values["change_rate"], 2.0)
        self.assertAlmostEqual(values["change_rate_pop"], 3.5)
        self.assertAlmostEqual(values["withdrawal_before_transfer_rate"], 0.2)
        # the cross table: every row and every column adds up to its total, and the grand total is 9
        cross = list(workbook["T2 Causes by line"].iter_rows(values_only=True))
        header, body, totals = cross[0], cross[1:-1], cross[-1]
        self.assertEqual((header[-1], totals[0]), ("Total", "Total"))
        for row in body:
            self.assertEqual(sum(row[1:-1]), row[-1], row[0])
        for column in range(1, len(header)):
            self.assertEqual(sum(row[column] for row in body), totals[column], header[column])
        self.assertEqual(totals[-1], 9)
        lines = dict(zip(header[1:-1], totals[1:-1], strict=True))
        self.assertEqual((lines["Motor"], lines["Property"], lines["Not recorded"]), (1, 1, 7))
        self.assertEqual(workbook.sheetnames[3:], ["T3 By cause", "T4 By category", "T5 By department"])
        for name in workbook.sheetnames[3:]:
            rows = list(workbook[name].iter_rows(min_row=2, values_only=True))
            self.assertEqual(rows[-1][0], "Total")
            self.assertEqual(sum(row[1] for row in rows[:-1]), rows[-1][1], name)
            self.assertEqual(rows[-1][1], 9, name)

    def test_premium_from_the_income_accounts(self):
        Account = self.env["account.account"]
        motor_income = Account.create(
            {"name": "Motor premium", "code": "600101", "account_type": "income", "company_ids": [self.company.id]}
        )
        other_income = Account.create(
            {"name": "Other premium", "code": "600102", "account_type": "income", "company_ids": [self.company.id]}
        )
        bank = Account.create(
            {
                "name": "Premium received",
                "code": "100201",
                "account_type": "asset_current",
                "company_ids": [self.company.id],
            }
        )
        journal = self.env["account.journal"].create(
            {"name": "Premium", "code": "PRM", "type": "general", "company_id": self.company.id}
        )

        def entry(day, account, amount, post=True):
            move = self.env["account.move"].create(
                {
                    "journal_id": journal.id,
                    "date": day,
                    "company_id": self.company.id,
                    "line_ids": [
                        (0, 0, {"account_id": bank.id, "debit": max(amount, 0), "credit": max(-amount, 0)}),
                        (0, 0, {"account_id": account.id, "debit": max(-amount, 0), "credit": max(amount, 0)}),
                    ],
                }
            )
            if post:
                move.action_post()

        entry(D(2026, 2, 1), motor_income, 70_000)
        entry(D(2026, 5, 1), motor_income, -10_000)  # a refund
        entry(D(2026, 3, 1), other_income, 30_000)
        entry(D(2026, 3, 2), other_income, 99_000, post=False)  # a draft does not count
        entry(D(2026, 7, 1), other_income, 50_000)  # next half-year
        Mapping = self.env["insurance.complaint.premium.account"]
        with self.assertRaises(AccessError):
            Mapping.with_user(self.compliance_user).create(
                {"company_id": self.company.id, "product_line": "motor", "account_ids": [(6, 0, motor_income.ids)]}
            )
        Mapping.with_user(self.manager_user).create(
            [
                {"company_id": self.company.id, "product_line": "motor", "account_ids": [(6, 0, motor_income.ids)]},
                {"company_id": self.company.id, "product_line": "property", "account_ids": [(6, 0, other_income.ids)]},
            ]
        )
        self.company.complaint_premium_source = "accounting"
        figures = self.figures()
        # motor 70,000 - 10,000 = 60,000; property 30,000 -> 90,000
        self.assertEqual((figures["premium"], figures["motor_premium"]), (90_000, 60_000))
        self.assertAlmostEqual(figures["per_100m_premium"], 9 / 0.0009)

    def test_premium_schedule_is_written_by_policy_managers_only(self):
        line = {"policy_id": self.m1.id, "date": D(2026, 6, 1), "kind": "instalment", "amount": 100}
        with self.assertRaises(AccessError):
            self.env["insurance.policy.premium"].with_user(self.manager_user).create(line)
        with self.assertRaises(AccessError):
            self.l3.premium_schedule_ids[:1].with_user(self.compliance_user).write({"amount": 1})
        with self.assertRaisesRegex(ValidationError, "positive amount"):
            self.env["insurance.policy.premium"].create(dict(line, amount=-5))

    def test_company_type_cause_and_line_are_separate_axes(self):
        life_only = self.env.ref("complaint_management.complaint_category_surrender_03")
        pnc_only = self.env.ref("complaint_management.complaint_category_claims_05")
        self.assertEqual((life_only.company_type, life_only.cause), ("life", "surrender"))
        self.assertEqual((pnc_only.company_type, pnc_only.cause), ("pnc", "claims"))
        complaint = self.new_complaint(received_at=utc(2026, 6, 1, 9), category_id=pnc_only.id, product_line="motor")
        self.assertEqual((complaint.company_type, complaint.cause, complaint.product_line), ("pnc", "claims", "motor"))
        with self.assertRaisesRegex(ValidationError, "Life and health insurers only"):
            self.env["insurance.complaint"].with_user(self.officer_user).create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.complainant.id,
                    "demand": "Refund",
                    "complainant_id_number": "430181198503120021",
                    "category_id": life_only.id,
                }
            )
        with self.assertRaisesRegex(ValidationError, "reclassify them"):
            self.company.complaint_company_type = "life"
        complaint.category_id = self.env.ref("complaint_management.complaint_category_claims_01")
        self.company.complaint_company_type = "life"
        complaint.category_id = life_only
        row = self.env["insurance.complaint.analysis"].search([("complaint_id", "=", complaint.id)])
        self.assertEqual((row.company_type, row.cause, row.product_line), ("life", "surrender", "motor"))
