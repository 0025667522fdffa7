from odoo import models

from .insurance_claim_flagging import PARTY_FIELDS


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        result = super().write(vals)
        if PARTY_FIELDS & vals.keys():
            self._claim_flag_refresh()
        return result

    def _claim_flag_refresh(self):
        """A party's phone, ID number or bank accounts changed: check its open claims again."""
        # every open claim of the party, also those of other teams the user may not read: the red
        # flags are the director's, so the check must not depend on who edited the contact
        claims = (
            self.env["insurance.claim"]
            .sudo()
            .search([("is_open", "=", True), "|", ("claimant_id", "in", self.ids), ("payee_id", "in", self.ids)])
        )
        claims._flag_refresh()
