"""Long work in the background (insurance_base's insurance.job), tried on a real case: HR marks 2027
complete over complaints whose working-day clocks were waiting for that year."""

import datetime
import uuid

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import DT, ComplaintCase

day = datetime.date


@tagged("post_install", "-at_install")
class TestBackgroundJobs(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr_user = new_test_user(
            cls.env,
            "cmp_calendar_hr",
            groups="base.group_user,cn_working_calendar.group_calendar_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.env["ir.config_parameter"].sudo().set_param("insurance_base.recount_at_once", 1)
        cls.env["cn.calendar.year"].search([("year", "=", 2027)]).unlink()

    def waiting_complaints(self, count=3):
        complaints = self.env["insurance.complaint"]
        for number in range(count):
            complaints |= self.new_complaint(received_at=DT(2026, 12, 29, 2, number))
        resolve = complaints.env["insurance.clock"].search(
            [("complaint_id", "in", complaints.ids), ("kind", "=", "complaint_resolve")]
        )
        self.assertEqual(set(resolve.mapped("state")), {"calendar_missing"})
        return complaints, resolve

    def mark_2027_complete(self):
        self.env["cn.calendar.day"].with_user(self.hr_user).create(
            {"date": day(2027, 1, 1), "kind": "holiday", "holiday": "new_years_day", "company_id": self.company.id}
        )
        year = (
            self.env["cn.calendar.year"].with_user(self.hr_user).create({"year": 2027, "company_id": self.company.id})
        )
        year.action_mark_complete()
        jobs = self.env["insurance.job"].with_user(self.hr_user).search([("state", "=", "queued")])
        self.assertEqual(len(jobs), 1, "the creation and the confirmation ask for the same work: one job")
        return jobs

    def test_recount_runs_in_committed_steps_as_the_hr_user(self):
        _complaints, resolve = self.waiting_complaints(3)
        job = self.mark_2027_complete()
        self.assertEqual((job.state, job.user_id, job.company_id), ("queued", self.hr_user, self.company))
        self.assertEqual(set(resolve.mapped("state")), {"calendar_missing"}, "nothing recounted in the save itself")
        self.assertFalse(
            self.env["insurance.job"].with_user(self.officer_user).search([("id", "=", job.id)]),
            "a job is seen by the person who asked for it",
        )
        Job = self.env["insurance.job"]
        self.assertTrue(Job._run_step(limit=2, job_ids=job.ids))
        self.assertEqual((job.state, job.done, job.total, job.steps), ("running", 2, 3, 1))
        self.assertAlmostEqual(job.progress, 200 / 3)
        self.assertTrue(Job._run_step(limit=2, job_ids=job.ids))
        self.assertEqual((job.state, job.done, job.total, job.steps, job.progress), ("done", 3, 3, 2, 100.0))
        resolve.invalidate_recordset()
        # 30 Dec (1), 31 Dec (2), 1 Jan off, weekend, Monday 4 January (3)
        self.assertEqual(set(resolve.mapped("state")), {"running"})
        self.assertEqual(set(resolve.mapped("due_date")), {day(2027, 1, 4)})
        logs = self.env["insurance.clock.log"].search([("clock_id", "in", resolve.ids), ("event", "=", "calendar")])
        self.assertEqual(sorted(logs.clock_id.ids), sorted(resolve.ids), "each clock recounted exactly once")
        self.assertFalse(Job._run_step(limit=2, job_ids=job.ids), "nothing left to do")

    def test_a_failing_step_leaves_nothing_and_says_why(self):
        _complaints, resolve = self.waiting_complaints(2)
        job = (
            self.env["insurance.job"]
            .with_user(self.hr_user)
            ._enqueue(
                "Recount with a broken payload", "insurance.clock", "_job_recompute_for_calendar", {"company_id": False}
            )
        )
        self.assertTrue(self.env["insurance.job"]._run_step(job_ids=job.ids))
        self.assertEqual(job.state, "failed")
        self.assertIn("years", job.error)
        self.assertEqual((job.done, job.steps), (0, 0))
        self.assertEqual(set(resolve.mapped("state")), {"calendar_missing"})
        with self.assertRaises(AccessError):
            job.with_user(self.officer_user).action_retry()
        job.with_user(self.hr_user).action_retry()
        self.assertEqual(job.state, "queued")

    def test_nobody_forges_or_edits_a_job(self):
        Job = self.env["insurance.job"]
        with self.assertRaises(AccessError):
            Job.with_user(self.officer_user)._enqueue("Any method", "insurance.clock", "_recompute")
        with self.assertRaises(AccessError):
            Job.with_user(self.officer_user).create(
                {
                    "name": "forged",
                    "company_id": self.company.id,
                    "user_id": self.officer_user.id,
                    "res_model": "insurance.clock",
                    "handler": "_job_recompute_for_calendar",
                }
            )
        job = Job.with_user(self.officer_user)._enqueue(
            "Recount", "insurance.clock", "_job_recompute_for_calendar", {"company_id": False, "years": [2027]}
        )
        for values in ({"state": "done"}, {"done": 10}, {"handler": "unlink"}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                job.write(values)
        with self.assertRaises(AccessError):
            job.unlink()


@tagged("post_install", "-at_install")
class TestBackgroundJobWorkers(TransactionCase):
    """Two workers, real transactions: a step killed in the middle is lost whole and redone once; a job
    another worker holds is skipped. The fixture is committed (other transactions must see it) in its
    own company, and removed afterwards."""

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "Asia/Shanghai", "tracking_disable": True})

    def _committed_fixture(self, cr):
        env = self._env(cr)
        tag = uuid.uuid4().hex[:8]
        company = env["res.company"].create({"name": f"Job Test Branch {tag}"})
        env = env(context=dict(env.context, allowed_company_ids=[company.id]))
        partner = env["res.partner"].create(
            {"name": f"Job Complainant {tag}", "company_id": company.id, "email": f"job-{tag}@example.com"}
        )
        env["cn.calendar.year"].search([("year", "=", 2027), ("company_id", "in", (False, company.id))]).unlink()
        complaints = env["insurance.complaint"].create(
            [
                {
                    "company_id": company.id,
                    "partner_id": partner.id,
                    "received_at": DT(2026, 12, 29, 2, number),
                    "channel": "phone",
                    "demand": "Pay the hospital bill",
                    "complainant_id_number": "430181198503120021",
                }
                for number in range(3)
            ]
        )
        previous = env["ir.config_parameter"].get_param("insurance_base.recount_at_once")
        env["ir.config_parameter"].set_param("insurance_base.recount_at_once", 0)
        env["cn.calendar.year"].create({"year": 2027, "company_id": company.id}).action_mark_complete()
        job = env["insurance.job"].search([("company_id", "=", company.id)])
        env.flush_all()
        cr.commit()  # pylint: disable=invalid-commit
        return {"company": company.id, "complaints": complaints.ids, "job": job.id, "previous": previous}

    def _drop_fixture(self, cr, ids):
        cr.rollback()
        env = self._env(cr)
        env["ir.config_parameter"].set_param("insurance_base.recount_at_once", ids["previous"] or False)
        cr.execute("DELETE FROM insurance_job WHERE company_id = %s", [ids["company"]])
        for table in ("insurance_clock_log", "insurance_clock_alert", "insurance_clock_pause"):
            cr.execute(f"DELETE FROM {table} WHERE company_id = %s", [ids["company"]])  # noqa: S608
        cr.execute("DELETE FROM insurance_clock WHERE company_id = %s", [ids["company"]])
        cr.execute(
            "DELETE FROM mail_activity WHERE res_model = 'insurance.complaint' AND res_id = ANY(%s)",
            [ids["complaints"]],
        )
        cr.execute(
            "DELETE FROM mail_message WHERE model = 'insurance.complaint' AND res_id = ANY(%s)", [ids["complaints"]]
        )
        cr.execute(
            "DELETE FROM mail_followers WHERE res_model = 'insurance.complaint' AND res_id = ANY(%s)",
            [ids["complaints"]],
        )
        cr.execute("DELETE FROM insurance_complaint WHERE id = ANY(%s)", [ids["complaints"]])
        cr.execute("DELETE FROM cn_calendar_year WHERE company_id = %s", [ids["company"]])
        cr.commit()  # pylint: disable=invalid-commit

    def test_killed_step_is_redone_once_and_a_held_job_is_skipped(self):
        registry = self.env.registry
        with registry.cursor() as setup_cr:
            ids = self._committed_fixture(setup_cr)
        try:
            # worker 1 takes the job and does a step, then dies before committing
            killed_cr = registry.cursor()
            killed = self._env(killed_cr)
            self.assertTrue(killed["insurance.job"]._run_step(limit=2, job_ids=[ids["job"]]))
            self.assertEqual(killed["insurance.job"].browse(ids["job"]).done, 2)
            # meanwhile worker 2 finds the job held and skips it
            with registry.cursor() as other_cr:
                self.assertFalse(
                    self._env(other_cr)["insurance.job"]._run_step(limit=2, job_ids=[ids["job"]]), "held by worker 1"
                )
            killed_cr.rollback()
            killed_cr.close()
            # the next run starts from the last committed marker: nothing of the lost step remains
            with registry.cursor() as cr:
                env = self._env(cr)
                job = env["insurance.job"].browse(ids["job"])
                self.assertEqual((job.state, job.done, job.steps), ("queued", 0, 0))
                while env["insurance.job"]._run_step(limit=2, job_ids=[ids["job"]]):
                    cr.commit()  # pylint: disable=invalid-commit
                self.assertEqual((job.state, job.done, job.total, job.steps), ("done", 3, 3, 2))
                clocks = env["insurance.clock"].search(
                    [("complaint_id", "in", ids["complaints"]), ("kind", "=", "complaint_resolve")]
                )
                self.assertEqual(set(clocks.mapped("state")), {"running"})
                logs = env["insurance.clock.log"].search([("clock_id", "in", clocks.ids), ("event", "=", "calendar")])
                self.assertEqual(len(logs), 3, "each clock recounted once, not again for the lost step")
        finally:
            with registry.cursor() as cr:
                self._drop_fixture(cr, ids)
