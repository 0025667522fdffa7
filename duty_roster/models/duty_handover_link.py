from odoo import api, fields, models
from odoo.exceptions import UserError


class DutyHandoverLink(models.AbstractModel):
    """A record (claim, complaint...) received or escalated on a post during one duty, listed on that duty's
    handover log.

    A concrete link adds the Many2one to its record, names it in ``_handover_link_field`` and says which
    states are open (``_handover_link_open_states``). Written by the handover itself, never by hand: the
    incoming officer signs off the records still open when signing the handover."""

    _name = "duty.handover.link"
    _description = "Record Of A Handover"
    _order = "handover_id, received_at, id"
    _check_company_auto = True
    _handover_link_field = None

    handover_id = fields.Many2one("duty.handover", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="handover_id.company_id", store=True, index=True)
    kind = fields.Selection([("received", "Received"), ("escalated", "Escalated")], required=True)
    received_at = fields.Datetime("At", required=True)
    is_open = fields.Boolean(compute="_compute_is_open", store=True)
    signed_off_by_id = fields.Many2one("res.users", readonly=True)
    signed_off_at = fields.Datetime("Signed Off On", readonly=True)

    def _handover_link_open_states(self):
        raise NotImplementedError

    def _handover_link_refusal(self):
        """The translated message refusing a write that does not come from the handover."""
        raise NotImplementedError

    @api.depends(lambda self: [f"{self._handover_link_field}.state"] if self._handover_link_field else [])
    def _compute_is_open(self):
        open_states = self._handover_link_open_states()
        for link in self:
            link.is_open = link[self._handover_link_field].state in open_states

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
            raise UserError(self._handover_link_refusal())

    def _sign_off(self):
        """Sign off the open links not signed off yet, as the current user, now. Called by
        ``duty.handover.action_sign`` once it checked that the user is the incoming officer."""
        self.filtered(lambda link: link.is_open and not link.signed_off_by_id).sudo().write(
            {"signed_off_by_id": self.env.uid, "signed_off_at": fields.Datetime.now()}
        )

    def action_open_record(self):
        self.ensure_one()
        record = self[self._handover_link_field]
        return {"type": "ir.actions.act_window", "res_model": record._name, "res_id": record.id, "view_mode": "form"}
