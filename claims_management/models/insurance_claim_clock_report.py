from odoo import api, fields, models
from odoo.tools import SQL

from ..lib import clocks
from .insurance_claim_clock_alert import CLOCK_SELECTION, CLOCK_TYPE_FIELDS
from .insurance_claim_statutory import DEFAULT_TZ, PENDING

# When each clock was met: the last time the claim entered one of these stages (progress ledger);
# the rejection notice is met when it was sent (``rejection_notice_date``).
MET_STAGES = {
    clocks.DECISION: ("approved", "rejected"),
    clocks.PAYMENT: ("paid", "closed"),
    clocks.PREPAYMENT: ("agreed", "paid", "closed", "rejected"),
}
STATUSES = [
    ("on_time", "Met on time"),
    ("late", "Met late"),
    ("overdue", "Open, overdue"),
    ("not_due", "Open, not yet due"),
]


class InsuranceClaimClockReport(models.Model):
    """On-time rate per statutory clock: one row per claim and clock that has run.

    A row exists when the clock applies to the claim type, has a due date and is
    either still running or was met (a clock stopped otherwise, e.g. by a
    withdrawal, is left out). ``on_time_rate`` averages to met on time ÷ (met on
    time + met late + open overdue); clocks not yet due do not count. "Today" is
    the company's local date at query time.
    """

    _name = "insurance.claim.clock.report"
    _description = "Statutory Clock On-Time Report"
    _auto = False
    _order = "due_date desc, claim_id desc, clock"
    _rec_name = "claim_id"

    claim_id = fields.Many2one("insurance.claim", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    claim_type_id = fields.Many2one("insurance.claim.type", readonly=True)
    handler_user_id = fields.Many2one("res.users", string="Handler", readonly=True)
    clock = fields.Selection(CLOCK_SELECTION, readonly=True)
    due_date = fields.Date("Due", readonly=True)
    met_date = fields.Date("Met On", readonly=True)
    status = fields.Selection(STATUSES, readonly=True)
    on_time_count = fields.Integer("Met on Time", readonly=True)
    late_count = fields.Integer("Met Late", readonly=True)
    overdue_count = fields.Integer("Open Overdue", readonly=True)
    not_due_count = fields.Integer("Open Not Yet Due", readonly=True)
    on_time_rate = fields.Float(
        "On-Time Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Met on time ÷ (met on time + met late + open overdue); clocks not yet due are left out.",
    )
    days_late = fields.Integer(
        readonly=True, aggregator="avg", help="Days past the due date when met, or until today if open."
    )

    _depends = {
        "insurance.claim": [
            "company_id",
            "claim_type_id",
            "handler_user_id",
            "state",
            "rejection_notice_date",
            "decision_due_date",
            "payment_due_date",
            "rejection_notice_due_date",
            "prepayment_due_date",
        ],
        "insurance.claim.stage.log": ["claim_id", "state_to", "date"],
        "insurance.claim.type": list(CLOCK_TYPE_FIELDS.values()),
        "res.company": ["partner_id"],
        "res.partner": ["tz"],
    }

    @api.model
    def _clock_rows(self):
        """``(index, clock, due date, applies, running, met at)`` of each clock, as SQL."""
        rows = []
        for index, (clock, due_field) in enumerate(
            (
                (clocks.DECISION, "decision_due_date"),
                (clocks.PAYMENT, "payment_due_date"),
                (clocks.REJECTION_NOTICE, "rejection_notice_due_date"),
                (clocks.PREPAYMENT, "prepayment_due_date"),
            )
        ):
            states, open_field = PENDING[clock]
            running = SQL("c.state IN %s", tuple(states))
            if open_field:
                running = SQL("(%s AND %s IS NULL)", running, SQL.identifier("c", open_field))
            met = (
                SQL("c.rejection_notice_date")
                if clock == clocks.REJECTION_NOTICE
                else SQL.identifier("met", f"{clock}_at")
            )
            rows.append(
                SQL(
                    "(%s, %s, %s, %s, %s, %s)",
                    index,
                    clock,
                    SQL.identifier("c", due_field),
                    SQL.identifier("t", CLOCK_TYPE_FIELDS[clock]),
                    running,
                    met,
                )
            )
        return SQL(", ").join(rows)

    @property
    def _table_query(self):
        now = fields.Datetime.now()
        met_columns = SQL(", ").join(
            SQL("MAX(log.date) FILTER (WHERE log.state_to IN %s) AS %s", stages, SQL.identifier(f"{clock}_at"))
            for clock, stages in MET_STAGES.items()
        )
        return SQL(
            """
            WITH met AS (
                SELECT log.claim_id, %(met_columns)s
                  FROM insurance_claim_stage_log log
                 GROUP BY log.claim_id
            ), rows AS (
                SELECT c.id * 4 + k.idx AS id,
                       c.id AS claim_id,
                       c.company_id,
                       c.claim_type_id,
                       c.handler_user_id,
                       k.clock,
                       k.due_date,
                       k.running,
                       (k.met_at AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(p.tz, %(tz)s))::date AS met_date,
                       (%(now)s::timestamp AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(p.tz, %(tz)s))::date AS today
                  FROM insurance_claim c
                  JOIN insurance_claim_type t ON t.id = c.claim_type_id
                  JOIN res_company co ON co.id = c.company_id
                  JOIN res_partner p ON p.id = co.partner_id
                  LEFT JOIN met ON met.claim_id = c.id
                 CROSS JOIN LATERAL (VALUES %(clock_rows)s) AS k(idx, clock, due_date, applies, running, met_at)
                 WHERE k.applies AND k.due_date IS NOT NULL AND (k.running OR k.met_at IS NOT NULL)
            ), classified AS (
                SELECT rows.*,
                       CASE
                           WHEN running AND due_date < today THEN 'overdue'
                           WHEN running THEN 'not_due'
                           WHEN met_date <= due_date THEN 'on_time'
                           ELSE 'late'
                       END AS status
                  FROM rows
            )
            SELECT id, claim_id, company_id, claim_type_id, handler_user_id, clock, due_date,
                   CASE WHEN running THEN NULL ELSE met_date END AS met_date,
                   status,
                   (status = 'on_time')::int AS on_time_count,
                   (status = 'late')::int AS late_count,
                   (status = 'overdue')::int AS overdue_count,
                   (status = 'not_due')::int AS not_due_count,
                   CASE status WHEN 'on_time' THEN 100.0 WHEN 'not_due' THEN NULL ELSE 0.0 END AS on_time_rate,
                   CASE
                       WHEN status = 'not_due' THEN NULL
                       ELSE GREATEST(CASE WHEN running THEN today ELSE met_date END - due_date, 0)
                   END AS days_late
              FROM classified
            """,
            met_columns=met_columns,
            clock_rows=self._clock_rows(),
            tz=DEFAULT_TZ,
            now=now,
        )
