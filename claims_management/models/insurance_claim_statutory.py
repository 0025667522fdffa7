import datetime
import logging

import pytz
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..lib import clocks
from .insurance_claim_clock_alert import CLOCK_SELECTION, CLOCK_TYPE_FIELDS
from .insurance_claim_document import RECEIVED_STATES

_logger = logging.getLogger(__name__)

DEFAULT_TZ = "Asia/Shanghai"

# Due-date field of each clock.
DUE_FIELDS = {
    clocks.DECISION: "decision_due_date",
    clocks.PAYMENT: "payment_due_date",
    clocks.REJECTION_NOTICE: "rejection_notice_due_date",
    clocks.PREPAYMENT: "prepayment_due_date",
}
# While a clock runs: the claim is in one of these states and the field (if any) is still empty.
PENDING = {
    # the coverage decision is made when the director approves (or rejects) the claim
    clocks.DECISION: (("reported", "dispatched", "surveyed", "documents", "assessment", "decision", "review"), None),
    clocks.PAYMENT: (("agreed",), None),
    clocks.REJECTION_NOTICE: (("rejected",), "rejection_notice_date"),
    # the amount is not settled until the claimant agrees to it
    clocks.PREPAYMENT: (
        ("reported", "dispatched", "surveyed", "documents", "assessment", "decision", "review", "approved"),
        None,
    ),
}


