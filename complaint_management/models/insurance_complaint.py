import datetime
from collections import defaultdict

from markupsafe import Markup
from stdnum.cn import uscc

from odoo import api, fields, models
from odoo.addons.claims_management.lib import insured_roster
from odoo.addons.claims_management.models.insurance_policy import PRODUCT_LINES
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..lib import repeat_complaints

STATES = [
    ("registered", "Registered"),
    ("validated", "Validated"),
    ("assigned", "Assigned"),
    ("investigating", "Investigating"),
    ("plan", "Handling Plan"),
    ("approved", "Plan Approved"),
    ("decided", "Decision Sent"),
    ("closed", "Closed"),
    ("withdrawn", "Withdrawn"),
    ("review", "Review Requested"),
    ("reviewed", "Review Decided"),
]
OPEN_STATES = ("registered", "validated", "assigned", "investigating", "plan", "approved", "review")
# the normal path; each button moves one step
NEXT_STATE = {
    "registered": "validated",
    "validated": "assigned",
    "assigned": "investigating",
    "investigating": "plan",
    "plan": "approved",
    "approved": "decided",
    "decided": "closed",
}
CHANNELS = [
    ("phone", "Phone"),
    ("hotline", "Hotline"),
    ("visit", "Counter Visit"),
    ("letter", "Letter"),
    ("fax", "Fax"),
    ("sms", "SMS"),
    ("email", "Email"),
    ("portal", "Customer Portal"),
    ("web_form", "Public Web Form"),
    ("regulator", "Regulator Transfer"),
    ("association", "Industry Association"),
    ("media", "Media"),
    ("internet", "Internet"),
]
ORIGINS = [
    ("self", "Received Directly"),
    ("head_office", "Head-office Transfer"),
    ("regulator", "Regulator Transfer"),
    ("department", "Other Department"),
]
COMPLAINANT_TYPES = [
    ("person", "Person"),
    ("organisation", "Organisation"),
    ("agent", "Agent of the Consumer"),
    ("heir", "Heir"),
]
NATURES = [
    ("venting", "Venting Only"),
    ("general", "General"),
    ("major", "Major"),
    ("whistleblowing", "Whistle-blowing"),
]
RESULTS = [
    ("accepted", "Accepted"),
    ("refused", "Refused, Position Lawful"),
    ("invalid", "Invalid"),
]
REPEAT_LEVELS = [
    ("ordinary", "Ordinary (1st)"),
    ("urgent", "Urgent (2nd)"),
    ("major", "Major (3rd or more)"),
]
REVIEW_RESULTS = [
    ("upheld", "Decision Upheld"),
    ("changed", "Decision Changed"),
]
# channels and origins that make a complaint major and a crisis (regulator and media involvement)
MAJOR_CHANNELS = ("regulator", "media")
CRISIS_CHANNELS = ("regulator", "media", "internet")
# complaints arriving unattended from outside: registered as they come, completed before validation
OUTSIDE_CHANNELS = ("email", "portal", "web_form")
# Art. 13: what each complainant type must provide (field names on the complaint)
ART13_FIELDS = {
    "person": ("complainant_name", "complainant_id_number", "complainant_contact"),
    "organisation": ("complainant_name", "complainant_address", "complainant_credit_code", "legal_representative"),
    "agent": ("complainant_name", "power_of_attorney", "complainant_id_number", "complainant_contact"),
    "heir": ("complainant_name", "complainant_contact", "inheritance_proof"),
}
ART13_ALL_FIELDS = tuple(sorted({name for names in ART13_FIELDS.values() for name in names}))


