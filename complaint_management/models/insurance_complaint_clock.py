from markupsafe import Markup

from odoo import api, fields, models
from odoo.addons.cn_working_calendar.lib import workdays
from odoo.addons.insurance_base.lib import actions, deadline
from odoo.exceptions import UserError

from ..lib import complaint_clocks as clocks
from .insurance_clock import COMPLAINT_CLOCKS, CONTACT, DECISION, PROGRESS, RESOLVE

# The clocks run while the complaint is being handled and no decision has been sent.
PENDING_STATES = ("registered", "validated", "assigned", "investigating", "plan", "approved")
# extension level of the decision clock -> the company setting of its length (Order 2020 No. 3 Art. 14)
DECISION_DAYS_FIELDS = (
    "complaint_decision_days",
    "complaint_first_extension_days",
    "complaint_second_extension_days",
)
# the clocks a decision sent to the complainant meets
DECISION_MEETS = [DECISION, CONTACT, RESOLVE, PROGRESS]


class InsuranceComplaint(models.Model):
    """Statutory clocks, company targets, escalation and out-of-hours routing of a complaint.

    CBIRC Order 2020 No. 3 Art. 14: decide within 15 days of the clock start, 30
    or 60 with extensions, appraisal time not counted. The clocks are rows of the
    deadline engine (``insurance_base``): this file says what each clock is and
    when it starts, pauses and is met.
    """

    _name = "insurance.complaint"
    _inherit = ["insurance.complaint", "insurance.clock.mixin"]  # pylint: disable=consider-merging-classes-inherited
    _clock_manager_group = "complaint_management.group_complaint_manager"
    _clock_user_field = "user_id"
    _clock_department_field = "department_id"

    extension_ids = fields.One2many("insurance.complaint.extension", "complaint_id", string="Extensions")
    pause_ids = fields.One2many(
        "insurance.clock.pause",
        "res_id",
        string="Appraisal Pauses",
        readonly=True,
        help="The pauses of the complaint's deadlines (external appraisal, testing, assessment).",
    )
    extension_level = fields.Integer(
        compute="_compute_clock_due_dates",
        compute_sudo=True,
        help="0: 15 days; 1: extended to 30 days; 2: extended to 60 days with approval.",
    )
    paused_days = fields.Integer(
        "Days Paused",
        compute="_compute_clock_due_dates",
        compute_sudo=True,
        help="Days of external appraisal, testing or assessment, not counted in the statutory time limit.",
    )
    clock_paused_since = fields.Datetime(
        "Decision Clock Paused Since", compute="_compute_clock_due_dates", compute_sudo=True
    )
    decision_due_date = fields.Date(
        "Decision Due",
        compute="_compute_clock_due_dates",
        compute_sudo=True,
        help="Clock start + 15 days, 30 or 60 after an extension, the days paused for an external appraisal not "
        "counted (CBIRC Order 2020 No. 3 Art. 14). While paused: the date if the clock ran again now.",
    )
    first_contact_at = fields.Datetime("First Contact Made", copy=False, tracking=True)
    last_progress_at = fields.Datetime("Last Progress Note", copy=False)
    first_contact_due_date = fields.Date(
        "First Contact Due", compute="_compute_clock_due_dates", compute_sudo=True, help="Company target."
    )
    resolve_due_date = fields.Date(
        "Resolution Target", compute="_compute_clock_due_dates", compute_sudo=True, help="Company target."
    )
    progress_due_at = fields.Datetime(
        "Next Progress Note Due", compute="_compute_clock_due_dates", compute_sudo=True, help="Company target."
    )
    next_due_clock = fields.Selection(related="next_due_clock_id.kind", string="Next Deadline For", store=True)
    manager_alerted_at = fields.Datetime(
        "Managers Alerted", readonly=True, copy=False, help="When the managers were told of this crisis or major case."
    )

    # ------------------------------------------------------------------
    # What each clock is
    # ------------------------------------------------------------------
    def _clock_spec(self, kind):
        self.ensure_one()
        company = self.company_id
        if kind == DECISION:
            running = self._clock_open(DECISION)[:1]
            level = min(max(running.extension_level, 0), 2) if running else 0
            return {
                "length": company[DECISION_DAYS_FIELDS[level]],
                "unit": deadline.CALENDAR_DAYS,
                "legal_basis": self.env._("CBIRC Order 2020 No. 3 Art. 14"),
                "warning_days": company.complaint_clock_warning_days,
            }
        if kind == CONTACT:
            if self.is_crisis:
                # a crisis complaint is contacted the same day
                return {"length": 0, "unit": deadline.CALENDAR_DAYS, "legal_basis": self.env._("Company target")}
            return {
                "length": company.complaint_contact_working_days,
                "unit": deadline.WORKING_DAYS,
                "legal_basis": self.env._("Company target"),
            }
        if kind == RESOLVE:
            urgent = clocks.is_urgent(self.nature, self.is_crisis)
            return {
                "length": company.complaint_resolve_major_working_days
                if urgent
                else company.complaint_resolve_working_days,
                "unit": deadline.WORKING_DAYS,
                "legal_basis": self.env._("Company target"),
            }
        if kind == PROGRESS:
            return {
                "length": company.complaint_progress_hours,
                "unit": deadline.HOURS,
                "same_day": bool(self.is_crisis),
                "legal_basis": self.env._("Company target"),
            }
        return None

    @api.depends("clock_ids.due_date", "clock_ids.due_at", "clock_ids.state", "clock_ids.paused_units")
    def _compute_clock_due_dates(self):
        now = fields.Datetime.now()
        Clock = self.env["insurance.clock"]
        calendars = {}
        for complaint in self:
            by_kind = {}
            for clock in complaint.clock_ids.sorted("id"):
                by_kind[clock.kind] = clock  # the latest of each kind
            due = {}
            for kind, clock in by_kind.items():
                if clock.state == "not_applicable":
                    continue
                due_date, due_at = clock.due_date, clock.due_at
                if clock.state == "paused":
                    # never a blank while paused: the due date if the clock ran again now
                    pauses = [(pause.start_at, pause.end_at) for pause in clock.pause_ids]
                    values = Clock._deadline_values(
                        clock.company_id,
                        clock._spec(),
                        clock.start_at,
                        pauses,
                        now=max(now, clock.start_at),
                        calendars=calendars,
                    )
                    due_date, due_at = values["due_date"], values["due_at"]
                due[kind] = (due_date, due_at)
            decision = by_kind.get(DECISION)
            open_pause = decision.pause_ids.filtered(lambda pause: not pause.end_at)[:1] if decision else None
            complaint.decision_due_date = due.get(DECISION, (False, False))[0] or False
            complaint.first_contact_due_date = due.get(CONTACT, (False, False))[0] or False
            complaint.resolve_due_date = due.get(RESOLVE, (False, False))[0] or False
            complaint.progress_due_at = due.get(PROGRESS, (False, False))[1] or False
            complaint.extension_level = decision.extension_level if decision else 0
            complaint.paused_days = round(decision.paused_units) if decision else 0
            complaint.clock_paused_since = open_pause.start_at if open_pause else False

    # ------------------------------------------------------------------
    # Create and write: the clocks follow the complaint
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        complaints._clock_start_all()
        complaints.filtered(lambda complaint: not complaint.user_id and complaint.is_open)._route_out_of_hours()
        complaints._alert_managers_urgent()
        return complaints

    def _clock_start_all(self):
        """The four clocks start with the complaint, in one insert for the batch; then they follow its facts."""
        received = {complaint.id: complaint.received_at for complaint in self}
        self._clock_start_many(
            [
                (DECISION, {c.id: c.clock_start_at or c.received_at for c in self}),
                (CONTACT, received),
                (RESOLVE, received),
                (PROGRESS, received),
            ]
        )
        contacted = self.filtered("first_contact_at")
        if contacted:
            contacted._clock_contact_made()
        noted = self.filtered("last_progress_at")
        if noted:
            noted._clock_progress_noted()
        self.filtered(lambda complaint: complaint.state not in PENDING_STATES)._clock_follow_state()

    def write(self, vals):
        if "clock_start_at" in vals and not self.env.context.get("complaint_clock_restart"):
            if not self.env.user.has_group(self._clock_manager_group) and not self.env.su:
                raise UserError(
                    self.env._(
                        "Only a complaint manager may change when the statutory clock starts: use Change the "
                        "Start on the decision deadline, with the reason."
                    )
                )
        received_before = {complaint.id: complaint.received_at for complaint in self} if "received_at" in vals else {}
        result = super().write(vals)
        if received_before:
            self._clock_follow_receipt(received_before)
        if "clock_start_at" in vals:
            reason = self.env.context.get("complaint_clock_restart") or self.env._("Clock start changed")
            for complaint in self.filtered(lambda complaint: complaint.state in PENDING_STATES):
                complaint._clock_restart(DECISION, complaint.clock_start_at, reason)
        if vals.get("first_contact_at"):
            self._clock_contact_made()
        if vals.get("last_progress_at"):
            self._clock_progress_noted()
        if {"nature", "is_crisis"} & vals.keys():
            self._clock_refresh_specs()
            self._alert_managers_urgent()
        if "state" in vals or "decision_sent_at" in vals:
            self._clock_follow_state()
        return result

    def _clock_follow_receipt(self, received_before):
        """The receipt was corrected: the clocks that ran from it start again from the new moment.

        Through the engine's start change: only a complaint manager, and the correction is in the audit log.
        """
        for complaint in self.filtered(lambda complaint: complaint.state in PENDING_STATES):
            old = received_before.get(complaint.id)
            if old == complaint.received_at:
                continue
            reason = self.env._(
                "Receipt corrected from %(old)s to %(new)s",
                old=complaint.company_id._insurance_local(old),
                new=complaint.company_id._insurance_local(complaint.received_at),
            )
            for clock in complaint._clock_open():
                if clock.start_at == old:
                    clock._change_start(complaint.received_at, reason)

    def _clock_contact_made(self):
        for complaint in self:
            complaint._clock_meet(CONTACT, complaint.first_contact_at)

    def _clock_progress_noted(self):
        """A progress note meets the running progress clock and starts the next one from it."""
        for complaint in self:
            moment = complaint.last_progress_at
            complaint._clock_meet(PROGRESS, moment)
            if complaint.state in PENDING_STATES and not complaint.decision_sent_at:
                complaint._clock_start(PROGRESS, moment)

    def _clock_follow_state(self):
        """A decision sent meets the clocks; a withdrawn, invalid or closed complaint stops what still runs."""
        labels = dict(self._fields["state"]._description_selection(self.env))
        for complaint in self:
            if complaint.state in PENDING_STATES:
                continue
            if complaint.decision_sent_at:
                # recording the decision ends any open pause at that moment
                complaint._clock_meet(DECISION_MEETS, complaint.decision_sent_at)
            complaint._clock_stop(None, labels[complaint.state])

    def _clock_refresh_specs(self):
        """Nature or crisis changed: the running clocks take the lengths that now apply."""
        for complaint in self:
            for clock in complaint._clock_open():
                spec = complaint._clock_spec(clock.kind)
                if spec:
                    clock._apply_spec(
                        {name: spec.get(name, False) for name in ("length", "unit", "warning_days", "same_day")}
                    )

    @api.model
    def _clock_refresh_settings(self, companies):
        self._clock_refresh_company(companies, COMPLAINT_CLOCKS)

    # ------------------------------------------------------------------
    # Targets: the first contact and the progress notes
    # ------------------------------------------------------------------
    def _check_handling(self):
        for complaint in self:
            if complaint.state not in PENDING_STATES:
                raise UserError(self.env._("Complaint %(name)s is not being handled.", name=complaint.name))

    def action_first_contact(self):
        self._check_handling()
        now = fields.Datetime.now()
        for complaint in self.filtered(lambda complaint: not complaint.first_contact_at):
            complaint.write({"first_contact_at": now, "last_progress_at": now})
        return True

    def action_log_progress(self):
        self._check_handling()
        self.write({"last_progress_at": fields.Datetime.now()})
        for complaint in self:
            complaint.message_post(body=self.env._("Progress note logged."), subtype_xmlid="mail.mt_note")
        return True

    def action_request_extension(self):
        self.ensure_one()
        level = "2" if self.extension_level >= 1 else "1"
        return actions.dialog_action(
            "insurance.complaint.extension",
            self.env._("Extend Time Limit"),
            {"default_complaint_id": self.id, "default_level": level},
        )

    def _decision_clock(self):
        """The running decision clock of the complaint; refused when the complaint is not being handled."""
        self.ensure_one()
        clock = self._clock_open(DECISION)
        if self.state not in PENDING_STATES or not clock:
            raise UserError(
                self.env._("Complaint %(name)s is not being handled: its clock cannot stop.", name=self.name)
            )
        return clock

    def action_pause_clock(self):
        """Pause for an external appraisal: the engine's pause wizard on the decision clock."""
        return self._decision_clock().action_pause()

    def action_resume_clock(self):
        self._clock_open(DECISION).filtered(lambda clock: clock.state == "paused").action_resume()
        return True

    def _pause_decision_clock(self, start_at=None, reason="appraisal", note=None, backdate_reason=None):
        """Pause the decision clock from code (demo, flows), with the chatter note and the letter."""
        pauses = self.env["insurance.clock.pause"]
        for complaint in self:
            clock = complaint._decision_clock()
            pause = clock._pause(start_at or fields.Datetime.now(), reason, note, backdate_reason)
            complaint._clock_after_pause(pause)
            pauses |= pause
        return pauses

    def _clock_after_pause(self, pauses):
        """The complainant is told when the clock stops (Order 2020 No. 3 Art. 14)."""
        result = super()._clock_after_pause(pauses)
        for pause in pauses:
            complaint = self.browse(pause.clock_id.res_id)
            if not pause.end_at and complaint.partner_id:
                complaint._send_letter("pause", pause=pause)
        return result

    def _clock_after_resume(self, clock):
        complaint = self.browse(clock.res_id)
        complaint.message_post(
            body=self.env._(
                "%(clock)s runs again: %(days)s days not counted; due on %(date)s.",
                clock=clock._kind_label(),
                days=round(clock.paused_units, 1),
                date=clock.due_date or "-",
            ),
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------
    # Escalation: crisis and major cases to the managers at once
    # ------------------------------------------------------------------
    def _complaint_managers(self, company):
        return self._clock_managers(company)

    def _alert_managers_urgent(self):
        """Crisis and major complaints reach the managers at once: an activity each and a message, once."""
        urgent = self.filtered(
            lambda complaint: complaint.is_open
            and not complaint.manager_alerted_at
            and clocks.is_urgent(complaint.nature, complaint.is_crisis)
        )
        if not urgent:
            return
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        activity_vals = []
        for complaint in urgent:
            managers = self._complaint_managers(complaint.company_id)
            kind = self.env._("Crisis") if complaint.is_crisis else self.env._("Major")
            summary = self.env._("%(kind)s complaint %(name)s: first opinion today", kind=kind, name=complaint.name)
            activity_vals += [
                {
                    "res_model_id": model_id,
                    "res_id": complaint.id,
                    "activity_type_id": activity_type.id,
                    "user_id": manager.id,
                    "summary": summary[:250],
                    "date_deadline": complaint.company_id._insurance_today(),
                }
                for manager in managers
            ]
            complaint.message_post(
                body=self.env._("%(kind)s complaint: the complaint managers were notified at once.", kind=kind),
                partner_ids=managers.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        self.env["mail.activity"].create(activity_vals)
        urgent.write({"manager_alerted_at": fields.Datetime.now()})

    def _clock_log_escalation(self, escalated):
        """Say on each complaint that its deadline went to the complaint managers."""
        note = self.env._("Escalated to the complaint managers.")
        escalated = {
            record_id: [(Markup("%s %s") % (summary, note), users) for summary, users in items]
            for record_id, items in escalated.items()
        }
        return super()._clock_log_escalation(escalated)

    # ------------------------------------------------------------------
    # Out-of-hours routing to the complaint officer on duty
    # ------------------------------------------------------------------
    def _is_out_of_hours(self):
        """Whether the complaint arrived on a non-working day or outside the company's working hours.

        A day of a year the Chinese calendar does not know counts as out of hours: the duty officer takes
        it rather than a guess.
        """
        self.ensure_one()
        company = self.company_id
        local = company._insurance_local(self.received_at)
        calendar = company.resource_calendar_id
        working_calendar = self.env["cn.calendar.day"]._working_calendar(company)

        def is_working_day(day):
            try:
                return working_calendar.is_working_day(day)
            except workdays.UnknownYearError:
                return False  # a year the calendar does not know: the duty officer takes it, nothing is guessed

        def hours_of(weekday):
            return [
                (attendance.hour_from, attendance.hour_to)
                for attendance in calendar.attendance_ids
                if int(attendance.dayofweek) == weekday
                and attendance.day_period != "lunch"
                and not attendance.resource_id
            ]

        hours = hours_of(local.weekday()) if calendar else [(9.0, 17.0)]
        if calendar and not hours and local.weekday() >= 5 and is_working_day(local.date()):
            # a make-up working day (调休上班) on a weekend keeps the hours of a Monday
            hours = hours_of(0)
        return clocks.is_out_of_hours(local, is_working_day, hours)

    def _route_out_of_hours(self):
        """Give complaints arriving out of hours to the complaint officer on duty (duty roster)."""
        posts = {}
        for complaint in self:
            company = complaint.company_id
            if company.id not in posts:
                posts[company.id] = self.env["duty.post"].search(
                    [("is_complaint_officer_post", "=", True), ("company_id", "=", company.id)], limit=1
                )
            post = posts[company.id]
            if not post or not complaint._is_out_of_hours():
                continue
            employees = self.env["duty.shift"].get_on_duty(post, at=complaint.received_at)
            # recusal: never the employee complained about, nor their line manager
            excluded = complaint.employee_id | complaint.employee_id.parent_id
            officer = (employees - excluded).filtered("user_id")[:1]
            if not officer:
                complaint.message_post(
                    body=self.env._(
                        "Received out of hours, but nobody is on duty on %(post)s: assign the complaint by hand.",
                        post=post.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                continue
            complaint.message_post(
                body=self.env._(
                    "Received out of hours: assigned to %(officer)s, the complaint officer on duty (%(post)s).",
                    officer=officer.name,
                    post=post.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            complaint.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=complaint.first_contact_due_date or company._insurance_today(),
                summary=self.env._("Out-of-hours complaint %(name)s: contact the complainant", name=complaint.name),
                user_id=officer.user_id.id,
            )
            complaint.user_id = officer.user_id
