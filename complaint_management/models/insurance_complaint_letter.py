from odoo import api, fields, models
from odoo.addons.insurance_base.lib.actions import notice_composer_action
from odoo.exceptions import UserError

from ..lib import complaint_clocks as clocks

# letter -> mail template (the PDF is its report attachment)
LETTER_TEMPLATES = {
    "acknowledgement": "complaint_management.mail_template_complaint_acknowledgement",
    "extension": "complaint_management.mail_template_complaint_extension",
    "pause": "complaint_management.mail_template_complaint_pause",
    "decision": "complaint_management.mail_template_complaint_decision",
}


class InsuranceComplaint(models.Model):
    """The letters to the complainant and the proof of notification.

    Acknowledgement, extension notice, appraisal-pause notice and decision letter
    (CBIRC Order 2020 No. 3, Art. 15: how it was checked, the grounds, the result
    and the remedies). Each letter sent leaves an ``insurance.complaint.notification``;
    a delivered decision letter starts the review window.
    """

    _inherit = "insurance.complaint"  # pylint: disable=consider-merging-classes-inherited

    notification_ids = fields.One2many("insurance.complaint.notification", "complaint_id", string="Notifications")
    letter_check_summary = fields.Html(
        "How It Was Checked", copy=False, help="How the complaint was investigated; a section of the decision letter."
    )
    letter_grounds = fields.Html(
        "Grounds", copy=False, help="The facts, contract terms and rules the decision rests on; in the decision letter."
    )
    decision_notified_at = fields.Datetime(
        "Decision Notified",
        compute="_compute_review_window",
        store=True,
        help="When the decision letter reached the complainant (delivered), or else when it was sent.",
    )
    review_window_end_date = fields.Date(
        "Review Request Until",
        compute="_compute_review_window",
        store=True,
        index=True,
        help="The complainant may ask for a review within 30 days (company setting, CBIRC Order 2020 No. 3 "
        "Art. 16) of being notified of the decision.",
    )

    @api.depends(
        "decision_sent_at",
        "notification_ids.kind",
        "notification_ids.status",
        "notification_ids.delivered_at",
        "notification_ids.sent_at",
        "company_id.complaint_review_days",
    )
    def _compute_review_window(self):
        for complaint in self:
            complaint.decision_notified_at = complaint._decision_notified_at() or False
            complaint.review_window_end_date = complaint._review_window_end() or False

    def _decision_notified_at(self):
        """The delivery of the first delivered decision letter; else the sending of the decision."""
        self.ensure_one()
        letters = self.notification_ids.filtered(lambda note: note.kind == "decision").sorted("sent_at")
        delivered = letters.filtered(lambda note: note.status == "delivered" and note.delivered_at)[:1]
        if delivered:
            return delivered.delivered_at
        return self.decision_sent_at or letters[:1].sent_at or None

    def _review_window_end(self):
        """Last day of the review window: the decision notified (delivered, if known) + 30 days.

        The base model may define this too (decision sent + 30 days); a delivered
        decision letter takes precedence over it.
        """
        self.ensure_one()
        notified = self._decision_notified_at()
        if not notified:
            parent = getattr(super(), "_review_window_end", None)
            return parent() if parent else None
        return clocks.review_window_end(
            self.company_id._insurance_local_date(notified), self.company_id.complaint_review_days
        )

    # ------------------------------------------------------------------
    # Sending: the buttons open the composer; the flows send at once
    # ------------------------------------------------------------------
    def _check_letter(self, kind):
        for complaint in self:
            if not complaint.partner_id:
                raise UserError(self.env._("Complaint %(name)s has no complainant.", name=complaint.name))
            if kind != "decision":
                continue
            missing = [
                label
                for label, value in (
                    (self.env._("How It Was Checked"), complaint.letter_check_summary),
                    (self.env._("Grounds"), complaint.letter_grounds),
                    (self.env._("Result"), complaint.result),
                )
                if not value or (isinstance(value, str) and not value.strip())
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "The decision letter of complaint %(name)s needs: %(missing)s.",
                        name=complaint.name,
                        missing=", ".join(missing),
                    )
                )

    def _letter_composer_action(self, kind, **links):
        marks = {"complaint_letter": kind}
        marks.update({f"complaint_letter_{name}": record.id for name, record in links.items() if record})
        return notice_composer_action(self, self.env.ref(LETTER_TEMPLATES[kind]), marks)

    def _letter_composer_context(self, kind, **links):
        return self._letter_composer_action(kind, **links)["context"]

    def _action_send_letter(self, kind):
        self.ensure_one()
        self._check_letter(kind)
        return self._letter_composer_action(kind)

    def action_send_acknowledgement(self):
        return self._action_send_letter("acknowledgement")

    def action_send_decision_letter(self):
        return self._action_send_letter("decision")

    def _send_letter(self, kind, extension=None, pause=None):
        """Send a letter now, with its PDF, through the composer; it records the notification."""
        self.ensure_one()
        self._check_letter(kind)
        context = self._letter_composer_context(kind, extension=extension, pause=pause)
        composer = (
            self.env["mail.compose.message"]
            .with_context(**context)
            .create({"model": self._name, "res_ids": self.ids, "composition_mode": "comment"})
        )
        composer._action_send_mail()

    def message_post(self, **kwargs):
        kind = self.env.context.get("complaint_letter")
        if kind not in LETTER_TEMPLATES:
            return super().message_post(**kwargs)
        context = self.env.context
        complaints = self.with_context(
            complaint_letter=False, complaint_letter_extension=False, complaint_letter_pause=False
        )
        message = super(InsuranceComplaint, complaints).message_post(**kwargs)
        complaints._record_notification(
            kind, message, context.get("complaint_letter_extension"), context.get("complaint_letter_pause")
        )
        return message

    def _record_notification(self, kind, message, extension_id=None, pause_id=None):
        self._check_letter(kind)
        pdf = message.attachment_ids.filtered(lambda attachment: attachment.mimetype == "application/pdf")[:1]
        self.env["insurance.complaint.notification"].create(
            [
                {
                    "complaint_id": complaint.id,
                    "partner_id": complaint.partner_id.id,
                    "kind": kind,
                    "channel": "email" if complaint.partner_id.email else "post",
                    "attachment_id": pdf.id,
                    "message_id": message.id,
                    "extension_id": extension_id,
                    "pause_id": pause_id,
                }
                for complaint in self
            ]
        )

    # ------------------------------------------------------------------
    # Report helpers
    # ------------------------------------------------------------------
    def _letter_extension(self):
        """The extension the notice speaks of: the last one applied."""
        self.ensure_one()
        extension_id = self.env.context.get("complaint_letter_extension")
        if extension_id:
            return self.env["insurance.complaint.extension"].browse(extension_id)
        return self.extension_ids.filtered(lambda ext: ext.state == "approved").sorted("level")[-1:]

    def _letter_pause(self):
        self.ensure_one()
        pause_id = self.env.context.get("complaint_letter_pause")
        if pause_id:
            return self.env["insurance.clock.pause"].browse(pause_id)
        return self.pause_ids.sorted("start_at")[-1:]

    @api.model
    def _letter_remedies(self):
        """The complainant's remedies against the decision, in the reader's language."""
        return [
            self.env._(
                "Review: within %(days)s days of receiving this letter you may ask our upper-level institution to "
                "review the decision.",
                days=(self.company_id[:1] or self.env.company).complaint_review_days,
            ),
            self.env._("Mediation: apply to an insurance dispute mediation organisation."),
            self.env._("Arbitration: apply to an arbitration commission if an arbitration agreement exists."),
            self.env._("Litigation: bring a lawsuit before the people's court."),
        ]
