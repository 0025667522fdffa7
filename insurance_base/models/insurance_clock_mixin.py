import datetime

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import deadline


class InsuranceClockMixin(models.AbstractModel):
    """Statutory clocks on a business record, as rows of ``insurance.clock``.

    A model using it says what each of its clocks is (``_clock_spec``), who is
    told (``_clock_recipients``) and which group manages its clocks
    (``_clock_manager_group``); it starts, pauses, extends and meets them
    through the ``_clock_*`` methods below, from its own transitions.
    """

    _name = "insurance.clock.mixin"
    _description = "Statutory Clocks"
    # the group that may back-date pauses and change a clock's start
    _clock_manager_group = "base.group_system"
    # fields of the record copied on its clocks, for the on-time report by handler and department
    _clock_user_field = "user_id"
    _clock_department_field = "department_id"

    clock_ids = fields.One2many("insurance.clock", "res_id", string="Deadlines", readonly=True)
    next_due_clock_id = fields.Many2one(
        "insurance.clock",
        "Next Deadline Clock",
        compute="_compute_next_due",
        store=True,
        index="btree_not_null",
    )
    next_due_date = fields.Date(
        "Next Deadline",
        compute="_compute_next_due",
        store=True,
        index=True,
        help="The earliest due date of the deadlines still running (paused ones included, as if they resumed now).",
    )
    clock_overdue = fields.Boolean(
        "Overdue",
        compute="_compute_next_due",
        store=True,
        index=True,
        help="A deadline of this record has passed and is not met.",
    )
    clock_calendar_missing = fields.Boolean(
        "Calendar Missing",
        compute="_compute_next_due",
        store=True,
        help="A deadline cannot be counted: the holidays of a year it needs are not entered.",
    )
    is_overdue = fields.Boolean(
        "Deadline Overdue", compute="_compute_clock_flags", search="_search_is_overdue", compute_sudo=True
    )
    is_due_this_week = fields.Boolean(
        "Due This Week", compute="_compute_clock_flags", search="_search_is_due_this_week", compute_sudo=True
    )

    @api.depends("clock_ids.due_date", "clock_ids.state", "clock_ids.is_open")
    def _compute_next_due(self):
        for record in self:
            open_clocks = record.clock_ids.filtered("is_open")
            dated = open_clocks.filtered("due_date").sorted(lambda clock: (clock.due_date, clock.id))
            record.next_due_clock_id = dated[:1]
            record.next_due_date = dated[:1].due_date
            record.clock_overdue = any(clock.state == "overdue" for clock in open_clocks)
            record.clock_calendar_missing = any(clock.state == "calendar_missing" for clock in record.clock_ids)

    def _compute_clock_flags(self):
        now = fields.Datetime.now()
        for record in self:
            open_clocks = record.clock_ids.filtered("is_open")
            record.is_overdue = any(
                clock.state == "overdue" or (clock.state == "running" and clock.due_at and clock.due_at <= now)
                for clock in open_clocks
            )
            week = record.company_id._insurance_today() + datetime.timedelta(days=7)
            record.is_due_this_week = any(clock.due_date and clock.due_date <= week for clock in open_clocks)

    @api.model
    def _overdue_clock_domain(self):
        now = fields.Datetime.now()
        return [
            ("is_open", "=", True),
            "|",
            ("state", "=", "overdue"),
            "&",
            ("state", "=", "running"),
            ("due_at", "<=", now),
        ]

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search deadlines with 'is set' or 'is not set'."))
        positive = (operator == "=") == value
        clocks = (
            self.env["insurance.clock"].sudo()._search([("res_model", "=", self._name), *self._overdue_clock_domain()])
        )
        return [("id", "in" if positive else "not in", clocks.subselect("res_id"))]

    def _search_is_due_this_week(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search deadlines with 'is set' or 'is not set'."))
        positive = (operator == "=") == value
        week = self.env.company._insurance_today() + datetime.timedelta(days=7)
        clocks = (
            self.env["insurance.clock"]
            .sudo()
            ._search([("res_model", "=", self._name), ("is_open", "=", True), ("due_date", "<=", week)])
        )
        return [("id", "in" if positive else "not in", clocks.subselect("res_id"))]

    # ------------------------------------------------------------------
    # What a model says about its clocks
    # ------------------------------------------------------------------
    def _clock_spec(self, kind):
        """``{length, unit, legal_basis, warning_days, same_day}`` of clock ``kind`` for this record.

        ``None`` when the clock does not apply to the record (e.g. switched off
        on its type).
        """
        raise NotImplementedError

    @api.model
    def _clock_managers(self, company):
        return self.env["res.users"]._insurance_group_users(self._clock_manager_group, company)

    @api.model
    def _clock_recipients(self, clocks, level):
        """``{clock id: users}`` to tell: the handler when due soon, the managers when overdue or uncountable."""
        managers = {}
        recipients = {}
        for clock in clocks:
            company = clock.company_id
            if company not in managers:
                managers[company] = self._clock_managers(company)
            if level == "due_soon":
                recipients[clock.id] = clock.user_id or managers[company][:1]
            else:
                recipients[clock.id] = managers[company]
        return recipients

    def _clock_log_escalation(self, escalated):
        """Say on each record that its deadline went to the managers, in one batch.

        ``escalated`` is ``{record id: [(summary, users)]}``.
        """
        bodies, partners = {}, self.env["res.partner"]
        for record_id, items in escalated.items():
            lines = Markup("").join(Markup("<p>%s</p>") % summary for summary, _users in items)
            bodies[record_id] = lines
            for _summary, users in items:
                partners |= users.partner_id
        self.browse(list(bodies))._message_log_batch(bodies=bodies, partner_ids=partners.ids)

    def _clock_after_pause(self, pauses):
        """Hook after a pause from the pause wizard: say it on the record."""
        for pause in pauses:
            record = self.browse(pause.clock_id.res_id)
            label = dict(pause._fields["reason"]._description_selection(self.env))[pause.reason]
            record.message_post(
                body=self.env._(
                    "%(clock)s paused for %(reason)s: %(note)s",
                    clock=pause.clock_id._kind_label(),
                    reason=label,
                    note=pause.note or "",
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _clock_after_resume(self, clock):
        """Hook after a pause ends from the button: say it on the record."""
        self.browse(clock.res_id).message_post(
            body=self.env._(
                "%(clock)s runs again: due on %(date)s.", clock=clock._kind_label(), date=clock.due_date or "-"
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _clock_owner_values(self):
        self.ensure_one()
        user = self[self._clock_user_field] if self._clock_user_field in self._fields else False
        department = self[self._clock_department_field] if self._clock_department_field in self._fields else False
        return {"user_id": user.id if user else False, "department_id": department.id if department else False}

    # ------------------------------------------------------------------
    # Operations, called by the model's own transitions
    # ------------------------------------------------------------------
    def _clock_open(self, kinds=None):
        """The open clocks of the records (of ``kinds``, a kind or a list), for the engine to act on.

        Read as the engine: the transition that calls it decided that the user may move the record
        (an accountant paying a claim meets its payment clock without reading clocks).
        """
        if isinstance(kinds, str):
            kinds = [kinds]
        return self.sudo().clock_ids.filtered(lambda clock: clock.is_open and (kinds is None or clock.kind in kinds))

    def _clock_last(self, kind):
        """The latest clock of ``kind`` of the record (open or not), or an empty recordset."""
        self.ensure_one()
        return self.clock_ids.filtered(lambda clock: clock.kind == kind).sorted("id")[-1:]

    def _clock_start(self, kind, start_at=None):
        """Start clock ``kind`` at ``start_at`` (now; or a ``{record id: moment}``) where it is not running yet."""
        return self._clock_start_many([(kind, start_at)])

    def _clock_start_many(self, starts):
        """Start several clocks of the records at once: ``starts`` is ``[(kind, start_at)]``, each as for
        ``_clock_start``. One look at the open clocks and one insert for all kinds and records."""
        now = fields.Datetime.now()
        Clock = self.env["insurance.clock"]
        # a clock just met or stopped must be seen closed by the unique index before its successor is inserted
        Clock.flush_model(["met_at", "state", "is_open"])
        running = {(clock.res_id, clock.kind) for clock in self._clock_open([kind for kind, _at in starts])}
        vals_list = []
        calendars = {}
        for kind, start_at in starts:
            for record in self:
                if (record.id, kind) in running:
                    continue
                spec = record._clock_spec(kind)
                if not spec:
                    continue
                company = record.company_id
                spec = dict(spec)
                spec["civil_code_203"] = spec["unit"] == deadline.CALENDAR_DAYS and company.insurance_civil_code_203
                start = start_at.get(record.id, now) if isinstance(start_at, dict) else (start_at or now)
                values = Clock._deadline_values(company, spec, start, now=now, calendars=calendars)
                vals_list.append(
                    {
                        "res_model": self._name,
                        "res_id": record.id,
                        "company_id": company.id,
                        "kind": kind,
                        "start_at": start,
                        "length": spec["length"],
                        "unit": spec["unit"],
                        "legal_basis": spec.get("legal_basis"),
                        "same_day": spec.get("same_day", False),
                        "civil_code_203": spec["civil_code_203"],
                        "warning_days": spec.get("warning_days", 0),
                        **record._clock_owner_values(),
                        **values,
                    }
                )
        # the engine writes its rows: the caller's right on the record was checked by its transition
        return Clock.sudo().create(vals_list).sudo(False)

    def _clock_meet(self, kinds, at=None):
        """The clocks of ``kinds`` are met at ``at`` (now): an open pause ends then."""
        clocks = self._clock_open(kinds)
        clocks._meet(at)
        return clocks

    def _clock_stop(self, kinds=None, reason=None):
        """The open clocks (of ``kinds``) no longer apply."""
        return self._clock_open(kinds)._stop(reason)

    def _clock_restart(self, kind, start_at=None, reason=None):
        """Close the open clock ``kind`` and start a fresh one (new facts)."""
        self._clock_stop(kind, reason)
        return self._clock_start(kind, start_at)

    def _clock_pause(self, kind, start_at=None, reason="documents", note=None, backdate_reason=None):
        pauses = self.env["insurance.clock.pause"]
        for clock in self._clock_open(kind):
            pauses |= clock._pause(start_at or fields.Datetime.now(), reason, note, backdate_reason)
        return pauses

    def _clock_resume(self, kind, at=None):
        self._clock_open(kind)._resume(at)

    @api.model
    def _clock_refresh_company(self, companies, kinds):
        """The settings of ``companies`` changed: running clocks of ``kinds`` take the new numbers."""
        clocks = (
            self.env["insurance.clock"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("company_id", "in", companies.ids),
                    ("kind", "in", list(kinds)),
                    ("is_open", "=", True),
                ]
            )
        )
        records = self.browse(clocks.mapped("res_id")).exists()
        by_id = {record.id: record for record in records}
        for clock in clocks:
            record = by_id.get(clock.res_id)
            spec = record and record._clock_spec(clock.kind)
            if spec:
                clock._apply_spec({name: spec[name] for name in ("length", "unit", "warning_days") if name in spec})

    def write(self, vals):
        result = super().write(vals)
        if {self._clock_user_field, self._clock_department_field} & vals.keys():
            for record in self:
                record._clock_open().sudo().write(record._clock_owner_values())
        return result
