import datetime
import logging

import pytz
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..lib import complaint_clocks as clocks

_logger = logging.getLogger(__name__)

DEFAULT_TZ = "Asia/Shanghai"
# The clocks run while the complaint is being handled and no decision has been sent.
PENDING_STATES = ("registered", "validated", "assigned", "investigating", "plan", "approved")
CLOCK_SELECTION = [
    (clocks.DECISION, "Statutory decision"),
    (clocks.CONTACT, "First contact"),
    (clocks.RESOLVE, "Resolution target"),
    (clocks.PROGRESS, "Progress note"),
]
# clock -> (due field, extra domain while it runs)
CLOCK_FIELDS = {
    clocks.DECISION: ("decision_due_date", [("decision_sent_at", "=", False), ("clock_paused_since", "=", False)]),
    clocks.CONTACT: ("first_contact_due_date", [("first_contact_at", "=", False)]),
    clocks.RESOLVE: ("resolve_due_date", [("decision_sent_at", "=", False)]),
    clocks.PROGRESS: ("progress_due_at", [("decision_sent_at", "=", False)]),
}


class InsuranceComplaint(models.Model):
    """Statutory clocks, company targets, escalation and out-of-hours routing of a complaint.

    CBIRC Order 2020 No. 3: decide within 15 days of the clock start, 30 or 60
    with extensions, appraisal time not counted. The arithmetic is in
    ``lib/complaint_clocks.py``; the due dates are stored and indexed and
    compared with today by the cron and the searches.
    """

    _inherit = "insurance.complaint"

    extension_ids = fields.One2many("insurance.complaint.extension", "complaint_id", string="Extensions")
    pause_ids = fields.One2many("insurance.complaint.pause", "complaint_id", string="Appraisal Pauses")
    clock_alert_ids = fields.One2many("insurance.complaint.clock.alert", "complaint_id", string="Deadline Alerts")
    extension_level = fields.Integer(
        compute="_compute_clock_dates",
        store=True,
        index=True,
        help="0: 15 days; 1: extended to 30 days; 2: extended to 60 days with approval.",
    )
    paused_days = fields.Integer(
        "Days Paused",
        compute="_compute_clock_dates",
        store=True,
        help="Days of external appraisal, testing or assessment, not counted in the statutory time limit.",
    )
    clock_paused_since = fields.Datetime(compute="_compute_clock_dates", store=True, index="btree_not_null")
    decision_due_date = fields.Date(
        "Decision Due",
        compute="_compute_clock_dates",
        store=True,
        index=True,
        help="Clock start + 15 days, 30 or 60 after an extension, plus the days paused for an external appraisal. "
        "Empty while paused.",
    )
    first_contact_at = fields.Datetime("First Contact Made", copy=False, tracking=True)
    last_progress_at = fields.Datetime("Last Progress Note", copy=False)
    first_contact_due_date = fields.Date(
        "First Contact Due", compute="_compute_clock_dates", store=True, index=True, help="Company target."
    )
    resolve_due_date = fields.Date(
        "Resolution Target", compute="_compute_clock_dates", store=True, index=True, help="Company target."
    )
    progress_due_at = fields.Datetime(
        "Next Progress Note Due", compute="_compute_clock_dates", store=True, index=True, help="Company target."
    )
    next_due_date = fields.Date(
        "Next Deadline",
        compute="_compute_clock_dates",
        store=True,
        index=True,
        help="The earliest deadline of the clocks still running.",
    )
    next_due_clock = fields.Selection(CLOCK_SELECTION, "Next Deadline For", compute="_compute_clock_dates", store=True)
    is_overdue = fields.Boolean("Overdue", compute="_compute_due_flags", search="_search_is_overdue")
    is_due_this_week = fields.Boolean("Due This Week", compute="_compute_due_flags", search="_search_is_due_this_week")
    manager_alerted_at = fields.Datetime(
        "Managers Alerted", readonly=True, copy=False, help="When the managers were told of this crisis or major case."
    )

    # ------------------------------------------------------------------
    # Dates
    # ------------------------------------------------------------------
    def _clock_tz(self):
        return pytz.timezone(self.company_id.partner_id.tz or DEFAULT_TZ)

    def _clock_local(self, value):
        """The naive local datetime (company time zone) of a UTC datetime, or ``None``."""
        if not value:
            return None
        return pytz.utc.localize(value).astimezone(self._clock_tz()).replace(tzinfo=None)

    def _clock_local_date(self, value):
        local = self._clock_local(value)
        return local.date() if local else None

    def _clock_utc(self, local):
        if not local:
            return None
        return self._clock_tz().localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _clock_today(self, company):
        tz = pytz.timezone(company.partner_id.tz or DEFAULT_TZ)
        return pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()

    @api.model
    def _clock_add_working_days(self, day, count, company):
        try:
            return self.env["duty.holiday"].add_working_days(day, count, company)
        except UserError:
            # No holiday calendar for that year yet: count Monday to Friday rather than block the complaint.
            _logger.warning("No Chinese holiday calendar around %s: counting weekdays only", day)
            step = datetime.timedelta(days=1 if count >= 0 else -1)
            remaining = abs(count)
            while remaining:
                day += step
                remaining -= day.weekday() < 5
            return day

    @api.model
    def _clock_is_working_day(self, day, company):
        try:
            return self.env["duty.holiday"].is_working_day(day, company)
        except UserError:
            return day.weekday() < 5

    def _clock_is_pending(self, clock):
        if self.state not in PENDING_STATES:
            return False
        if clock == clocks.CONTACT:
            return not self.first_contact_at
        if clock == clocks.DECISION and self.clock_paused_since:
            return False
        return not self.decision_sent_at

    @api.depends(
        "state",
        "received_at",
        "clock_start_at",
        "nature",
        "is_crisis",
        "first_contact_at",
        "last_progress_at",
        "decision_sent_at",
        "extension_ids.state",
        "extension_ids.level",
        "pause_ids.start_at",
        "pause_ids.end_at",
        "company_id.partner_id.tz",
        "company_id.complaint_contact_working_days",
        "company_id.complaint_resolve_working_days",
        "company_id.complaint_resolve_major_working_days",
        "company_id.complaint_progress_hours",
    )
    def _compute_clock_dates(self):
        """Every clock of the complaints, in one place (see lib/complaint_clocks.py)."""
        working_days = {}
        for complaint in self:
            company = complaint.company_id

            def add_working_days(day, count, company=company):
                key = (day, count, company.id)
                if key not in working_days:
                    working_days[key] = self._clock_add_working_days(day, count, company)
                return working_days[key]

            local_date = complaint._clock_local_date
            level = max([int(ext.level) for ext in complaint.extension_ids if ext.state == "approved"] or [0])
            start = local_date(complaint.clock_start_at or complaint.received_at)
            pauses = complaint.pause_ids
            open_pause = pauses.filtered(lambda pause: not pause.end_at).sorted("start_at")[:1]
            paused = clocks.paused_days(
                [(local_date(pause.start_at), local_date(pause.end_at)) for pause in pauses if pause.end_at], start
            )
            received = local_date(complaint.received_at)
            last_note = complaint._clock_local(complaint.last_progress_at or complaint.received_at)
            due = {
                clocks.DECISION: None if open_pause else clocks.decision_due(start, level, paused),
                clocks.CONTACT: clocks.first_contact_due(
                    received, complaint.is_crisis, add_working_days, company.complaint_contact_working_days
                ),
                clocks.RESOLVE: clocks.resolve_due(
                    received,
                    complaint.nature,
                    complaint.is_crisis,
                    add_working_days,
                    company.complaint_resolve_working_days,
                    company.complaint_resolve_major_working_days,
                ),
            }
            progress_local = clocks.progress_due(last_note, complaint.is_crisis, company.complaint_progress_hours)
            complaint.extension_level = level
            complaint.paused_days = paused
            complaint.clock_paused_since = open_pause.start_at or False
            complaint.decision_due_date = due[clocks.DECISION] or False
            complaint.first_contact_due_date = due[clocks.CONTACT] or False
            complaint.resolve_due_date = due[clocks.RESOLVE] or False
            complaint.progress_due_at = complaint._clock_utc(progress_local) or False
            due[clocks.PROGRESS] = progress_local.date() if progress_local else None
            running = {clock: day for clock, day in due.items() if day and complaint._clock_is_pending(clock)}
            clock, day = clocks.next_due(running)
            complaint.next_due_date = day or False
            complaint.next_due_clock = clock or False

    @api.depends("next_due_date")
    def _compute_due_flags(self):
        for complaint in self:
            today = self._clock_today(complaint.company_id)
            due = complaint.next_due_date
            complaint.is_overdue = bool(due) and due < today
            complaint.is_due_this_week = bool(due) and today <= due <= today + datetime.timedelta(days=7)

    def _check_bool_search(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search deadlines with 'is set' or 'is not set'."))
        return (operator == "=") == value

    def _search_is_overdue(self, operator, value):
        positive = self._check_bool_search(operator, value)
        today = self._clock_today(self.env.company)
        domain = [("next_due_date", "<", today)]
        return domain if positive else ["!", *domain]

    def _search_is_due_this_week(self, operator, value):
        positive = self._check_bool_search(operator, value)
        today = self._clock_today(self.env.company)
        domain = [("next_due_date", ">=", today), ("next_due_date", "<=", today + datetime.timedelta(days=7))]
        return domain if positive else ["!", "&", *domain]

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

    def _open_form(self, model, name, context):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }

    def action_request_extension(self):
        self.ensure_one()
        level = "2" if self.extension_level >= 1 else "1"
        return self._open_form(
            "insurance.complaint.extension",
            self.env._("Extend Time Limit"),
            {"default_complaint_id": self.id, "default_level": level},
        )

    def action_pause_clock(self):
        self.ensure_one()
        return self._open_form(
            "insurance.complaint.pause", self.env._("Pause for Appraisal"), {"default_complaint_id": self.id}
        )

    def action_resume_clock(self):
        self.pause_ids.filtered(lambda pause: not pause.end_at).action_resume()
        return True

    # ------------------------------------------------------------------
    # Create and write: out-of-hours routing, crisis and major cases to the managers
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        complaints.filtered(lambda complaint: not complaint.user_id and complaint.is_open)._route_out_of_hours()
        complaints._alert_managers_urgent()
        return complaints

    def write(self, vals):
        result = super().write(vals)
        if {"nature", "is_crisis"} & vals.keys():
            self._alert_managers_urgent()
        return result

    def _complaint_managers(self, company):
        managers = self.env.ref("complaint_management.group_complaint_manager").users
        return managers.filtered(lambda user: company in user.company_ids and not user.share and user.active).sorted(
            "id"
        )

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
                    "date_deadline": self._clock_today(complaint.company_id),
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

    def _is_out_of_hours(self):
        """Whether the complaint arrived on a non-working day or outside the company's working hours."""
        self.ensure_one()
        company = self.company_id
        local = self._clock_local(self.received_at)
        calendar = company.resource_calendar_id
        hours = [
            (attendance.hour_from, attendance.hour_to)
            for attendance in calendar.attendance_ids
            if int(attendance.dayofweek) == local.weekday()
            and attendance.day_period != "lunch"
            and not attendance.resource_id
        ]
        if not calendar:
            hours = [(9.0, 17.0)]
        return clocks.is_out_of_hours(local, lambda day: self._clock_is_working_day(day, company), hours)

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
                date_deadline=complaint.first_contact_due_date or self._clock_today(company),
                summary=self.env._("Out-of-hours complaint %(name)s: contact the complainant", name=complaint.name),
                user_id=officer.user_id.id,
            )
            complaint.user_id = officer.user_id

    # ------------------------------------------------------------------
    # The cron: due soon to the owner, overdue to the managers, each once
    # ------------------------------------------------------------------
    @api.model
    def _clock_pending_domain(self, clock):
        return expression.AND([[("state", "in", PENDING_STATES)], CLOCK_FIELDS[clock][1]])

    @api.model
    def _cron_complaint_clocks(self):
        """Due-soon deadlines go to the owner, overdue ones to the complaint managers: each once per case and clock.

        The complaints are found by indexed domains on the stored due dates; the
        alerts already sent are kept in ``insurance.complaint.clock.alert``.
        """
        Alert = self.env["insurance.complaint.clock.alert"]
        now = fields.Datetime.now()
        for company in self.env["res.company"].search([]):
            today = self._clock_today(company)
            warnings = {clocks.DECISION: company.complaint_clock_warning_days, clocks.CONTACT: 0, clocks.RESOLVE: 0}
            managers = self._complaint_managers(company)
            for clock, (field_name, _running) in CLOCK_FIELDS.items():
                if clock == clocks.PROGRESS:
                    limit = [(field_name, "<", now)]
                else:
                    limit = [(field_name, "<=", today + datetime.timedelta(days=warnings[clock]))]
                complaints = self.search(
                    expression.AND(
                        [
                            [("company_id", "=", company.id), (field_name, "!=", False)],
                            limit,
                            self._clock_pending_domain(clock),
                        ]
                    )
                )
                if not complaints:
                    continue
                done = {
                    (alert.complaint_id.id, alert.level, alert.due_date)
                    for alert in Alert.search([("complaint_id", "in", complaints.ids), ("clock", "=", clock)])
                }
                alerts, activity_vals, overdue = [], [], []
                for complaint in complaints:
                    if clock == clocks.PROGRESS:
                        due = complaint._clock_local_date(complaint.progress_due_at)
                        level = clocks.OVERDUE
                    else:
                        due = complaint[field_name]
                        level = clocks.alert_level(due, today, warnings[clock])
                    if not level or (complaint.id, level, due) in done:
                        continue
                    users = managers if level == clocks.OVERDUE else complaint.user_id or managers
                    if not users:
                        continue  # nobody to tell yet: try again next time
                    if level == clocks.OVERDUE:
                        overdue.append((complaint, due))
                    activity_vals += complaint._clock_activity_vals(clock, due, users, level)
                    alerts.append(
                        {
                            "complaint_id": complaint.id,
                            "clock": clock,
                            "level": level,
                            "due_date": due,
                            "user_ids": [Command.set(users.ids)],
                        }
                    )
                # the activities are on the users' lists; one e-mail per activity would flood them
                self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(activity_vals)
                Alert.create(alerts)
                self._clock_escalate(clock, overdue, managers)

    def _clock_label(self, clock):
        return dict(self._fields["next_due_clock"]._description_selection(self.env))[clock]

    def _clock_activity_vals(self, clock, due, users, level):
        self.ensure_one()
        values = {"clock": self._clock_label(clock), "name": self.name, "date": due}
        if level == clocks.OVERDUE:
            summary = self.env._("Overdue: %(clock)s of complaint %(name)s was due on %(date)s", **values)
        else:
            summary = self.env._("%(clock)s of complaint %(name)s due on %(date)s", **values)
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        return [
            {
                "res_model_id": model_id,
                "res_id": self.id,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "summary": summary[:250],
                "date_deadline": due,
            }
            for user in users
        ]

    @api.model
    def _clock_escalate(self, clock, overdue, managers):
        """Log on each overdue complaint that it went to the managers, in one batch."""
        bodies = {
            complaint.id: Markup("<p>%s</p>")
            % self.env._(
                "The deadline %(clock)s of complaint %(name)s was due on %(date)s and has passed: "
                "escalated to the complaint managers.",
                clock=self._clock_label(clock),
                name=complaint.name,
                date=due,
            )
            for complaint, due in overdue
        }
        if bodies:
            self.browse(list(bodies))._message_log_batch(
                bodies=bodies, message_type="comment", partner_ids=managers.partner_id.ids
            )
