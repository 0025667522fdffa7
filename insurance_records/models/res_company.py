from odoo import api, fields, models

# The records rules, customer information: a customer file is lent for at most three days
CUSTOMER_LOAN_MAX_DAYS = 3


class ResCompany(models.Model):
    _inherit = "res.company"

    records_long_years = fields.Integer(
        "Long Retention (years)",
        default=30,
        help="How long a file of the long retention class is kept after it is closed.",
    )
    records_short_years = fields.Integer(
        "Short Retention (years)",
        default=10,
        help="How long a file of the short retention class is kept after it is closed.",
    )
    records_loan_max_days = fields.Integer(
        "Loan Period of Other Files (days)",
        default=7,
        help="Longest loan of a file that holds no customer information. Customer files: at most 3 days "
        "(records rules, customer information).",
    )

    @api.constrains("records_long_years", "records_short_years", "records_loan_max_days")
    def _check_records_numbers(self):
        self._insurance_check_minimums(
            dict.fromkeys(("records_long_years", "records_short_years", "records_loan_max_days"), 1),
            lambda company, _setting: self.env._("Retention years and loan days must be at least 1."),
        )
