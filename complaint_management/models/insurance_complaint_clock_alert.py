from odoo import fields, models

from ..lib import complaint_clocks as clocks
from .insurance_complaint_clock import CLOCK_SELECTION


class InsuranceComplaintClockAlert(models.Model):
    """Which deadline of a complaint has already been signalled, so the cron signals it once."""

    _name = "insurance.complaint.clock.alert"
    _description = "Complaint Deadline Alert"
    _order = "date desc, id desc"

    complaint_id = fields.Many2one("insurance.complaint", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    clock = fields.Selection(CLOCK_SELECTION, required=True)
    level = fields.Selection([(clocks.DUE_SOON, "Due soon"), (clocks.OVERDUE, "Overdue")], required=True)
    due_date = fields.Date(required=True)
    date = fields.Datetime("Signalled On", required=True, default=fields.Datetime.now)
    user_ids = fields.Many2many("res.users", string="Notified")

    _sql_constraints = [
        (
            "complaint_clock_level_due_unique",
            "UNIQUE(complaint_id, clock, level, due_date)",
            "A deadline of a complaint is signalled once per level.",
        ),
    ]
