from odoo import fields, models
from odoo.tools import SQL

from ..models.insurance_clock import STATE_SELECTION

STATUSES = [
    ("on_time", "Met on time"),
    ("late", "Met late"),
    ("overdue", "Open, overdue"),
    ("not_due", "Open, not yet due"),
    ("calendar_missing", "Calendar missing"),
]


class InsuranceClockReport(models.Model):
    """On-time rate over the clock rows of every addon: one row per clock that ran.

    ``on_time_rate`` averages to met on time ÷ (met on time + met late + open
    overdue); clocks not yet due and clocks whose calendar is missing do not
    count. A clock stopped without being met (withdrawal, restart on new
    facts) is left out. "Overdue" is judged at query time.
    """

    _name = "insurance.clock.report"
    _description = "Deadline On-Time Report"
    _auto = False
    _order = "due_date desc, id desc"
    _rec_name = "clock_id"
    _depends = {
        "insurance.clock": [
            "res_model",
            "res_id",
            "company_id",
            "kind",
            "user_id",
            "department_id",
            "state",
            "start_at",
            "due_date",
            "due_at",
            "met_at",
        ],
        "res.company": ["partner_id"],
        "res.partner": ["tz"],
    }

    clock_id = fields.Many2one("insurance.clock", "Deadline", readonly=True)
    res_model = fields.Char("Document Model", readonly=True)
    res_id = fields.Many2oneReference("Document ID", model_field="res_model", readonly=True)
    addon = fields.Selection(
        [("insurance.claim", "Claims"), ("insurance.complaint", "Complaints")], "Area", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    kind = fields.Selection(selection="_kind_selection", string="Clock", readonly=True)
    user_id = fields.Many2one("res.users", "Handler", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    state = fields.Selection(STATE_SELECTION, readonly=True)
    start_date = fields.Date("Started", readonly=True)
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

    def _kind_selection(self):
        return self.env["insurance.clock"]._fields["kind"]._description_selection(self.env)

    @property
    def _table_query(self):
        # "now" comes from Odoo, not from the database, so that the report agrees with the sweep
        return SQL(
            """
            WITH classified AS (
                SELECT c.*,
                       COALESCE(p.tz, 'Asia/Shanghai') AS tz,
                       CASE
                           WHEN c.state = 'calendar_missing' THEN 'calendar_missing'
                           WHEN c.state = 'met_on_time' THEN 'on_time'
                           WHEN c.state = 'met_late' THEN 'late'
                           WHEN c.state = 'overdue' OR c.due_at <= %(now)s THEN 'overdue'
                           ELSE 'not_due'
                       END AS status
                  FROM insurance_clock c
                  JOIN res_company co ON co.id = c.company_id
                  JOIN res_partner p ON p.id = co.partner_id
                 WHERE c.state != 'not_applicable'
            )
            SELECT id, id AS clock_id, res_model, res_id, res_model AS addon, company_id,
                   kind, user_id, department_id, state, due_date,
                   (start_at AT TIME ZONE 'UTC' AT TIME ZONE tz)::date AS start_date,
                   (met_at AT TIME ZONE 'UTC' AT TIME ZONE tz)::date AS met_date,
                   status,
                   (status = 'on_time')::int AS on_time_count,
                   (status = 'late')::int AS late_count,
                   (status = 'overdue')::int AS overdue_count,
                   (status = 'not_due')::int AS not_due_count,
                   CASE status WHEN 'on_time' THEN 100.0 WHEN 'late' THEN 0.0 WHEN 'overdue' THEN 0.0 END
                       AS on_time_rate,
                   CASE WHEN status IN ('on_time', 'late', 'overdue') THEN GREATEST(
                       COALESCE((met_at AT TIME ZONE 'UTC' AT TIME ZONE tz)::date,
                                (%(now)s::timestamp AT TIME ZONE 'UTC' AT TIME ZONE tz)::date) - due_date, 0)
                   END AS days_late
              FROM classified
            """,
            now=fields.Datetime.now(),
        )
