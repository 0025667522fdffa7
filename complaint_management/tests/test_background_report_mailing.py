"""The regulator report and the monthly mailing in the background (insurance_base's insurance.job):
above their thresholds they run as jobs; the report's Excel file is the job's result, the mailing is
mailed in steps whose log rows are the progress marker, so a step lost in a crash mails nobody twice."""

import base64
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DT, ComplaintCase


@tagged("post_install", "-at_install")
class TestReportJob(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for day in (2, 3):
            cls.env["insurance.complaint"].create(
                {
                    "company_id": cls.company.id,
                    "partner_id": cls.complainant.id,
                    "received_at": DT(2026, 3, day, 1, 30),
                    "channel": "phone",
                    "demand": "Pay the hospital bill",
                    "complainant_id_number": "430181198503120021",
                }
            )

    def export(self, at_once, user=None):
        self.env["ir.config_parameter"].sudo().set_param("complaint_management.report_at_once", at_once)
        wizard = (
            self.env["insurance.complaint.report.wizard"]
            .with_user(user or self.compliance_user)
            .create({"company_id": self.company.id, "report_type": "annual", "year": 2026})
        )
        return wizard, wizard.action_export()

    def indicators(self, content):
        sheet = openpyxl.load_workbook(io.BytesIO(content))["T1 Indicators"]
        return {row[2]: row[1] for row in sheet.iter_rows(min_row=7, values_only=True) if row[2]}

    def test_at_the_threshold_at_once_above_it_the_file_is_the_jobs_result(self):
        wizard, action = self.export(2)
        self.assertEqual(action["type"], "ir.actions.act_url", "two complaints at a threshold of two: at once")
        self.assertEqual(self.indicators(base64.b64decode(wizard.file))["complaints"], 2)

        wizard, action = self.export(1)
        self.assertEqual(action["tag"], "display_notification")
        self.assertFalse(wizard.file, "nothing built in the request itself")
        job = self.env["insurance.job"].browse(action["params"]["next"]["res_id"])
        self.assertEqual((job.state, job.user_id, job.company_id), ("queued", self.compliance_user, self.company))
        self.assertEqual(job.name, "Annual Report 2026-01-01 – 2026-12-31")
        self.assertTrue(self.env["insurance.job"]._run_step(job_ids=job.ids))
        self.assertEqual((job.state, job.progress), ("done", 100.0))
        self.assertIn(
            f"/web/content/{job.result_attachment_id.id}",
            job.with_user(self.compliance_user).action_download_result()["url"],
        )
        attachment = job.with_user(self.compliance_user).result_attachment_id
        self.assertEqual(attachment.name, "complaints_annual_20260101_20261231.xlsx")
        content = base64.b64decode(attachment.datas)
        self.assertEqual(self.indicators(content)["complaints"], 2)
        cover = openpyxl.load_workbook(io.BytesIO(content))["Cover"]
        prepared_by = {row[0]: row[1] for row in cover.iter_rows(values_only=True) if row[0]}["Prepared by"]
        self.assertEqual(prepared_by, self.compliance_user.name, "built as the compliance reader who asked")
        with self.assertRaises(AccessError):
            attachment.with_user(self.officer_user).datas  # noqa: B018 - reading it is the test

    def test_the_report_job_needs_the_requesters_rights_when_it_runs(self):
        _wizard, action = self.export(1)
        job = self.env["insurance.job"].browse(action["params"]["next"]["res_id"])
        # the compliance reader leaves compliance before the job runs
        self.compliance_user.write(
            {"groups_id": [(3, self.env.ref("complaint_management.group_complaint_compliance").id)]}
        )
        with mute_logger("odoo.addons.insurance_base.models.insurance_job"):
            self.assertTrue(self.env["insurance.job"]._run_step(job_ids=job.ids))
        self.assertEqual(job.state, "failed")
        self.assertFalse(job.result_attachment_id)


@tagged("post_install", "-at_install")
class TestMailingJob(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.manager_user, cls.compliance_user):
            user.partner_id.email = f"{user.login}@liuyang.example.com"
        cls.env["ir.config_parameter"].sudo().set_param("complaint_management.mailing_at_once", 1)

    def mails(self):
        return self.env["mail.mail"].search(
            [("subject", "like", "Monthly complaint list 2026-03"), ("subject", "like", self.company.name)]
        )

    def logs(self):
        return self.env["insurance.complaint.mailing"].search(
            [("company_id", "=", self.company.id), ("kind", "=", "monthly_list"), ("period", "=", "2026-03")]
        )

    def queued(self):
        return self.env["insurance.job"].search(
            [("res_model", "=", "insurance.complaint.mailing"), ("company_id", "=", self.company.id)]
        )

    def test_many_recipients_are_mailed_in_steps_once_each(self):
        with freeze_time("2026-03-31 16:30:00"):  # 1 April 00:30 in Shanghai
            self.env["insurance.complaint.mailing"]._cron_send()
        job = self.queued()
        self.assertEqual(len(job), 1, "two recipients above a threshold of one: a job")
        self.assertFalse(self.mails(), "nobody mailed by the cron itself")
        Job = self.env["insurance.job"]
        self.assertTrue(Job._run_step(limit=1, job_ids=job.ids))
        self.assertEqual((job.done, job.total, len(self.logs()), len(self.mails())), (1, 2, 1, 1))
        first = self.mails()
        self.assertEqual(first.recipient_ids, self.manager_user.partner_id)
        # the worker dies after mailing the second recipient, before the commit: that step is lost whole
        with self.assertRaises(InterruptedError), self.env.cr.savepoint():
            Job._run_step(limit=1, job_ids=job.ids)
            self.assertEqual(len(self.mails()), 2)
            raise InterruptedError
        self.env.invalidate_all()
        self.assertEqual((job.done, len(self.logs()), len(self.mails())), (1, 1, 1))
        while Job._run_step(limit=1, job_ids=job.ids):
            pass
        self.assertEqual((job.state, job.done), ("done", 2))
        mails = self.mails()
        self.assertEqual(len(mails), 2)
        self.assertEqual(mails.recipient_ids, (self.manager_user | self.compliance_user).partner_id)
        self.assertEqual(len(mails.attachment_ids), 1, "the Excel file is built once, by the first step")
        self.assertEqual(self.logs().partner_id, mails.recipient_ids)
        self.assertEqual(job.result_message, "Mailed to 2 recipients.")
        # the next days' cron finds nobody left for March
        with freeze_time("2026-04-01 16:30:00"):
            self.env["insurance.complaint.mailing"]._cron_send()
        self.assertEqual(self.queued(), job)
        self.assertEqual(len(self.mails()), 2)

    def test_at_the_threshold_the_cron_mails_at_once(self):
        self.env["ir.config_parameter"].sudo().set_param("complaint_management.mailing_at_once", 2)
        with freeze_time("2026-03-31 16:30:00"):
            self.env["insurance.complaint.mailing"]._cron_send()
        self.assertFalse(self.queued())
        self.assertEqual(len(self.mails()), 1)
        self.assertEqual(self.mails().recipient_ids, (self.manager_user | self.compliance_user).partner_id)
