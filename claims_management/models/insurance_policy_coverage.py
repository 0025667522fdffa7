from odoo import api, fields, models
from odoo.addons.insurance_base.lib import portal_fields
from odoo.exceptions import ValidationError

# the terms of a cover line, which the policyholder agreed to
PORTAL_READ_FIELDS = portal_fields.FRAMEWORK_FIELDS | {
    "policy_id",
    "company_id",
    "currency_id",
    "sequence",
    "name",
    "coverage_type",
    "limit_amount",
    "deductible_amount",
    "deductible_percent",
    "coinsurance_percent",
    "waiting_days",
    "per_diem_amount",
    "max_days_per_year",
    "event_window_hours",
}


class InsurancePolicyCoverage(models.Model):
    """A cover line of a policy: the main cover or an add-on clause."""

    _name = "insurance.policy.coverage"
    _inherit = ["insurance.portal.restricted"]
    _description = "Policy Coverage"
    _order = "policy_id, sequence, id"

    @api.model
    def _portal_read_fields(self):
        """The fields a portal user may read on the cover lines of their policies."""
        return PORTAL_READ_FIELDS

    policy_id = fields.Many2one("insurance.policy", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="policy_id.currency_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    coverage_type = fields.Selection(
        [("main", "Main cover"), ("addon", "Add-on clause")], default="main", required=True
    )
    limit_amount = fields.Monetary("Limit", currency_field="currency_id", help="0 means no separate limit.")
    deductible_amount = fields.Monetary("Deductible", currency_field="currency_id")
    deductible_percent = fields.Float("Deductible (%)", help="Of the assessed loss; the higher deductible applies.")
    coinsurance_percent = fields.Float(
        "Insurer's Share (%)", default=100.0, help="Share of the loss after deductible the insurer pays."
    )
    per_diem_amount = fields.Monetary("Daily Amount", currency_field="currency_id")
    waiting_days = fields.Integer()
    max_days_per_year = fields.Integer("Max Days per Year", help="0 means no maximum.")
    event_window_hours = fields.Integer(
        "Event Window (hours)",
        default=72,
        required=True,
        help="The 72-hour clause: the losses on the policy within this many hours of the first one are one "
        "event, with one deductible and one set of waiting days on this cover.",
    )

    @api.constrains(
        "limit_amount",
        "deductible_amount",
        "deductible_percent",
        "coinsurance_percent",
        "per_diem_amount",
        "waiting_days",
        "max_days_per_year",
        "event_window_hours",
    )
    def _check_values(self):
        for line in self:
            amounts = (line.limit_amount, line.deductible_amount, line.per_diem_amount)
            counts = (line.waiting_days, line.max_days_per_year, line.event_window_hours)
            if line.event_window_hours <= 0:
                raise ValidationError(
                    self.env._(
                        "Coverage %(name)s: the event window must be more than 0 hours (%(hours)s given); "
                        "the 72-hour clause uses 72.",
                        name=line.name,
                        hours=line.event_window_hours,
                    )
                )
            if line.deductible_percent > 100:
                raise ValidationError(
                    self.env._(
                        "Coverage %(name)s: the deductible cannot be more than 100%% of the loss "
                        "(%(percent)s%% given).",
                        name=line.name,
                        percent=line.deductible_percent,
                    )
                )
            if min(amounts + counts) < 0:
                raise ValidationError(
                    self.env._("Coverage %(name)s: amounts and days cannot be negative.", name=line.name)
                )
            if not (0 <= line.deductible_percent <= 100 and 0 <= line.coinsurance_percent <= 100):
                raise ValidationError(
                    self.env._("Coverage %(name)s: percentages must be between 0 and 100.", name=line.name)
                )
