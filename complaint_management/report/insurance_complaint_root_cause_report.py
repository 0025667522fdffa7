from odoo import fields, models
from odoo.tools import SQL

from ..models.insurance_complaint_action import ROOT_CAUSES


class InsuranceComplaintRootCauseReport(models.Model):
    """Recurring causes across complaints: one row per company, complaint cause, category and root
    cause found in the rectifications, with how many complaints share it."""

    _name = "insurance.complaint.root.cause.report"
    _description = "Recurring Complaint Causes"
    _auto = False
    _order = "complaint_count desc, root_cause"

    company_id = fields.Many2one("res.company", readonly=True)
    cause = fields.Selection(
        selection=lambda self: self.env["insurance.complaint.category"]._fields["cause"].selection,
        string="Complaint Cause",
        readonly=True,
    )
    category_id = fields.Many2one("insurance.complaint.category", "Complaint Category", readonly=True)
    root_cause = fields.Selection(ROOT_CAUSES, readonly=True)
    complaint_count = fields.Integer("Complaints", readonly=True, aggregator="sum")
    action_count = fields.Integer("Rectifications", readonly=True, aggregator="sum")
    open_action_count = fields.Integer("Open Rectifications", readonly=True, aggregator="sum")
    first_received_at = fields.Datetime("First Complaint", readonly=True, aggregator="min")
    last_received_at = fields.Datetime("Last Complaint", readonly=True, aggregator="max")
    is_recurring = fields.Boolean("Recurring", readonly=True, help="Found in two complaints or more.")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT MIN(action.id) AS id,
                   complaint.company_id,
                   complaint.cause,
                   complaint.category_id,
                   action.root_cause,
                   COUNT(DISTINCT complaint.id) AS complaint_count,
                   COUNT(action.id) AS action_count,
                   COUNT(action.id) FILTER (WHERE action.state IN ('planned', 'in_progress'))
                       AS open_action_count,
                   MIN(complaint.received_at) AS first_received_at,
                   MAX(complaint.received_at) AS last_received_at,
                   COUNT(DISTINCT complaint.id) >= 2 AS is_recurring
              FROM insurance_complaint_action action
              JOIN insurance_complaint complaint ON complaint.id = action.complaint_id
          GROUP BY complaint.company_id, complaint.cause, complaint.category_id, action.root_cause
            """
        )
