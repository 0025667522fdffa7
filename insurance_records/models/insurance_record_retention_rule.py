from odoo import api, fields, models
from odoo.exceptions import ValidationError

RETENTION_CLASSES = [("permanent", "Permanent"), ("long", "Long"), ("short", "Short")]
SECRECY_LEVELS = [("internal", "Internal"), ("confidential", "Confidential"), ("secret", "Secret")]


class InsuranceRecordRetentionRule(models.Model):
    """The retention class, years and secrecy of the files of a claim type or complaint category."""

    _name = "insurance.record.retention.rule"
    _description = "Records Retention Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    kind = fields.Selection([("claim", "Claim"), ("complaint", "Complaint")], required=True, default="claim")
    claim_type_id = fields.Many2one(
        "insurance.claim.type", check_company=True, help="Empty: every claim type without a rule of its own."
    )
    complaint_category_id = fields.Many2one(
        "insurance.complaint.category", help="Empty: every complaint category without a rule of its own."
    )
    retention_class = fields.Selection(RETENTION_CLASSES, required=True, default="long")
    years = fields.Integer(
        "Retention (years)",
        help="Years this rule keeps its files; 0 uses the years of the class (company settings). "
        "Permanent files are never destroyed.",
    )
    secrecy_level = fields.Selection(SECRECY_LEVELS, required=True, default="internal")
    customer_file = fields.Boolean(
        default=True,
        help="The file holds customer information: it is lent for at most 3 days.",
    )

    @api.constrains("years")
    def _check_years(self):
        if any(rule.years < 0 for rule in self):
            raise ValidationError(self.env._("Retention years cannot be negative."))

    def _retention_years(self):
        """Years of retention of this rule's files; ``None`` for permanent files."""
        self.ensure_one()
        if self.retention_class == "permanent":
            return None
        if self.years:
            return self.years
        return (
            self.company_id.records_long_years
            if self.retention_class == "long"
            else self.company_id.records_short_years
        )

    @api.model
    def _rules_by_key(self, companies):
        """``{(company id, kind, claim type or category id or False): rule}`` of the active rules (one query)."""
        rules = self.search([("company_id", "in", companies.ids)], order="sequence desc, id desc")
        return {
            (
                rule.company_id.id,
                rule.kind,
                (rule.claim_type_id if rule.kind == "claim" else rule.complaint_category_id).id,
            ): rule
            for rule in rules
        }
