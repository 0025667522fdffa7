import datetime

from odoo import api, fields, models
from odoo.addons.cn_working_calendar.lib import workdays
from odoo.exceptions import UserError
from odoo.tools import SQL, split_every

from ..lib import actions, deadline
from .insurance_job import STEP_SIZE

UNIT_SELECTION = [
    (deadline.CALENDAR_DAYS, "Calendar days"),
    (deadline.WORKING_DAYS, "Working days"),
    (deadline.HOURS, "Hours"),
]
RULE_SELECTION = [
    (deadline.RULE_COUNT, "Counted from the start"),
    (deadline.RULE_CIVIL_CODE_203, "Moved off a holiday (Civil Code Art. 203)"),
    (deadline.RULE_SAME_DAY, "Same day"),
]
STATE_SELECTION = [
    ("running", "Running"),
    ("paused", "Paused"),
    ("overdue", "Overdue"),
    ("calendar_missing", "Calendar Missing"),
    ("met_on_time", "Met on Time"),
    ("met_late", "Met Late"),
    ("not_applicable", "Not Applicable"),
]
OPEN_STATES = ("running", "paused", "overdue", "calendar_missing")
# clocks read per slice of the sweep, and alerted per cron batch
SWEEP_SLICE = 1000
SWEEP_BATCH = 500
# activities per mail.activity.create call (see _alert)
ACTIVITY_CHUNK = 200
LEVEL_SELECTION = [
    ("due_soon", "Due soon"),
    ("overdue", "Overdue"),
    ("calendar_missing", "Calendar missing"),
]