class InsuranceComplaint(models.Model):
    """A consumer complaint (消费投诉) from its receipt to the follow-up visit."""

    _name = "insurance.complaint"
    _description = "Insurance Complaint"
    _inherit = ["insurance.workflow.guard", "mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "received_at desc, id desc"
    _check_company_auto = True
    # written by the transition methods only (see _move and the action_* methods)
    _workflow_protected_fields = (
        "state",
        "plan_submitted_by_id",
        "plan_approved_by_id",
        "plan_approved_at",
        "decision_sent_at",
        "closed_at",
        "review_requested_at",
        "review_decided_by_id",
        "review_decided_at",
        "merged_into_id",
        "repeat_of_id",
    )

    name = fields.Char("Complaint Number", required=True, copy=False, readonly=True, default="/", index="trigram")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(STATES, required=True, default="registered", tracking=True, index=True, copy=False)
    is_open = fields.Boolean(compute="_compute_is_open", store=True, index=True)
    received_at = fields.Datetime(
        "Received", required=True, default=fields.Datetime.now, tracking=True, index=True, copy=False
    )
    clock_start_at = fields.Datetime(
        "Clock Start",
        compute="_compute_clock_start_at",
        store=True,
        readonly=False,
        index=True,
        copy=False,
        help="Start of the statutory clock: the receipt, or the day new facts restarted it after a merge.",
    )
    channel = fields.Selection(CHANNELS, required=True, default="phone", tracking=True, index=True)
    origin = fields.Selection(ORIGINS, required=True, default="self", index=True)
    regulator_case_number = fields.Char(
        tracking=True, copy=False, help="The regulator's case number of a transferred complaint."
    )
    regulator_transferred_at = fields.Datetime(
        "Formally Transferred",
        tracking=True,
        copy=False,
        help="When the regulator formally transferred the case. Empty while the regulator has only passed it on "
        "ahead of a transfer: a withdrawal then counts as a withdrawal before transfer.",
    )
    # who complains (Art. 13 of the 2020 complaint rules)
    complainant_type = fields.Selection(COMPLAINANT_TYPES, required=True, default="person")
    partner_id = fields.Many2one(
        "res.partner",
        "Complainant",
        required=True,
        tracking=True,
        index=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The consumer. Filled from the claimant of the claim or the policyholder of the policy when empty.",
    )
    complainant_name = fields.Char(
        "Name",
        compute="_compute_complainant_facts",
        store=True,
        readonly=False,
        precompute=True,
        help="The person or organisation complaining; for an agent, the agent's name.",
    )
    complainant_id_number = fields.Char(
        "ID Number",
        compute="_compute_complainant_facts",
        store=True,
        readonly=False,
        precompute=True,
        help="Resident identity card number of the complainant; for an agent, the agent's own ID number.",
    )
    complainant_contact = fields.Char(
        "Contact",
        compute="_compute_complainant_facts",
        store=True,
        readonly=False,
        precompute=True,
        help="Phone number or address where the complainant can be reached.",
    )
    complainant_address = fields.Char(
        "Address", compute="_compute_complainant_facts", store=True, readonly=False, precompute=True
    )
    complainant_credit_code = fields.Char(
        "Unified Social Credit Code",
        compute="_compute_complainant_facts",
        store=True,
        readonly=False,
        precompute=True,
        help="统一社会信用代码 of an organisation (GB 32100, 18 characters).",
    )
    legal_representative = fields.Char()
    power_of_attorney = fields.Binary(attachment=True, copy=False)
    power_of_attorney_name = fields.Char("Power of Attorney File Name", copy=False)
    inheritance_proof = fields.Binary("Proof of Inheritance", attachment=True, copy=False)
    inheritance_proof_name = fields.Char("Proof of Inheritance File Name", copy=False)
    art13_missing = fields.Char(
        "Missing Registration Facts",
        compute="_compute_art13_missing",
        help="What Art. 13 requires for this complainant type and is still missing.",
    )
    is_group = fields.Boolean("Group Complaint", help="Several consumers complain together about the same matter.")
    group_size = fields.Integer("People Concerned")
    representative_ids = fields.One2many(
        "insurance.complaint.representative", "complaint_id", string="Representatives", copy=False
    )
    # what is complained about
    policy_id = fields.Many2one(
        "insurance.policy",
        tracking=True,
        index="btree_not_null",
        check_company=True,
        compute="_compute_policy_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    claim_id = fields.Many2one("insurance.claim", tracking=True, index="btree_not_null", check_company=True)
    product_line = fields.Selection(
        PRODUCT_LINES, compute="_compute_product", store=True, readonly=False, precompute=True, index=True
    )
    product_name = fields.Char("Product", compute="_compute_product", store=True, readonly=False, precompute=True)
    agent_id = fields.Many2one("res.partner", "Agent or Agency", index="btree_not_null")
    employee_id = fields.Many2one(
        "hr.employee", "Employee Complained About", index="btree_not_null", check_company=True
    )
    unit_id = fields.Many2one("hr.department", "Unit Complained About", check_company=True)
    demand = fields.Text(help="What the complainant asks for.")
    facts = fields.Html("Facts and Grounds")
    # classification
    category_id = fields.Many2one("insurance.complaint.category", tracking=True, index=True)
    cause = fields.Selection(related="category_id.cause", store=True, index=True)
    possible_loss = fields.Monetary(
        currency_field="currency_id",
        tracking=True,
        help="The actual or possible loss of the complainant; at the company's threshold the complaint is major.",
    )
    nature = fields.Selection(
        NATURES,
        required=True,
        tracking=True,
        index=True,
        compute="_compute_nature",
        store=True,
        readonly=False,
        precompute=True,
    )
    repeat_count = fields.Integer(
        "Complaints in 12 Months",
        compute="_compute_repeat_level",
        store=True,
        help="This complaint and the complainant's earlier ones in the 12 months before it (merged ones excluded).",
    )
    repeat_level = fields.Selection(
        REPEAT_LEVELS, compute="_compute_repeat_level", store=True, index=True, tracking=True
    )
    is_crisis = fields.Boolean(
        "Crisis", tracking=True, index=True, compute="_compute_is_crisis", store=True, readonly=False, precompute=True
    )
    is_valid = fields.Boolean("Valid", default=True, tracking=True)
    invalid_reason = fields.Text(help="Why the complaint is not a valid complaint; sent tactfully to the complainant.")
    # duplicates
    duplicate_ids = fields.Many2many(
        "insurance.complaint",
        compute="_compute_duplicate_ids",
        string="Possible Duplicates",
        help="Open complaints of the same complainant about the same policy, claim or category.",
    )
    duplicate_count = fields.Integer(compute="_compute_duplicate_ids")
    merged_into_id = fields.Many2one("insurance.complaint", readonly=True, copy=False, index="btree_not_null")
    merged_ids = fields.One2many("insurance.complaint", "merged_into_id", string="Merged Complaints")
    repeat_of_id = fields.Many2one(
        "insurance.complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The earlier case on the same matter this one repeats: it came after that case's statutory deadline, "
        "so it is handled as a case of its own rather than merged.",
    )
    # handling
    department_id = fields.Many2one("hr.department", "Handling Department", tracking=True, check_company=True)
    user_id = fields.Many2one(
        "res.users", "Owner", tracking=True, index=True, domain="[('share', '=', False)]", check_company=True
    )
    claim_status = fields.Html(compute="_compute_claim_status", sanitize=False)
    handling_plan = fields.Text(tracking=True, copy=False)
    plan_submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    plan_approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    plan_approved_at = fields.Datetime("Plan Approved On", readonly=True, copy=False)
    result = fields.Selection(RESULTS, tracking=True, copy=False)
    decision_summary = fields.Html(copy=False)
    decision_sent_at = fields.Datetime(readonly=True, copy=False, index=True)
    closed_at = fields.Datetime(readonly=True, copy=False)
    # review (复核) by the upper level
    review_requested_at = fields.Datetime(readonly=True, copy=False, tracking=True)
    review_reason = fields.Text("Reasons for Review", copy=False)
    review_result = fields.Selection(REVIEW_RESULTS, tracking=True, copy=False)
    review_decision = fields.Text(copy=False)
    review_decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    review_decided_at = fields.Datetime("Review Decided On", readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Computes: state, clock, pre-filled facts
    # ------------------------------------------------------------------
    @api.depends("state")
    def _compute_is_open(self):
        for complaint in self:
            complaint.is_open = complaint.state in OPEN_STATES

    @api.depends("received_at")
    def _compute_clock_start_at(self):
        for complaint in self:
            complaint.clock_start_at = complaint.received_at

    @api.depends("claim_id")
    def _compute_policy_id(self):
        for complaint in self:
            complaint.policy_id = complaint.policy_id or complaint.claim_id.policy_id

    @api.depends("claim_id", "policy_id")
    def _compute_partner_id(self):
        for complaint in self:
            complaint.partner_id = (
                complaint.partner_id or complaint.claim_id.claimant_id or complaint.policy_id.policyholder_id
            )

    @api.depends("policy_id")
    def _compute_product(self):
        for complaint in self:
            policy = complaint.policy_id
            complaint.product_line = policy.product_line or complaint.product_line
            complaint.product_name = policy.product_name or complaint.product_name

    @api.depends("partner_id", "complainant_type")
    def _compute_complainant_facts(self):
        """What the company already holds about the complainant: never ask for it again."""
        earlier_of = self._earlier_complaints_of_partners()
        for complaint in self:
            partner = complaint.partner_id
            if not partner or complaint.complainant_type == "agent":
                # an agent states their own name, ID and contact
                for name in ("complainant_name", "complainant_id_number", "complainant_contact"):
                    complaint[name] = complaint[name]
                complaint.complainant_address = complaint.complainant_address
                complaint.complainant_credit_code = complaint.complainant_credit_code
                continue
            earlier = earlier_of(complaint)
            complaint.complainant_name = partner.name
            complaint.complainant_contact = partner.phone or partner.mobile or partner.email or False
            complaint.complainant_address = partner.contact_address.strip().replace("\n", ", ") or False
            complaint.complainant_id_number = earlier.complainant_id_number or False
            vat = (partner.commercial_partner_id.vat or "").strip().upper()
            complaint.complainant_credit_code = (
                vat if vat and uscc.is_valid(vat) else earlier.complainant_credit_code or False
            )

    def _earlier_complaints_of_partners(self):
        """A function giving each of these complaints its complainant's latest other complaint of the same
        type and company, whose registration facts are reused; one query for the batch."""
        keys = {
            (complaint.partner_id.id, complaint.complainant_type, (complaint.company_id or self.env.company).id)
            for complaint in self
            if complaint.partner_id
        }
        latest = {}
        if keys:
            own = [complaint._origin.id for complaint in self if complaint._origin.id]
            self.flush_model(["partner_id", "complainant_type", "company_id", "received_at"])
            rows = self.env.execute_query(
                SQL(
                    """SELECT DISTINCT ON (partner_id, complainant_type, company_id)
                              partner_id, complainant_type, company_id, id
                         FROM insurance_complaint
                        WHERE partner_id IN %s AND NOT (id = ANY(%s))
                        ORDER BY partner_id, complainant_type, company_id, received_at DESC NULLS LAST, id DESC""",
                    tuple({key[0] for key in keys}),
                    own,
                )
            )
            latest = {(partner, kind, company): record_id for partner, kind, company, record_id in rows}

        def earlier(complaint):
            key = (complaint.partner_id.id, complaint.complainant_type, (complaint.company_id or self.env.company).id)
            return self.browse(latest.get(key, []))

        return earlier

    @api.depends("complainant_type", *ART13_ALL_FIELDS)
    def _compute_art13_missing(self):
        for complaint in self:
            complaint.art13_missing = ", ".join(complaint._art13_missing_labels()) or False

    def _art13_missing_labels(self):
        """Labels of the Art. 13 facts this complaint still lacks for its complainant type."""
        self.ensure_one()
        return [
            self._fields[name].get_description(self.env)["string"]
            for name in ART13_FIELDS[self.complainant_type]
            if not self[name]
        ]

    # ------------------------------------------------------------------
    # Classification
    # ------------------------------------------------------------------
    @api.depends("possible_loss", "origin", "channel", "company_id.complaint_major_loss")
    def _compute_nature(self):
        for complaint in self:
            threshold = complaint.company_id.complaint_major_loss
            major = (
                (threshold and complaint.possible_loss >= threshold)
                or complaint.origin == "regulator"
                or complaint.channel in MAJOR_CHANNELS
            )
            if major and complaint.nature in (False, "venting", "general"):
                complaint.nature = "major"
            else:
                complaint.nature = complaint.nature or "general"

    @api.depends("origin", "channel")
    def _compute_is_crisis(self):
        for complaint in self:
            complaint.is_crisis = (
                complaint.is_crisis or complaint.origin == "regulator" or complaint.channel in CRISIS_CHANNELS
            )

    @api.depends("partner_id", "received_at", "company_id")
    def _compute_repeat_level(self):
        """Complaints of the same complainant and company in the 12 months before, this one included
        (merged duplicates not counted), all of them whoever registers it: one query for the batch."""
        earlier = self._count_earlier_complaints()
        for complaint in self:
            if not complaint.partner_id or not complaint.received_at:
                complaint.repeat_count = 0
                complaint.repeat_level = False
                continue
            count = earlier.get(complaint, 0)
            complaint.repeat_count = count + 1
            complaint.repeat_level = "ordinary" if not count else "urgent" if count == 1 else "major"

    def _count_earlier_complaints(self):
        """``{complaint: other complaints of its complainant and company received in the 12 months before
        it}`` (merged duplicates not counted, archived ones counted): one query for the batch."""
        counted = [complaint for complaint in self if complaint.partner_id._origin and complaint.received_at]
        if not counted:
            return {}
        self.flush_model(["partner_id", "company_id", "received_at", "merged_into_id"])
        rows = self.env.execute_query(
            SQL(
                """SELECT partner_id, company_id, received_at, id FROM insurance_complaint
                    WHERE partner_id IN %s AND received_at >= %s AND received_at <= %s AND merged_into_id IS NULL
                    ORDER BY received_at""",
                tuple({complaint.partner_id._origin.id for complaint in counted}),
                repeat_complaints.window_start(min(complaint.received_at for complaint in counted)),
                max(complaint.received_at for complaint in counted),
            )
        )
        received = defaultdict(list)
        stored_at = {}
        for partner_id, company_id, received_at, complaint_id in rows:
            received[partner_id, company_id].append(received_at)
            stored_at[complaint_id] = (partner_id, company_id), received_at
        earlier = {}
        for complaint in counted:
            key = (complaint.partner_id._origin.id, complaint.company_id._origin.id or None)
            # the complaint's own row is among the counted where it is stored (an unsaved edit may have moved it)
            own_key, own_at = stored_at.get(complaint._origin.id, (None, None))
            earlier[complaint] = repeat_complaints.count_earlier(
                received[key], complaint.received_at, own_at if own_key == key else None
            )
        return earlier

    def _duplicate_domain(self):
        self.ensure_one()
        matters = [(name, "=", self[name].id) for name in ("policy_id", "claim_id", "category_id") if self[name]]
        if not self.partner_id or not matters:
            return None
        domain = ["|"] * (len(matters) - 1) + matters
        domain += [
            ("partner_id", "=", self.partner_id.id),
            ("company_id", "=", self.company_id.id),
            ("is_open", "=", True),
        ]
        if self._origin.id:
            domain.append(("id", "!=", self._origin.id))
        return domain

    @api.depends("partner_id", "policy_id", "claim_id", "category_id", "state")
    def _compute_duplicate_ids(self):
        for complaint in self:
            domain = complaint.state in OPEN_STATES and complaint._duplicate_domain()
            complaint.duplicate_ids = self.search(domain, order="received_at, id") if domain else False
            complaint.duplicate_count = len(complaint.duplicate_ids)

    # ------------------------------------------------------------------
    # Investigation: where the linked claim stands and why it is stuck
    # ------------------------------------------------------------------
    @api.depends("claim_id")
    def _compute_claim_status(self):
        for complaint in self:
            claim = complaint.claim_id
            if not claim:
                complaint.claim_status = False
                continue
            states = dict(claim._fields["state"]._description_selection(self.env))
            lines = [self.env._("Claim %(claim)s is %(state)s.", claim=claim.name, state=states[claim.state])]
            if claim.next_due_date:
                clocks = dict(claim._fields["next_due_clock"]._description_selection(self.env))
                lines.append(
                    self.env._(
                        "Open deadline: %(clock)s due %(date)s%(overdue)s.",
                        clock=clocks.get(claim.next_due_clock, ""),
                        date=claim.next_due_date,
                        overdue=self.env._(", overdue") if claim.is_overdue else "",
                    )
                )
            if claim.clock_paused_since:
                lines.append(self.env._("The claim clock is paused waiting for supplementary documents."))
            missing = claim._missing_documents()
            if missing:
                lines.append(
                    self.env._("Missing documents: %(documents)s.", documents=", ".join(missing.mapped("name")))
                )
            elif claim.is_open:
                lines.append(self.env._("No document is missing."))
            complaint.claim_status = Markup("<br/>").join(lines)

    # ------------------------------------------------------------------
    # Constraints: Art. 13, identity numbers, recusal, representatives
    # ------------------------------------------------------------------
    @api.constrains("complainant_type", "channel", "state", "is_valid", *ART13_ALL_FIELDS)
    def _check_art13(self):
        for complaint in self.filtered(lambda complaint: complaint._art13_enforced()):
            missing = complaint._art13_missing_labels()
            if missing:
                types = dict(complaint._fields["complainant_type"]._description_selection(self.env))
                raise ValidationError(
                    self.env._(
                        "Complaint %(name)s: a complaint by a %(type)s must state %(missing)s (Art. 13).",
                        name=complaint.name,
                        type=types[complaint.complainant_type].lower(),
                        missing=", ".join(missing),
                    )
                )

    def _art13_enforced(self):
        """Staff register complete complaints; those arriving unattended from outside are completed before
        validation (an invalid, merged or withdrawn one never needs to be)."""
        self.ensure_one()
        if self.channel not in OUTSIDE_CHANNELS:
            return True
        return self.state not in ("registered", "withdrawn") and self.is_valid and not self.merged_into_id

    @api.constrains("complainant_id_number", "complainant_credit_code")
    def _check_identity_numbers(self):
        for complaint in self:
            if complaint.complainant_id_number:
                _facts, error = insured_roster.id_number_facts(complaint.complainant_id_number)
                if error:
                    raise ValidationError(self._id_number_error(complaint.complainant_id_number, error[0]))
            code = complaint.complainant_credit_code
            if code and not uscc.is_valid(code):
                raise ValidationError(
                    self.env._(
                        "%(code)s is not a valid unified social credit code (18 characters with a check character).",
                        code=code,
                    )
                )

    @api.model
    def _id_number_error(self, number, code):
        if code == "id_checksum":
            return self.env._(
                "ID number %(number)s has a wrong check digit: please check it against the ID card.", number=number
            )
        return self.env._(
            "%(number)s is not a valid resident ID number (18 characters, date of birth inside).", number=number
        )

    @api.model
    def _normalise_identity_numbers(self, vals):
        for name in ("complainant_id_number", "complainant_credit_code"):
            if vals.get(name):
                vals[name] = vals[name].replace(" ", "").strip().upper()

    @api.constrains("user_id", "employee_id")
    def _check_recusal(self):
        """Recusal (Art. 20): the owner is neither the employee complained about nor that employee's line manager."""
        for complaint in self:
            if not complaint.user_id or not complaint.employee_id:
                continue
            conflicted = complaint.employee_id | complaint.employee_id.parent_id
            if complaint.user_id.employee_ids & conflicted:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot handle complaint %(name)s: it is about %(employee)s, who is them or "
                        "reports to them. Assign another owner (recusal).",
                        user=complaint.user_id.name,
                        name=complaint.name,
                        employee=complaint.employee_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalise_identity_numbers(vals)
        self.env["ir.sequence"]._insurance_number_vals(vals_list, "insurance.complaint")
        return super().create(vals_list)

    def write(self, vals):
        self._normalise_identity_numbers(vals)
        return super().write(vals)

    def _workflow_refusal(self, fnames):
        return self.env._(
            "The status, plan approval, decision, closing and review of a complaint change only through its "
            "buttons: complaint officers move it along the normal path, a complaint manager who is not concerned "
            "by it (recusal) and did not submit the plan approves the handling plan and decides a review."
        )

    def _check_complaint_group(self, group, message):
        """A transition button's group; the superuser (install, crons, the portal's one action) passes."""
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(message)

    def _check_officer(self):
        self._check_complaint_group(
            "complaint_management.group_complaint_user",
            self.env._("Only complaint officers and managers move a complaint along its stages."),
        )

    def _check_manager_only(self):
        self._check_complaint_group(
            "complaint_management.group_complaint_manager",
            self.env._("Only a complaint manager can approve a handling plan or decide a review."),
        )

    def _check_approver_recusal(self, excluded_field_names=()):
        """Recusal and segregation of duties of an approver: not concerned by the complaint, not its preparer."""
        if self.env.su:
            return
        user = self.env.user
        for complaint in self:
            conflicted = complaint.employee_id | complaint.employee_id.parent_id
            if conflicted and user.employee_ids & conflicted:
                raise AccessError(
                    self.env._(
                        "You cannot decide on complaint %(name)s: it is about %(employee)s, who is you or reports "
                        "to you. Another complaint manager must decide (recusal).",
                        name=complaint.name,
                        employee=complaint.employee_id.name,
                    )
                )
            if any(complaint[name] == user for name in excluded_field_names):
                raise AccessError(
                    self.env._(
                        "You prepared or decided complaint %(name)s at an earlier step: another complaint manager "
                        "must decide this step (segregation of duties).",
                        name=complaint.name,
                    )
                )

    def _compute_access_url(self):
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"

    # ------------------------------------------------------------------
    # Life cycle
    # ------------------------------------------------------------------
    def _move(self, new_state, allowed_from, **extra):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for complaint in self:
            if complaint.state not in allowed_from:
                raise UserError(
                    self.env._(
                        "Complaint %(name)s is %(state)s: it cannot go to %(new)s from there.",
                        name=complaint.name,
                        state=labels[complaint.state],
                        new=labels[new_state],
                    )
                )
        now = fields.Datetime.now()
        vals = dict(extra, state=new_state)
        if new_state == "decided":
            vals["decision_sent_at"] = now
        if new_state in ("closed", "withdrawn"):
            vals["closed_at"] = now
        self._workflow_write(vals)

    def action_next_stage(self):
        """The button of the normal path: each state's own action."""
        self._check_officer()
        actions = {
            "registered": "action_validate",
            "validated": "action_assign",
            "assigned": "action_investigate",
            "investigating": "action_submit_plan",
            "plan": "action_approve_plan",
            "approved": "action_send_decision",
            "decided": "action_close",
        }
        for complaint in self:
            if complaint.state not in actions:
                raise UserError(self.env._("Complaint %(name)s has no next stage from here.", name=complaint.name))
            getattr(complaint, actions[complaint.state])()
        return True

    def action_validate(self):
        """Registered → validated: a valid complaint with every Art. 13 fact."""
        self._check_officer()
        for complaint in self:
            missing = complaint._art13_missing_labels()
            if missing:
                raise UserError(
                    self.env._(
                        "Complaint %(name)s lacks %(missing)s: ask the complainant once for all of it (Art. 13).",
                        name=complaint.name,
                        missing=", ".join(missing),
                    )
                )
        self._move("validated", ("registered",), is_valid=True)
        return True

    def action_invalid(self):
        """Not a complaint (e.g. a mere enquiry): reply tactfully and close."""
        self._check_officer()
        for complaint in self:
            if not complaint.invalid_reason:
                raise UserError(
                    self.env._("Explain why complaint %(name)s is not valid before closing it.", name=complaint.name)
                )
        self._move("closed", ("registered", "validated"), is_valid=False, result="invalid")
        for complaint in self:
            lang = complaint.partner_id.lang or self.env.lang
            body = complaint.with_context(lang=lang).env._(
                "Dear %(name)s, thank you for contacting us. We have looked carefully at your message of %(date)s. "
                "We cannot handle it as a complaint, for this reason: %(reason)s. If you think we misunderstood "
                "you, please contact us again: we will gladly help.",
                name=complaint.complainant_name or complaint.partner_id.name,
                date=complaint._local_date(complaint.received_at),
                reason=complaint.invalid_reason,
            )
            complaint.message_post(
                body=body, partner_ids=complaint.partner_id.ids, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        return True

    def action_assign(self):
        """Validated → assigned: a handling department and an owner who need not recuse themselves."""
        self._check_officer()
        for complaint in self:
            if not complaint.user_id:
                raise UserError(self.env._("Choose the owner of complaint %(name)s first.", name=complaint.name))
            if not complaint.department_id:
                department = complaint.user_id.employee_ids.filtered(
                    lambda employee, company=complaint.company_id: employee.company_id == company
                )[:1].department_id
                if not department:
                    raise UserError(
                        self.env._("Choose the handling department of complaint %(name)s.", name=complaint.name)
                    )
                complaint.department_id = department
        self._move("assigned", ("validated",))
        return True

    def action_investigate(self):
        self._check_officer()
        self._move("investigating", ("assigned",))
        return True

    def action_submit_plan(self):
        self._check_officer()
        for complaint in self:
            if not (complaint.handling_plan or "").strip():
                raise UserError(self.env._("Write the handling plan of complaint %(name)s first.", name=complaint.name))
        self._move("plan", ("investigating",), plan_submitted_by_id=self.env.uid)
        return True

    def action_approve_plan(self):
        self._check_manager_only()
        self._check_approver_recusal(("plan_submitted_by_id",))
        self._move("approved", ("plan",), plan_approved_by_id=self.env.uid, plan_approved_at=fields.Datetime.now())
        return True

    def action_reject_plan(self):
        """The leader sends the plan back to the investigation."""
        self._check_manager_only()
        self._check_approver_recusal()
        self._move("investigating", ("plan",), plan_submitted_by_id=False)
        return True

    def action_send_decision(self):
        """Approved → decided, once the decision letter has been sent to the complainant."""
        self._check_officer()
        self._check_decision_letter_sent()
        self._move("decided", ("approved",))
        return True

    def _check_decision_letter_sent(self):
        for complaint in self:
            if not complaint.notification_ids.filtered(lambda note: note.kind == "decision"):
                raise UserError(
                    self.env._(
                        "Send the decision letter of complaint %(name)s (Send Decision Letter) before marking the "
                        "decision as sent.",
                        name=complaint.name,
                    )
                )

    def action_close(self):
        self._check_officer()
        for complaint in self:
            if not complaint.result:
                raise UserError(self.env._("Record the result of complaint %(name)s first.", name=complaint.name))
        self._move("closed", ("decided", "reviewed"))
        return True

    def action_withdraw(self):
        self._check_officer()
        self._move("withdrawn", OPEN_STATES)
        return True

    # ------------------------------------------------------------------
    # Review (复核): requested within 30 days of the decision, decided by the upper level
    # ------------------------------------------------------------------
    def _local_date(self, value):
        """The local date (company time zone, default Asia/Shanghai) of a UTC datetime."""
        if not value:
            return False
        return self.company_id._insurance_local_date(value)

    def _review_window_end(self):
        """The last local day on which the complainant may ask for a review, or ``False`` without a decision."""
        self.ensure_one()
        decided = self._local_date(self.decision_sent_at)
        return decided and decided + datetime.timedelta(days=self.company_id.complaint_review_days)

    def action_request_review(self):
        self._check_officer()
        for complaint in self:
            last_day = complaint._review_window_end()
            if not last_day or complaint.merged_into_id:
                raise UserError(
                    self.env._("Complaint %(name)s has no decision that could be reviewed.", name=complaint.name)
                )
            today = complaint._local_date(fields.Datetime.now())
            if today > last_day:
                raise UserError(
                    self.env._(
                        "A review of complaint %(name)s had to be requested by %(date)s, within %(days)s days of the "
                        "decision.",
                        name=complaint.name,
                        date=last_day,
                        days=complaint.company_id.complaint_review_days,
                    )
                )
        self._move("review", ("decided", "closed"), review_requested_at=fields.Datetime.now(), closed_at=False)
        return True

    def action_decide_review(self):
        for complaint in self:
            if not complaint.review_result or not (complaint.review_decision or "").strip():
                raise UserError(
                    self.env._(
                        "Record the result and the grounds of the review of complaint %(name)s first.",
                        name=complaint.name,
                    )
                )
        self._check_manager_only()
        self._check_approver_recusal(("user_id", "plan_approved_by_id"))
        self._move("reviewed", ("review",), review_decided_by_id=self.env.uid, review_decided_at=fields.Datetime.now())
        return True

    # ------------------------------------------------------------------
    # Duplicates
    # ------------------------------------------------------------------
    def action_open_merge_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge Complaint"),
            "res_model": "insurance.complaint.merge",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_duplicate_id": self.id,
                "default_master_id": self.duplicate_ids[:1].id,
            },
        }

    def action_view_duplicates(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Possible Duplicates"),
            "res_model": "insurance.complaint",
            "view_mode": "list,form",
            "domain": [("id", "in", self.duplicate_ids.ids)],
        }

    def _check_repeat_pair(self, master, other_company_message, other_partner_message):
        self.ensure_one()
        if master == self or master.company_id != self.company_id:
            raise UserError(other_company_message)
        if master.partner_id != self.partner_id:
            raise UserError(other_partner_message)

    def _within_decision_deadline(self, moment):
        """Whether the statutory decision deadline of this case still runs now and had not passed at ``moment``.

        CBIRC Order 2020 No. 3: repeat complaints on the same matter within the time limit may be merged.
        A paused deadline (external appraisal) or one whose calendar year is unknown still runs.
        """
        self.ensure_one()
        clock = self._clock_open("complaint_decision")[:1]
        if not clock or clock.met_at:
            return False
        if clock.state in ("paused", "calendar_missing"):
            return True
        now = fields.Datetime.now()
        return bool(clock.due_at) and now < clock.due_at and moment < clock.due_at

    def _link_as_repeat(self, master):
        """After the master's deadline: this complaint is a repeat of it, handled as its own case."""
        self._check_repeat_pair(
            master,
            self.env._("Link a complaint to another complaint of the same company."),
            self.env._("Only complaints of the same complainant can be linked."),
        )
        self.check_access("write")
        master.check_access("read")
        self._workflow_write({"repeat_of_id": master.id})
        self.message_post(
            body=Markup(
                self.env._("Repeat of %(master)s, whose statutory deadline had passed: handled as a case of its own.")
            )
            % {"master": master._get_html_link()},
            subtype_xmlid="mail.mt_note",
        )
        master.message_post(
            body=Markup(self.env._("%(repeat)s repeats this complaint.")) % {"repeat": self._get_html_link()},
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _merge_into(self, master, new_facts=None):
        """Close this duplicate into ``master``: its messages and attachments move; new facts restart the clock.

        Only within the master's statutory deadline; after it the duplicate is linked as a repeat instead.
        """
        self._check_repeat_pair(
            master,
            self.env._("Merge a complaint into another complaint of the same company."),
            self.env._("Only complaints of the same complainant can be merged."),
        )
        if not self.is_open or not master.is_open:
            raise UserError(self.env._("Only open complaints can be merged."))
        (self | master).check_access("write")
        if not master._within_decision_deadline(self.received_at):
            raise UserError(
                self.env._(
                    "%(duplicate)s came after the statutory deadline of %(master)s, or that deadline has passed: "
                    "complaints are merged only within the deadline. Link it as a repeat instead.",
                    duplicate=self.name,
                    master=master.name,
                )
            )
        # mail.message lets only administrators re-attach messages; the user may write both complaints (checked above)
        self.env["mail.message"].search([("model", "=", self._name), ("res_id", "=", self.id)]).sudo().write(
            {"res_id": master.id}
        )
        self.env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "=", self.id), ("res_field", "=", False)]
        ).write({"res_id": master.id})
        self._workflow_write({"state": "closed", "closed_at": fields.Datetime.now(), "merged_into_id": master.id})
        self.message_post(
            body=Markup(self.env._("Merged into %(master)s.")) % {"master": master._get_html_link()},
            subtype_xmlid="mail.mt_note",
        )
        new_facts = (new_facts or "").strip()
        if new_facts:
            master.with_context(complaint_clock_restart=self.env._("New facts merged in")).write(
                {
                    "clock_start_at": fields.Datetime.now(),
                    "facts": (master.facts or Markup()) + Markup("<p>%s</p>") % new_facts,
                }
            )
            master.message_post(
                body=Markup(
                    self.env._(
                        "%(duplicate)s merged in with new facts: the statutory clock restarts today. "
                        "New facts: %(facts)s"
                    )
                )
                % {"duplicate": self._get_html_link(), "facts": new_facts},
                subtype_xmlid="mail.mt_note",
            )
        else:
            master.message_post(
                body=Markup(self.env._("%(duplicate)s merged in without new facts: the statutory clock runs on."))
                % {"duplicate": self._get_html_link()},
                subtype_xmlid="mail.mt_note",
            )
        return True
