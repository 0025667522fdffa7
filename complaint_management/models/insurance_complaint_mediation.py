from odoo import fields, models

MEDIATION_OUTCOMES = [
    ("none", "No mediation"),
    ("success", "Mediated: agreement"),
    ("failed", "Mediated: no agreement"),
]


class InsuranceComplaint(models.Model):
    """Mediation of the dispute (by a mediation organisation or the regulator's centre) and its outcome,
    counted in the mediation success rate of the statistics."""

    _inherit = ["insurance.complaint"]

    mediation_outcome = fields.Selection(
        MEDIATION_OUTCOMES,
        "Mediation",
        required=True,
        default="none",
        tracking=True,
        index=True,
        help="Whether the dispute went to mediation and whether the parties agreed.",
    )
    mediation_note = fields.Text(help="Mediation body, date and terms of the agreement.")
