import datetime

from psycopg2.errors import SerializationFailure

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .race_common import ClaimRaceMixin


@tagged("post_install", "-at_install")
class TestClockSweepRace(ClaimRaceMixin, TransactionCase):
    """Two workers run the deadline sweep at once: the overdue clock is signalled exactly once.

    The sweep locks the rows it alerts (``FOR UPDATE SKIP LOCKED``); a worker whose snapshot is older
    than the other's commit fails to serialise and sends nothing. The clock is a committed fixture
    (``ClaimRaceMixin``) that other transactions see.
    """

    def _env(self, cr):
        return self.superuser_env(cr, mail_create_nosubscribe=False, mail_create_nolog=False)

    def _committed_fixture(self, cr):
        ids = self._claim_fixture(cr, "SWEEP", [{"state": "assessment", "is_open": True}])
        claim = self._env(cr)["insurance.claim"].browse(ids["claims"])
        # materials complete 40 days ago: the 30-day decision clock is overdue
        claim._clock_start("claim_decision", fields.Datetime.now() - datetime.timedelta(days=40))
        claim.env.flush_all()
        return dict(ids, claim=claim.id, clock=claim._clock_last("claim_decision").id)

    def _alerts(self, cr, ids):
        cr.rollback()  # a fresh snapshot
        cr.execute("SELECT level FROM insurance_clock_alert WHERE clock_id = %s", [ids["clock"]])
        return [row[0] for row in cr.fetchall()]

    def test_concurrent_sweeps_alert_once(self):
        with self.committed_fixture() as (setup_cr, ids), self.transactions(3) as cursors:
            first_cr, second_cr, third_cr = cursors
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
            directors = self.env.ref("claims_management.group_claims_director").users.filtered(
                lambda user: user.active and not user.share and self.env.ref("base.main_company") in user.company_ids
            )
            self.assertEqual(setup_cr.fetchone()[0], len(directors), "one activity per director, once")
