from odoo import fields, models
from odoo.tools import SQL

from ..models.insurance_customer_followup import FOLLOWUP_STATES, LEVELS, TRIGGERS


class CustomerFollowupReport(models.Model):
    """Follow-up coverage (done ÷ due) by period, unit, level and trigger: the pivot averages the
    coverage column, 100 for a visit done and 0 for one due and not done."""

    _name = "insurance.customer.followup.report"
    _description = "Follow-up Coverage"
    _auto = False
    _order = "due_date desc"

    company_id = fields.Many2one("res.company", readonly=True)
    department_id = fields.Many2one("hr.department", "Unit", readonly=True)
    user_id = fields.Many2one("res.users", "Visitor", readonly=True)
    level = fields.Selection(LEVELS, readonly=True)
    trigger = fields.Selection(TRIGGERS, readonly=True)
    state = fields.Selection(FOLLOWUP_STATES, readonly=True)
    due_date = fields.Date(readonly=True)
    done_date = fields.Date(readonly=True)
    due_count = fields.Integer("Due Visits", readonly=True, aggregator="sum")
    done_count = fields.Integer("Done", readonly=True, aggregator="sum")
    late_count = fields.Integer("Done Late", readonly=True, aggregator="sum")
    coverage = fields.Float("Coverage (%)", readonly=True, aggregator="avg")
    satisfaction = fields.Float("Average Satisfaction", readonly=True, aggregator="avg")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT followup.id,
                   followup.company_id,
                   followup.department_id,
                   followup.user_id,
                   followup.level,
                   followup.trigger,
                   followup.state,
                   followup.due_date,
                   followup.done_date,
                   1 AS due_count,
                   CASE WHEN followup.state = 'done' THEN 1 ELSE 0 END AS done_count,
                   CASE WHEN followup.state = 'done' AND followup.done_date > followup.due_date
                        THEN 1 ELSE 0 END AS late_count,
                   CASE WHEN followup.state = 'done' THEN 100.0 ELSE 0.0 END AS coverage,
                   NULLIF(followup.satisfaction, '')::float AS satisfaction
              FROM insurance_customer_followup followup
             WHERE followup.state != 'cancelled'
            """
        )
