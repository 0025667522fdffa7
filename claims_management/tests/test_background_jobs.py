"""Long claims work in the background (insurance_base's insurance.job): the catastrophe bulk registration
and the insured roster import, above their thresholds; a step lost whole (a crash before its commit, or
a step that raised after part of its work) is redone without a second claim or insured."""

import base64
import uuid

import psycopg2
from freezegun import freeze_time

from odoo.addons.insurance_base.tests.common import CommittedTransactionsMixin
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import DT, ClaimsCase, D
from .test_policy import valid_id


@tagged("post_install", "-at_install")
class TestBulkClaimJob(ClaimsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.objects = cls.env["insurance.policy.insured"].create(
            [
                {"policy_id": cls.policy.id, "kind": "object", "name": f"Culvert C{number}", "region": "Liuyang"}
                for number in range(5)
            ]
        )
        cls.event = cls.env["insurance.claim.event"].create(
            {"name": "Rainstorm of 18 June", "company_id": cls.company.id, "start_at": DT(2026, 6, 18, 1)}
        )

    def set_at_once(self, count):
        self.env["ir.config_parameter"].sudo().set_param("claims_management.bulk_claims_at_once", count)

    def register(self, insureds, user=None):
        wizard = (
            self.env["insurance.claim.event.bulk"]
            .with_user(user or self.director_user)
            .create(
                {
                    "event_id": self.event.id,
                    "policy_id": self.policy.id,
                    "claim_type_id": self.claim_type.id,
                    "insured_ids": [(6, 0, insureds.ids)],
                    "loss_at": DT(2026, 6, 18, 1),
                }
            )
        )
        return wizard.action_create_claims()

    def claims(self):
        return self.env["insurance.claim"].search([("event_id", "=", self.event.id)])

    def job_of(self, action):
        self.assertEqual((action["type"], action["tag"]), ("ir.actions.client", "display_notification"))
        job_action = action["params"]["next"]
        self.assertEqual(job_action["res_model"], "insurance.job")
        return self.env["insurance.job"].browse(job_action["res_id"])

    @freeze_time("2026-06-18 02:00:00")
    def test_at_the_threshold_inline_above_it_a_job(self):
        self.set_at_once(2)
        action = self.register(self.objects[:2])
        self.assertEqual(action["res_model"], "insurance.claim", "two insured at a threshold of two: at once")
        self.assertEqual(len(self.claims()), 2)
        self.assertFalse(self.env["insurance.job"].search([("res_model", "=", "insurance.claim.event")]))

        action = self.register(self.objects[2:5])
        job = self.job_of(action)
        self.assertEqual((job.state, job.user_id, job.company_id), ("queued", self.director_user, self.company))
        self.assertEqual(len(self.claims()), 2, "nothing registered in the request itself")
        self.assertEqual(job.with_user(self.director_user).name, "Register 3 claims for Rainstorm of 18 June")
        self.assertFalse(
            self.env["insurance.job"].with_user(self.handler_user).search([("id", "=", job.id)]),
            "a job is seen by the person who asked for it",
        )

        Job = self.env["insurance.job"]
        self.assertTrue(Job._run_step(limit=2, job_ids=job.ids))
        self.assertEqual((job.state, job.done, job.total, job.steps), ("running", 2, 3, 1))
        self.assertEqual(len(self.claims()), 4)
        self.assertTrue(Job._run_step(limit=2, job_ids=job.ids))
        self.assertEqual((job.state, job.done, job.total, job.progress), ("done", 3, 3, 100.0))
        made = self.claims().filtered(lambda claim: claim.insured_id in self.objects[2:5])
        self.assertEqual(len(made), 3)
        self.assertEqual(sorted(made.mapped("loss_place")), self.objects[2:5].mapped("name"))
        self.assertEqual(made.create_uid, self.director_user, "the job ran as the director who asked")
        self.assertEqual(job.result_message, "3 claims registered for Rainstorm of 18 June.")
        result = job.with_user(self.director_user).action_open_result()
        self.assertEqual(self.env[result["res_model"]].with_user(self.director_user).search(result["domain"]), made)
        self.assertFalse(Job._run_step(limit=2, job_ids=job.ids), "nothing left to do")

    @freeze_time("2026-06-18 02:00:00")
    def test_a_lost_step_is_redone_without_a_second_claim(self):
        self.set_at_once(1)
        job = self.job_of(self.register(self.objects))
        Job = self.env["insurance.job"]
        self.assertTrue(Job._run_step(limit=2, job_ids=job.ids))
        # the worker dies after the second step's work, before its commit: the step is lost whole
        with self.assertRaises(InterruptedError), self.env.cr.savepoint():
            self.assertTrue(Job._run_step(limit=2, job_ids=job.ids))
            self.assertEqual(len(self.claims()), 4)
            raise InterruptedError
        self.env.invalidate_all()
        self.assertEqual((job.done, job.cursor, job.steps, len(self.claims())), (2, 2, 1, 2))
        while Job._run_step(limit=2, job_ids=job.ids):
            pass
        self.assertEqual((job.state, job.done, job.steps), ("done", 5, 3))
        self.assertEqual(self.claims().insured_id, self.objects)
        self.assertEqual(len(self.claims()), 5, "one claim per insured, none for the lost step")
        self.assertEqual(len(job.result_ids), 5)

    @freeze_time("2026-06-18 02:00:00")
    def test_a_step_failing_after_part_of_its_work_leaves_nothing_and_resumes(self):
        self.set_at_once(1)
        # the fourth culvert left the roster before the storm: its claim is refused by the claim's own check
        self.objects[3].date_to = DT(2026, 6, 1).date()
        job = self.job_of(self.register(self.objects))
        Job = self.env["insurance.job"]
        with mute_logger("odoo.addons.insurance_base.models.insurance_job"):
            self.assertTrue(Job._run_step(limit=2, job_ids=job.ids))
            self.assertTrue(Job._run_step(limit=2, job_ids=job.ids))
        self.assertEqual(job.state, "failed")
        self.assertIn("Culvert C3 was not on the insured roster", job.error)
        self.assertEqual(
            self.claims().insured_id, self.objects[:2], "the third culvert of the failed step was rolled back with it"
        )
        self.assertEqual((job.done, job.steps), (2, 1))
        # the roster is corrected, the director retries: the job carries on from its last committed step
        self.objects[3].date_to = False
        job.with_user(self.director_user).action_retry()
        while Job._run_step(limit=2, job_ids=job.ids):
            pass
        self.assertEqual(job.state, "done")
        self.assertEqual(len(self.claims()), 5)
        self.assertEqual(self.claims().insured_id, self.objects)

    @freeze_time("2026-06-18 02:00:00")
    def test_one_claim_per_insured_and_event_on_every_path(self):
        self.register(self.objects[:2])
        self.register(self.objects[:3])
        self.assertEqual(len(self.claims()), 3, "asked twice: the insured claimed already are skipped")
        # the unique key refuses it (an RPC or import shows its message as a ValidationError)
        with self.assertRaises(psycopg2.errors.UniqueViolation), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env["insurance.claim"].with_user(self.handler_user).create(
                {
                    "event_id": self.event.id,
                    "policy_id": self.policy.id,
                    "claim_type_id": self.claim_type.id,
                    "insured_id": self.objects[0].id,
                    "loss_at": DT(2026, 6, 18, 1),
                    "claimant_id": self.holder.id,
                    "channel": "hotline",
                }
            )

    @freeze_time("2026-06-18 02:00:00")
    def test_the_job_runs_with_the_rights_of_who_asked(self):
        self.set_at_once(1)
        other = self.env["res.company"].create({"name": "Changsha Branch"})
        self.director_user.company_ids = [(4, other.id)]
        job = self.job_of(self.register(self.objects[:2]))
        # before the job runs the director is moved to the other branch only
        self.director_user.write({"company_id": other.id, "company_ids": [(6, 0, other.ids)]})
        with mute_logger("odoo.addons.insurance_base.models.insurance_job"):
            self.assertTrue(self.env["insurance.job"]._run_step(job_ids=job.ids))
        self.assertEqual(job.state, "failed")
        self.assertFalse(self.claims(), "no claim made for a branch the requester no longer works for")
        # a claims handler may not ask for a bulk registration at all
        with self.assertRaises(AccessError):
            self.register(self.objects[:2], user=self.handler_user)


@tagged("post_install", "-at_install")
class TestRosterImportJob(ClaimsCase):
    def import_file(self, count, user=None):
        rows = ["name,id_number"] + [
            f"Person {number},{valid_id(sequence=f'{number:03d}')}" for number in range(1, count + 1)
        ]
        wizard = (
            self.env["insurance.policy.insured.import"]
            .with_user(user or self.director_user)
            .create(
                {
                    "policy_id": self.policy.id,
                    "file": base64.b64encode("\n".join(rows).encode()),
                    "filename": "roster.csv",
                }
            )
        )
        return wizard.action_import()

    def people(self):
        return self.policy.insured_ids.filtered(lambda insured: insured.kind == "person")

    def test_small_file_at_once_large_file_in_steps(self):
        self.env["ir.config_parameter"].sudo().set_param("claims_management.import_at_once", 3)
        self.import_file(3)
        self.assertEqual(len(self.people()), 3)
        self.people().unlink()
        action = self.import_file(5)
        job = self.env["insurance.job"].browse(action["params"]["next"]["res_id"])
        self.assertEqual((job.state, job.user_id), ("queued", self.director_user))
        self.assertFalse(self.people(), "nothing imported in the request itself")
        Job = self.env["insurance.job"]
        self.assertTrue(Job._run_step(limit=2, job_ids=job.ids))
        self.assertEqual(len(self.people()), 2)
        with self.assertRaises(InterruptedError), self.env.cr.savepoint():
            Job._run_step(limit=2, job_ids=job.ids)
            raise InterruptedError  # killed before the commit of the second step
        self.env.invalidate_all()
        self.assertEqual((job.done, len(self.people())), (2, 2))
        while Job._run_step(limit=2, job_ids=job.ids):
            pass
        self.assertEqual((job.state, job.done, job.total), ("done", 5, 5))
        self.assertEqual(len(self.people()), 5)
        self.assertEqual(self.people().create_uid, self.director_user)
        self.assertEqual(job.result_message, "5 insured imported from roster.csv.")
        self.assertIn("5 insured imported", self.policy.message_ids[0].body)

    def test_the_same_file_queued_twice_is_imported_once(self):
        self.env["ir.config_parameter"].sudo().set_param("claims_management.import_at_once", 1)
        first = self.env["insurance.job"].browse(self.import_file(3)["params"]["next"]["res_id"])
        # a second director sends the same file before the first job ran: it passes the file's checks too
        other = new_test_user(
            self.env,
            "clm_director_2",
            groups="claims_management.group_claims_director",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        second = self.env["insurance.job"].browse(self.import_file(3, user=other)["params"]["next"]["res_id"])
        self.assertNotEqual(first, second)
        Job = self.env["insurance.job"]
        while Job._run_step(job_ids=(first | second).ids):
            pass
        self.assertEqual((first.state, second.state), ("done", "done"))
        self.assertEqual(len(self.people()), 3)
        self.assertEqual(second.result_message, "0 insured imported from roster.csv.")


@tagged("post_install", "-at_install")
class TestBulkClaimJobWorkers(CommittedTransactionsMixin, TransactionCase):
    """Two registrations of the same insured of one event (two directors' selections, two jobs) on two
    workers at once: the second waits on the first's uncommitted claims (the unique key on event and
    insured); the first worker dies before its commit, and the second registers each insured once. The
    fixture is committed in a company of its own and removed afterwards (the company stays, as in
    insurance_base's worker test)."""

    def _committed_fixture(self, cr):
        env = self.superuser_env(cr, tz="Asia/Shanghai")
        tag = uuid.uuid4().hex[:8]
        company = env["res.company"].create({"name": f"Bulk Job Branch {tag}"})
        env = env(context=dict(env.context, allowed_company_ids=[company.id]))
        holder = env["res.partner"].create({"name": f"Bulk Job Holder {tag}", "company_id": company.id})
        policy = env["insurance.policy"].create(
            {
                "name": f"PPR-JOB-{tag}",
                "company_id": company.id,
                "policyholder_id": holder.id,
                "date_start": D(2026, 1, 1),
                "date_end": D(2026, 12, 31),
                "sum_insured": 10000000,
                "state": "active",
                "coverage_ids": [(0, 0, {"name": "Property", "limit_amount": 5000000, "deductible_amount": 5000})],
            }
        )
        objects = env["insurance.policy.insured"].create(
            [{"policy_id": policy.id, "kind": "object", "name": f"Sluice S{number}"} for number in range(3)]
        )
        claim_type = env["insurance.claim.type"].create(
            {"name": f"Sluice {tag}", "code": f"S{tag[:4]}", "company_id": company.id}
        )
        event = env["insurance.claim.event"].create(
            {"name": f"Flood {tag}", "company_id": company.id, "start_at": DT(2026, 6, 18, 1)}
        )
        payload = {
            "event_id": event.id,
            "policy_id": policy.id,
            "claim_type_id": claim_type.id,
            "loss_at": "2026-06-18 01:00:00",
        }
        Job = env["insurance.job"].with_company(company)
        first = Job._enqueue(
            "First", "insurance.claim.event", "_job_create_bulk_claims", dict(payload, insured_ids=objects.ids)
        )
        second = Job._enqueue(
            "Second", "insurance.claim.event", "_job_create_bulk_claims", dict(payload, insured_ids=objects.ids[::-1])
        )
        env.flush_all()
        return {
            "company": company.id,
            "partner": holder.id,
            "policy": policy.id,
            "insured": objects.ids,
            "claim_type": claim_type.id,
            "event": event.id,
            "first": first.id,
            "second": second.id,
        }

    def _drop_fixture(self, cr, ids):
        cr.execute("DELETE FROM insurance_job WHERE company_id = %s", [ids["company"]])
        for model, table, key in (
            ("insurance.claim.event", "insurance_claim_event", "event"),
            ("insurance.policy.insured", "insurance_policy_insured", "insured"),
            ("insurance.policy", "insurance_policy", "policy"),
            ("insurance.claim.type", "insurance_claim_type", "claim_type"),
        ):
            record_ids = ids[key] if isinstance(ids[key], list) else [ids[key]]
            cr.execute("DELETE FROM mail_message WHERE model = %s AND res_id = ANY(%s)", [model, record_ids])
            cr.execute("DELETE FROM mail_followers WHERE res_model = %s AND res_id = ANY(%s)", [model, record_ids])
            cr.execute(f"DELETE FROM {table} WHERE id = ANY(%s)", [record_ids])  # noqa: S608

    @freeze_time("2026-06-18 02:00:00")
    def test_a_second_registration_waits_and_registers_each_insured_once(self):
        with self.committed_fixture() as (watch_cr, ids), self.transactions(2) as (first_cr, second_cr):
            first = self.superuser_env(first_cr, tz="Asia/Shanghai")
            self.assertTrue(first["insurance.job"]._run_step(job_ids=[ids["first"]]))
            self.assertEqual(first["insurance.claim"].search_count([("event_id", "=", ids["event"])]), 3)
            first_pid, second_pid = self.backend_pid(first_cr), self.backend_pid(second_cr)
            seen = {}

            def second_worker():
                second = self.superuser_env(second_cr, tz="Asia/Shanghai")
                second["insurance.job"]._run_step(job_ids=[ids["second"]])
                job = second["insurance.job"].browse(ids["second"])
                claims = second["insurance.claim"].search([("event_id", "=", ids["event"])])
                seen.update(state=job.state, done=job.done, insured=sorted(claims.insured_id.ids), count=len(claims))

            thread, outcome = self.start_thread(second_worker)
            self.assertTrue(
                self.wait_until_blocked(watch_cr, first_pid, second_pid, thread),
                "the second registration waits for the first one's claims of the same insured",
            )
            first_cr.rollback()  # the first worker dies before its commit
            thread.join(120)
            self.assertIsNone(outcome.get("error"))
            self.assertEqual(seen, {"state": "done", "done": 3, "insured": sorted(ids["insured"]), "count": 3})