class InsuranceClaim(models.Model):
    """The document checklist, the one-time missing-documents notice and the statutory clocks of a claim.

    PRC Insurance Law Arts. 22-25; the date arithmetic is in ``lib/clocks.py``.
    """

    _inherit = "insurance.claim"  # pylint: disable=consider-merging-classes-inherited

    document_ids = fields.One2many("insurance.claim.document", "claim_id", string="Documents")
    missing_document_count = fields.Integer("Missing Documents", compute="_compute_missing_document_count")
    missing_document_ids = fields.Many2many(
        "insurance.claim.document",
        compute="_compute_missing_document_count",
        string="Missing Document Items",
        help="Mandatory documents not received yet and rejected documents: what the missing-documents notice lists.",
    )
    document_notice_ids = fields.One2many(
        "insurance.claim.document.notice", "claim_id", string="Missing Documents Notices"
    )
    missing_notice_date = fields.Datetime(
        "Missing Documents Notice Sent On",
        readonly=True,
        copy=False,
        tracking=True,
        help="The one-time notice listing every missing document (Insurance Law Art. 22).",
    )
    missing_notice_reason = fields.Text(
        "New Facts for a Further Notice",
        copy=False,
        help="The law allows one missing-documents notice. A further one is sent only on new facts: "
        "write them here before sending it; they are kept in the notice log.",
    )

    materials_received_date = fields.Datetime(
        "Materials Received On",
        readonly=True,
        copy=False,
        index=True,
        help="When the first claim document was received; the prepayment clock (Art. 25) runs from here.",
    )
    materials_complete_date = fields.Datetime(
        "Materials Complete On",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="When every mandatory document was received (or the claim was marked complete by hand); "
        "the decision clock (Art. 23) runs from here.",
    )
    clock_paused_since = fields.Datetime(
        "Decision Clock Paused Since",
        readonly=True,
        copy=False,
        index=True,
        help="Set by the missing-documents notice: the time waiting for supplementary documents is not counted.",
    )
    clock_paused_days = fields.Integer(
        "Days Paused", readonly=True, copy=False, help="Days the decision clock stood still waiting for documents."
    )
    agreed_date = fields.Datetime("Agreed On", readonly=True, copy=False, index=True, tracking=True)
    rejected_date = fields.Datetime("Rejected On", readonly=True, copy=False, index=True, tracking=True)
    rejection_notice_date = fields.Datetime(
        "Rejection Notice Sent On", readonly=True, copy=False, tracking=True, help="Stops the Art. 24 clock."
    )
    decision_due_date = fields.Date(
        "Decision Due",
        compute="_compute_clock_dates",
        store=True,
        index=True,
        help="Complete materials + 30 days (complex) or + 5 working days (simple), plus the days paused "
        "waiting for documents (Insurance Law Art. 23). Empty while paused.",
    )
    payment_due_date = fields.Date(
        "Payment Due",
        compute="_compute_clock_dates",
        store=True,
        index=True,
        help="Agreement with the claimant + 10 days (Insurance Law Art. 23).",
    )
    rejection_notice_due_date = fields.Date(
        "Rejection Notice Due",
        compute="_compute_clock_dates",
        store=True,
        index=True,
        help="Decision to reject + 3 days (Insurance Law Art. 24).",
    )
    prepayment_due_date = fields.Date(
        "Prepayment Due",
        compute="_compute_clock_dates",
        store=True,
        index=True,
        help="Materials received + 60 days: prepay what can be determined if the amount is not settled "
        "(Insurance Law Art. 25).",
    )
    next_due_date = fields.Date(
        "Next Deadline",
        compute="_compute_clock_dates",
        store=True,
        index=True,
        help="The earliest deadline of the clocks still running.",
    )
    next_due_clock = fields.Selection(CLOCK_SELECTION, "Next Deadline For", compute="_compute_clock_dates", store=True)
    is_overdue = fields.Boolean("Overdue", compute="_compute_is_overdue", search="_search_is_overdue")
    clock_alert_ids = fields.One2many("insurance.claim.clock.alert", "claim_id", string="Deadline Alerts")

    @api.depends("document_ids.state", "document_ids.required", "document_ids.rejection_reason")
    def _compute_missing_document_count(self):
        for claim in self:
            missing = claim._missing_documents()
            claim.missing_document_count = len(missing)
            claim.missing_document_ids = missing

    def _missing_documents(self):
        """Mandatory documents not received yet, and every rejected document."""
        return self.document_ids.filtered(
            lambda document: document.state == "rejected" or (document.required and document.state == "required")
        )

    # ------------------------------------------------------------------
    # Create and write: the checklist from the claim type, the dates of the life cycle
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            if vals.get("state") == "agreed":
                vals.setdefault("agreed_date", now)
            if vals.get("state") == "rejected":
                vals.setdefault("rejected_date", now)
        claims = super().create(vals_list)
        claims._generate_documents()
        return claims

    def write(self, vals):
        new_state = vals.get("state")
        completing = self.browse()
        if new_state:
            now = fields.Datetime.now()
            vals = dict(vals)
            if new_state == "agreed":
                vals.setdefault("agreed_date", now)
            if new_state == "rejected":
                vals.setdefault("rejected_date", now)
                vals.setdefault("rejection_notice_date", False)
            if new_state == "assessment":
                # "Documents Complete" marks the materials complete by hand when the checklist did not.
                completing = self.filtered(
                    lambda claim: claim.state == "documents" and not claim.materials_complete_date
                )
        result = super().write(vals)
        if completing:
            completing._mark_materials_complete(now)
        if vals.get("claim_type_id"):
            self._generate_documents()
        return result

    def _generate_documents(self):
        """Add the checklist lines of the claim type that the claims do not have yet, in one create.

        The document names are taken in the claimant's language: they are what the notices list.
        """
        have = {(document.claim_id.id, document.template_id.id) for document in self.document_ids}
        vals_list = []
        for claim in self:
            lang = claim.claimant_id.lang or self.env.lang
            for line in claim.claim_type_id.with_context(lang=lang).document_template_ids:
                if (claim.id, line.id) in have:
                    continue
                vals_list.append(
                    {
                        "claim_id": claim.id,
                        "template_id": line.id,
                        "name": line.name,
                        "sequence": line.sequence,
                        "required": line.required,
                        "allowed_formats": line.allowed_formats,
                        "max_size_mb": line.max_size_mb,
                        "note": line.description,
                    }
                )
        return self.env["insurance.claim.document"].create(vals_list)

    def action_generate_documents(self):
        self._generate_documents()
        return True

    # ------------------------------------------------------------------
    # The one-time missing-documents notice (Art. 22)
    # ------------------------------------------------------------------
    def action_missing_documents_notice(self):
        for claim in self:
            claim._send_missing_documents_notice()
        return True

    def _send_missing_documents_notice(self):
        self.ensure_one()
        if not self.is_open:
            raise UserError(self.env._("Claim %(name)s is no longer open.", name=self.name))
        missing = self._missing_documents()
        if not missing:
            raise UserError(
                self.env._(
                    "Nothing is missing on claim %(name)s: every mandatory document has been received.",
                    name=self.name,
                )
            )
        reason = (self.missing_notice_reason or "").strip()
        if self.missing_notice_date and not reason:
            raise UserError(
                self.env._(
                    "The missing-documents notice of claim %(name)s was sent on %(date)s. The law asks for one "
                    "notice listing everything (Insurance Law Art. 22): a further notice needs new facts; write "
                    "them in New Facts for a Further Notice.",
                    name=self.name,
                    date=fields.Datetime.context_timestamp(self, self.missing_notice_date).strftime("%Y-%m-%d %H:%M"),
                )
            )
        claimant = self.claimant_id
        # The notice log keeps the list in the claimant's language, as the mail and the PDF give it.
        local = self.with_context(lang=claimant.lang or self.env.lang)
        lines = []
        for document in missing:
            if document.state == "rejected":
                lines.append(
                    local.env._(
                        "%(document)s (not accepted: %(reason)s)",
                        document=document.name,
                        reason=document.rejection_reason,
                    )
                )
            else:
                lines.append(document.name)
        # the mail template renders the list, the subject and the attached PDF in the claimant's language
        template = self.env.ref("claims_management.mail_template_claim_missing_documents")
        message = self.message_post_with_source(
            template,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="mail.mail_notification_light",
        )[:1]
        now = fields.Datetime.now()
        self.env["insurance.claim.document.notice"].create(
            {
                "claim_id": self.id,
                "date": now,
                "partner_id": claimant.id,
                "is_repeat": bool(self.missing_notice_date),
                "reason": reason or False,
                "missing_items": "\n".join(lines),
                "document_ids": [Command.set(missing.ids)],
                "message_id": message.id,
            }
        )
        vals = {"missing_notice_reason": False}
        if not self.missing_notice_date:
            vals["missing_notice_date"] = now
        if missing.filtered("required") and not self.clock_paused_since:
            # Art. 23: the time waiting for supplementary documents is not counted.
            vals["clock_paused_since"] = now
        self.write(vals)
        return message

    # ------------------------------------------------------------------
    # Dates
    # ------------------------------------------------------------------
    def _clock_tz(self):
        return pytz.timezone(self.company_id.partner_id.tz or DEFAULT_TZ)

    def _clock_local_date(self, value):
        """The local date (company time zone) of a UTC datetime, or ``None``."""
        if not value:
            return None
        return pytz.utc.localize(value).astimezone(self._clock_tz()).date()

    @api.model
    def _clock_today(self, company):
        tz = pytz.timezone(company.partner_id.tz or DEFAULT_TZ)
        return pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()

    def _clock_is_pending(self, clock):
        states, open_field = PENDING[clock]
        return self.state in states and not (open_field and self[open_field])

    @api.model
    def _clock_pending_domain(self, clock):
        states, open_field = PENDING[clock]
        domain = [("state", "in", states)]
        if open_field:
            domain.append((open_field, "=", False))
        return domain

    @api.depends(
        "state",
        "complexity",
        "materials_received_date",
        "materials_complete_date",
        "clock_paused_since",
        "clock_paused_days",
        "agreed_date",
        "rejected_date",
        "rejection_notice_date",
        "company_id.partner_id.tz",
        "company_id.claim_decision_days",
        "company_id.claim_decision_working_days",
        "company_id.claim_payment_days",
        "company_id.claim_rejection_notice_days",
        "company_id.claim_prepayment_days",
        *(f"claim_type_id.{name}" for name in CLOCK_TYPE_FIELDS.values()),
    )
    def _compute_clock_dates(self):
        """Every statutory due date of the claims, in one place (see lib/clocks.py)."""
        working_days = {}

        for claim in self:
            company = claim.company_id

            def add_working_days(day, count, company=company):
                key = (day, count, company.id)
                if key not in working_days:
                    working_days[key] = self._clock_add_working_days(day, count, company)
                return working_days[key]

            local = claim._clock_local_date
            due = {
                clocks.DECISION: None
                if claim.clock_paused_since
                else clocks.decision_due(
                    local(claim.materials_complete_date),
                    claim.complexity,
                    add_working_days,
                    paused=claim.clock_paused_days,
                    complex_days=company.claim_decision_days,
                    simple_working_days=company.claim_decision_working_days,
                ),
                clocks.PAYMENT: clocks.payment_due(local(claim.agreed_date), company.claim_payment_days),
                clocks.REJECTION_NOTICE: clocks.rejection_notice_due(
                    local(claim.rejected_date), company.claim_rejection_notice_days
                ),
                clocks.PREPAYMENT: clocks.prepayment_due(
                    local(claim.materials_received_date or claim.materials_complete_date),
                    company.claim_prepayment_days,
                ),
            }
            for clock, field_name in DUE_FIELDS.items():
                if not claim.claim_type_id._clock_applies(clock):
                    due[clock] = None  # the claim type switched this clock off
                claim[field_name] = due[clock] or False
            running = {clock: day for clock, day in due.items() if day and claim._clock_is_pending(clock)}
            claim.next_due_date = clocks.next_due(running.values()) or False
            claim.next_due_clock = min(running, key=running.get) if running else False

    @api.model
    def _clock_add_working_days(self, day, count, company):
        try:
            return self.env["duty.holiday"].add_working_days(day, count, company)
        except UserError:
            # No holiday calendar for that year yet: count Monday to Friday rather than block the claim.
            _logger.warning("No Chinese holiday calendar around %s: counting weekdays only", day)
            step = datetime.timedelta(days=1 if count >= 0 else -1)
            remaining = abs(count)
            while remaining:
                day += step
                remaining -= day.weekday() < 5
            return day

    @api.depends("next_due_date")
    def _compute_is_overdue(self):
        for claim in self:
            claim.is_overdue = bool(claim.next_due_date) and claim.next_due_date < self._clock_today(claim.company_id)

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue claims with 'is set' or 'is not set'."))
        today = self._clock_today(self.env.company)
        overdue = [("next_due_date", "<", today)]
        return (
            overdue
            if (operator == "=") == value
            else expression.OR([[("next_due_date", "=", False)], [("next_due_date", ">=", today)]])
        )

    # ------------------------------------------------------------------
    # What starts and stops the clocks
    # ------------------------------------------------------------------
    def _update_materials_status(self):
        """After a document change: first receipt, complete materials, and the end of a pause."""
        for claim in self:
            documents = claim.document_ids
            received = documents.filtered(lambda document: document.state in RECEIVED_STATES)
            required = documents.filtered("required")
            now = fields.Datetime.now()
            vals = {}
            if received and not claim.materials_received_date:
                vals["materials_received_date"] = min(date or now for date in received.mapped("received_date"))
            if required and all(document.state in RECEIVED_STATES for document in required):
                moment = max(date or now for date in required.mapped("received_date"))
                vals.update(claim._materials_complete_values(moment))
            if vals:
                claim.write(vals)

    def _materials_complete_values(self, moment):
        """Values when the materials are complete at ``moment``; resumes a paused decision clock."""
        self.ensure_one()
        vals = {}
        if self.clock_paused_since:
            local = self._clock_local_date
            paused = clocks.paused_days(
                local(self.clock_paused_since), local(moment), local(self.materials_complete_date)
            )
            vals.update({"clock_paused_since": False, "clock_paused_days": self.clock_paused_days + paused})
            self.message_post(
                body=self.env._(
                    "All mandatory documents are in: the decision clock runs again (%(days)s days not counted).",
                    days=paused,
                )
            )
        if not self.materials_complete_date:
            vals["materials_complete_date"] = moment
        if not self.materials_received_date:
            vals["materials_received_date"] = moment
        return vals

    def _mark_materials_complete(self, moment=None):
        moment = moment or fields.Datetime.now()
        for claim in self:
            vals = claim._materials_complete_values(moment)
            if vals:
                claim.write(vals)

    def action_mark_materials_complete(self):
        for claim in self:
            if not claim.is_open:
                raise UserError(self.env._("Claim %(name)s is no longer open.", name=claim.name))
        self._mark_materials_complete()
        return True

    def action_rejection_notice_sent(self):
        for claim in self:
            if claim.state != "rejected":
                raise UserError(self.env._("Claim %(name)s has not been rejected.", name=claim.name))
        self.write({"rejection_notice_date": fields.Datetime.now()})
        return True

    # ------------------------------------------------------------------
    # Hourly alerts
    # ------------------------------------------------------------------
    def _claims_directors(self, company):
        directors = self.env.ref("claims_management.group_claims_manager").users
        return directors.filtered(lambda user: company in user.company_ids and not user.share and user.active).sorted(
            "id"
        )

    @api.model
    def _cron_statutory_clocks(self):
        """Due-soon deadlines go to the handler, overdue ones to the directors: each once per claim and clock.

        The claims are found by indexed domains on the due dates; the alerts already
        sent are kept in ``insurance.claim.clock.alert``.
        """
        Alert = self.env["insurance.claim.clock.alert"]
        for company in self.env["res.company"].search([]):
            today = self._clock_today(company)
            warning_days = company.claim_clock_warning_days
            horizon = today + datetime.timedelta(days=warning_days)
            directors = self._claims_directors(company)
            for clock, field_name in DUE_FIELDS.items():
                claims = self.search(
                    expression.AND(
                        [
                            [("company_id", "=", company.id), (field_name, "!=", False), (field_name, "<=", horizon)],
                            self._clock_pending_domain(clock),
                        ]
                    )
                )
                if not claims:
                    continue
                done = {
                    (alert.claim_id.id, alert.level, alert.due_date)
                    for alert in Alert.search([("claim_id", "in", claims.ids), ("clock", "=", clock)])
                }
                alerts, activity_vals = [], []
                for claim in claims:
                    due = claim[field_name]
                    level = clocks.alert_level(due, today, warning_days)
                    if not level or (claim.id, level, due) in done:
                        continue
                    if level == clocks.OVERDUE:
                        users = directors
                        claim._clock_escalate(clock, due, directors, schedule=False)
                    else:
                        users = claim.handler_user_id or directors[:1]
                        if not users:
                            continue  # nobody to tell yet: try again next hour
                    activity_vals += claim._clock_activity_vals(clock, due, users, level)
                    alerts.append(
                        {
                            "claim_id": claim.id,
                            "clock": clock,
                            "level": level,
                            "due_date": due,
                            "user_ids": [Command.set(users.ids)],
                        }
                    )
                # one batch per clock; the activities themselves are the signal (no assignment mail for each,
                # which cost ~10 queries and a rendered mail per claim)
                self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(activity_vals)
                Alert.create(alerts)

    def _clock_label(self, clock):
        return dict(self._fields["next_due_clock"]._description_selection(self.env))[clock]

    def _clock_schedule_activities(self, clock, due, users, level):
        self.env["mail.activity"].create(self._clock_activity_vals(clock, due, users, level))

    def _clock_activity_vals(self, clock, due, users, level):
        self.ensure_one()
        if level == clocks.OVERDUE:
            summary = self.env._(
                "Overdue: %(clock)s of claim %(name)s was due on %(date)s",
                clock=self._clock_label(clock),
                name=self.name,
                date=due,
            )
        else:
            summary = self.env._(
                "%(clock)s of claim %(name)s due on %(date)s",
                clock=self._clock_label(clock),
                name=self.name,
                date=due,
            )
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

    def _clock_escalate(self, clock, due, directors, schedule=True):
        self.ensure_one()
        if directors and schedule:
            self._clock_schedule_activities(clock, due, directors, clocks.OVERDUE)
        self.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "The statutory deadline %(clock)s of claim %(name)s was due on %(date)s and has passed: "
                "escalated to the claims directors.",
                clock=self._clock_label(clock),
                name=self.name,
                date=due,
            ),
            partner_ids=directors.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
