from odoo import fields, models, tools
from odoo.addons.claims_management.models.insurance_policy import PRODUCT_LINES

from ..lib import complaint_stats
from ..models.insurance_complaint import CHANNELS, NATURES, ORIGINS, STATES
from ..models.insurance_complaint_mediation import MEDIATION_OUTCOMES

AGE_BUCKETS = [
    ("0_15", "0-15 days"),
    ("16_30", "16-30 days"),
    ("31_60", "31-60 days"),
    ("60_plus", "Over 60 days"),
]


class InsuranceComplaintAnalysis(models.Model):
    """One row per complaint for the dashboards and the regulator statistics (a SQL view).

    Merged duplicates are no rows (they live on in the case they were merged into):
    see ``lib/complaint_stats`` for the definition of each figure. The age runs
    from the receipt to the decision (or now while undecided); the decision due
    is the latest statutory decision clock of the deadline engine, with approved
    extensions and appraisal pauses, and is what the on-time rate of regulator
    transfers is measured against.
    """

    _name = "insurance.complaint.analysis"
    _description = "Complaint Analysis"
    _auto = False
    _order = "received_at desc"
    _rec_name = "name"

    complaint_id = fields.Many2one("insurance.complaint", readonly=True)
    name = fields.Char("Complaint Number", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    received_at = fields.Datetime("Received", readonly=True)
    received_date = fields.Date("Received On", readonly=True, help="Local day of receipt.")
    channel = fields.Selection(CHANNELS, readonly=True)
    origin = fields.Selection(ORIGINS, readonly=True)
    is_regulator = fields.Boolean("Regulator Transfer", readonly=True)
    regulator_transferred_at = fields.Datetime("Formally Transferred", readonly=True)
    withdrawn_before_transfer = fields.Boolean(
        readonly=True, help="A regulator case withdrawn before the regulator formally transferred it."
    )
    state = fields.Selection(STATES, readonly=True)
    is_open = fields.Boolean("Open", readonly=True)
    is_valid = fields.Boolean("Valid", readonly=True)
    nature = fields.Selection(NATURES, readonly=True)
    is_crisis = fields.Boolean("Crisis", readonly=True)
    category_id = fields.Many2one("insurance.complaint.category", readonly=True)
    company_type = fields.Selection([("pnc", "Property and casualty"), ("life", "Life and health")], readonly=True)
    cause = fields.Selection(
        [
            ("sales", "Sales and mis-selling"),
            ("claims", "Claims dispute"),
            ("surrender", "Surrender"),
            ("premium", "Premium"),
            ("service", "Service"),
            ("other", "Other"),
        ],
        readonly=True,
    )
    department_id = fields.Many2one("hr.department", "Handling Department", readonly=True)
    user_id = fields.Many2one("res.users", "Owner", readonly=True)
    partner_id = fields.Many2one("res.partner", "Complainant", readonly=True)
    policy_id = fields.Many2one("insurance.policy", readonly=True)
    product_line = fields.Selection(PRODUCT_LINES, readonly=True)
    is_motor = fields.Boolean("Motor", readonly=True)
    product_name = fields.Char("Product", readonly=True)
    decision_sent_at = fields.Datetime("Decision Sent", readonly=True)
    decision_due_date = fields.Date("Decision Due", readonly=True)
    answered_on_time = fields.Boolean(readonly=True)
    is_overdue = fields.Boolean(
        "Overdue", readonly=True, help="Undecided past the decision due date (with approved extensions and pauses)."
    )
    mediation_outcome = fields.Selection(MEDIATION_OUTCOMES, "Mediation", readonly=True)
    agent_id = fields.Many2one("res.partner", "Agent or Agency", readonly=True)
    accountability_verified = fields.Boolean("Liability Verified", readonly=True)
    age_days = fields.Integer("Age (days)", readonly=True, aggregator="avg")
    age_bucket = fields.Selection(AGE_BUCKETS, "Age", readonly=True)

    def _search(self, domain, offset=0, limit=None, order=None):
        # the view reads complaint and policy columns: write pending changes of theirs first
        self.env["insurance.complaint"].flush_model()
        self.env["insurance.policy"].flush_model(["product_line", "product_name"])
        self.env["res.partner"].flush_model(["tz"])
        self.env["res.company"].flush_model(["complaint_company_type"])
        self.env["insurance.clock"].flush_model()
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @property
    def _table_query(self):
        return tools.SQL(
            """
            SELECT c.id AS id,
                   c.id AS complaint_id,
                   c.name AS name,
                   c.company_id AS company_id,
                   c.received_at AS received_at,
                   (c.received_at AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(cp.tz, 'Asia/Shanghai'))::date
                       AS received_date,
                   c.channel AS channel,
                   c.origin AS origin,
                   (c.origin = 'regulator' OR c.channel = 'regulator') AS is_regulator,
                   c.regulator_transferred_at AS regulator_transferred_at,
                   %(withdrawn_before_transfer)s AS withdrawn_before_transfer,
                   c.state AS state,
                   c.is_open AS is_open,
                   c.is_valid AS is_valid,
                   c.nature AS nature,
                   c.is_crisis AS is_crisis,
                   c.category_id AS category_id,
                   co.complaint_company_type AS company_type,
                   c.cause AS cause,
                   c.department_id AS department_id,
                   c.user_id AS user_id,
                   c.partner_id AS partner_id,
                   c.policy_id AS policy_id,
                   COALESCE(c.product_line, p.product_line) AS product_line,
                   COALESCE(COALESCE(c.product_line, p.product_line) = 'motor', FALSE) AS is_motor,
                   COALESCE(c.product_name, p.product_name) AS product_name,
                   c.decision_sent_at AS decision_sent_at,
                   dc.due_date AS decision_due_date,
                   COALESCE(dc.state = 'met_on_time', FALSE) AS answered_on_time,
                   COALESCE(c.decision_sent_at IS NULL AND c.is_open
                       AND (dc.state = 'overdue'
                            OR (dc.state IN ('running', 'paused') AND dc.due_at <= (NOW() AT TIME ZONE 'UTC'))),
                       FALSE) AS is_overdue,
                   c.mediation_outcome AS mediation_outcome,
                   c.agent_id AS agent_id,
                   COALESCE(c.accountability_verified, FALSE) AS accountability_verified,
                   age.days AS age_days,
                   CASE WHEN age.days <= 15 THEN '0_15'
                        WHEN age.days <= 30 THEN '16_30'
                        WHEN age.days <= 60 THEN '31_60'
                        ELSE '60_plus' END AS age_bucket
              FROM insurance_complaint c
              JOIN res_company co ON co.id = c.company_id
              JOIN res_partner cp ON cp.id = co.partner_id
         LEFT JOIN insurance_policy p ON p.id = c.policy_id
              -- the statutory decision deadline: the latest decision clock that applies (deadline engine)
         LEFT JOIN LATERAL (
                    SELECT k.due_date, k.due_at, k.state
                      FROM insurance_clock k
                     WHERE k.res_model = 'insurance.complaint'
                       AND k.res_id = c.id
                       AND k.kind = 'complaint_decision'
                       AND k.state != 'not_applicable'
                     ORDER BY k.id DESC
                     LIMIT 1
              ) dc ON TRUE
              CROSS JOIN LATERAL (
                    SELECT GREATEST(0, EXTRACT(DAY FROM COALESCE(c.decision_sent_at, c.closed_at,
                                                                 NOW() AT TIME ZONE 'UTC') - c.received_at))::int
                           AS days
              ) age
             WHERE %(rows)s
            """,
            withdrawn_before_transfer=tools.SQL(complaint_stats.WITHDRAWN_BEFORE_TRANSFER_SQL),
            rows=tools.SQL(complaint_stats.ANALYSIS_ROWS_SQL),
        )
