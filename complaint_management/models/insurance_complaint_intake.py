from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize, plaintext2html

# what the company may already hold about a complainant (Art. 13)
HELD_FACT_FIELDS = (
    "complainant_name",
    "complainant_id_number",
    "complainant_contact",
    "complainant_address",
    "complainant_credit_code",
)


class InsuranceComplaint(models.Model):
    """Intake from outside: the email alias, the public web form and the complainant's portal."""

    _inherit = "insurance.complaint"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Back-office intake: what the policy's roster and the claim hold about the complainant
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # filled before the record exists: a complaint registered by staff is complete at once (Art. 13)
        for vals in vals_list:
            for name, value in self.new(vals)._held_facts_missing().items():
                if not vals.get(name):
                    vals[name] = value
        return super().create(vals_list)

    def write(self, vals):
        if {"policy_id", "claim_id"} & vals.keys() and not {"partner_id", "complainant_type"} & vals.keys():
            # naming the policy or the claim recomputes the complainant; the facts stated stay as they are
            for complaint in self:
                kept = {name: complaint[name] for name in HELD_FACT_FIELDS if name not in vals and complaint[name]}
                super(InsuranceComplaint, complaint).write({**vals, **kept})
            result = True
        else:
            result = super().write(vals)
        if {"policy_id", "claim_id", "partner_id", "complainant_type"} & vals.keys():
            self._fill_held_facts()
        return result

    @api.onchange("policy_id", "claim_id", "partner_id", "complainant_type")
    def _onchange_held_facts(self):
        for complaint in self:
            for name, value in complaint._held_facts_missing().items():
                complaint[name] = value

    def _held_facts_missing(self):
        """The blanks among the complainant's ID number, contact and address that the policy's insured
        roster or the claim fill (Art. 13: never ask for what the company holds). Never overwrites.

        Staff intake only: a public-form or portal complainant states their own facts and is never shown
        what the company holds.
        """
        self.ensure_one()
        if self.env.user.share or not self.partner_id or self.complainant_type not in ("person", "heir"):
            return {}
        if not (self.policy_id or self.claim_id):
            return {}
        wanted = ["complainant_contact", "complainant_address"]
        if self.complainant_type == "person":
            wanted.append("complainant_id_number")
        blanks = [name for name in wanted if not self[name]]
        if not blanks:
            return {}
        facts = self._held_person_facts()
        keys = {"complainant_id_number": "id_number", "complainant_contact": "phone", "complainant_address": "address"}
        return {name: facts[keys[name]] for name in blanks if facts.get(keys[name])}

    def _fill_held_facts(self):
        for complaint in self:
            if complaint.is_open:
                values = complaint._held_facts_missing()
                if values:
                    super(InsuranceComplaint, complaint).write(values)
        return True

    def _held_person_facts(self):
        """{id_number, phone, address} of the complainant on the claim's or the policy's insured roster.

        The claim's insured person first when it is the complainant, then the complainant's row on the
        roster of the policy (linked to the partner, else of the same name).
        """
        self.ensure_one()
        partner = self.partner_id
        # officers hold no roster rights: only the complainant's own row, three facts, are read
        claim = self.claim_id.sudo()
        policy = claim.policy_id or self.policy_id
        rows = self.env["insurance.policy.insured"].sudo()
        if claim.insured_id and partner in (claim.insured_id.partner_id | claim.claimant_id):
            if claim.insured_id.partner_id == partner or claim.insured_id.name == partner.name:
                rows |= claim.insured_id
        if policy:
            rows |= rows.search(
                [
                    ("policy_id", "=", policy.id),
                    ("kind", "=", "person"),
                    "|",
                    ("partner_id", "=", partner.id),
                    "&",
                    ("partner_id", "=", False),
                    ("name", "=", partner.name),
                ],
                limit=2,
                order="id",
            )
        facts = {}
        for row in rows:
            for name, value in (("id_number", row.id_number), ("phone", row.phone), ("address", row.address)):
                if value and not facts.get(name):
                    facts[name] = value
        return facts

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
