from odoo import Command, api, fields, models
from odoo.addons.insurance_base.lib import deadline
from odoo.exceptions import UserError

from .insurance_claim_document import RECEIVED_STATES
from .insurance_claim_type import CLOCK_TYPE_FIELDS
from .insurance_clock import CLAIM_CLOCKS, DECISION, PAYMENT, PREPAYMENT, REJECTION_NOTICE

# the company setting that gives each clock's length, and the legal basis it applies
CLOCK_SETTINGS = {
    PAYMENT: ("claim_payment_days", "PRC Insurance Law Art. 23"),
    REJECTION_NOTICE: ("claim_rejection_notice_days", "PRC Insurance Law Art. 24"),
    PREPAYMENT: ("claim_prepayment_days", "PRC Insurance Law Art. 25"),
}
# the due-date field of each clock, read from the clock rows
DUE_FIELDS = {
    DECISION: "decision_due_date",
    PAYMENT: "payment_due_date",
    REJECTION_NOTICE: "rejection_notice_due_date",
    PREPAYMENT: "prepayment_due_date",
}


class InsuranceClaim(models.Model):
    """The document checklist, the one-time missing-documents notice and the statutory clocks of a claim.

    PRC Insurance Law Arts. 22-25. The clocks are rows of the deadline engine
    (``insurance_base``): this file says when each starts, pauses and is met.
    """

    _name = "insurance.claim"
    _inherit = ["insurance.claim", "insurance.clock.mixin"]  # pylint: disable=consider-merging-classes-inherited
    _clock_manager_group = "claims_management.group_claims_director"
    _clock_user_field = "handler_user_id"
    _clock_department_field = "department_id"

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
    missing_notice_at = fields.Datetime(
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

    materials_received_at = fields.Datetime(
        "Materials Received On",
        readonly=True,
        copy=False,
        index=True,
        help="When the first claim document was received; the prepayment clock (Art. 25) runs from here.",
    )
    materials_complete_at = fields.Datetime(
        "Materials Complete On",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="When every mandatory document was received (or the claim was marked complete by hand); "
        "the decision clock (Art. 23) runs from here.",
    )
    agreed_at = fields.Datetime("Agreed On", readonly=True, copy=False, index=True, tracking=True)
    rejected_at = fields.Datetime("Rejected On", readonly=True, copy=False, index=True, tracking=True)
    rejection_notice_at = fields.Datetime(
        "Rejection Notice Sent On", readonly=True, copy=False, tracking=True, help="Stops the Art. 24 clock."
    )
    clock_paused_since = fields.Datetime(
        "Decision Clock Paused Since",
        compute="_compute_clock_due_dates",
        compute_sudo=True,
        help="Set by the missing-documents notice: the time waiting for supplementary documents is not counted.",
    )
    clock_paused_days = fields.Float(
        "Days Paused",
        compute="_compute_clock_due_dates",
        compute_sudo=True,
        help="Days (working days for a simple claim) the decision clock stood still waiting for documents.",
    )
    decision_due_date = fields.Date(
        "Decision Due",
        compute="_compute_clock_due_dates",
        compute_sudo=True,
        help="Complete materials + 30 days (complex) or + 5 working days (simple), the days paused waiting for "
        "documents not counted (Insurance Law Art. 23).",
    )
    payment_due_date = fields.Date(
        "Payment Due",
        compute="_compute_clock_due_dates",
        compute_sudo=True,
        help="Agreement with the claimant + 10 days (Insurance Law Art. 23).",
    )
    rejection_notice_due_date = fields.Date(
        "Rejection Notice Due",
        compute="_compute_clock_due_dates",
        compute_sudo=True,
        help="Decision to reject + 3 days (Insurance Law Art. 24).",
    )
    prepayment_due_date = fields.Date(
        "Prepayment Due",
        compute="_compute_clock_due_dates",
        compute_sudo=True,
        help="Materials received + 60 days: prepay what can be determined if the amount is not settled "
        "(Insurance Law Art. 25).",
    )
    next_due_clock = fields.Selection(related="next_due_clock_id.kind", string="Next Deadline For", store=True)

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
                vals.setdefault("agreed_at", now)
            if vals.get("state") == "rejected":
                vals.setdefault("rejected_at", now)
        claims = super().create(vals_list)
        claims._generate_documents()
        return claims

    def write(self, vals):
        new_state = vals.get("state")
        completing = self.browse()
        now = fields.Datetime.now()
        before = {claim.id: claim.state for claim in self} if new_state else {}
        if new_state:
            vals = dict(vals)
            if new_state == "agreed" and not all(self.mapped("agreed_at")):
                vals.setdefault("agreed_at", now)
            if new_state == "rejected":
                vals.setdefault("rejected_at", now)
                vals.setdefault("rejection_notice_at", False)
            if new_state == "assessment":
                # "Documents Complete" marks the materials complete by hand when the checklist did not.
                completing = self.filtered(lambda claim: claim.state == "documents" and not claim.materials_complete_at)
        result = super().write(vals)
        if completing:
            completing._mark_materials_complete(now)
        if new_state:
            changed = self.filtered(lambda claim: before[claim.id] != new_state)
            changed._clock_follow_state(new_state, before, now)
        if vals.get("claim_type_id"):
            self._generate_documents()
        if vals.get("claim_type_id") or "complexity" in vals:
            self._clock_refresh_specs()
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
        if self.missing_notice_at and not reason:
            raise UserError(
                self.env._(
                    "The missing-documents notice of claim %(name)s was sent on %(date)s. The law asks for one "
                    "notice listing everything (Insurance Law Art. 22): a further notice needs new facts; write "
                    "them in New Facts for a Further Notice.",
                    name=self.name,
                    date=fields.Datetime.context_timestamp(self, self.missing_notice_at).strftime("%Y-%m-%d %H:%M"),
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
                "is_repeat": bool(self.missing_notice_at),
                "reason": reason or False,
                "missing_items": "\n".join(lines),
                "document_ids": [Command.set(missing.ids)],
                "message_id": message.id,
            }
        )
        vals = {"missing_notice_reason": False}
        if not self.missing_notice_at:
            vals["missing_notice_at"] = now
        self.write(vals)
        decision = self._clock_open(DECISION)
        if missing.filtered("required") and decision and decision.state != "paused":
            # Art. 23: the time waiting for supplementary documents is not counted.
            self._clock_pause(DECISION, now, "documents", "\n".join(lines))
        return message

    # ------------------------------------------------------------------
    # The clocks: what each one is, and the due dates the views show
    # ------------------------------------------------------------------
    def _clock_spec(self, kind):
        """Length, unit and legal basis of clock ``kind`` for this claim, from the company's settings."""
        self.ensure_one()
        if kind not in CLAIM_CLOCKS:
            return None
        if self.claim_type_id and not self.claim_type_id[CLOCK_TYPE_FIELDS[kind]]:
            return None  # the claim type switched this clock off
        company = self.company_id
        spec = {"warning_days": company.claim_clock_warning_days}
        if kind == DECISION:
            if self.complexity == "simple":
                spec.update(
                    length=company.claim_decision_working_days,
                    unit=deadline.WORKING_DAYS,
                    legal_basis=self.env._("PRC Insurance Law Art. 23 (simple claim)"),
                )
            else:
                spec.update(
                    length=company.claim_decision_days,
                    unit=deadline.CALENDAR_DAYS,
                    legal_basis=self.env._("PRC Insurance Law Art. 23"),
                )
            return spec
        setting, basis = CLOCK_SETTINGS[kind]
        spec.update(length=company[setting], unit=deadline.CALENDAR_DAYS, legal_basis=basis)
        return spec

    @api.depends("clock_ids.due_date", "clock_ids.state", "clock_ids.paused_units")
    def _compute_clock_due_dates(self):
        for claim in self:
            by_kind = {}
            for clock in claim.clock_ids.sorted("id"):
                by_kind[clock.kind] = clock  # the latest of each kind
            for kind, field_name in DUE_FIELDS.items():
                clock = by_kind.get(kind)
                claim[field_name] = clock.due_date if clock and clock.state != "not_applicable" else False
            decision = by_kind.get(DECISION)
            open_pause = decision.pause_ids.filtered(lambda pause: not pause.end_at) if decision else None
            claim.clock_paused_since = open_pause[:1].start_at if open_pause else False
            claim.clock_paused_days = decision.paused_units if decision else 0.0

    def _clock_follow_state(self, new_state, before, now):
        """Start and meet the clocks as the claim moves on its life cycle."""
        if new_state in ("approved", "rejected"):
            self._clock_meet(DECISION, now)
        if new_state == "rejected":
            self._clock_stop(PREPAYMENT, self.env._("Rejected"))
            self._clock_start(REJECTION_NOTICE, {claim.id: claim.rejected_at or now for claim in self})
        if new_state == "agreed":
            # the amount is settled: nothing is left to prepay
            self._clock_meet(PREPAYMENT, now)
            unpaid = self.filtered(lambda claim: before.get(claim.id) == "paid")
            # a payment undone (bill reversed) leaves the agreement's payment clock running again
            for claim in unpaid:
                claim.sudo().clock_ids.filtered(lambda clock: clock.kind == PAYMENT).sorted("id")[-1:]._reopen(
                    self.env._("The payment was undone")
                )
            (self - unpaid)._clock_start(PAYMENT, {claim.id: claim.agreed_at or now for claim in self})
        if new_state in ("paid", "closed"):
            self._clock_meet([PAYMENT, PREPAYMENT], now)
        if new_state in ("closed", "withdrawn"):
            label = dict(self._fields["state"]._description_selection(self.env))[new_state]
            self._clock_stop(None, label)
        reopened = self.filtered(lambda claim: before.get(claim.id) in ("closed", "rejected", "withdrawn"))
        if reopened and new_state not in ("closed", "rejected", "withdrawn"):
            # a reopened claim is decided again: a fresh decision clock from the reopening
            reopened.filtered("materials_complete_at")._clock_restart(DECISION, now, self.env._("Reopened"))

    def _clock_refresh_specs(self):
        """The type or the complexity changed: running clocks take the length and unit that now apply."""
        for claim in self:
            for clock in claim._clock_open():
                spec = claim._clock_spec(clock.kind)
                if spec:
                    clock._apply_spec({name: spec[name] for name in ("length", "unit", "warning_days")}, "setting")
                else:
                    clock._stop(self.env._("Switched off on the claim type"))

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
            if received and not claim.materials_received_at:
                moment = min(date or now for date in received.mapped("received_at"))
                claim.write({"materials_received_at": moment})
                claim._clock_start(PREPAYMENT, moment)
            if required and all(document.state in RECEIVED_STATES for document in required):
                moment = max(date or now for date in required.mapped("received_at"))
                claim._materials_complete(moment)

    def _materials_complete(self, moment):
        self._mark_materials_complete(moment)

    def _mark_materials_complete(self, moment=None):
        """The materials are complete at ``moment``: the decision clock starts, or resumes if it was paused.

        In batch: one write per date field and one insert of clock rows for all the claims.
        """
        moment = moment or fields.Datetime.now()
        for clock in self._clock_open(DECISION).filtered(lambda clock: clock.state == "paused"):
            pause = clock.pause_ids.filtered(lambda pause: not pause.end_at)[:1]
            clock._resume(max(moment, pause.start_at))
            self.browse(clock.res_id).message_post(
                body=self.env._(
                    "All mandatory documents are in: the decision clock runs again (%(days)s days not counted), "
                    "due on %(date)s.",
                    days=round(clock.paused_units, 1),
                    date=clock.due_date,
                )
            )
        self.filtered(lambda claim: not claim.materials_complete_at).write({"materials_complete_at": moment})
        self.filtered(lambda claim: not claim.materials_received_at).write({"materials_received_at": moment})
        self._clock_start(PREPAYMENT, {claim.id: claim.materials_received_at for claim in self})
        self._clock_start(DECISION, {claim.id: claim.materials_complete_at for claim in self})

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
        now = fields.Datetime.now()
        self.write({"rejection_notice_at": now})
        self._clock_meet(REJECTION_NOTICE, now)
        return True
