import datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import rotation as rotation_lib
from .duty_post import TIERS

DAY_FILTERS = [
    ("all", "Every day"),
    ("working", "Working days (Chinese calendar)"),
    ("non_working", "Weekends and holidays"),
    ("holidays", "Statutory holidays only"),
    ("weekdays", "Monday to Friday"),
    ("weekends", "Saturday and Sunday"),
]


class DutyRotation(models.Model):
    """Ordered members taking turns on one post and tier."""

    _name = "duty.rotation"
    _description = "Duty Rotation"
    _inherit = ["mail.thread"]
    _order = "post_id, tier, layer desc, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    post_id = fields.Many2one("duty.post", required=True, index=True, ondelete="cascade", check_company=True)
    company_id = fields.Many2one(related="post_id.company_id", store=True, index=True)
    tier = fields.Selection(TIERS, required=True, default="primary", tracking=True)
    template_id = fields.Many2one(
        "duty.shift.template", string="Shift", required=True, check_company=True, tracking=True
    )
    turn_length = fields.Integer(default=1, required=True, tracking=True)
    turn_unit = fields.Selection([("days", "Days"), ("weeks", "Weeks")], default="days", required=True)
    headcount = fields.Integer(default=1, required=True, help="Members on duty at the same time.")
    day_filter = fields.Selection(DAY_FILTERS, string="Applies On", default="all", required=True, tracking=True)
    layer = fields.Integer(
        default=0,
        help="On a day where several rotations of the same post and tier apply, the highest layer wins "
        "(e.g. a holiday rotation on layer 1 over the daily one on layer 0).",
    )
    balance = fields.Boolean(
        "Balance Fairness Points",
        help="Choose the available member with the fewest fairness points instead of strict order.",
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(tracking=True)
    version_ids = fields.One2many("duty.rotation.version", "rotation_id", string="Member Versions")
    current_member_ids = fields.Many2many(
        "hr.employee", compute="_compute_current_member_ids", string="Current Members"
    )

    @api.constrains("turn_length", "headcount", "date_start", "date_end")
    def _check_numbers(self):
        for rotation in self:
            if rotation.turn_length < 1 or rotation.headcount < 1:
                raise ValidationError(
                    self.env._(
                        "Rotation %(name)s: the turn length and headcount must be at least 1.", name=rotation.name
                    )
                )
            if rotation.date_end and rotation.date_end < rotation.date_start:
                raise ValidationError(self.env._("Rotation %(name)s ends before it starts.", name=rotation.name))

    @api.depends("version_ids.date_from", "version_ids.member_ids.employee_id")
    def _compute_current_member_ids(self):
        today = fields.Date.context_today(self)
        for rotation in self:
            version = rotation._version_on(today) or rotation.version_ids.sorted("date_from")[:1]
            rotation.current_member_ids = version.member_ids.sorted("sequence").employee_id

    def _version_on(self, day):
        self.ensure_one()
        versions = self.version_ids.filtered(lambda v: v.date_from <= day).sorted("date_from")
        return versions[-1:] if versions else self.env["duty.rotation.version"]

    def _turn_days(self):
        self.ensure_one()
        return self.turn_length * (7 if self.turn_unit == "weeks" else 1)

    def _lib_versions(self):
        self.ensure_one()
        return [
            rotation_lib.Version(version.date_from, tuple(version.member_ids.sorted("sequence").employee_id.ids))
            for version in self.version_ids.sorted("date_from")
        ]

    def _applies_on(self, day, holidays, makeup):
        """Whether the rotation covers ``day`` given the calendar sets."""
        self.ensure_one()
        if day < self.date_start or (self.date_end and day > self.date_end):
            return False
        weekend = day.weekday() >= 5
        working = day in makeup or (not weekend and day not in holidays)
        return {
            "all": True,
            "working": working,
            "non_working": not working,
            "holidays": day in holidays,
            "weekdays": not weekend,
            "weekends": weekend,
        }[self.day_filter]

    def action_new_version(self):
        """Open a new member version starting tomorrow, with today's members."""
        self.ensure_one()
        tomorrow = fields.Date.context_today(self) + datetime.timedelta(days=1)
        latest = self.version_ids.sorted("date_from")[-1:]
        return {
            "type": "ir.actions.act_window",
            "res_model": "duty.rotation.version",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_rotation_id": self.id,
                "default_date_from": max(tomorrow, self.date_start),
                "default_member_ids": [
                    fields.Command.create({"employee_id": member.employee_id.id, "sequence": member.sequence})
                    for member in latest.member_ids
                ],
            },
        }
