from odoo import fields, models

from .insurance_claim_complaint import COMPLAINT_GROUPS


class ResPartner(models.Model):
    """The complaints of a complainant: an officer may look up that complainant's claims to link one."""

    _inherit = "res.partner"

    complaint_ids = fields.One2many("insurance.complaint", "partner_id", string="Complaints", groups=COMPLAINT_GROUPS)
