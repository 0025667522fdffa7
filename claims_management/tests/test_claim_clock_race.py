import datetime
import uuid

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestClockSweepRace(TransactionCase):
    """Two workers run the deadline sweep at once: the overdue clock is signalled exactly once.

    The sweep locks the rows it alerts (``FOR UPDATE SKIP LOCKED``); a worker whose snapshot is older
    than the other's commit fails to serialise and sends nothing. The clock must be committed for two
    other transactions to see it, so the test commits a small fixture and removes it afterwards.
    """

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tracking_disable": True})

    def _committed_fixture(self, cr):
        env = self._env(cr)
        company = env.ref("base.main_company")  # the test's own records are not committed
        tag = f"SWEEP-{uuid.uuid4().hex[:10].upper()}"
        claim_type = env["insurance.claim.type"].create({"name": tag, "code": tag, "company_id": company.id})
        policy = env["insurance.policy"].create(
            {
                "name": tag,
                "company_id": company.id,
                "policyholder_id": company.partner_id.id,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "coverage_ids": [Command.create({"name": tag})],
            }
        )
        env.flush_all()
        cr.execute(
            """INSERT INTO insurance_claim (name, company_id, claim_type_id, policy_id, coverage_id, claimant_id,
                                            state, channel, report_datetime, loss_datetime, is_open)
               VALUES (%s, %s, %s, %s, %s, %s, 'assessment', 'hotline', now() at time zone 'UTC',
                       now() at time zone 'UTC', true)
               RETURNING id""",
            [tag, company.id, claim_type.id, policy.id, policy.coverage_ids.id, company.partner_id.id],
        )
        claim_id = cr.fetchone()[0]
        claim = env["insurance.claim"].browse(claim_id)
        # materials complete 40 days ago: the 30-day decision clock is overdue
        with_past = fields.Datetime.now() - datetime.timedelta(days=40)
        claim._clock_start("claim_decision", with_past)
        env.flush_all()
        clock_id = claim._clock_last("claim_decision").id
        cr.commit()  # pylint: disable=invalid-commit
        return {"claim": claim_id, "clock": clock_id, "policy": policy.id, "type": claim_type.id}

    def _drop_fixture(self, cr, ids):
        cr.rollback()
        cr.execute("DELETE FROM mail_activity WHERE res_model = 'insurance.claim' AND res_id = %s", [ids["claim"]])
        cr.execute("DELETE FROM mail_message WHERE model = 'insurance.claim' AND res_id = %s", [ids["claim"]])
        cr.execute("DELETE FROM insurance_clock WHERE res_model = 'insurance.claim' AND res_id = %s", [ids["claim"]])
        cr.execute("DELETE FROM insurance_claim WHERE id = %s", [ids["claim"]])
        cr.execute("DELETE FROM insurance_policy_coverage WHERE policy_id = %s", [ids["policy"]])
        cr.execute("DELETE FROM insurance_policy WHERE id = %s", [ids["policy"]])
        cr.execute("DELETE FROM insurance_claim_type WHERE id = %s", [ids["type"]])
        cr.execute(
            "DELETE FROM mail_followers WHERE (res_model = 'insurance.policy' AND res_id = %s) "
            "OR (res_model = 'insurance.claim.type' AND res_id = %s)",
            [ids["policy"], ids["type"]],
        )
        cr.commit()  # pylint: disable=invalid-commit

    def _alerts(self, cr, ids):
        cr.rollback()  # a fresh snapshot
        cr.execute("SELECT level FROM insurance_clock_alert WHERE clock_id = %s", [ids["clock"]])
        return [row[0] for row in cr.fetchall()]

    def test_concurrent_sweeps_alert_once(self):
        registry = self.env.registry
        with registry.cursor() as setup_cr:
            ids = self._committed_fixture(setup_cr)
            first_cr, second_cr, third_cr = registry.cursor(), registry.cursor(), registry.cursor()
            try:
                # 1. both at once: the first holds the row lock, the second skips the row
                self._env(first_cr)["insurance.clock"]._cron_sweep()
                self._env(second_cr)["insurance.clock"]._cron_sweep()
                second_cr.commit()  # pylint: disable=invalid-commit
                first_cr.commit()  # pylint: disable=invalid-commit
                self.assertEqual(self._alerts(setup_cr, ids), ["overdue"])

                # 2. a worker whose snapshot predates the other's commit cannot alert it again
                setup_cr.execute(
                    "UPDATE insurance_clock SET alert_level = NULL, state = 'running' WHERE id = %s", [ids["clock"]]
                )
                setup_cr.execute("DELETE FROM insurance_clock_alert WHERE clock_id = %s", [ids["clock"]])
                setup_cr.execute(
                    "DELETE FROM mail_activity WHERE res_model = 'insurance.claim' AND res_id = %s", [ids["claim"]]
                )
                setup_cr.commit()  # pylint: disable=invalid-commit
                third_cr.execute("SELECT 1")  # its snapshot starts here, before the other worker commits
                self._env(first_cr)["insurance.clock"]._cron_sweep()
                first_cr.commit()  # pylint: disable=invalid-commit
                with self.assertRaises(SerializationFailure), mute_logger("odoo.sql_db"):
                    self._env(third_cr)["insurance.clock"]._cron_sweep()
                third_cr.rollback()
                self.assertEqual(self._alerts(setup_cr, ids), ["overdue"])

                # 3. a later run sends nothing
                self._env(second_cr)["insurance.clock"]._cron_sweep()
                second_cr.commit()  # pylint: disable=invalid-commit
                self.assertEqual(self._alerts(setup_cr, ids), ["overdue"])
                setup_cr.execute(
                    "SELECT count(*) FROM mail_activity WHERE res_model = 'insurance.claim' AND res_id = %s",
                    [ids["claim"]],
                )
                directors = self.env.ref("claims_management.group_claims_manager").users.filtered(
                    lambda user: user.active
                    and not user.share
                    and self.env.ref("base.main_company") in user.company_ids
                )
                self.assertEqual(setup_cr.fetchone()[0], len(directors), "one activity per director, once")
            finally:
                for cr in (first_cr, second_cr, third_cr):
                    cr.rollback()
                    cr.close()
                self._drop_fixture(setup_cr, ids)
