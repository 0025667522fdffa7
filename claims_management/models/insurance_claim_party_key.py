from odoo import fields, models, tools

from ..lib import claim_flags

KINDS = [
    (claim_flags.PHONE, "Phone number"),
    (claim_flags.ID_NUMBER, "ID number"),
    (claim_flags.BANK, "Bank account"),
]


class InsuranceClaimPartyKey(models.Model):
    """The normalized phone numbers, ID numbers and bank accounts of a claim's claimant and payee.

    An index the red flags look a new claim's parties up in: one row per claim, party and key,
    written by the system only (see ``insurance.claim`` ``_flag_refresh_keys``). The btree
    index on ``(key, kind, company_id)`` finds the claims sharing a key in one lookup however
    many claims there are.
    """

    _name = "insurance.claim.party.key"
    _description = "Claim Party Key (red flags index)"
    _log_access = False

    claim_id = fields.Many2one("insurance.claim", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    partner_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade", readonly=True)
    role = fields.Selection([("claimant", "Claimant"), ("payee", "Payee")], required=True, readonly=True)
    kind = fields.Selection(KINDS, required=True, readonly=True)
    key = fields.Char(required=True, readonly=True)

    def init(self):
        tools.create_index(
            self.env.cr, "insurance_claim_party_key_lookup_index", self._table, ["key", "kind", "company_id"]
        )
