from odoo import api, fields, models
from odoo.addons.base.models.res_partner import _tz_get
from odoo.exceptions import ValidationError

from ..lib.rules import Rules

TIERS = [("primary", "Primary"), ("backup", "Backup"), ("leader", "Duty Leader")]


class DutyPost(models.Model):
    """A post to keep staffed: hotline, surveyors of a region, complaint
    officer, duty leader (带班领导), security room..."""

    _name = "duty.post"
    _description = "Duty Post"
    _inherit = ["mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(help="Short code other modules use to find the post, e.g. HOTLINE or SURVEY-LY.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        required=True,
        default=lambda self: self.env.user.tz or "Asia/Shanghai",
        help="Duties of this post start and end in this time zone; a day boundary is its midnight.",
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        "duty_post_employee_rel",
        "post_id",
        "employee_id",
        string="Eligible Employees",
        check_company=True,
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Eligible Departments",
        check_company=True,
        help="Every employee of these departments may also be put on this post.",
    )
    headcount_primary = fields.Integer("Primary On Duty", default=1, tracking=True)
    headcount_backup = fields.Integer("Backups On Duty", default=0, tracking=True)
    headcount_leader = fields.Integer("Duty Leaders On Duty", default=0, tracking=True)
    leader_post_id = fields.Many2one(
        "duty.post",
        string="Escalate To Post",
        check_company=True,
        help="When neither primary nor backup answers, escalate to whoever is on duty on this post "
        "(e.g. the company's duty leader post). Empty: this post's own duty leader tier.",
    )
    ack_timeout_minutes = fields.Integer(
        "Acknowledgement Timeout (min)",
        default=15,
        help="Work routed to this post that is not acknowledged in time escalates to the next tier.",
    )
    min_rest_hours = fields.Float("Minimum Rest (hours)", default=11.0)
    max_consecutive_duties = fields.Integer("Max Consecutive Duty Days", default=6)
    max_consecutive_nights = fields.Integer(default=3)
    rest_after_nights_hours = fields.Float("Rest After Nights (hours)", default=24.0)
    rotation_ids = fields.One2many("duty.rotation", "post_id")
    note = fields.Html()

    _sql_constraints = [
        ("code_company_unique", "UNIQUE(code, company_id)", "A post code must be unique per company."),
    ]

    @api.constrains("headcount_primary", "headcount_backup", "headcount_leader", "min_rest_hours")
    def _check_numbers(self):
        for post in self:
            if min(post.headcount_primary, post.headcount_backup, post.headcount_leader) < 0 or post.min_rest_hours < 0:
                raise ValidationError(
                    self.env._("Headcounts and rest hours of post %(name)s cannot be negative.", name=post.name)
                )

    def headcount(self, tier):
        self.ensure_one()
        return self[f"headcount_{tier}"]

    def _eligible_employees(self):
        """Employees who may be put on duty on this post."""
        self.ensure_one()
        by_department = self.env["hr.employee"]
        if self.department_ids:
            by_department = self.env["hr.employee"].search(
                [("department_id", "child_of", self.department_ids.ids), ("company_id", "=", self.company_id.id)]
            )
        return self.employee_ids | by_department

    def _rules(self):
        self.ensure_one()
        return Rules(
            min_rest_hours=self.min_rest_hours,
            max_consecutive_duties=self.max_consecutive_duties,
            max_consecutive_nights=self.max_consecutive_nights,
            rest_after_nights_hours=self.rest_after_nights_hours,
        )