class InsuranceClock(models.Model):
    """One statutory or target deadline of one record (a claim, a complaint): the deadline engine.

    A clock starts at a moment, runs for a length in calendar days, working
    days of the Chinese calendar or hours, stands still during its pauses and
    is met when the record does what the clock asks.  The arithmetic is in
    ``lib/deadline.py``; this model keeps the row, its pauses and its audit
    log, and the hourly sweep alerts each clock once per level.

    Rows are written by the engine only: users read them within the rules of
    the record they belong to (see ``security/README.md``).
    """

    _name = "insurance.clock"
    _insurance_job_handlers = ("_job_recompute_for_calendar",)
    _description = "Statutory Clock"
    _order = "due_at, id"

    res_model = fields.Char("Document Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference("Document ID", model_field="res_model", required=True, index=True, readonly=True)
    res_name = fields.Char("Document", compute="_compute_res_name")
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    kind = fields.Selection([], required=True, index=True, readonly=True)
    legal_basis = fields.Char(readonly=True, help="The rule the clock applies, e.g. Insurance Law Art. 23.")
    user_id = fields.Many2one("res.users", "Handler", index=True, readonly=True)
    department_id = fields.Many2one("hr.department", index=True, readonly=True)
    start_at = fields.Datetime("Starts", required=True, readonly=True)
    # a field named like the deprecated column attribute, which pylint-odoo flags by name
    length = fields.Integer(readonly=True)  # pylint: disable=attribute-deprecated
    unit = fields.Selection(UNIT_SELECTION, required=True, readonly=True)
    same_day = fields.Boolean(readonly=True, help="The clock also ends at the end of the day it started.")
    civil_code_203 = fields.Boolean("Civil Code Art. 203", readonly=True)
    warning_days = fields.Integer(readonly=True, help="Days before the due date the handler is told.")
    due_date = fields.Date("Due", index=True, readonly=True, help="The last local day on time.")
    due_at = fields.Datetime("Late From", index=True, readonly=True, help="The moment the clock becomes overdue.")
    due_rule = fields.Selection(RULE_SELECTION, "Rule Applied", readonly=True)
    warn_at = fields.Datetime(index=True, readonly=True)
    paused_units = fields.Float("Paused", readonly=True, help="Time not counted, in the clock's unit.")
    pause_ids = fields.One2many("insurance.clock.pause", "clock_id", string="Pauses", readonly=True)
    alert_ids = fields.One2many("insurance.clock.alert", "clock_id", string="Alerts", readonly=True)
    log_ids = fields.One2many("insurance.clock.log", "clock_id", string="Audit Log", readonly=True)
    extension_level = fields.Integer(readonly=True)
    extension_approved_by_id = fields.Many2one("res.users", readonly=True)
    met_at = fields.Datetime("Met On", index=True, readonly=True)
    overdue_since = fields.Datetime(readonly=True)
    missing_year = fields.Integer("Calendar Year Missing", readonly=True)
    state = fields.Selection(STATE_SELECTION, required=True, default="running", index=True, readonly=True)
    is_open = fields.Boolean(compute="_compute_is_open", store=True, index=True)
    stop_reason = fields.Char(readonly=True)
    alert_level = fields.Selection(LEVEL_SELECTION, "Last Alert", readonly=True, copy=False)

    def init(self):
        # One open clock per record and kind: the engine restarts by closing the old row first.
        self._cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS insurance_clock_open_kind_uniq ON insurance_clock "
            "(res_model, res_id, kind) WHERE met_at IS NULL AND state IN ('running', 'paused', 'overdue', "
            "'calendar_missing')"
        )
        self._cr.execute(
            "CREATE INDEX IF NOT EXISTS insurance_clock_sweep_idx ON insurance_clock (company_id, due_at) WHERE is_open"
        )

    @api.depends("state", "met_at")
    def _compute_is_open(self):
        for clock in self:
            clock.is_open = not clock.met_at and clock.state in OPEN_STATES

    @api.depends("res_model", "res_id")
    def _compute_res_name(self):
        for res_model, clocks in self.grouped("res_model").items():
            records = self.env[res_model].browse(clocks.mapped("res_id")).exists() if res_model else ()
            names = {record.id: record.display_name for record in records}
            for clock in clocks:
                clock.res_name = names.get(clock.res_id, "")

    @api.depends("kind", "res_name")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for clock in self:
            clock.display_name = f"{labels.get(clock.kind, '')} · {clock.res_name}"

    def _kind_label(self):
        self.ensure_one()
        return dict(self._fields["kind"]._description_selection(self.env)).get(self.kind, self.kind)

    def _record(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    # ------------------------------------------------------------------
    # Buttons: each checks the user's right on the record first
    # ------------------------------------------------------------------
    def _wizard(self, model, name, context=None):
        self.ensure_one()
        self._record().check_access("write")
        self._check_open()
        return actions.dialog_action(model, name, {"default_clock_id": self.id, **(context or {})})

    def action_pause(self):
        return self._wizard("insurance.clock.pause.wizard", self.env._("Pause the Deadline"))

    def action_change_start(self):
        return self._wizard(
            "insurance.clock.start.wizard", self.env._("Change the Start"), {"default_start_at": self.start_at}
        )

    def action_resume(self):
        for clock in self:
            record = clock._record()
            record.check_access("write")
            clock._resume()
            record._clock_after_resume(clock)
        return True

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------
    # The arithmetic: from the stored start, length and pauses to the due moment
    # ------------------------------------------------------------------
    @api.model
    def _deadline_values(
        self, company, spec, start_at, pauses=(), now=None, overdue_since=None, met_at=None, calendars=None
    ):
        """Stored values of a clock computed from its ``spec`` (see ``insurance.clock.mixin._clock_spec``).

        ``pauses`` are ``(start, end)`` UTC datetimes; everything is converted to
        the company's local time first. ``calendars`` (``{company id: working calendar}``), shared by the
        clocks of one batch, loads each company's years once for all of them.
        """
        now = now or fields.Datetime.now()
        local = company._insurance_local
        calendars = {} if calendars is None else calendars
        if company.id not in calendars:
            calendars[company.id] = self.env["cn.calendar.day"]._working_calendar(company)
        calendar = calendars[company.id]
        values = {"missing_year": 0}
        try:
            result = deadline.compute_deadline(
                local(start_at),
                spec["length"],
                spec["unit"],
                pauses=[(local(start), local(end) if end else None) for start, end in pauses],
                now=local(min(now, met_at) if met_at else now),
                calendar=calendar,
                civil_code_203=spec.get("civil_code_203", False),
                same_day=spec.get("same_day", False),
            )
        except workdays.UnknownYearError as error:
            values.update(
                {
                    "due_date": False,
                    "due_at": False,
                    "warn_at": False,
                    "due_rule": False,
                    "paused_units": 0.0,
                    "missing_year": error.year,
                    "state": "calendar_missing",
                }
            )
            return values
        due_at = company._insurance_utc(result.overdue_at)
        if spec["unit"] == deadline.HOURS:
            warn_at = due_at
        else:
            warn_day = result.due_date - datetime.timedelta(days=max(spec.get("warning_days", 0), 0))
            warn_at = company._insurance_day_start(warn_day)
        values.update(
            {
                "due_date": result.due_date,
                "due_at": due_at,
                "warn_at": warn_at,
                "due_rule": result.rule,
                "paused_units": result.paused,
            }
        )
        if met_at:
            values["state"] = "met_on_time" if met_at < due_at else "met_late"
        elif overdue_since:
            values["state"] = "overdue"
        elif any(not end for _start, end in pauses):
            values["state"] = "paused"
        elif due_at <= now:
            values.update({"state": "overdue", "overdue_since": due_at})
        else:
            values["state"] = "running"
        return values

    def _spec(self):
        """The stored spec of the clock (what ``_deadline_values`` needs)."""
        self.ensure_one()
        return {
            "length": self.length,
            "unit": self.unit,
            "same_day": self.same_day,
            "civil_code_203": self.civil_code_203,
            "warning_days": self.warning_days,
        }

    def _recompute(self, now=None):
        """Recompute the due moment and state of the clocks from their start, length and pauses.

        A clock that was overdue stays overdue (``overdue_since``); a met clock
        keeps its met moment and is classified again only when its due date was
        unknown (calendar missing).
        """
        now = now or fields.Datetime.now()
        calendars = {}
        for clock in self:
            if clock.state in ("not_applicable", "met_on_time", "met_late"):
                continue
            pause_rows = clock.pause_ids
            if clock.overdue_since:
                # pauses recorded once it was overdue do not bring it back on time, whatever their start
                pause_rows = pause_rows.filtered(lambda pause, since=clock.overdue_since: pause.recorded_at < since)
            pauses = [(pause.start_at, pause.end_at) for pause in pause_rows]
            values = self._deadline_values(
                clock.company_id,
                clock._spec(),
                clock.start_at,
                pauses,
                now=now,
                overdue_since=clock.overdue_since,
                met_at=clock.met_at,
                calendars=calendars,
            )
            if values.get("due_at") != clock.due_at and clock.alert_level != "overdue":
                values["alert_level"] = False  # a new due moment is alerted again
            changed = {name: value for name, value in values.items() if clock[name] != value}
            if changed:
                clock.sudo().write(changed)

    # ------------------------------------------------------------------
    # The engine's operations (called through insurance.clock.mixin)
    # ------------------------------------------------------------------
    def _log(self, event, old=None, new=None, reason=None):
        """One audit row per clock: who, when, what and why (written by the engine only)."""
        self.env["insurance.clock.log"].sudo().create(
            [
                {
                    "clock_id": clock.id,
                    "event": event,
                    "old_value": old and str(old),
                    "new_value": new and str(new),
                    "reason": reason,
                    "user_id": self.env.uid,
                }
                for clock in self
            ]
        )

    def _check_open(self):
        for clock in self:
            if not clock.is_open:
                raise UserError(
                    self.env._(
                        "The deadline %(clock)s is no longer running (%(state)s).",
                        clock=clock.display_name,
                        state=dict(self._fields["state"]._description_selection(self.env))[clock.state],
                    )
                )

    def _meet(self, at=None):
        """The clocks are met at ``at``: any open pause ends then; on time or late against the due moment."""
        at = at or fields.Datetime.now()
        self._check_open()
        self.pause_ids.filtered(lambda pause: not pause.end_at).sudo().write({"end_at": at})
        self.sudo().write({"met_at": at})
        self._recompute(now=at)

    def _reopen(self, reason):
        """A met clock runs again (its meeting was undone, e.g. a payment reversed): judged again on its due."""
        met = self.filtered(lambda clock: clock.met_at and clock.state in ("met_on_time", "met_late"))
        for clock in met:
            clock._log("reopened", old=clock.met_at, reason=reason)
        met.sudo().write({"met_at": False, "state": "running"})
        met._recompute()
        return met

    def _stop(self, reason):
        """The clocks no longer apply (withdrawal, restart on new facts): not applicable, with the reason."""
        open_clocks = self.filtered("is_open")
        open_clocks.pause_ids.filtered(lambda pause: not pause.end_at).sudo().write({"end_at": fields.Datetime.now()})
        open_clocks.sudo().write({"state": "not_applicable", "stop_reason": reason})
        return open_clocks

    def _pause(self, start_at, reason, note, backdate_reason=None):
        """Stop the clock from ``start_at`` until it is resumed; refused when it would bend the clock."""
        self.ensure_one()
        self._check_open()
        now = fields.Datetime.now()
        company = self.company_id
        if start_at > now + datetime.timedelta(minutes=1):
            raise UserError(self.env._("A pause cannot start in the future."))
        if start_at < self.start_at:
            raise UserError(
                self.env._(
                    "A pause cannot start before its clock (%(clock)s started on %(start)s).",
                    clock=self.display_name,
                    start=company._insurance_local(self.start_at).strftime("%Y-%m-%d %H:%M"),
                )
            )
        if self.pause_ids.filtered(lambda pause: not pause.end_at):
            raise UserError(self.env._("The deadline %(clock)s is already paused.", clock=self.display_name))
        earliest = company._insurance_today() - datetime.timedelta(days=company.insurance_pause_backdate_days)
        backdated = company._insurance_local_date(start_at) < earliest
        if backdated:
            record = self._record()
            if not (backdate_reason or "").strip() or not self.env.user.has_group(record._clock_manager_group):
                raise UserError(
                    self.env._(
                        "A pause may start on %(date)s at the earliest. Only a manager may back-date it further, "
                        "with the reason recorded.",
                        date=earliest,
                    )
                )
        if self.due_at and self.due_at <= now and not self.overdue_since:
            # it was overdue when the pause was recorded: it stays overdue
            self.sudo().write({"overdue_since": self.due_at})
        pause = (
            self.env["insurance.clock.pause"]
            .sudo()
            .create(
                {
                    "clock_id": self.id,
                    "start_at": start_at,
                    "reason": reason,
                    "note": note,
                    "user_id": self.env.uid,
                    "recorded_at": now,
                    "backdate_reason": backdate_reason if backdated else False,
                }
            )
        )
        self._log("pause_backdated" if backdated else "pause", new=start_at, reason=backdate_reason or note)
        self._recompute(now=now)
        return pause.sudo(False)

    def _resume(self, at=None):
        """End the open pause of each clock at ``at`` (now by default)."""
        at = at or fields.Datetime.now()
        for clock in self:
            pause = clock.pause_ids.filtered(lambda pause: not pause.end_at)
            if not pause:
                continue
            if at < pause.start_at:
                raise UserError(self.env._("A pause cannot end before it starts."))
            pause.sudo().write({"end_at": at})
            clock._log("resume", new=at)
        self._recompute()

    def _extend(self, length, level, approved_by):
        """A longer time limit (an approved extension): recomputed from the same start."""
        for clock in self:
            clock._check_open()
            clock._log("extension", old=clock.length, new=length)
            clock.sudo().write({"length": length, "extension_level": level, "extension_approved_by_id": approved_by.id})
        self._recompute()

    def _change_start(self, start_at, reason):
        """A manager corrects the start of a clock, with the reason: everything is counted again."""
        self.ensure_one()
        self._check_open()
        record = self._record()
        if not self.env.user.has_group(record._clock_manager_group):
            raise UserError(self.env._("Only a manager may change when a deadline starts."))
        if not (reason or "").strip():
            raise UserError(self.env._("Write why the start of the deadline changes: it is kept in the audit log."))
        if start_at > fields.Datetime.now():
            raise UserError(self.env._("A deadline cannot start in the future."))
        if self.pause_ids.filtered(lambda pause: pause.start_at < start_at):
            raise UserError(self.env._("The deadline has a pause before that moment: it cannot start later."))
        self._log("start_changed", old=self.start_at, new=start_at, reason=reason)
        self.sudo().write({"start_at": start_at, "overdue_since": False, "alert_level": False})
        self._recompute()

    def _apply_spec(self, spec, event="setting"):
        """New numbers from the settings for running clocks: recomputed from their start, met ones untouched."""
        now = fields.Datetime.now()
        # an overdue clock, swept or not yet, stays overdue whatever the new numbers
        for clock in self.filtered(
            lambda clock: clock.is_open and clock.state != "overdue" and not (clock.due_at and clock.due_at <= now)
        ):
            changes = {name: value for name, value in spec.items() if name in clock._fields and clock[name] != value}
            if not changes:
                continue
            if "length" in changes:
                clock._log(event, old=clock.length, new=changes["length"])
            clock.sudo().write(changes)
            clock._recompute()

    # ------------------------------------------------------------------
    # The calendar changed: open clocks that counted (or could not count) in those years
    # ------------------------------------------------------------------
    @api.model
    def _calendar_domain(self, company_id, years):
        """The clocks that count (or could not count) working days of ``years`` for that company (or all)."""
        first, last = datetime.date(min(years), 1, 1), datetime.date(max(years), 12, 31)
        domain = [
            "|",
            ("state", "=", "calendar_missing"),
            "&",
            "&",
            ("is_open", "=", True),
            "|",
            ("unit", "=", deadline.WORKING_DAYS),
            ("civil_code_203", "=", True),
            "&",
            ("start_at", "<=", datetime.datetime.combine(last, datetime.time.max)),
            ("due_date", ">=", first - datetime.timedelta(days=1)),
        ]
        if company_id:
            domain.append(("company_id", "=", company_id))
        return domain

    def _recompute_for_calendar(self, scope):
        """Recompute the open clocks that depend on the working-day calendar of ``scope``.

        ``scope`` is ``{company id or False (every company): {years}}``. Up to one step's worth of
        clocks (system parameter ``insurance_base.recount_at_once``, default 500) are recomputed at
        once; more (a year marked complete over a large book) go to a background job, so the
        calendar manager's save does not run for minutes.
        """
        at_once = int(self.env["ir.config_parameter"].sudo().get_param("insurance_base.recount_at_once", STEP_SIZE))
        for company_id, years in scope.items():
            domain = self._calendar_domain(company_id, years)
            clocks = self.sudo().search(domain, limit=at_once + 1)
            if len(clocks) <= at_once:
                clocks._recompute_after_calendar()
                continue
            self.env["insurance.job"]._enqueue(
                self.env._("Recount the deadlines of %(years)s", years=", ".join(map(str, sorted(years)))),
                self._name,
                "_job_recompute_for_calendar",
                {"company_id": company_id or False, "years": sorted(years)},
            )

    def _recompute_after_calendar(self):
        for clock in self:
            before = clock.due_date
            clock._recompute()
            if clock.due_date != before:
                clock._log("calendar", old=before, new=clock.due_date)

    @api.model
    def _job_recompute_for_calendar(self, job, limit):
        """Background step: the next ``limit`` clocks (by id) of the job's company and years."""
        domain = self._calendar_domain(job.payload["company_id"], job.payload["years"])
        if not job.total:
            job._advance(total=self.sudo().search_count(domain))
        clocks = self.sudo().search([*domain, ("id", ">", job.cursor or 0)], order="id", limit=limit)
        clocks._recompute_after_calendar()
        if clocks:
            job._advance(done=len(clocks), cursor=clocks[-1].id)
        return len(clocks) < limit

    # ------------------------------------------------------------------
    # The hourly sweep: due soon, overdue and calendar missing, each once per clock and level
    # ------------------------------------------------------------------
    @api.model
    def _sweep_domains(self, now):
        return {
            "overdue": [
                ("is_open", "=", True),
                ("state", "in", ("running", "overdue")),
                ("due_at", "<=", now),
                ("alert_level", "in", (False, "due_soon")),
            ],
            "due_soon": [
                ("is_open", "=", True),
                ("state", "=", "running"),
                ("warn_at", "<=", now),
                ("due_at", ">", now),
                ("alert_level", "=", False),
            ],
            "calendar_missing": [("state", "=", "calendar_missing"), ("alert_level", "=", False)],
        }

    def _lock_for_alert(self):
        """Lock the rows about to be alerted; rows another worker holds are left to it."""
        if not self:
            return self
        self.flush_recordset()
        rows = self.env.execute_query(
            SQL("SELECT id FROM insurance_clock WHERE id IN %s FOR UPDATE SKIP LOCKED", tuple(self.ids))
        )
        locked = self.browse([row[0] for row in rows])
        # what another worker committed before this lock is seen on a fresh read
        locked.invalidate_recordset(["alert_level", "state", "due_at"])
        return locked

    @api.model
    def _cron_sweep(self, batch_size=SWEEP_BATCH):
        """Alert every clock that is due soon, overdue or missing its calendar, once per level.

        Two workers running it at once send nothing twice: the rows are locked
        (``FOR UPDATE SKIP LOCKED``) and the alert log is unique per clock,
        level and due date. On the cron, one call alerts ``batch_size`` clocks at most and
        reports the rest through Odoo's cron progress: the cron commits each batch and calls
        again, so a backlog of thousands (a storm, a cron that was down) never outgrows a
        worker's time and memory limits, and a worker killed in a batch loses that batch only.
        Called directly (not by the cron), it alerts everything due.
        """
        on_cron = bool(self.env.context.get("ir_cron_progress_id"))
        now = fields.Datetime.now()
        Clock = self.sudo()
        # a paused clock's due moment assumes the pause ends now: keep it current
        Clock.search([("state", "=", "paused"), ("is_open", "=", True)])._recompute(now=now)
        domains = self._sweep_domains(now)
        done = 0
        for level, domain in domains.items():
            # in slices, the cache emptied after each: memory stays flat whatever the backlog
            for ids in split_every(SWEEP_SLICE, Clock.search(domain, order="id").ids):
                if on_cron and done >= batch_size:
                    break
                clocks = Clock.browse(ids)._lock_for_alert().filtered_domain(domain)
                if on_cron:
                    clocks = clocks[: batch_size - done]
                if level == "overdue":
                    clocks._mark_overdue()
                if clocks:
                    clocks._alert(level, now)
                    done += len(clocks.filtered(lambda clock, level=level: clock.alert_level == level))
                self.env.flush_all()
                self.env.invalidate_all()
        if on_cron:
            remaining = sum(Clock.search_count(domain) for domain in domains.values()) if done >= batch_size else 0
            self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def _mark_overdue(self):
        """Running clocks past their due moment are overdue from that moment, in one statement."""
        running = self.filtered(lambda clock: clock.state == "running")
        if not running:
            return
        running.flush_recordset(["state", "due_at"])
        self.env.execute_query(
            SQL(
                "UPDATE insurance_clock SET state = 'overdue', overdue_since = due_at WHERE id IN %s",
                tuple(running.ids),
            )
        )
        running.invalidate_recordset(["state", "overdue_since"])
        running.modified(["state", "overdue_since"])

    def _alert(self, level, now):
        """Tell who must act (the record's addon says who), log it, and remember the level."""
        Alert = self.env["insurance.clock.alert"].sudo()
        # a due date that moved away and back was signalled already: never twice
        signalled = {
            (alert.clock_id.id, alert.due_date)
            for alert in Alert.search([("clock_id", "in", self.ids), ("level", "=", level)])
        }
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        calendar_managers = {}
        for res_model, clocks in self.grouped("res_model").items():
            Record = self.env[res_model]
            recipients = Record._clock_recipients(clocks, level)
            if level == "calendar_missing":
                for clock in clocks:
                    company = clock.company_id
                    if company not in calendar_managers:
                        calendar_managers[company] = self.env["res.users"]._insurance_group_users(
                            "cn_working_calendar.group_calendar_manager", company
                        )
                    recipients[clock.id] = recipients.get(clock.id, self.env["res.users"]) | calendar_managers[company]
            model_id = self.env["ir.model"]._get_id(res_model)
            activity_vals, alert_vals, escalated = [], [], {}
            for clock in clocks:
                users = recipients.get(clock.id)
                if (clock.id, clock.due_date) in signalled:
                    clock.sudo().alert_level = level
                    continue
                if not users:
                    continue  # nobody to tell yet: tried again at the next sweep
                summary = clock._alert_summary(level)
                activity_vals += [
                    {
                        "res_model_id": model_id,
                        "res_id": clock.res_id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "summary": summary[:250],
                        "date_deadline": clock.due_date or clock.company_id._insurance_today(),
                    }
                    for user in users
                ]
                alert_vals.append(
                    {
                        "clock_id": clock.id,
                        "level": level,
                        "due_date": clock.due_date,
                        "user_ids": [fields.Command.set(users.ids)],
                    }
                )
                if level in ("overdue", "calendar_missing"):
                    escalated.setdefault(clock.res_id, []).append((summary, users))
            # one activity per record and user (several clocks of a record due at once share it); the
            # activities are on the users' to-do lists: one e-mail per activity would flood them
            merged = {}
            for vals in activity_vals:
                key = (vals["res_id"], vals["user_id"])
                if key in merged:
                    first = merged[key]
                    first["summary"] = f"{first['summary']}; {vals['summary']}"[:250]
                    first["date_deadline"] = min(first["date_deadline"], vals["date_deadline"])
                else:
                    merged[key] = dict(vals)
            # in chunks: mail.activity.create groups its records by model with `+=`, quadratic in one call
            Activity = self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True)
            for chunk in split_every(ACTIVITY_CHUNK, list(merged.values()), list):
                Activity.create(chunk)
            alerts = Alert.create(alert_vals)
            alerts.clock_id.sudo().write({"alert_level": level})
            if escalated:
                Record.browse(list(escalated))._clock_log_escalation(escalated)

    def _alert_summary(self, level):
        self.ensure_one()
        values = {"clock": self._kind_label(), "name": self.res_name, "date": self.due_date}
        if level == "overdue":
            return self.env._("Overdue: %(clock)s of %(name)s was due on %(date)s", **values)
        if level == "calendar_missing":
            return self.env._(
                "%(clock)s of %(name)s cannot be counted: the holidays of %(year)s are not entered",
                year=self.missing_year,
                **values,
            )
        return self.env._("%(clock)s of %(name)s due on %(date)s", **values)
