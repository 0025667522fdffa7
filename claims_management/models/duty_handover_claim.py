from odoo import api, fields, models
from odoo.exceptions import UserError

from .insurance_claim import OPEN_STATES


class DutyHandoverClaim(models.Model):
    """A claim received (or escalated) on a post during one duty, listed on that duty's handover log.

    Written by the handover itself (``duty.handover._refresh_claim_links``), never by hand; the
    incoming officer signs off the claims still open when signing the handover."""

    _name = "duty.handover.claim"
    _description = "Claim Of A Handover"
    _order = "handover_id, received_at, id"
    _check_company_auto = True

    handover_id = fields.Many2one("duty.handover", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="handover_id.company_id", store=True, index=True)
    claim_id = fields.Many2one("insurance.claim", required=True, index=True, ondelete="cascade")
    kind = fields.Selection([("received", "Received"), ("escalated", "Escalated")], required=True)
    received_at = fields.Datetime("At", required=True)
    claim_name = fields.Char(related="claim_id.name", string="Claim Reference")
    claim_state = fields.Selection(related="claim_id.state", string="Claim Status")
    is_open = fields.Boolean(compute="_compute_is_open", store=True)
    signed_off_by_id = fields.Many2one("res.users", readonly=True)
    signed_off_at = fields.Datetime("Signed Off On", readonly=True)

    _sql_constraints = [
        ("handover_claim_kind_unique", "UNIQUE(handover_id, claim_id, kind)", "A claim is listed once per handover."),
    ]

    @api.depends("claim_id.state")
    def _compute_is_open(self):
        for link in self:
            link.is_open = link.claim_id.state in OPEN_STATES

    @api.model_create_multi
    def create(self, vals_list):
        self._check_written_by_handover()
        return super().create(vals_list)

    def write(self, vals):
        self._check_written_by_handover()
        return super().write(vals)

    def unlink(self):
        self._check_written_by_handover()
        return super().unlink()

    def _check_written_by_handover(self):
        # only duty.handover writes the links, in superuser mode, which no RPC or import can reach
        if not self.env.su:
            raise UserError(self.env._("The claims of a handover log are listed automatically from its duty."))

    def action_open_claim(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "insurance.claim",
            "res_id": self.claim_id.id,
            "view_mode": "form",
        }
