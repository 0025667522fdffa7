from odoo import fields, models


class InsuranceClaimFlagClear(models.TransientModel):
    """The director's reason for clearing red flags."""

    _name = "insurance.claim.flag.clear"
    _description = "Clear Red Flags"

    flag_ids = fields.Many2many("insurance.claim.flag", string="Red Flags", required=True)
    reason = fields.Text(required=True)

    def action_clear(self):
        self.ensure_one()
        self.flag_ids.action_clear(self.reason)
        return {"type": "ir.actions.act_window_close"}
