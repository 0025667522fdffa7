import datetime

from markupsafe import Markup

from odoo import api, fields, models
from odoo.addons.base.models.res_partner import _tz_get
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import reinforcement, shift_times
from ..lib import rules as rules_lib
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
    emergency_employee_ids = fields.Many2many(
        "hr.employee",
        "duty_post_emergency_employee_rel",
        "post_id",
        "employee_id",
        string="Emergency Staff Pool",
        check_company=True,
        help="People who can be called in at once to reinforce this post in an emergency (e.g. a catastrophe), "
        "fewest fairness points first; those on duty, resting or on leave are skipped.",
    )
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

    # ------------------------------------------------------------------
    # Emergency reinforcement
    # ------------------------------------------------------------------
    def _reinforce(self, start, end, headcounts, reason=None):
        """Call in people of the emergency pool from ``start`` to ``end`` (UTC) now.

        :param headcounts: ``{tier: number of people}``
        :return: ``(duties created, {employee: skip reason})``

        The duties are published at once (``get_on_duty`` and the escalation chain see them in
        the same transaction), marked as emergency duties (their fairness points use the
        company's emergency weight) and the people called in are notified.
        """
        self.ensure_one()
        if not self.env.user.has_group("duty_roster.group_duty_manager"):
            raise AccessError(self.env._("Only duty roster managers can call in emergency reinforcements."))
        start, end = fields.Datetime.to_datetime(start), fields.Datetime.to_datetime(end)
        headcounts = {tier: int(headcounts.get(tier) or 0) for tier in reinforcement.TIER_ORDER}
        if not start or not end or end <= start or end - start > datetime.timedelta(hours=24):
            raise UserError(
                self.env._(
                    "An emergency reinforcement of %(post)s lasts more than 0 and at most 24 hours.", post=self.name
                )
            )
        if min(headcounts.values()) < 0 or not sum(headcounts.values()):
            raise UserError(self.env._("Say how many people to call in for each tier of %(post)s.", post=self.name))
        candidates = self.emergency_employee_ids.filtered("active").sorted(lambda e: (e.name or "", e.id))
        if not candidates:
            raise UserError(
                self.env._("%(post)s has no emergency staff pool: add people to it on the post first.", post=self.name)
            )
        Shift = self.env["duty.shift"]
        # the rules look back and forth over a run of duty days: read that far around the window
        margin = datetime.timedelta(days=max(self.max_consecutive_duties, self.max_consecutive_nights, 1) + 2)
        around = Shift.search(
            [
                ("employee_id", "in", candidates.ids),
                ("start", "<", end + margin),
                ("end", ">", start - margin),
                ("is_superseded", "=", False),
            ]
        )
        duties = around._rule_duties()
        post_rules = {post.id: post._rules() for post in around.post_id | self}
        day = shift_times.local_day(start, self.tz)
        is_night = self._is_night_interval(start, end, day)

        def new_duty_for(candidate, tier):
            return rules_lib.Duty("new", candidate, self.id, tier, start, end, day, is_night)

        # resource's rules show an employee only their own leaves; the duty manager (checked above) needs
        # to know who of the pool is away in the window, nothing more: the resources, read narrowly
        away = {
            row["resource_id"][0]
            for row in self.env["resource.calendar.leaves"]
            .sudo()
            .search_read(
                [("resource_id", "in", candidates.resource_id.ids), ("date_from", "<", end), ("date_to", ">", start)],
                ["resource_id"],
            )
        }
        on_leave = {employee.id for employee in candidates if employee.resource_id.id in away}
        groups = Shift._read_group(
            [
                ("employee_id", "in", candidates.ids),
                ("day", ">=", day - datetime.timedelta(days=365)),
                ("day", "<=", day),
                ("is_superseded", "=", False),
            ],
            ["employee_id"],
            ["points:sum"],
        )
        points = {employee.id: total for employee, total in groups}
        called, skipped = reinforcement.pick(
            candidates.ids,
            headcounts,
            new_duty_for,
            duties,
            lambda duty: post_rules[duty.post],
            on_leave,
            points,
        )
        vals_list = [
            {
                "post_id": self.id,
                "tier": tier,
                "employee_id": employee_id,
                "start": start,
                "end": end,
                "is_published": True,
                "is_emergency": True,
                "note": reason or False,
            }
            for tier in reinforcement.TIER_ORDER
            for employee_id in called[tier]
        ]
        if not vals_list:
            raise UserError(
                self.env._(
                    "Nobody of the emergency staff pool of %(post)s is free then: all are on duty, resting or on "
                    "leave.",
                    post=self.name,
                )
            )
        shifts = Shift.browse(Shift.with_context(duty_emergency=True).create(vals_list).ids)
        self._notify_reinforcement(shifts, headcounts, reason)
        skipped_employees = self.env["hr.employee"].browse(list(skipped))
        return shifts, {employee: skipped[employee.id] for employee in skipped_employees}

    def _is_night_interval(self, start, end, day):
        """Whether ``[start, end)`` touches 00:00-06:00 local of ``day`` or the next day (as duties do)."""
        midnight = shift_times.utc_start(day, 0, self.tz)
        return any(
            start < midnight + datetime.timedelta(hours=offset + 6)
            and end > midnight + datetime.timedelta(hours=offset)
            for offset in (0, 24)
        )

    def _notify_reinforcement(self, shifts, headcounts, reason):
        self.ensure_one()
        for shift in shifts:
            partners = shift.employee_id.work_contact_id | shift.employee_id.user_id.partner_id
            if partners:
                self.message_notify(
                    partner_ids=partners.ids,
                    subject=self.env._("Emergency call-in: %(post)s", post=self.name),
                    body=self.env._(
                        "You are called in to reinforce %(duty)s. %(reason)s",
                        duty=shift._describe(),
                        reason=reason or "",
                    ),
                    record_name=self.name,
                )
        wanted = sum(headcounts.values())
        lines = [
            self.env._(
                "Emergency reinforcement: %(count)s of %(wanted)s people called in. %(reason)s",
                count=len(shifts),
                wanted=wanted,
                reason=reason or "",
            )
        ]
        lines += [shift._describe() for shift in shifts]
        self.message_post(body=Markup("<br/>").join(lines))
