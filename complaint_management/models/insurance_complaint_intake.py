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
                super(InsuranceComplaint, complaint).write(values)
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
