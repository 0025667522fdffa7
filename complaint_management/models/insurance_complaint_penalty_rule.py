from odoo import api, fields, models
from odoo.exceptions import ValidationError

PENALTY_SOURCES = [
    ("repeat", "Direct complaint, by repeat count"),
    ("regulator_local", "Transferred by the local regulator"),
    ("regulator_national", "Transferred by the national regulator (NFRA)"),
    ("media", "Reported or transferred by the media"),
    ("internet", "Internet complaint"),
]


class InsuranceComplaintPenaltyRule(models.Model):
    """One line of the penalty schedule (投诉罚单标准) for verified complaints.

    Direct complaints are fined by how many times the complainant has complained (the
    rule with the highest "from repeat count" not above it applies); complaints reaching
    the company through a regulator, the media or the internet by their source.
    """

    _name = "insurance.complaint.penalty.rule"
    _description = "Complaint Penalty Rule"
    _order = "source, min_repeat, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, help="Empty: the schedule of every company.")
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.company.currency_id or self.env.ref("base.CNY")
    )
    source = fields.Selection(PENALTY_SOURCES, required=True, default="repeat")
    min_repeat = fields.Integer(
        "From Repeat Count",
        default=1,
        help="Direct complaints: applies from this complaint of the same complainant on (2 = the second).",
    )
    employee_amount = fields.Monetary("Fine, Liable Employee", currency_field="currency_id")
    manager_amount = fields.Monetary("Fine, Line Manager", currency_field="currency_id")
    cost_share_percent = fields.Float(
        "Share of Public-relations Cost (%)",
        help="When the complaint cost the company a public-relations effort, each liable person is fined this "
        "share of its cost instead of the fixed amounts.",
    )
    remind_manager = fields.Boolean(
        "Remind the Line Manager", help="The line manager is reminded (no fine) when the manager's fine is zero."
    )

    @api.constrains("employee_amount", "manager_amount", "cost_share_percent", "min_repeat")
    def _check_amounts(self):
        for rule in self:
            if rule.employee_amount < 0 or rule.manager_amount < 0 or not 0 <= rule.cost_share_percent <= 100:
                raise ValidationError(
                    self.env._(
                        "Penalty rule %(name)s: fines cannot be negative and the cost share is between 0 and 100 %%.",
                        name=rule.name,
                    )
                )
            if rule.source == "repeat" and rule.min_repeat < 1:
                raise ValidationError(
                    self.env._("Penalty rule %(name)s: the repeat count starts at 1.", name=rule.name)
                )

    @api.model
    def _find(self, company, source, repeat_rank=1):
        """The rule for a complaint of ``company`` from ``source`` (its own schedule before the shared one)."""
        domain = [("source", "=", source), ("company_id", "in", [company.id, False])]
        if source == "repeat":
            domain.append(("min_repeat", "<=", repeat_rank))
        rules = self.search(domain)
        own = rules.filtered(lambda rule: rule.company_id == company)
        rules = own or rules
        return rules.sorted(lambda rule: (-rule.min_repeat, rule.sequence, rule.id))[:1]
