from odoo import api, fields, models
from odoo.addons.insurance_base.lib import portal_fields
from odoo.exceptions import UserError, ValidationError

PRODUCT_LINES = [
    ("life", "Life"),
    ("property", "Property"),
    ("liability", "Liability"),
    ("accident_health", "Accident and health"),
    ("livestock", "Livestock and agriculture"),
    ("motor", "Motor"),
    ("other", "Other"),
]


# what a policyholder reads of their policy: its terms (the internal note and the insured roster stay in)
PORTAL_READ_FIELDS = portal_fields.FRAMEWORK_FIELDS | {
    "name",
    "state",
    "company_id",
    "currency_id",
    "product_line",
    "product_name",
    "policyholder_id",
    "insured_partner_id",
    "beneficiary_id",
    "date_start",
    "date_end",
    "cancel_date",
    "sum_insured",
    "premium",
    "coverage_ids",
}


class InsurancePolicy(models.Model):
    """An insurance policy the claims are made against."""

    _name = "insurance.policy"
    _description = "Insurance Policy"
    _inherit = ["mail.thread", "mail.activity.mixin", "insurance.portal.restricted"]
    _order = "date_start desc, name"
    _check_company_auto = True

    @api.model
    def _portal_read_fields(self):
        """The fields a portal user may read on their policies."""
        return PORTAL_READ_FIELDS

    name = fields.Char("Policy Number", required=True, tracking=True, copy=False)
    product_line = fields.Selection(PRODUCT_LINES, required=True, default="property", tracking=True)
    product_name = fields.Char("Product", help="The product or scheme, e.g. Highway property insurance.")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    policyholder_id = fields.Many2one("res.partner", required=True, index=True, tracking=True, check_company=True)
    insured_partner_id = fields.Many2one(
        "res.partner", string="Insured", check_company=True, help="The insured party when it is one person or body."
    )
    beneficiary_id = fields.Many2one("res.partner", check_company=True)
    date_start = fields.Date("Start", required=True, tracking=True)
    date_end = fields.Date("End", required=True, tracking=True)
    premium = fields.Monetary(currency_field="currency_id", tracking=True)
    sum_insured = fields.Monetary(currency_field="currency_id", tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "In force"), ("expired", "Expired"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    cancel_date = fields.Date(tracking=True)
    coverage_ids = fields.One2many("insurance.policy.coverage", "policy_id", string="Cover Lines", copy=True)
    insured_ids = fields.One2many("insurance.policy.insured", "policy_id", string="Insured Roster")
    insured_count = fields.Integer(compute="_compute_insured_count")
    roster_required = fields.Boolean(
        "Roster Policy",
        tracking=True,
        help="Every claim on this policy must name the insured person or object on its roster, "
        "covered on the day of the loss.",
    )
    premium_schedule_ids = fields.One2many(
        "insurance.policy.premium",
        "policy_id",
        help="First premium, instalments, renewals and cancellation refunds, each on the day it is written. "
        "Without a schedule the premium is written in full on the start day.",
    )
    note = fields.Html("Special Terms")

    _sql_constraints = [
        ("name_company_unique", "UNIQUE(name, company_id)", "A policy number must be unique per company."),
    ]

    @api.constrains("date_start", "date_end", "premium", "sum_insured")
    def _check_values(self):
        for policy in self:
            if policy.date_end < policy.date_start:
                raise ValidationError(self.env._("Policy %(name)s ends before it starts.", name=policy.name))
            if policy.premium < 0 or policy.sum_insured < 0:
                raise ValidationError(
                    self.env._("Policy %(name)s: premium and sum insured cannot be negative.", name=policy.name)
                )

    def _compute_insured_count(self):
        counts = dict(
            self.env["insurance.policy.insured"]._read_group(
                [("policy_id", "in", self.ids)], ["policy_id"], ["__count"]
            )
        )
        for policy in self:
            policy.insured_count = counts.get(policy, 0)

    def is_in_force(self, day):
        """Whether the policy covered ``day`` (a date)."""
        self.ensure_one()
        if self.state == "draft" or not (self.date_start <= day <= self.date_end):
            return False
        return not (self.state == "cancelled" and self.cancel_date and day >= self.cancel_date)

    def action_activate(self):
        for policy in self:
            if policy.state != "draft":
                raise UserError(self.env._("Only a draft policy can be put in force (%(name)s).", name=policy.name))
        self.state = "active"

    def action_cancel(self):
        self.write({"state": "cancelled", "cancel_date": fields.Date.context_today(self)})

    @api.model
    def _cron_expire(self):
        self.search([("state", "=", "active"), ("date_end", "<", fields.Date.context_today(self))]).state = "expired"

    def action_view_insured(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("claims_management.insurance_policy_insured_action")
        action["domain"] = [("policy_id", "=", self.id)]
        action["context"] = {"default_policy_id": self.id}
        return action

    def action_import_insured(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "insurance.policy.insured.import",
            "view_mode": "form",
            "target": "new",
            "context": {"default_policy_id": self.id},
        }
