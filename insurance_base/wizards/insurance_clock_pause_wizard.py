from odoo import fields, models

from ..models.insurance_clock_pause import PAUSE_REASONS


class InsuranceClockPauseWizard(models.TransientModel):
    """Pause a running deadline: from when, why; a back-dated start needs a manager and a reason."""

    _name = "insurance.clock.pause.wizard"
    _description = "Pause a Deadline"

    clock_id = fields.Many2one("insurance.clock", required=True, ondelete="cascade")
    reason = fields.Selection(PAUSE_REASONS, required=True, default="appraisal")
    note = fields.Text("Details", required=True, help="Who appraises what; the person concerned is told.")
    start_at = fields.Datetime("Paused From", required=True, default=fields.Datetime.now)
    backdate_reason = fields.Text(
        "Why Back-dated", help="Needed, and only a manager may do it, when the pause starts before the allowed days."
    )

    def action_confirm(self):
        self.ensure_one()
        record = self.clock_id._record()
        record.check_access("write")
        record._clock_after_pause(self.clock_id._pause(self.start_at, self.reason, self.note, self.backdate_reason))
        return {"type": "ir.actions.act_window_close"}
