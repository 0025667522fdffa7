import base64
import datetime
import functools
import io

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ComplaintCase, resident_id_number, utc

# the complainants of this file, all born on one day
id_number = functools.partial(resident_id_number, "19800101")

D = datetime.date
DT = datetime.datetime


@tagged("post_install", "-at_install")
class TestComplaintStatistics(ComplaintCase):
    """A known half-year (H1 2026) whose figures are computed by hand in the comments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Policy = cls.env["insurance.policy"]

        def policy(name, line, start, end, premium, state="active", **extra):
            return Policy.create(
                {
                    "name": name,
                    "product_line": line,
                    "product_name": f"{line.title()} cover",
                    "company_id": cls.company.id,
                    "policyholder_id": cls.complainant.id,
                    "date_start": start,
                    "date_end": end,
                    "premium": premium,
                    "state": state,
                    **extra,
                }
            )

        # in force on 31 Dec 2025 (the previous period end): P1 (motor), P2, P3 -> 3, of them 1 motor
        cls.p1 = policy("P1", "motor", D(2025, 7, 1), D(2026, 6, 30), 3_000_000)
        cls.p2 = policy("P2", "property", D(2025, 3, 1), D(2026, 2, 28), 700_000)
        cls.p3 = policy("P3", "liability", D(2025, 1, 1), D(2025, 12, 31), 100_000, state="expired")
        # cancelled before the period end: not in force
        policy("P4", "property", D(2025, 6, 1), D(2026, 5, 31), 100_000, state="cancelled", cancel_date=D(2025, 11, 1))
        # new this period: P5 (motor, ¥1 m) and P6 (¥4 m) -> premium ¥5 m of which motor ¥1 m
        cls.p5 = policy("P5", "motor", D(2026, 2, 1), D(2027, 1, 31), 1_000_000)
        cls.p6 = policy("P6", "accident_health", D(2026, 3, 15), D(2027, 3, 14), 4_000_000)
        # a draft and a policy of the next period do not count
        policy("P7", "property", D(2026, 5, 1), D(2027, 4, 30), 5_000_000, state="draft")
        policy("P8", "property", D(2026, 7, 1), D(2027, 6, 30), 2_000_000)
        # insured persons: P2 has 2 persons (and an object), P6 has 3; P1, P3, P5 without roster count 1 each
        Insured = cls.env["insurance.policy.insured"]
        for index, policy_rec in enumerate([cls.p2, cls.p2, cls.p6, cls.p6, cls.p6]):
            Insured.create({"policy_id": policy_rec.id, "name": f"Person {index}", "id_number": id_number(index)})
        Insured.create({"policy_id": cls.p2.id, "name": "Warehouse", "kind": "object"})
        # -> in force 1 + 2 + 1 = 4, new 1 + 3 = 4: 8 insured persons

    def setUp(self):
        super().setUp()
        new = self.new_complaint
        # 11 valid complaints in H1 2026: 2 motor, 9 non-motor
        new(policy_id=self.p1.id, received_at=utc(2026, 1, 10, 9))
        new(policy_id=self.p5.id, received_at=utc(2026, 2, 10, 9))
        new(policy_id=self.p2.id, received_at=utc(2026, 3, 5, 9))
        new(policy_id=self.p6.id, received_at=utc(2026, 3, 20, 9))
        new(policy_id=self.p6.id, received_at=utc(2026, 4, 2, 9))
        new(received_at=utc(2026, 1, 1, 0, 30))  # just after midnight local: this period
        # regulator transfers: on time (day 14), late (day 16), not yet due, withdrawn, overdue and open
        on_time = new(channel="regulator", origin="regulator", received_at=utc(2026, 3, 2, 9))
        on_time.write({"state": "decided", "decision_sent_at": utc(2026, 3, 16, 9), "result": "accepted"})
        late = new(channel="regulator", origin="regulator", received_at=utc(2026, 3, 3, 9))
        late.write({"state": "decided", "decision_sent_at": utc(2026, 3, 19, 9), "result": "accepted"})
        new(channel="regulator", origin="regulator", received_at=utc(2026, 6, 25, 9))
        withdrawn = new(channel="regulator", origin="regulator", received_at=utc(2026, 2, 1, 9))
        withdrawn.action_withdraw()
        new(channel="regulator", origin="regulator", received_at=utc(2026, 3, 1, 9))
        # not counted: invalid, and one of the previous period (before midnight local on 31 Dec)
        new(is_valid=False, received_at=utc(2026, 2, 2, 9))
        new(received_at=utc(2025, 12, 31, 23, 30))
        # previous period (H2 2025): 4 complaints
        for month in (8, 9, 10):
            new(received_at=utc(2025, month, 3, 9))

    def export(self, report_type, month=None, user=None):
        Wizard = self.env["insurance.complaint.report.wizard"].with_user(user or self.compliance_user)
        wizard = Wizard.create(
            {"company_id": self.company.id, "report_type": report_type, "year": 2026, "month": month}
        )
        action = wizard.action_export()
        self.assertIn("/web/content/insurance.complaint.report.wizard/", action["url"])
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file)))

    def summary(self, workbook):
        sheet = workbook["T1 Indicators"]
        return {row[2]: row[1] for row in sheet.iter_rows(min_row=7, values_only=True) if row[2]}

    def test_indicators_against_hand_figures(self):
        Statistics = self.env["insurance.complaint.statistics"].with_user(self.compliance_user)
        figures = Statistics._compute_indicators(self.company, D(2026, 1, 1), D(2026, 6, 30))
        self.assertEqual(figures["complaints"], 11)
        self.assertEqual(figures["motor_complaints"], 2)
        self.assertEqual(figures["previous_complaints"], 4)
        self.assertEqual(figures["premium"], 5_000_000)
        self.assertEqual(figures["motor_premium"], 1_000_000)
        self.assertEqual(figures["policies"], 5)
        self.assertEqual(figures["non_motor_policies"], 3)
        self.assertEqual(figures["insured"], 8)
        self.assertAlmostEqual(figures["per_100m_premium"], 220.0)  # 11 / 0.05
        self.assertAlmostEqual(figures["motor_per_100m_premium"], 200.0)  # 2 / 0.01
        self.assertAlmostEqual(figures["non_motor_per_100m_premium"], 225.0)  # 9 / 0.04
        self.assertAlmostEqual(figures["per_10k_policies"], 22_000.0)  # 11 x 10,000 / 5
        self.assertAlmostEqual(figures["non_motor_per_10k_policies"], 30_000.0)  # 9 x 10,000 / 3
        self.assertAlmostEqual(figures["per_10k_insured"], 13_750.0)  # 11 x 10,000 / 8
        self.assertIsNone(figures["change_rate"], "no complaint in H1 2025: no change rate year on year")
        self.assertAlmostEqual(figures["change_rate_pop"], 1.75)  # (11 - 4) / 4 against H2 2025
        self.assertEqual((figures["regulator_on_time"], figures["regulator_cases"]), (1, 3))
        self.assertAlmostEqual(figures["on_time_rate"], 1 / 3)
        self.assertEqual((figures["withdrawn_before_transfer"], figures["regulator_sent"]), (1, 5))
        self.assertAlmostEqual(figures["withdrawal_before_transfer_rate"], 0.2)

    def test_half_year_excel_read_back(self):
        workbook = self.export("half_year")
        figures = self.summary(workbook)
        self.assertEqual(figures["complaints"], 11)
        self.assertAlmostEqual(figures["per_100m_premium"], 220.0)
        self.assertAlmostEqual(figures["per_10k_policies"], 22_000.0)
        self.assertAlmostEqual(figures["per_10k_insured"], 13_750.0)
        self.assertEqual(figures["change_rate"], "n/a")
        self.assertAlmostEqual(figures["change_rate_pop"], 1.75)
        self.assertAlmostEqual(figures["on_time_rate"], 1 / 3)
        summary = workbook["T1 Indicators"]
        self.assertEqual(summary["B3"].value, "2026-07-20")
        # 11 complaints: not more than 25, so no breakdown by channel, line or product
        self.assertEqual(
            workbook.sheetnames,
            ["Cover", "T1 Indicators", "T2 Causes by line", "T3 By cause", "T4 By category", "T5 By department"],
        )
        by_department = list(workbook["T5 By department"].iter_rows(min_row=2, values_only=True))
        self.assertEqual(by_department[-1][:2], ("Total", 11))

    def test_breakdown_by_channel_above_25_in_the_half_year(self):
        self.env["insurance.complaint"].create(
            [
                {
                    "company_id": self.company.id,
                    "partner_id": self.complainant.id,
                    "received_at": utc(2026, 5, 1 + index % 28, 9),
                    "channel": "hotline",
                    "policy_id": self.p1.id,
                }
                for index in range(15)
            ]
        )
        workbook = self.export("half_year")
        self.assertIn("T6 By channel", workbook.sheetnames)
        rows = {row[0]: row[1] for row in workbook["T6 By channel"].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(rows, {"Hotline": 15, "Regulator Transfer": 5, "Phone": 6, "Total": 26})
        lines = {row[0]: row[1] for row in workbook["T7 By line"].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(lines["Motor"], 17)
        self.assertEqual(lines["Not recorded"], 6)

    def test_monthly_list(self):
        workbook = self.export("monthly", month="3")
        self.assertEqual(self.summary(workbook)["complaints"], 5)
        rows = list(workbook["Complaints"].iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), 5)
        self.assertEqual(
            [row[1] for row in rows], ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-05", "2026-03-20"]
        )
        self.assertEqual(rows[1][2], "Regulator Transfer")

    def test_dashboard_by_age_and_access(self):
        Analysis = self.env["insurance.complaint.analysis"]
        groups = dict(
            Analysis.with_user(self.manager_user)._read_group(
                [("company_id", "=", self.company.id), ("decision_sent_at", "!=", False)], ["age_bucket"], ["__count"]
            )
        )
        # the regulator transfers decided on day 14 and day 16
        self.assertEqual(groups["0_15"], 1)
        self.assertEqual(groups["16_30"], 1)
        with self.assertRaises(AccessError):
            Analysis.with_user(self.officer_user).search([])
        with self.assertRaises(AccessError):
            self.env["insurance.complaint.report.wizard"].with_user(self.officer_user).create({"report_type": "annual"})

    def test_mediation_success_rate(self):
        Complaint = self.env["insurance.complaint"]
        h1 = Complaint.search([("company_id", "=", self.company.id), ("is_valid", "=", True)], order="received_at")
        in_period = h1.filtered(lambda c: utc(2026, 1, 1, 0) <= c.received_at < utc(2026, 7, 1, 0))
        self.assertEqual(len(in_period), 11)
        # in H1: 3 mediated with an agreement, 2 without; one of H2 2025 with an agreement does not count
        in_period[0:3].write({"mediation_outcome": "success"})
        in_period[3:5].write({"mediation_outcome": "failed"})
        (h1 - in_period)[:1].write({"mediation_outcome": "success"})
        Statistics = self.env["insurance.complaint.statistics"].with_user(self.compliance_user)
        figures = Statistics._compute_indicators(self.company, D(2026, 1, 1), D(2026, 6, 30))
        self.assertEqual((figures["mediated_success"], figures["mediated"]), (3, 5))
        self.assertAlmostEqual(figures["mediation_success_rate"], 0.6)  # 3 / 5
        summary = self.summary(self.export("half_year"))
        self.assertEqual(summary["mediated"], 5)
        self.assertEqual(summary["mediated_success"], 3)
        self.assertAlmostEqual(summary["mediation_success_rate"], 0.6)
        # March: only the complaint of 1 March was mediated, without an agreement -> 0 %
        workbook = self.export("monthly", month="3")
        header = next(workbook["Complaints"].iter_rows(max_row=1, values_only=True))
        self.assertEqual(header[-1], "Mediation")
        march = self.summary(workbook)
        self.assertEqual((march["mediated"], march["mediated_success"]), (1, 0))
        self.assertEqual(march["mediation_success_rate"], 0)
        rows = list(workbook["Complaints"].iter_rows(min_row=2, values_only=True))
        self.assertEqual([row[-1] for row in rows].count("Mediated: no agreement"), 1)

    def test_mediation_rate_without_mediation(self):
        figures = self.env["insurance.complaint.statistics"]._compute_indicators(
            self.company, D(2026, 1, 1), D(2026, 6, 30)
        )
        self.assertEqual(figures["mediated"], 0)
        self.assertIsNone(figures["mediation_success_rate"])
