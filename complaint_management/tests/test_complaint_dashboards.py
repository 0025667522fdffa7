import base64
import datetime
import io

import openpyxl
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ComplaintCase

DT = datetime.datetime


@tagged("post_install", "-at_install")
class TestComplaintDashboards(ComplaintCase):
    """Repeat complainants, agents by verified complaints and the monthly list mailed on the 1st."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.farm = Partner.create({"name": "Green Farm Ltd", "is_company": True, "company_id": cls.company.id})
        cls.farm_contact = Partner.create({"name": "Farm Accountant", "parent_id": cls.farm.id})
        cls.once = Partner.create({"name": "Zhao Once", "phone": "13507310009", "company_id": cls.company.id})
        cls.agent_x = Partner.create({"name": "Agent Xu", "company_id": cls.company.id})
        cls.agent_y = Partner.create({"name": "Agent Yang", "company_id": cls.company.id})

    def ago(self, days):
        return fields.Datetime.now() - datetime.timedelta(days=days)

    def test_repeat_complainants(self):
        new = self.new_complaint
        # Wang Fang: 3 in 12 months (and one 400 days ago, not counted)
        for days in (10, 100, 300, 400):
            new(received_at=self.ago(days))
        # the farm: one by the company, one by its accountant -> one complainant with 2
        farm = {"complainant_type": "organisation", "complainant_credit_code": "91430181MA4L12345L"}
        farm.update(legal_representative="Liu Jianguo", complainant_id_number=False)
        new(partner_id=self.farm.id, received_at=self.ago(5), **farm)
        new(partner_id=self.farm_contact.id, received_at=self.ago(50), **farm)
        # Zhao: once in 12 months and once before
        new(partner_id=self.once.id, received_at=self.ago(20))
        new(partner_id=self.once.id, received_at=self.ago(380))
        Report = self.env["insurance.complaint.repeat.report"].with_user(self.compliance_user)
        rows = Report.search([("company_id", "=", self.company.id)])
        self.assertEqual(
            [(row.partner_id, row.complaint_count, row.open_count) for row in rows],
            [(self.complainant, 3, 3), (self.farm, 2, 2)],
        )
        with self.assertRaises(AccessError):
            self.env["insurance.complaint.repeat.report"].with_user(self.officer_user).search([])

    def test_top_agents_by_verified_complaints(self):
        new = self.new_complaint
        complaints = [new(agent_id=self.agent_x.id) for _ in range(3)] + [new(agent_id=self.agent_y.id)]
        complaints.append(new(agent_id=self.agent_y.id, received_at=self.ago(500)))
        for complaint in (complaints[0], complaints[1], complaints[3], complaints[4]):
            complaint.with_user(self.manager_user).accountability_verified = True
        Report = self.env["insurance.complaint.agent.report"].with_user(self.manager_user)
        rows = Report.search([("company_id", "=", self.company.id)])
        # Xu: 2 verified of 3; Yang: 2 verified of 2, one older than 12 months
        self.assertEqual(
            [(row.agent_id, row.verified_count, row.complaint_count) for row in rows],
            [(self.agent_x, 2, 3), (self.agent_y, 2, 2)],
        )
        self.assertEqual(rows.mapped("verified_12m_count"), [2, 1])
        pivot = dict(Report._read_group([("company_id", "=", self.company.id)], ["agent_id"], ["verified_count:sum"]))
        self.assertEqual(pivot[self.agent_x], 2)
        with self.assertRaises(AccessError):
            self.env["insurance.complaint.agent.report"].with_user(self.officer_user).search([])

    def sent_lists(self):
        return self.env["mail.mail"].search([("subject", "like", f"Monthly complaint list %{self.company.name}")])

    def sent_log(self):
        return self.env["insurance.complaint.mailing"].search(
            [("company_id", "=", self.company.id), ("kind", "=", "monthly_list")]
        )

    def test_monthly_list_sent_once_a_month(self):
        self.new_complaint(received_at=DT(2026, 10, 5, 2))
        self.new_complaint(received_at=DT(2026, 10, 31, 15))  # 31 Oct 23:00 in Shanghai: October
        self.new_complaint(received_at=DT(2026, 10, 31, 16, 30))  # 1 Nov 00:30 in Shanghai: November
        MonthlyList = self.env["insurance.complaint.monthly.list"]
        with freeze_time("2026-10-31 16:05:00"):  # 1 Nov 00:05 in Shanghai
            MonthlyList._cron_send_monthly_list()
            MonthlyList._cron_send_monthly_list()
        mails = self.sent_lists()
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.subject, "Monthly complaint list 2026-10 — Liuyang Branch")
        self.assertEqual(
            mails.recipient_ids, (self.manager_user | self.compliance_user).partner_id, "managers and compliance only"
        )
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(mails.attachment_ids.datas)))
        rows = list(workbook["Complaints"].iter_rows(min_row=2, values_only=True))
        self.assertEqual([row[1] for row in rows], ["2026-10-05", "2026-10-31"])
        self.assertEqual(self.sent_log().mapped("period"), ["2026-10", "2026-10"])
        with freeze_time("2026-11-15 02:00:00"):
            MonthlyList._cron_send_monthly_list()
        self.assertEqual(len(self.sent_lists()), 1)
        with freeze_time("2026-12-01 01:00:00"):
            MonthlyList._cron_send_monthly_list()
        mails = self.sent_lists()
        self.assertEqual(len(mails), 2)
        self.assertIn("Monthly complaint list 2026-11 — Liuyang Branch", mails.mapped("subject"))
        self.assertEqual(sorted(self.sent_log().mapped("period")), ["2026-10", "2026-10", "2026-11", "2026-11"])

    def test_cron_is_scheduled(self):
        cron = self.env.ref("complaint_management.ir_cron_complaint_monthly_list")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
