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
        default=True,
        help="Choose the available member with the fewest fairness points instead of strict order.",
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(tracking=True)
    version_ids = fields.One2many("duty.rotation.version", "rotation_id", string="Member Versions")
    current_member_ids = fields.Many2many(
        "hr.employee", compute="_compute_current_member_ids", string="Current Members"
    )
    state_ids = fields.One2many("duty.rotation.state", "rotation_id", string="Saved States", readonly=True)
    last_generated_day = fields.Date(
        compute="_compute_state_display", help="Last day of the latest roster generated from this rotation."
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

    @api.depends("state_ids")
    def _compute_state_display(self):
        today = fields.Date.context_today(self)
        saved = self._saved_checkpoints()
        states = {rotation: rotation_lib.state_before(saved[rotation], today)[1] for rotation in self}
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
            latest = rotation.state_ids.sorted("id")[-1:]
            rotation.last_generated_day = latest.date_to - datetime.timedelta(days=1) if latest else False
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

    def _saved_checkpoints(self):
        """``{rotation: {ISO day: state json}}`` saved by the generations so far, in one query."""
        rows = self.env["duty.rotation.state"].search([("rotation_id", "in", self.ids)], order="id")
        by_rotation = {rotation: [] for rotation in self}
        for row in rows:
            by_rotation[row.rotation_id].append((row.date_from.isoformat(), row.checkpoints))
        return {rotation: rotation_lib.merge_checkpoints(saved) for rotation, saved in by_rotation.items()}

    def _save_states(self, runs):
        """Save the states of one generation: ``runs`` is ``[(rotation, since, checkpoints, end_day,
        end_state)]``, ``checkpoints`` ``{day: state json}`` from ``since`` on.  Rows a new one replaces
        whole, and rows ending before yesterday (a regeneration never starts earlier) but the last
        such one, go; all in two queries."""
        States = self.env["duty.rotation.state"]
        if not runs:
            return
        horizon = fields.Date.context_today(self) - datetime.timedelta(days=1)
        old = States.search([("rotation_id", "in", [run[0].id for run in runs])])
        by_rotation = old.grouped("rotation_id")
        obsolete, vals_list = States, []
        for rotation, since, checkpoints, end_day, end_state in runs:
            end = end_day + datetime.timedelta(days=1)
            values = {day.isoformat(): value for day, value in checkpoints.items()}
            values[end.isoformat()] = end_state.to_json()
            vals_list.append({"rotation_id": rotation.id, "date_from": since, "date_to": end, "checkpoints": values})
            rows = by_rotation.get(rotation, States)
            obsolete |= rows.filtered(lambda row, since=since: row.date_from >= since)
            kept = rows - obsolete
            before = [row.date_to for row in kept if row.date_to <= horizon] + ([end] if end <= horizon else [])
            if before:
                last = max(before)
                obsolete |= kept.filtered(lambda row, last=last: row.date_to < last)
        obsolete.unlink()
        States.create(vals_list)

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
        return self._day_filter(holidays, makeup)(day)

    def _day_filter(self, holidays, makeup):
        """``f(day) -> bool``: whether the rotation covers a day, given the calendar sets
        (plain Python: fast over a year of days)."""
        self.ensure_one()
        date_start, date_end, day_filter = self.date_start, self.date_end, self.day_filter

        def working(day):
            return day in makeup or (day.weekday() < 5 and day not in holidays)

        tests = {
            "all": lambda day: True,
            "working": working,
            "non_working": lambda day: not working(day),
            "holidays": lambda day: day in holidays,
            "weekdays": lambda day: day.weekday() < 5,
            "weekends": lambda day: day.weekday() >= 5,
        }
        test = tests[day_filter]
        return lambda day: date_start <= day and (not date_end or day <= date_end) and test(day)

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
