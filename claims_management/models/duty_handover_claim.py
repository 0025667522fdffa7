from odoo import fields, models

from .insurance_claim import OPEN_STATES


class DutyHandoverClaim(models.Model):
    """A claim received (or escalated) on a post during one duty, listed on that duty's handover log.

    Written by the handover itself (``duty.handover._refresh_claim_links``), never by hand."""

    _name = "duty.handover.claim"
    _inherit = "duty.handover.link"
    _description = "Claim Of A Handover"
    _handover_link_field = "claim_id"

    claim_id = fields.Many2one("insurance.claim", required=True, index=True, ondelete="cascade")
    claim_name = fields.Char(related="claim_id.name", string="Claim Reference")
    claim_state = fields.Selection(related="claim_id.state", string="Claim Status")

    _sql_constraints = [
        ("handover_claim_kind_unique", "UNIQUE(handover_id, claim_id, kind)", "A claim is listed once per handover."),
    ]

    def _handover_link_open_states(self):
        return OPEN_STATES

    def _handover_link_refusal(self):
        return self.env._("The claims of a handover log are listed automatically from its duty.")
