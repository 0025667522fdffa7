from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.tools import html2plaintext

# characters accepted on what a claimant writes; the portal form refuses longer texts with the same limits
TEXT_LIMITS = {"loss_place": 300, "description": 20000, "attachment_name": 255}


class InsuranceClaim(models.Model):
    """The claimant portal: ``/my/claims/<id>``."""

    _name = "insurance.claim"
    _inherit = ["insurance.claim", "portal.mixin"]

    def _compute_access_url(self):
        for claim in self:
            claim.access_url = f"/my/claims/{claim.id}"

    @api.constrains("loss_place", "description")
    def _check_text_lengths(self):
        for claim in self:
            for name in ("loss_place", "description"):
                value = claim[name] or ""
                length = len(html2plaintext(value) if self._fields[name].type == "html" else value)
                if length > TEXT_LIMITS[name]:
                    raise ValidationError(
                        self.env._(
                            "%(field)s is %(length)s characters long: at most %(limit)s characters are accepted.",
                            field=self._fields[name]._description_string(self.env),
                            length=length,
                            limit=TEXT_LIMITS[name],
                        )
                    )
