from odoo import fields, models

RULES = [
    ("double_booking", "Double booking"),
    ("min_rest", "Minimum rest"),
    ("rest_after_nights", "Rest after nights"),
    ("max_consecutive", "Consecutive duties"),
    ("max_nights", "Consecutive nights"),
    ("coverage", "Coverage gap"),
]


class DutyRosterViolation(models.Model):
    """A rule a roster breaks, found when generating or editing it."""

    _name = "duty.roster.violation"
    _description = "Duty Roster Rule Violation"
    _order = "roster_id, rule, id"

    roster_id = fields.Many2one("duty.roster", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="roster_id.company_id", store=True, index=True)
    rule = fields.Selection(RULES, required=True)
    message = fields.Char(required=True)
    post_id = fields.Many2one("duty.post")
    employee_ids = fields.Many2many("hr.employee", string="People")
    shift_ids = fields.Many2many("duty.shift", string="Duties")
