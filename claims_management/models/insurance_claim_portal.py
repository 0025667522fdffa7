from odoo import models


class InsuranceClaim(models.Model):
    """The claimant portal: ``/my/claims/<id>``."""

    _name = "insurance.claim"
    _inherit = ["insurance.claim", "portal.mixin"]

    def _compute_access_url(self):
        for claim in self:
            claim.access_url = f"/my/claims/{claim.id}"
