from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize, plaintext2html


class InsuranceComplaint(models.Model):
    """Intake from outside: the email alias, the public web form and the complainant's portal."""

    _inherit = "insurance.complaint"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Email alias: a mail to the complaints alias opens a complaint
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        values = dict(custom_values or {})
        email_from = msg_dict.get("email_from") or msg_dict.get("from")
        partner = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        if not partner and email_from:
            partner = self._mail_find_partner_from_emails([email_from], force_create=True)[0]
        values.update(
            {
                "name": "/",  # the base would take the subject as number: keep the sequence
                "channel": "email",
                "partner_id": partner.id,
                "demand": msg_dict.get("subject") or self.env._("(no subject)"),
                "facts": msg_dict.get("body"),
            }
        )
        return super().message_new(msg_dict, custom_values=values)

    # ------------------------------------------------------------------
    # Public web form
    # ------------------------------------------------------------------
    @api.model
    def _intake_partner(self, name, email, phone, company):
        """The complainant of a public-form post: the company's contact with this email, else a new one."""
        Partner = self.env["res.partner"]
        normalized = email_normalize(email) if email else False
        if normalized:
            partner = Partner.search(
                [("email_normalized", "=", normalized), ("company_id", "in", [company.id, False])], limit=1
            )
            if partner:
                return partner
        return Partner.create(
            {"name": name, "email": email or False, "phone": phone or False, "company_id": company.id}
        )

    @api.model
    def _create_from_public_form(self, form, uploads, channel="web_form", partner=None):
        """Create a complaint from checked form values and ``uploads`` [(file name, bytes, mimetype)].

        Called by the controllers with ``sudo()``: the public (or portal) user has no
        create right on complaints, partners or attachments. Only the fields named
        here are written, from values the controller checked; the caller wraps the
        call in a savepoint so a failure leaves nothing behind.
        """
        company = self.env.company
        if partner is None:
            partner = self._intake_partner(form["name"], form.get("email"), form.get("phone"), company)
        complaint = self.with_company(company).create(
            {
                "company_id": company.id,
                "partner_id": partner.id,
                "channel": channel,
                "origin": "self",
                "demand": form["demand"],
                "facts": plaintext2html(form["facts"]),
            }
        )
        attachments = self.env["ir.attachment"].create(
            [
                {
                    "name": file_name,
                    "raw": content,
                    "mimetype": mimetype,
                    "res_model": self._name,
                    "res_id": complaint.id,
                }
                for file_name, content, mimetype in uploads
            ]
        )
        channels = dict(self._fields["channel"]._description_selection(self.env))
        complaint.message_post(
            body=self.env._("Received through: %(channel)s.", channel=channels[channel]),
            attachment_ids=attachments.ids,
        )
        return complaint

    # ------------------------------------------------------------------
    # Portal: deadline and review request
    # ------------------------------------------------------------------
    def _portal_decision_due(self):
        """The local day the decision is due by law, with approved extensions and pauses."""
        self.ensure_one()
        return self.decision_due_date

    def _portal_review_deadline(self):
        """The last local day the complainant may ask for a review."""
        self.ensure_one()
        return self._review_window_end()

    def _portal_can_request_review(self):
        self.ensure_one()
        deadline = self._portal_review_deadline()
        today = self._local_date(fields.Datetime.now())
        return self.state in ("decided", "closed") and bool(deadline) and today <= deadline

    def _portal_request_review(self, reason):
        """The complainant asks the upper level to review the decision (within the review window)."""
        self.ensure_one()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Tell us why the decision should be reviewed."))
        self.review_reason = reason
        self.action_request_review()
        self.message_post(
            body=plaintext2html(self.env._("Review requested on the portal: %(reason)s", reason=reason)),
            author_id=self.partner_id.id,
        )
        return True
