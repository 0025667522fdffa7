import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import rules as rules_lib
from ..lib import shift_times
from .duty_post import TIERS

ESCALATION_ORDER = ("primary", "backup", "leader")
# duties this close to a checked one can break its rest and run rules
RULE_MARGIN = datetime.timedelta(days=3)
# the longest duty: 24 h on the wall clock, 25 h elapsed on the night the clocks go back;
# the on-duty lookup relies on it
MAX_DUTY = datetime.timedelta(hours=25)
# Fields whose change on a published roster is worth telling the people concerned.
NOTIFIED_FIELDS = {"employee_id", "start", "end", "post_id", "tier"}
# links whose company (a plain company_id) _check_company compares for the whole batch at once
BATCH_COMPANY_CHECKED = ("roster_id", "post_id", "employee_id", "superseded_roster_id")


class DutyShift(models.Model):
    """One duty: an employee on a post and tier from ``start`` to ``end`` (UTC)."""

    _name = "duty.shift"
    _description = "Duty"
    _order = "start, post_id, tier"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    roster_id = fields.Many2one("duty.roster", index=True, ondelete="cascade", check_company=True)
    post_id = fields.Many2one("duty.post", required=True, index=True, check_company=True)
    company_id = fields.Many2one(related="post_id.company_id", store=True, index=True)
    tier = fields.Selection(TIERS, required=True, default="primary")
    employee_id = fields.Many2one("hr.employee", index=True, check_company=True)
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True, string="User")
    template_id = fields.Many2one("duty.shift.template", string="Shift")
    rotation_id = fields.Many2one("duty.rotation", index=True, ondelete="set null")
    turn_day = fields.Integer(help="Day of the rotation turn this duty is (1 = first).")
    start = fields.Datetime(required=True)
    end = fields.Datetime(required=True)
    day = fields.Date(
        "Duty Day", compute="_compute_local", store=True, index=True, help="Local date the duty starts on."
    )
    is_night = fields.Boolean(compute="_compute_local", store=True)
    points = fields.Float("Fairness Points", compute="_compute_points", store=True)
    is_manual = fields.Boolean("Edited By Hand", help="Set by hand; a regeneration keeps it.")
    is_published = fields.Boolean(index=True, help="Published duties are the ones the on-duty lookup answers from.")
    superseded_roster_id = fields.Many2one(
        "duty.roster",
        string="Replaced In Roster",
        index=True,
        ondelete="cascade",
        readonly=True,
        copy=False,
        check_company=True,
        help="The roster whose new version replaces this published duty (it is out of the roster's duties meanwhile).",
    )
    is_superseded = fields.Boolean(
        "Replaced By New Version",
        index=True,
        readonly=True,
        copy=False,
        help="A published duty that the regenerated, not yet published version of its roster replaces: "
        "it stays on duty until that version is published, then it is removed.",
    )
    is_emergency = fields.Boolean(
        "Emergency Call-In",
        readonly=True,
        index=True,
        copy=False,
        help="Called in from the post's emergency staff pool (Reinforce Now); its fairness points use the "
        "company's emergency weight.",
    )
    note = fields.Char()

    def init(self):
        # the on-duty lookup: post, tier and a time inside [start, end)
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS duty_shift_on_duty_idx
               ON duty_shift (post_id, tier, start, "end") WHERE is_published"""
        )

    @api.depends("post_id", "tier", "employee_id", "day")
    def _compute_name(self):
        tiers = dict(TIERS)
        for shift in self:
            post, tier = shift.post_id.name or "", tiers.get(shift.tier, "")
            shift.name = f"{shift.day or ''} {post} {tier}: {shift.employee_id.name or '-'}"

    @api.depends("start", "end", "post_id.tz")
    def _compute_local(self):
        for shift in self:
            if not (shift.start and shift.end):
                shift.day, shift.is_night = False, False
                continue
            tz = shift.post_id.tz or "Asia/Shanghai"
            shift.day = shift_times.local_day(shift.start, tz)
            midnight = shift_times.utc_start(shift.day, 0, tz)
            nights = [
                (midnight + datetime.timedelta(hours=offset), midnight + datetime.timedelta(hours=offset + 6))
                for offset in (0, 24)
            ]
            shift.is_night = any(
                shift.start < night_end and shift.end > night_start for night_start, night_end in nights
            )

    @api.depends("day", "is_night", "company_id", "start", "end", "template_id.duration", "is_emergency")
    def _compute_points(self):
        if not self:
            return
        days = [day for day in self.mapped("day") if day]
        calendar = {}
        for company in self.company_id:
            if days:
                calendar[company] = company._duty_points_function(
                    *self.env["cn.calendar.day"]._calendar_sets(company, min(days), max(days))[:2],
                    company._duty_in_lieu_days(min(days), max(days)),
                )
        for shift in self:
            if not shift.day:
                shift.points = 0.0
                continue
            if shift.is_emergency:
                # a call-in earns the emergency weight per 12 hours on duty, whatever the day
                shift.points = (
                    shift.company_id.duty_weight_emergency * (shift.end - shift.start).total_seconds() / 43200
                )
                continue
            points = calendar.get(shift.company_id) or shift.company_id._duty_points_function(set(), set())
            shift.points = points(shift.day, shift.is_night) * shift._hours_factor()

    def _hours_factor(self):
        """Elapsed hours of the duty over its template's: 13/12 for a 20:00-08:00 night
        on which the clocks go back, 11/12 in spring, 1 otherwise (and without template)."""
        self.ensure_one()
        if not self.template_id.duration:
            return 1.0
        return (self.end - self.start).total_seconds() / 3600 / self.template_id.duration

    def _check_company(self, fnames=None):
        """Odoo's company check, with the links every duty has checked in one pass over the batch: Odoo
        runs a domain filter per duty and field, seconds for a generated year of 13,000 duties.  Only the
        duties whose roster, post or employee belongs to another company go through Odoo's own check
        (and its message); other fields are checked by Odoo as usual."""
        if fnames is None or {"company_id", "company_ids"} & set(fnames):
            fnames = list(self._fields)
        fnames = [name for name in fnames if self._fields[name].relational and self._fields[name].check_company]
        fast = [name for name in fnames if name in BATCH_COMPANY_CHECKED]
        shifts = self.sudo()
        # a duty's company is its post's (company_id is related): read the companies once per linked record
        post_company = {post.id: post.company_id.id for post in shifts.post_id}
        suspicious = set()
        for name in fast:
            company_of = {record.id: record.company_id.id for record in shifts[name]}
            for shift in shifts:
                linked = company_of.get(shift[name].id)
                if linked and linked != post_company.get(shift.post_id.id):
                    suspicious.add(shift.id)
        if suspicious:
            super(DutyShift, self.browse(sorted(suspicious)))._check_company(fast)
        others = [name for name in fnames if name not in BATCH_COMPANY_CHECKED]
        return super()._check_company(others) if others else None

    @api.constrains("start", "end")
    def _check_interval(self):
        for shift in self:
            if shift.end <= shift.start or shift.end - shift.start > MAX_DUTY:
                raise ValidationError(
                    self.env._(
                        "A duty must end after it starts and last at most 24 hours (25 on the night the clocks "
                        "go back) (%(name)s).",
                        name=shift.name,
                    )
                )

    @api.constrains("employee_id", "post_id")
    def _check_eligible(self):
        for post, shifts in self.filtered("employee_id").grouped("post_id").items():
            eligible = post._eligible_employees()
            emergency = shifts.filtered("is_emergency")
            # the emergency pool takes call-in duties only
            outsiders = ((shifts - emergency).employee_id - eligible) | (
                emergency.employee_id - eligible - post.emergency_employee_ids
            )
            if outsiders:
                raise ValidationError(
                    self.env._(
                        "%(people)s may not take duties on post %(post)s.",
                        people=", ".join(outsiders.mapped("name")),
                        post=post.name,
                    )
                )

    # ------------------------------------------------------------------
    # Manual edits: re-check the rules, tell the people concerned
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("is_emergency") for vals in vals_list) and not self.env.context.get("duty_emergency"):
            raise UserError(self.env._("Emergency duties are created by Reinforce Now on the post."))
        if not self.env.context.get("duty_generating"):
            vals_list = [dict(vals, is_manual=True) for vals in vals_list]
        shifts = super().create(vals_list)
        if not self.env.context.get("duty_generating"):
            shifts._after_manual_change(created=True)
        return shifts

    def write(self, vals):
        if "is_emergency" in vals and not self.env.context.get("duty_emergency"):
            raise UserError(self.env._("Emergency duties are created by Reinforce Now on the post."))
        manual = not self.env.context.get("duty_generating") and NOTIFIED_FIELDS & vals.keys()
        before = {shift: shift._describe() for shift in self} if manual else {}
        old_employees = {shift: shift.employee_id for shift in self} if manual else {}
        if manual:
            vals = dict(vals, is_manual=True)
        result = super().write(vals)
        if manual:
            self._after_manual_change(before=before, old_employees=old_employees)
        return result

    def unlink(self):
        # duties outside a roster (e.g. entered by another module) have no one to tell
        published = self.filtered(lambda shift: shift.is_published and shift.roster_id)
        if published and not self.env.context.get("duty_generating"):
            for shift in published:
                shift.roster_id._notify_change(
                    shift.employee_id, self.env._("Duty cancelled: %(duty)s", duty=shift._describe())
                )
        rosters = self.roster_id
        result = super().unlink()
        if not self.env.context.get("duty_generating"):
            rosters.exists()._check_rules()
        return result

    def _after_manual_change(self, created=False, before=None, old_employees=None):
        for shift in self.filtered(lambda shift: shift.is_published and shift.roster_id):
            if created:
                shift.roster_id._notify_change(
                    shift.employee_id, self.env._("New duty: %(duty)s", duty=shift._describe())
                )
                continue
            old, new = before[shift], shift._describe()
            if old == new:
                continue
            message = self.env._("Duty changed: %(old)s → %(new)s", old=old, new=new)
            shift.roster_id._notify_change(old_employees[shift] | shift.employee_id, message)
        self.roster_id._check_rules()

    # ------------------------------------------------------------------
    # Rules (lib/rules.py) over these duties and their neighbours
    # ------------------------------------------------------------------
    def _rule_duties(self, employees=None):
        """These duties for ``lib/rules``; ``employees`` ({shift: employee})
        checks a change before it is made."""
        employees = employees or {}
        return [
            rules_lib.Duty(
                s.id, employees.get(s, s.employee_id).id, s.post_id.id, s.tier, s.start, s.end, s.day, s.is_night
            )
            for s in self
        ]

    def _employee_rule_violations(self, employees=None):
        """Rest and run rules broken by these duties, over the whole runs they are part of.

        The duties of the people concerned are read around these ones (±3 days for the rest
        rules) and then further back and forth, in any roster, as long as someone's run of
        consecutive duty days reaches the edge of what was read: a run of any length is seen
        whole.  ``employees`` as in ``_rule_duties``."""
        if not self:
            return []
        employees = employees or {}
        people = self.employee_id.union(*employees.values())
        day_from = min(self.mapped("day")) - RULE_MARGIN
        day_to = max(self.mapped("day")) + RULE_MARGIN
        neighbours = self._duties_between(people.ids, day_from, day_to, self)
        shifts = self | neighbours
        duties = shifts._rule_duties(employees)
        for step in (-1, 1):
            edge = day_from if step < 0 else day_to
            # people with a duty on the edge of what was read: their run may go on beyond it
            reaching = {duty.employee for duty in duties if duty.day == edge and duty.employee} & set(people.ids)
            while reaching:
                week = [edge + step * datetime.timedelta(days=offset) for offset in range(1, 8)]
                more = self._duties_between(list(reaching), min(week), max(week), shifts)
                shifts |= more
                more_duties = more._rule_duties()
                duties += more_duties
                worked = {(duty.employee, duty.day) for duty in more_duties}
                # keep going for those whose run reaches the new edge without a day off
                reaching = {employee for employee in reaching if all((employee, day) in worked for day in week)}
                edge = week[-1]
        post_rules = {post.id: post._rules() for post in shifts.post_id}
        found = rules_lib.check_employee_rules(duties, lambda duty: post_rules[duty.post])
        own = set(self.ids)
        return [violation for violation in found if own & set(violation.duties)]

    def _duties_between(self, employee_ids, day_from, day_to, known):
        """Current duties of these employees on the local days ``day_from`` to ``day_to``, but
        ``known``.  The query bounds ``start`` (the UTC range, a day wider each side for any time
        zone), not the computed ``day``: it does not flush the duties just created."""
        found = self.search(
            [
                ("employee_id", "in", employee_ids),
                ("start", ">=", datetime.datetime.combine(day_from, datetime.time()) - datetime.timedelta(days=1)),
                ("start", "<", datetime.datetime.combine(day_to, datetime.time()) + datetime.timedelta(days=2)),
                ("id", "not in", known.ids),
                ("is_superseded", "=", False),
            ]
        )
        return found.filtered(lambda shift: day_from <= shift.day <= day_to)

    def _describe(self):
        self.ensure_one()
        tiers = dict(self._fields["tier"]._description_selection(self.env))
        tz = self.post_id.tz or "UTC"
        start = fields.Datetime.context_timestamp(self.with_context(tz=tz), self.start)
        end = fields.Datetime.context_timestamp(self.with_context(tz=tz), self.end)
        who = self.employee_id.name or ""
        return f"{self.post_id.name} ({tiers.get(self.tier)}) {start:%Y-%m-%d %H:%M} - {end:%Y-%m-%d %H:%M} {who}"

    # ------------------------------------------------------------------
    # The on-duty lookup used by claims and complaints
    # ------------------------------------------------------------------
    @api.model
    def get_on_duty(self, post, at=None, tier="primary"):
        """Employees on duty on ``post`` (record or code) for ``tier`` at ``at`` (UTC, default now).

        Answers from published duties only, through an index on
        (post, tier, start, end), in one query.  A duty lasts at most 24 hours,
        so only duties started in the 24 hours before ``at`` can be running:
        that bound keeps the index range small however long the history is.
        """
        post = self._resolve_post(post)
        at = fields.Datetime.to_datetime(at) or fields.Datetime.now()
        shifts = self.search_fetch(
            [
                ("post_id", "=", post.id),
                ("tier", "=", tier),
                ("is_published", "=", True),
                ("start", ">", at - MAX_DUTY),
                ("start", "<=", at),
                ("end", ">", at),
                ("employee_id", "!=", False),
            ],
            ["employee_id"],
            order="start, id",
        )
        return shifts.employee_id

    @api.model
    def get_escalation_chain(self, post, at=None):
        """``[(tier, employees)]`` in escalation order: primary, backup, duty leader.

        The leader step asks the post's *Escalate To Post* when it is set.
        Steps with nobody on duty are left out.
        """
        post = self._resolve_post(post)
        chain = []
        for tier in ESCALATION_ORDER:
            if tier == "leader" and post.leader_post_id:
                employees = self.get_on_duty(post.leader_post_id, at=at, tier="primary") | self.get_on_duty(
                    post.leader_post_id, at=at, tier="leader"
                )
            else:
                employees = self.get_on_duty(post, at=at, tier=tier)
            if employees:
                chain.append((tier, employees))
        return chain

    @api.model
    def _resolve_post(self, post):
        if isinstance(post, str):
            found = self.env["duty.post"].search(
                [("code", "=", post), ("company_id", "in", self.env.companies.ids)], limit=1
            )
            if not found:
                raise ValidationError(self.env._("There is no duty post with the code %(code)s.", code=post))
            return found
        return post

    # ------------------------------------------------------------------
    # Handover log and calendar feed of a duty
    # ------------------------------------------------------------------
    def action_open_handover(self):
        """Open the handover log of this duty, or a new one to write."""
        self.ensure_one()
        handover = self.env["duty.handover"].with_context(active_test=False).search([("shift_id", "=", self.id)])
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Handover Log"),
            "res_model": "duty.handover",
            "view_mode": "form",
            "res_id": handover.id,
            "context": {"default_shift_id": self.id},
        }

    @api.model
    def action_duty_calendar_feed(self):
        """Show the current user's personal duty calendar address (issued on first use)."""
        employee = self.env.user.employee_id
        if not employee:
            raise UserError(
                self.env._("Your user is not linked to an employee: there is no duty calendar to subscribe to.")
            )
        # hr keeps hr.employee to HR officers; like hr's own profile self-service, the user
        # reads (and on first use issues) the token of their own employee record only.
        url = employee.sudo()._duty_ical_ensure_url()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Your duty calendar"),
                "message": self.env._(
                    "Subscribe to this address in your calendar app (Outlook, Google, iPhone): %s. "
                    "Keep it private; HR can issue a new one."
                ),
                "links": [{"label": url, "url": url}],
                "sticky": True,
                "type": "info",
            },
        }
