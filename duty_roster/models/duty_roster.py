import datetime
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import rotation as rotation_lib
from ..lib import rules as rules_lib
from ..lib import shift_times

ONE_DAY = datetime.timedelta(days=1)


class DutyRoster(models.Model):
    """One roster period (值班表): generated from the rotations, checked
    against the rules, published with a version."""

    _name = "duty.roster"
    _description = "Duty Roster"
    _inherit = ["insurance.workflow.guard", "mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True
    # duty leaders approving a swap change duties of rosters they only read: the change notes land here
    _mail_post_access = "read"
    # written only by the transitions (publish, back to draft) of a duty roster manager
    _workflow_protected_fields = ("state", "version", "published_at", "override_user_id")

    name = fields.Char(required=True, tracking=True, default=lambda self: self.env._("Duty roster"))
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(required=True, tracking=True)
    post_ids = fields.Many2many(
        "duty.post", string="Posts", check_company=True, help="Empty: every post of the company."
    )
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    version = fields.Integer(default=0, readonly=True, tracking=True, copy=False)
    published_at = fields.Datetime(readonly=True, copy=False)
    # the duties of the version being prepared (or published); published duties it replaces stay
    # live, out of this list (superseded_roster_id), until it is published
    shift_ids = fields.One2many("duty.shift", "roster_id", string="Duties")
    shift_count = fields.Integer(compute="_compute_counts")
    violation_ids = fields.One2many("duty.roster.violation", "roster_id", string="Violations", readonly=True)
    violation_count = fields.Integer(compute="_compute_counts")
    skip_note = fields.Text("Skipped For Leave", readonly=True, copy=False)
    override_reason = fields.Text(
        tracking=True, copy=False, help="Why the roster is published despite its violations (managers only)."
    )
    override_user_id = fields.Many2one("res.users", readonly=True, copy=False)
    fairness_spread = fields.Float(
        compute="_compute_fairness_spread", help="Largest spread (max - min points) of a post."
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for roster in self:
            if roster.date_to < roster.date_from:
                raise UserError(self.env._("The roster %(name)s ends before it starts.", name=roster.name))
            if (roster.date_to - roster.date_from).days > 366:
                raise UserError(self.env._("A roster covers at most one year; split %(name)s.", name=roster.name))

    @api.depends("shift_ids", "violation_ids")
    def _compute_counts(self):
        for roster in self:
            roster.shift_count = len(roster.shift_ids)
            roster.violation_count = len(roster.violation_ids)

    @api.depends("shift_ids.points")
    def _compute_fairness_spread(self):
        for roster in self:
            spreads = roster._fairness_by_post()
            roster.fairness_spread = max((spread for _post, _points, spread in spreads), default=0.0)

    def _fairness_by_post(self):
        """``[(post, {employee: points}, spread)]`` over the roster's duties."""
        self.ensure_one()
        result = []
        groups = self.env["duty.shift"]._read_group(
            [("roster_id", "=", self.id), ("employee_id", "!=", False), ("is_superseded", "=", False)],
            ["post_id", "employee_id"],
            ["points:sum"],
        )
        by_post = defaultdict(dict)
        # every member of the post's rotations in the period counts, with 0 points if they had no duty
        versions = self.env["duty.rotation.version"].search(
            [("rotation_id.post_id", "in", self._posts().ids), ("date_from", "<=", self.date_to)]
        )
        for rotation, rotation_versions in versions.grouped("rotation_id").items():
            ordered = rotation_versions.sorted("date_from")
            started = ordered.filtered(lambda v: v.date_from <= self.date_from)[-1:]
            for version in started | ordered.filtered(lambda v: v.date_from > self.date_from):
                for employee in version.member_ids.employee_id:
                    by_post[rotation.post_id].setdefault(employee, 0.0)
        for post, employee, points in groups:
            by_post[post][employee] = points
        for post, points in by_post.items():
            result.append((post, points, max(points.values()) - min(points.values())))
        return result

    def _posts(self):
        self.ensure_one()
        return self.post_ids or self.env["duty.post"].search([("company_id", "=", self.company_id.id)])

    # ------------------------------------------------------------------
    # Generation
    # ------------------------------------------------------------------
    def action_generate(self):
        """(Re)generate; a published roster is published again as a new version, telling only the
        people whose duties changed what changed."""
        self._check_roster_manager()
        for roster in self:
            roster._generate()
            if roster.state == "published":
                roster._publish()
        return True

    def _generate(self):
        """(Re)build the future duties of the period from the rotations.

        Duties already started, and duties edited by hand, are kept.
        """
        self.ensure_one()
        now = fields.Datetime.now()
        Shift = self.env["duty.shift"].with_context(duty_generating=True)
        replaced = Shift.search(
            [
                ("roster_id", "=", self.id),
                ("is_manual", "=", False),
                ("start", ">", now),
                ("is_superseded", "=", False),
            ]
        )
        # published duties stay live until the new version is published; drafts simply go
        replaced.filtered("is_published").write(
            {"is_superseded": True, "superseded_roster_id": self.id, "roster_id": False}
        )
        (replaced - replaced.filtered("is_published")).unlink()
        posts = self._posts()
        rotations = self.env["duty.rotation"].search(
            [
                ("post_id", "in", posts.ids),
                ("date_start", "<=", self.date_to),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", self.date_from),
            ]
        )
        if not rotations:
            raise UserError(self.env._("No rotation covers the posts of %(name)s in this period.", name=self.name))
        empty = rotations.filtered(lambda rotation: not rotation.version_ids)
        if empty:
            raise UserError(
                self.env._("These rotations have no members yet: %(names)s.", names=", ".join(empty.mapped("name")))
            )
        # a regeneration starts at the earliest on yesterday's duties; each rotation carries on from its
        # state saved for that day (or from its start): the calendar and the leaves must reach back there
        soonest = max(self.date_from, now.date() - ONE_DAY)
        saved = rotations._saved_checkpoints()
        earliest = min(
            [self.date_from]
            + [rotation_lib.state_before(saved[rotation], soonest)[0] or rotation.date_start for rotation in rotations]
        )
        holidays, makeup, known = self.env["cn.calendar.day"]._calendar_sets(self.company_id, earliest, self.date_to)
        for year in range(self.date_from.year, self.date_to.year + 1):
            if year not in known:
                self.env["cn.calendar.day"]._raise_unknown_year(year)
        # duties kept (edited by hand, or started): the rotation goes through these days as if it had
        # given them, so an override replaces one person on one day and moves nobody else
        occupied = {
            (shift.post_id.id, shift.tier, shift.day)
            for shift in Shift.search(
                [
                    ("roster_id", "=", self.id),
                    ("is_superseded", "=", False),
                    "|",
                    ("is_manual", "=", True),
                    ("start", "<=", now),
                ]
            )
        }
        leaves = self._leave_intervals(rotations, earliest)
        in_lieu = self.company_id._duty_in_lieu_days(earliest, self.date_to) if rotations.filtered("balance") else set()
        rotation_days = self._rotation_days(rotations, earliest, holidays, makeup)
        ledger = self._ledger_before(rotations.filtered(lambda r: r.balance and not saved[r]))
        vals_list, skip_lines, runs = [], [], []
        for rotation in rotations:
            vals, skipped, run = self._generate_rotation(
                rotation,
                rotation_days[rotation],
                saved[rotation],
                occupied,
                (holidays, makeup, in_lieu),
                leaves,
                now,
                ledger,
            )
            vals_list += vals
            skip_lines += skipped
            runs += [run] if run else []
        rotations._save_states(runs)
        Shift.create(self._keep_unchanged_live_duties(vals_list))
        self.skip_note = "\n".join(skip_lines) or False
        self._check_rules()
        return True

    def _keep_unchanged_live_duties(self, vals_list):
        """The duties of ``vals_list`` to create: those a published duty of the roster (replaced
        by this generation) already has, same person, post, tier and times, keep that duty."""
        self.ensure_one()
        live = self.env["duty.shift"].search([("superseded_roster_id", "=", self.id)])
        if not live:
            return vals_list
        by_key = {(s.post_id.id, s.tier, s.employee_id.id, s.start, s.end): s for s in live}
        kept, to_create = self.env["duty.shift"], []
        for vals in vals_list:
            shift = by_key.pop((vals["post_id"], vals["tier"], vals["employee_id"], vals["start"], vals["end"]), None)
            if shift:
                kept |= shift
            else:
                to_create.append(vals)
        kept.with_context(duty_generating=True).write(
            {"is_superseded": False, "superseded_roster_id": False, "roster_id": self.id}
        )
        return to_create

    def _days(self, date_from=None):
        day, days = date_from or self.date_from, []
        while day <= self.date_to:
            days.append(day)
            day += ONE_DAY
        return days

    def _rotation_days(self, rotations, date_from, holidays, makeup):
        """``{rotation: [days]}`` from ``date_from`` to the roster's end: the days each rotation
        decides.  A higher layer takes its days from every lower layer of the same post and tier;
        rotations of one layer complement each other (e.g. days and nights)."""
        all_days = self._days(date_from)
        claimed = defaultdict(set)  # (post, tier, layer) -> days
        result = {}
        for rotation in rotations.sorted(lambda r: (r.post_id.id, r.tier, -r.layer, r.sequence, r.id)):
            taken = set().union(
                *(
                    covered
                    for (post_id, tier, layer), covered in claimed.items()
                    if (post_id, tier) == (rotation.post_id.id, rotation.tier) and layer > rotation.layer
                )
            )
            applies = rotation._day_filter(holidays, makeup)
            days = [day for day in all_days if day not in taken and applies(day)]
            claimed[(rotation.post_id.id, rotation.tier, rotation.layer)].update(days)
            result[rotation] = days
        return result

    def _ledger_before(self, rotations):
        """``{rotation: {employee id: points}}``: the fairness points of the rotation's post before
        the rotation starts, one query per start date (balance mode carries the ledger on)."""
        ledger = {}
        for date_start, starting in rotations.grouped("date_start").items():
            groups = self.env["duty.shift"]._read_group(
                [
                    ("post_id", "in", starting.post_id.ids),
                    ("day", "<", date_start),
                    ("employee_id", "!=", False),
                    ("is_superseded", "=", False),
                ],
                ["post_id", "employee_id"],
                ["points:sum"],
            )
            for rotation in starting:
                ledger[rotation] = {
                    employee.id: points for post, employee, points in groups if post == rotation.post_id
                }
        return ledger

    def _leave_intervals(self, rotations, date_from=None):
        """``{employee_id: [(start, end)]}`` of leaves touching ``date_from`` (default the
        roster's start) to the roster's end."""
        employees = rotations.version_ids.member_ids.employee_id
        start = datetime.datetime.combine((date_from or self.date_from) - ONE_DAY, datetime.time())
        end = datetime.datetime.combine(self.date_to + 2 * ONE_DAY, datetime.time())
        leaves = self.env["resource.calendar.leaves"].search(
            [("resource_id", "in", employees.resource_id.ids), ("date_from", "<", end), ("date_to", ">", start)]
        )
        by_resource = defaultdict(list)
        for leave in leaves:
            by_resource[leave.resource_id.id].append((leave.date_from, leave.date_to))
        return {employee.id: by_resource.get(employee.resource_id.id, []) for employee in employees}

    def _generate_rotation(self, rotation, days, saved, occupied, calendar, leaves, now, ledger):
        """Duties of ``rotation`` on its future days of the roster.

        :param days: the days the rotation decides, from where its state may have to be rebuilt
            to the roster's end
        :param saved: its saved states (``{ISO day: state json}``)
        :param calendar: ``(holidays, make-up working days, days off in lieu)``
        :param ledger: ``{rotation: {employee id: points}}`` before the rotations generated for the first time
        :return: ``(duty values, skip lines, (rotation, since, checkpoints, end day, end state))``
        """
        template, post = rotation.template_id, rotation.post_id

        intervals = {}

        def interval(day):
            if day not in intervals:
                intervals[day] = shift_times.utc_interval(day, template.start_time, template.duration, post.tz)
            return intervals[day]

        future = [day for day in days if day >= self.date_from and interval(day)[0] > now]
        if not future:
            return [], [], None
        first = future[0]
        key, state = rotation_lib.state_before(saved, first)
        if key is None and rotation.balance:
            # a rotation's first generation starts from the post's fairness ledger before it began
            state = rotation_lib.RotationState(points=dict(ledger.get(rotation, {})))
        # from the saved state (or the rotation's start), through the days already past, to the end
        run = [day for day in days if key is None or day >= key]
        for day in run:
            interval(day)

        def is_unavailable(member, day):
            start, end = intervals[day]
            return any(leave_start < end and leave_end > start for leave_start, leave_end in leaves.get(member, ()))

        points = self.company_id._duty_points_function(*calendar)
        is_night, duration = template.is_night, template.duration

        def weight(day):
            start, end = intervals[day]
            return points(day, is_night) * ((end - start).total_seconds() / 3600 / duration)

        checkpoints = {}
        assignments, skips, end_state = rotation_lib.rotate(
            run,
            rotation._lib_versions(),
            turn_length=rotation._turn_days(),
            headcount=rotation.headcount,
            is_unavailable=is_unavailable,
            state=state,
            weight=weight,
            balance=rotation.balance,
            checkpoints=checkpoints,
        )
        since = key + ONE_DAY if key else run[0]
        vals = [
            {
                "roster_id": self.id,
                "post_id": post.id,
                "tier": rotation.tier,
                "employee_id": assignment.member,
                "template_id": template.id,
                "rotation_id": rotation.id,
                "turn_day": assignment.turn_day,
                "start": intervals[assignment.day][0],
                "end": intervals[assignment.day][1],
                "is_published": False,
            }
            for assignment in assignments
            if assignment.day >= first and (post.id, rotation.tier, assignment.day) not in occupied
        ]
        skips = [skip for skip in skips if skip.day >= first]
        names = dict(self.env["hr.employee"].browse({skip.member for skip in skips}).mapped(lambda e: (e.id, e.name)))
        skipped = [
            self.env._(
                "%(day)s %(rotation)s: %(name)s on leave, skipped and owed a turn",
                day=skip.day,
                rotation=rotation.name,
                name=names[skip.member],
            )
            for skip in skips
        ]
        return vals, skipped, (rotation, since, checkpoints, self.date_to, end_state)

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    def action_check(self):
        self._check_rules()
        return True

    def _check_rules(self):
        """Rebuild the violation list of each roster from its duties and
        the neighbouring duties of the same people."""
        Violation = self.env["duty.roster.violation"]
        for roster in self:
            roster.violation_ids.unlink()
            shifts = roster.shift_ids
            if not shifts:
                continue
            found = shifts._employee_rule_violations()
            vals_list = [roster._violation_vals(violation) for violation in found]
            vals_list += roster._coverage_violations(shifts)
            Violation.create(vals_list)

    def _coverage_violations(self, shifts):
        self.ensure_one()
        duties = shifts._rule_duties()
        tiers = dict(self.env["duty.shift"]._fields["tier"]._description_selection(self.env))
        vals_list = []
        rotations = self.env["duty.rotation"].search([("post_id", "in", self._posts().ids)])
        for post in self._posts():
            # the roster's days run from the earliest duty start of the post, e.g. 08:00 to 08:00
            day_start = min(
                rotations.filtered(lambda r, post=post: r.post_id == post).template_id.mapped("start_time") or [0.0]
            )
            period_start = shift_times.utc_start(self.date_from, day_start, post.tz)
            period_end = shift_times.utc_start(self.date_to + ONE_DAY, day_start, post.tz)
            for tier in tiers:
                required = post.headcount(tier)
                for gap_start, gap_end, staffed in rules_lib.coverage_gaps(
                    duties, post.id, tier, required, period_start, period_end
                ):
                    local = self.with_context(tz=post.tz)
                    vals_list.append(
                        {
                            "roster_id": self.id,
                            "rule": "coverage",
                            "post_id": post.id,
                            "message": self.env._(
                                "%(post)s (%(tier)s): %(staffed)s of %(required)s on duty from %(start)s to %(end)s",
                                post=post.name,
                                tier=tiers[tier],
                                staffed=staffed,
                                required=required,
                                start=fields.Datetime.context_timestamp(local, gap_start).strftime("%Y-%m-%d %H:%M"),
                                end=fields.Datetime.context_timestamp(local, gap_end).strftime("%Y-%m-%d %H:%M"),
                            ),
                        }
                    )
        return vals_list

    def _violation_vals(self, violation):
        shifts = self.env["duty.shift"].browse(violation.duties)
        employees = self.env["hr.employee"].browse(violation.employees)
        people = ", ".join(employees.mapped("name"))
        days = ", ".join(str(day) for day in sorted(set(shifts.mapped("day"))))
        values = dict(violation.values, people=people, days=days)
        templates = {
            "double_booking": lambda: self.env._("%(people)s is on two duties at once on %(days)s", **values),
            "min_rest": lambda: self.env._(
                "%(people)s rests only %(hours)s h between duties on %(days)s (minimum %(minimum)s h)", **values
            ),
            "rest_after_nights": lambda: self.env._(
                "%(people)s rests only %(hours)s h after a run of nights ending %(days)s (minimum %(minimum)s h)",
                **values,
            ),
            "max_consecutive": lambda: self.env._(
                "%(people)s has %(count)s duty days in a row (maximum %(maximum)s): %(days)s", **values
            ),
            "max_nights": lambda: self.env._(
                "%(people)s has %(count)s nights in a row (maximum %(maximum)s): %(days)s", **values
            ),
        }
        return {
            "roster_id": self.id,
            "rule": violation.rule,
            "message": templates[violation.rule](),
            "employee_ids": [fields.Command.set(employees.ids)],
            "shift_ids": [fields.Command.set(shifts.ids)],
            "post_id": shifts[:1].post_id.id,
        }

    # ------------------------------------------------------------------
    # Publishing
    # ------------------------------------------------------------------
    def _workflow_refusal(self, fnames):
        return self.env._(
            "The status, version and publication of a duty roster change only through its buttons: a duty "
            "roster manager publishes it (or regenerates it as a new version) and puts it back to draft."
        )

    def _check_roster_manager(self):
        if not self.env.user.has_group("duty_roster.group_duty_manager"):
            raise UserError(
                self.env._(
                    "Only a duty roster manager generates or publishes a roster or puts it back to draft; ask one."
                )
            )

    def action_publish(self):
        self._check_roster_manager()
        done = self.filtered(lambda roster: roster.state != "draft")
        if done:
            raise UserError(
                self.env._("%(name)s is already published; regenerate it to publish a new version.", name=done[0].name)
            )
        return self._publish()

    def _publish(self):
        """Publish a draft, or a regenerated published roster as its next version."""
        self._check_roster_manager()
        for roster in self:
            roster._check_rules()
            if roster.violation_ids:
                if not roster.override_reason:
                    raise UserError(
                        self.env._(
                            "%(name)s has %(count)s rule violations. Fix them, or have a duty roster manager "
                            "write an override reason and publish again.",
                            name=roster.name,
                            count=len(roster.violation_ids),
                        )
                    )
            changes = roster._replace_live_duties()
            roster._workflow_write(
                {
                    "state": "published",
                    "version": roster.version + 1,
                    "published_at": fields.Datetime.now(),
                    "override_user_id": self.env.user.id if roster.violation_ids else roster.override_user_id.id,
                }
            )
            roster.shift_ids.with_context(duty_generating=True).write({"is_published": True})
            roster._notify_new_version(changes)
            roster.message_post(
                body=self.env._(
                    "Version %(version)s published: %(count)s duties, %(violations)s violations.",
                    version=roster.version,
                    count=len(roster.shift_ids),
                    violations=len(roster.violation_ids),
                )
            )
        return True

    def action_reset_to_draft(self):
        """Back to draft to prepare a new version: the published duties stay live (the on-duty
        lookup, claims and complaints keep answering from them) until it is published."""
        self._check_roster_manager()
        drafts = self.filtered(lambda roster: roster.state != "published")
        if drafts:
            raise UserError(self.env._("%(name)s is not published; it is already a draft.", name=drafts[0].name))
        self._workflow_write({"state": "draft"})
        return True

    def _replace_live_duties(self):
        """Drop the published duties the new version replaces and return what changed for whom:
        ``{employee: (removed duties, new duties)}`` (descriptions).  Replaced duties that have
        started meanwhile stay, as they were worked; a new duty of theirs is dropped instead."""
        self.ensure_one()
        now = fields.Datetime.now()
        Shift = self.env["duty.shift"].with_context(duty_generating=True)
        live = Shift.search([("superseded_roster_id", "=", self.id)])
        started = live.filtered(lambda shift: shift.start <= now)
        started_keys = {(s.post_id.id, s.tier, s.day) for s in started}
        unpublished = Shift.search(
            [("roster_id", "=", self.id), ("is_superseded", "=", False), ("is_published", "=", False)]
        )
        stale = unpublished.filtered(
            lambda s: s.start <= now and not s.is_manual and (s.post_id.id, s.tier, s.day) in started_keys
        )
        started.write({"is_superseded": False, "superseded_roster_id": False, "roster_id": self.id})
        removed, added = live - started, unpublished - stale
        changes = defaultdict(lambda: ([], []))
        if self.version:
            for shift in removed.sorted("start"):
                changes[shift.employee_id][0].append(shift._describe())
            for shift in added.sorted("start"):
                changes[shift.employee_id][1].append(shift._describe())
        (removed | stale).unlink()
        return {employee: lists for employee, lists in changes.items() if employee}

    def _notify_new_version(self, changes):
        """Tell each person whose duties changed in the new version what changed, and only them."""
        self.ensure_one()
        for employee, (removed, added) in changes.items():
            lines = [self.env._("Version %(version)s of %(roster)s:", version=self.version, roster=self.name)]
            lines += [self.env._("Duty cancelled: %(duty)s", duty=duty) for duty in removed]
            lines += [self.env._("New duty: %(duty)s", duty=duty) for duty in added]
            self._notify_change(employee, Markup("<br/>").join(lines))

    def _notify_change(self, employees, message):
        """Tell only the employees concerned what changed on a published roster."""
        self.ensure_one()
        partners = employees.work_contact_id | employees.user_id.partner_id
        if partners:
            self.message_notify(
                partner_ids=partners.ids,
                subject=self.env._("Your duties changed: %(roster)s", roster=self.name),
                body=message,
                record_name=self.name,
            )
        self.message_post(body=message)

    def action_view_shifts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("duty_roster.duty_shift_action")
        action["domain"] = [("roster_id", "=", self.id)]
        action["context"] = {"default_roster_id": self.id}
        return action
