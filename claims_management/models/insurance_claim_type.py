from odoo import api, fields, models
from odoo.addons.insurance_base.lib import portal_fields
from odoo.exceptions import ValidationError

from .insurance_clock import DECISION, PAYMENT, PREPAYMENT, REJECTION_NOTICE

# The claim type's switch of each clock.
CLOCK_TYPE_FIELDS = {
    DECISION: "clock_decision",
    PAYMENT: "clock_payment",
    REJECTION_NOTICE: "clock_rejection_notice",
    PREPAYMENT: "clock_prepayment",
}
# 保险小额理赔服务指引(试行) (CIRC 2015): the small claims that get a fast track, in yuan
FAST_TRACK_THRESHOLDS = {"motor_property": 5000.0, "personal_medical": 3000.0}


# a claimant chooses the kind of loss: its name and description, never the authority limits or routing
PORTAL_READ_FIELDS = portal_fields.FRAMEWORK_FIELDS | {
    "name",
    "code",
    "sequence",
    "active",
    "company_id",
    "description",
}


class InsuranceClaimType(models.Model):
    """How one kind of claim is handled: method, thresholds, clocks.

    Configured by claims directors in the admin UI; every claim has a type.
    """

    _name = "insurance.claim.type"
    _inherit = ["insurance.portal.restricted"]
    _description = "Claim Type"
    _order = "sequence, name"
    _check_company_auto = True

    @api.model
    def _portal_read_fields(self):
        """The fields a portal user may read on the kinds of loss."""
        return PORTAL_READ_FIELDS

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code used in reports and claim numbers.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    calculation_method = fields.Selection(
        [
            ("indemnity", "Indemnity (loss - deductible, x co-insurance)"),
            ("per_diem", "Per diem (days x daily amount)"),
            ("per_head", "Per head (heads x amount per class)"),
            ("depreciated", "Depreciated value"),
        ],
        required=True,
        default="indemnity",
    )
    complexity = fields.Selection(
        [("simple", "Simple"), ("complex", "Complex")],
        string="Default Complexity",
        required=True,
        default="complex",
        help="Simple claims are decided within 5 working days of complete materials, "
        "complex ones within 30 days (Insurance Law Art. 23).",
    )
    fast_track_kind = fields.Selection(
        [
            ("none", "No guideline threshold"),
            ("motor_property", "Motor, property damage only"),
            ("personal_medical", "Personal medical"),
        ],
        string="Small-Claims Kind",
        required=True,
        default="none",
        help="保险小额理赔服务指引 (CIRC 2015) gives small claims a fast track: motor property-only claims up to "
        "¥5,000, personal medical claims up to ¥3,000. Choosing the kind sets that threshold.",
    )
    fast_track_threshold = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_fast_track_threshold",
        store=True,
        readonly=False,
        precompute=True,
        help="Claims whose estimated loss at registration is at most this amount are simple and go through the "
        "fast track (decision within 5 working days). 0 disables it.",
    )
    authority_limit = fields.Monetary(
        string="Handler Authority Limit",
        currency_field="currency_id",
        help="Settlements above this amount need the claims director's approval. 0 means always.",
    )
    description = fields.Html(translate=True)
    surveyor_post_id = fields.Many2one(
        "duty.post",
        check_company=True,
        help="New claims go to whoever is on duty on this post, unless a post serves the claim's region.",
    )
    handler_post_id = fields.Many2one("duty.post", check_company=True, help="The on-duty handler of new claims.")
    # Which statutory clocks run on claims of this type. A clock switched off gets no due date,
    # so the hourly cron never signals it and the on-time report leaves it out.
    clock_decision = fields.Boolean(
        "Decision Clock", default=True, help="Coverage decision within 30 days / 5 working days (Art. 23)."
    )
    clock_payment = fields.Boolean(
        "Payment Clock", default=True, help="Payment within 10 days of the agreement (Art. 23)."
    )
    clock_rejection_notice = fields.Boolean(
        "Rejection Notice Clock", default=True, help="Written rejection notice within 3 days (Art. 24)."
    )
    clock_prepayment = fields.Boolean(
        "Prepayment Clock", default=True, help="Prepayment of what can be determined after 60 days (Art. 25)."
    )

    _sql_constraints = [
        ("code_company_unique", "UNIQUE(code, company_id)", "A claim type code must be unique per company."),
    ]

    @api.depends("fast_track_kind")
    def _compute_fast_track_threshold(self):
        for claim_type in self:
            # no guideline kind: the threshold the director typed stays
            claim_type.fast_track_threshold = FAST_TRACK_THRESHOLDS.get(
                claim_type.fast_track_kind, claim_type._origin.fast_track_threshold
            )

    def _registration_complexity(self, estimated_loss):
        """The complexity of a claim of this type registered with ``estimated_loss``."""
        if not self:
            return "complex"
        self.ensure_one()
        threshold = self.fast_track_threshold
        if threshold and estimated_loss and estimated_loss <= threshold:
            return "simple"
        return self.complexity or "complex"

    def _clock_applies(self, clock):
        """Whether ``clock`` (a claim clock kind) runs on claims of this type; a claim without type has all."""
        if not self:
            return True
        self.ensure_one()
        return bool(self[CLOCK_TYPE_FIELDS[clock]])

    @api.constrains("fast_track_threshold", "authority_limit")
    def _check_amounts(self):
        for claim_type in self:
            if claim_type.fast_track_threshold < 0 or claim_type.authority_limit < 0:
                raise ValidationError(
                    self.env._(
                        "Claim type %(name)s: the fast-track threshold and the authority limit cannot be negative.",
                        name=claim_type.name,
                    )
                )
