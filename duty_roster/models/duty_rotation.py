import bisect
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
    # where the rotation stands, saved by each generation: {ISO day: state after every applicable day
    # before that day} (lib/rotation.RotationState.to_json), so that a later generation from any of
    # these days carries on exactly as one generation of the whole span would
    state_checkpoints = fields.Json(copy=False, readonly=True)
    last_generated_day = fields.Date(
        readonly=True, copy=False, help="Last day of the latest roster generated from this rotation."
    )
    next_employee_id = fields.Many2one(
        "hr.employee", compute="_compute_state_display", string="Next Up", help="Next member in order today."
    )
    owed_turns = fields.Text(
        compute="_compute_state_display",
        help="Members skipped (on leave) who take the next turn they can, ahead of the order.",
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

    @api.depends("state_checkpoints")
    def _compute_state_display(self):
        today = fields.Date.context_today(self)
        states = {rotation: rotation._state_before(today)[1] for rotation in self}
        employees = (
            self.env["hr.employee"]
            .browse(
                {
                    member
                    for state in states.values()
                    if state
                    for member in [state.next_member, *(owed.member for owed in state.owed)]
                    if member
                }
            )
            .exists()
        )
        names = {employee.id: employee.name for employee in employees}
        for rotation in self:
            state = states[rotation]
            if not state:
                rotation.next_employee_id, rotation.owed_turns = False, False
                continue
            rotation.next_employee_id = state.next_member if state.next_member in names else False
            rotation.owed_turns = (
                "\n".join(
                    self.env._("%(name)s, skipped on %(day)s", name=names[owed.member], day=owed.day)
                    for owed in state.owed
                    if owed.member in names
                )
                or False
            )

    def _state_before(self, day):
        """``(key, RotationState)`` saved for the latest day ``key`` not after ``day``:
        the state after every applicable day before ``key``; ``(None, None)`` if none was saved."""
        self.ensure_one()
        keys = sorted(self.state_checkpoints or {})
        index = bisect.bisect_right(keys, day.isoformat()) - 1
        if index < 0:
            return None, None
        key = keys[index]
        return datetime.date.fromisoformat(key), rotation_lib.RotationState.from_json(self.state_checkpoints[key])

    def _save_state(self, since, checkpoints, end_day, end_state):
        """Replace the saved states from ``since`` on by ``checkpoints`` ({day: state json}) and the
        state ``end_state`` reached after ``end_day``; drop those older than needed from yesterday on."""
        self.ensure_one()
        saved = {key: value for key, value in (self.state_checkpoints or {}).items() if key < since.isoformat()}
        saved.update({day.isoformat(): value for day, value in checkpoints.items()})
        saved[(end_day + datetime.timedelta(days=1)).isoformat()] = end_state.to_json()
        # regeneration starts at the earliest on yesterday's duties: keep the last state before that
        horizon = (fields.Date.context_today(self) - datetime.timedelta(days=1)).isoformat()
        older = [key for key in saved if key <= horizon]
        keep_from = max(older) if older else horizon
        self.write(
            {
                "state_checkpoints": {key: value for key, value in saved.items() if key >= keep_from},
                "last_generated_day": end_day,
            }
        )

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
