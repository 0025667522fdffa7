from odoo import fields, models
from odoo.exceptions import UserError

RELATIONS = [("policyholder", "Policyholder"), ("insured", "Insured"), ("beneficiary", "Beneficiary")]


class InsuranceRecordDisclosure(models.Model):
    """Claim information shown or sent to someone outside: only to the policyholder, the insured or the
    beneficiary, after their identity is confirmed (records rules, customer information enquiries)."""

    _name = "insurance.record.disclosure"
    _description = "Claim Information Disclosure"
    _inherit = ["insurance.workflow.guard", "mail.thread"]
    _order = "id desc"
    _check_company_auto = True
    _workflow_protected_fields = (
        "state",
        "matched_partner_id",
        "relation",
        "confirmed_by_id",
        "confirmed_at",
        "disclosed_at",
    )

    file_id = fields.Many2one(
        "insurance.record.file",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain=[("kind", "=", "claim")],
    )
    claim_id = fields.Many2one(related="file_id.claim_id", store=True, index=True)
    company_id = fields.Many2one(related="file_id.company_id", store=True, index=True)
    requester_name = fields.Char("Who Asked", required=True)
    requester_id_number = fields.Char("ID Number Shown", required=True, help="The resident ID card the person showed.")
    channel = fields.Selection(
        [("counter", "Shown at the counter"), ("phone", "Told by phone"), ("mail", "Sent by mail or e-mail")],
        required=True,
        default="counter",
    )
    information = fields.Text("What Was Given", required=True)
    state = fields.Selection(
        [("draft", "Identity Not Confirmed"), ("confirmed", "Identity Confirmed"), ("disclosed", "Disclosed")],
        required=True,
        default="draft",
        tracking=True,
        index=True,
    )
    relation = fields.Selection(RELATIONS, readonly=True)
    matched_partner_id = fields.Many2one("res.partner", readonly=True)
    confirmed_by_id = fields.Many2one("res.users", "Identity Confirmed by", readonly=True)
    confirmed_at = fields.Datetime(readonly=True)
    disclosed_at = fields.Datetime(readonly=True)

    def write(self, vals):
        if not self.env.su and set(vals) - set(self._workflow_protected_fields) - {"information", "channel"}:
            if self.filtered(lambda record: record.state != "draft"):
                raise UserError(self.env._("Who asked and the ID shown are fixed once the identity is confirmed."))
        if not self.env.su and self.filtered(lambda record: record.state == "disclosed"):
            if set(vals) - set(self._workflow_protected_fields):
                raise UserError(self.env._("A disclosure is logged as it was given."))
        return super().write(vals)

    def _parties(self):
        """``[(relation, partner or False, ID number)]`` who may receive this claim's information."""
        self.ensure_one()
        claim = self.file_id.claim_id.sudo()
        policy = claim.policy_id
        parties = [
            ("policyholder", policy.policyholder_id, policy.policyholder_id.insurance_id_number),
            ("insured", policy.insured_partner_id, policy.insured_partner_id.insurance_id_number),
            ("beneficiary", policy.beneficiary_id, policy.beneficiary_id.insurance_id_number),
        ]
        if claim.insured_id.kind == "person":
            parties.append(("insured", False, claim.insured_id.id_number))
        return [(relation, partner, number) for relation, partner, number in parties if number]

    def action_confirm_identity(self):
        from stdnum.cn import ric

        self._check_state("draft")
        for record in self:
            number = (record.requester_id_number or "").strip().upper()
            if not ric.is_valid(number):
                raise UserError(
                    self.env._(
                        "%(number)s is not a valid resident ID number: check the card again.",
                        number=record.requester_id_number,
                    )
                )
            match = [(relation, partner) for relation, partner, known in record._parties() if known.upper() == number]
            if not match:
                raise UserError(
                    self.env._(
                        "The ID number shown is not that of the policyholder, the insured or the beneficiary of "
                        "claim %(claim)s: nothing may be disclosed to %(name)s.",
                        claim=record.claim_id.name,
                        name=record.requester_name,
                    )
                )
            relation, partner = match[0]
            record._workflow_write(
                {
                    "state": "confirmed",
                    "relation": relation,
                    "matched_partner_id": partner.id if partner else False,
                    "confirmed_by_id": self.env.uid,
                    "confirmed_at": fields.Datetime.now(),
                }
            )
        return True

    def action_disclose(self):
        for record in self:
            if record.state != "confirmed":
                raise UserError(
                    self.env._(
                        "Confirm the identity of %(name)s against the policyholder, insured or beneficiary first: "
                        "claim information is never given without it.",
                        name=record.requester_name,
                    )
                )
        self._workflow_write({"state": "disclosed", "disclosed_at": fields.Datetime.now()})
        for record in self:
            record.file_id.message_post(
                body=self.env._(
                    "Claim information given to %(name)s (%(relation)s, identity confirmed by %(user)s): %(what)s",
                    name=record.requester_name,
                    relation=dict(self._fields["relation"]._description_selection(self.env))[record.relation],
                    user=record.confirmed_by_id.name,
                    what=record.information,
                )
            )
        return True

    def _check_state(self, state):
        if self.filtered(lambda record: record.state != state):
            raise UserError(self.env._("The identity of this request was already confirmed."))
