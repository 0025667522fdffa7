from odoo import fields, models
from odoo.addons.claims_management.models.insurance_policy import PRODUCT_LINES


class InsuranceComplaintPremiumAccount(models.Model):
    """The income accounts of a product line's premium, when the regulator figures take the premium from
    the accounting (company setting) rather than from the policies' premium schedules."""

    _name = "insurance.complaint.premium.account"
    _description = "Premium Income Accounts of a Product Line"
    _order = "company_id, product_line"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    product_line = fields.Selection(PRODUCT_LINES, required=True)
    account_ids = fields.Many2many(
        "account.account",
        string="Income Accounts",
        required=True,
        check_company=True,
        help="The premium written in a period is the credit balance of the posted entries on these accounts.",
    )

    _sql_constraints = [
        ("line_company_unique", "UNIQUE(company_id, product_line)", "A product line has one set of income accounts."),
    ]
