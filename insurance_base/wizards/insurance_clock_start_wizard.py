from odoo import fields, models


class InsuranceClockStartWizard(models.TransientModel):
    """A manager corrects when a deadline starts, with the reason kept in its audit log."""

    _name = "insurance.clock.start.wizard"
    _description = "Change the Start of a Deadline"

    clock_id = fields.Many2one("insurance.clock", required=True, ondelete="cascade")
    start_at = fields.Datetime("New Start", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.clock_id._record().check_access("write")
        self.clock_id._change_start(self.start_at, self.reason)
        return {"type": "ir.actions.act_window_close"}
