from odoo import fields, models


class ResCompany(models.Model):
    """The company's threshold above which a complaint is major."""

    _inherit = "res.company"

    complaint_major_loss = fields.Monetary(
        "Major Complaint Loss",
        currency_field="currency_id",
        default=20000,
        help="A complaint whose actual or possible loss reaches this amount is major (default ¥20,000).",
    )
