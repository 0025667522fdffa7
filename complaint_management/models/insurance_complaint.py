from odoo import api, fields, models
from odoo.exceptions import UserError

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


class InsuranceComplaint(models.Model):
    """A consumer complaint (消费投诉) from its receipt to the follow-up visit."""

    _name = "insurance.complaint"
    _description = "Insurance Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "received_at desc, id desc"
    _check_company_auto = True

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
    # who complains
    complainant_type = fields.Selection(COMPLAINANT_TYPES, required=True, default="person")
    partner_id = fields.Many2one("res.partner", "Complainant", required=True, tracking=True, index=True)
    # what is complained about
    policy_id = fields.Many2one("insurance.policy", tracking=True, index="btree_not_null", check_company=True)
    claim_id = fields.Many2one("insurance.claim", tracking=True, index="btree_not_null", check_company=True)
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
    nature = fields.Selection(NATURES, default="general", required=True, tracking=True, index=True)
    is_crisis = fields.Boolean("Crisis", tracking=True, index=True)
    is_valid = fields.Boolean("Valid", default=True, tracking=True)
    # handling
    department_id = fields.Many2one("hr.department", "Handling Department", tracking=True, check_company=True)
    user_id = fields.Many2one(
        "res.users", "Owner", tracking=True, index=True, domain="[('share', '=', False)]", check_company=True
    )
    result = fields.Selection(RESULTS, tracking=True, copy=False)
    decision_summary = fields.Html(copy=False)
    decision_sent_at = fields.Datetime(readonly=True, copy=False, index=True)
    closed_at = fields.Datetime(readonly=True, copy=False)

    @api.depends("state")
    def _compute_is_open(self):
        for complaint in self:
            complaint.is_open = complaint.state in OPEN_STATES

    @api.depends("received_at")
    def _compute_clock_start_at(self):
        for complaint in self:
            complaint.clock_start_at = complaint.received_at

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = self.env["ir.sequence"].with_company(company).next_by_code("insurance.complaint") or "/"
        return super().create(vals_list)

    def _compute_access_url(self):
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"

    # ------------------------------------------------------------------
    # Life cycle
    # ------------------------------------------------------------------
    def _move(self, new_state, allowed_from):
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
        vals = {"state": new_state}
        if new_state == "decided":
            vals["decision_sent_at"] = now
        if new_state in ("closed", "withdrawn"):
            vals["closed_at"] = now
        self.write(vals)

    def action_next_stage(self):
        for complaint in self:
            if complaint.state not in NEXT_STATE:
                raise UserError(self.env._("Complaint %(name)s has no next stage from here.", name=complaint.name))
            if complaint.state == "decided" and not complaint.result:
                raise UserError(self.env._("Record the result of complaint %(name)s first.", name=complaint.name))
            complaint._move(NEXT_STATE[complaint.state], (complaint.state,))
        return True

    def action_withdraw(self):
        self._move("withdrawn", OPEN_STATES)
        return True
