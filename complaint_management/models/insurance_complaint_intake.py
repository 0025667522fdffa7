from odoo import api, fields, models
from odoo.addons.insurance_base.lib import portal_fields
from odoo.addons.mail.tools.alias_error import AliasError
from odoo.exceptions import UserError, ValidationError
from odoo.tools import email_normalize, html2plaintext, plaintext2html

# characters accepted on the free texts a complainant writes (the forms refuse longer ones with the same limits)
TEXT_LIMITS = {"demand": 2000, "facts": 20000, "review_reason": 5000}
# what the complainant reads of their complaint: what they filed, where it stands and when it is due;
# the result and the decision only once sent (see _portal_decision), never the handling plan, the people
# held liable, the costs, the accountability or the reviewers' notes
PORTAL_READ_FIELDS = portal_fields.FRAMEWORK_FIELDS | {
    "name",
    "state",
    "is_open",
    "company_id",
    "partner_id",
    "complainant_type",
    "complainant_name",
    "complainant_contact",
    "channel",
    "received_at",
    "demand",
    "facts",
    "policy_id",
    "claim_id",
    "decision_due_date",
    "decision_sent_at",
    "review_requested_at",
    "review_reason",
}

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

    _name = "insurance.complaint"
    _inherit = ["insurance.complaint", "insurance.portal.restricted"]  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _portal_read_fields(self):
        """The fields a portal user may read (every other one is for the insurer's staff only)."""
        return PORTAL_READ_FIELDS

    possible_partner_ids = fields.Many2many(
        "res.partner",
        string="Possible Existing Contacts",
        compute="_compute_possible_partner_ids",
        help="Contacts of the company with the same email as the complainant. A complaint from outside always "
        "opens a new contact; after checking the identity, merge the contacts with Odoo's contact merge.",
    )

    @api.depends("partner_id.email_normalized", "company_id")
    def _compute_possible_partner_ids(self):
        emails = {email for email in self.partner_id.mapped("email_normalized") if email}
        candidates = self.env["res.partner"].search([("email_normalized", "in", list(emails))]) if emails else None
        for complaint in self:
            partner = complaint.partner_id
            complaint.possible_partner_ids = (
                candidates.filtered(
                    lambda p, partner=partner, company=complaint.company_id: p.email_normalized
                    == partner.email_normalized
                    and p != partner
                    and (not p.company_id or p.company_id == company)
                )
                if candidates and partner.email_normalized
                else False
            )

    def action_merge_possible_partners(self):
        """Odoo's contact merge, on the complainant and the contacts with the same email."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "base.partner.merge.automatic.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "res.partner",
                "active_ids": (self.partner_id | self.possible_partner_ids).ids,
            },
        }

    @api.constrains(*TEXT_LIMITS)
    def _check_intake_text_lengths(self):
        labels = {name: self._fields[name]._description_string(self.env) for name in TEXT_LIMITS}
        for complaint in self:
            for name, limit in TEXT_LIMITS.items():
                value = complaint[name] or ""
                length = len(html2plaintext(value) if self._fields[name].type == "html" else value)
                if length > limit:
                    raise ValidationError(
                        self.env._(
                            "%(field)s is %(length)s characters long: at most %(limit)s characters are accepted.",
                            field=labels[name],
                            length=length,
                            limit=limit,
                        )
                    )

    # ------------------------------------------------------------------
    # Back-office intake: what the policy's roster and the claim hold about the complainant
    # ------------------------------------------------------------------
    def _compute_complainant_facts(self):
        # at registration (create, form) the blanks are filled in the same pass: complete at once (Art. 13)
        result = super()._compute_complainant_facts()
        for complaint, values in zip(self, self._held_facts_missing(), strict=True):
            for name, value in values.items():
                complaint[name] = value
        return result

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
            self.filtered("is_open")._fill_held_facts()
        return result

    @api.onchange("policy_id", "claim_id")
    def _onchange_held_facts(self):
        for complaint, values in zip(self, self._held_facts_missing(), strict=True):
            for name, value in values.items():
                complaint[name] = value

    def _fill_held_facts(self):
        for complaint, values in zip(self, self._held_facts_missing(), strict=True):
            if values:
                super(InsuranceComplaint, complaint).write(values)  # pylint: disable=super-method-mismatch
        return True

    def _held_facts_missing(self):
        """[{field: value}] per complaint: the blanks among the complainant's ID number, contact and address
        that the policy's insured roster or the claim fill (Art. 13: never ask for what the company holds).
        Never overwrites.

        Staff intake only: a public-form or portal complainant states their own facts and is never shown
        what the company holds.
        """
        keys = {"complainant_id_number": "id_number", "complainant_contact": "phone", "complainant_address": "address"}
        result = [{} for _complaint in self]
        if self.env.user.share:
            return result
        todo = []
        for index, complaint in enumerate(self):
            if not complaint.partner_id or complaint.complainant_type not in ("person", "heir"):
                continue
            if not (complaint.policy_id or complaint.claim_id):
                continue
            wanted = ["complainant_contact", "complainant_address"]
            if complaint.complainant_type == "person":
                wanted.append("complainant_id_number")
            blanks = [name for name in wanted if not complaint[name]]
            if blanks:
                todo.append((index, complaint, blanks))
        if not todo:
            return result
        held = self._held_person_facts([complaint for _index, complaint, _blanks in todo])
        for (index, _complaint, blanks), facts in zip(todo, held, strict=True):
            result[index] = {name: facts[keys[name]] for name in blanks if facts.get(keys[name])}
        return result

    @api.model
    def _held_person_facts(self, complaints):
        """[{id_number, phone, address}] of each complainant on the insured roster, in the order given.

        The claim's insured person first when they are the complainant, then the complainant's row on the
        roster of the policy (linked to the partner, else of the same name). One roster search for all.
        """
        # officers hold no roster rights: only the complainants' own rows, three facts, are read
        Insured = self.env["insurance.policy.insured"].sudo()
        policies = self.env["insurance.policy"]
        partners = self.env["res.partner"]
        for complaint in complaints:
            policies |= complaint.claim_id.sudo().policy_id or complaint.policy_id
            partners |= complaint.partner_id
        rows = Insured.search(
            [
                ("policy_id", "in", policies.ids),
                ("kind", "=", "person"),
                "|",
                ("partner_id", "in", partners.ids),
                "&",
                ("partner_id", "=", False),
                ("name", "in", partners.mapped("name")),
            ],
            order="id",
        )
        by_partner, by_name = {}, {}
        for row in rows:
            if row.partner_id:
                by_partner.setdefault((row.policy_id.id, row.partner_id.id), row)
            else:
                by_name.setdefault((row.policy_id.id, row.name), row)
        result = []
        for complaint in complaints:
            partner = complaint.partner_id
            claim = complaint.claim_id.sudo()
            policy = claim.policy_id or complaint.policy_id
            candidates = []
            insured = claim.insured_id
            if insured and partner in (insured.partner_id | claim.claimant_id):
                if insured.partner_id == partner or insured.name == partner.name:
                    candidates.append(insured)
            for row in (by_partner.get((policy.id, partner.id)), by_name.get((policy.id, partner.name))):
                if row:
                    candidates.append(row)
            facts = {}
            for row in candidates:
                for name, value in (("id_number", row.id_number), ("phone", row.phone), ("address", row.address)):
                    if value and not facts.get(name):
                        facts[name] = value
            result.append(facts)
        return result

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
        facts = msg_dict.get("body")
        if len(html2plaintext(facts or "")) > TEXT_LIMITS["facts"]:
            # the whole mail is kept in the discussion of the complaint: nothing is lost, nothing cut
            facts = plaintext2html(
                self.env._(
                    "The email is longer than %(limit)s characters: read it in full in the discussion below.",
                    limit=TEXT_LIMITS["facts"],
                )
            )
        demand = (msg_dict.get("subject") or "").strip() or self.env._("(no subject)")
        if len(demand) > TEXT_LIMITS["demand"]:
            demand = self.env._("(subject too long: read the email below)")
        values.update(
            {
                "name": "/",  # the base would take the subject as number: keep the sequence
                "channel": "email",
                "partner_id": partner.id,
                "demand": demand,
                "facts": facts,
            }
        )
        return super().message_new(msg_dict, custom_values=values)

    def _alias_get_error(self, message, message_dict, alias):
        """A sender opens at most a few complaints in a window (a reply to a complaint is not counted)."""
        error = super()._alias_get_error(message, message_dict, alias)
        if error or self.ids:
            return error
        sender = email_normalize(message_dict.get("email_from") or "") or (message_dict.get("email_from") or "")
        if not self.env["insurance.complaint.intake.attempt"].sudo()._register_post(f"mail:{sender}"):
            message_dict["insurance_complaint_refusal"] = self.env._(
                "Too many complaints were sent from your address. Please try again later, "
                "or answer the email of the complaint you already opened."
            )
            return AliasError(
                "error_complaint_rate_limit", self.env._("too many complaints from %(sender)s", sender=sender)
            )
        return False

    # ------------------------------------------------------------------
    # Public web form
    # ------------------------------------------------------------------
    @api.model
    def _intake_partner(self, name, email, phone, company):
        """The complainant of a public-form post: always a new contact.

        Anybody can type anybody's email: linking the complaint to the contact found by it
        would show that customer's facts (ID number, address, earlier complaints) to a
        stranger and file the stranger's words under the customer. Staff see the contacts
        with the same email on the complaint and merge them once the identity is checked.
        """
        return self.env["res.partner"].create(
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

    def _portal_decision(self):
        """The result and the decision as sent to the complainant; nothing while they are drafts."""
        self.ensure_one()
        if not self.decision_sent_at:
            return {}
        results = dict(self._fields["result"]._description_selection(self.env))
        return {"result": results.get(self.result), "summary": self.decision_summary}

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
