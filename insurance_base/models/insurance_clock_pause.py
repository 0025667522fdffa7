from odoo import api, fields, models
from odoo.exceptions import ValidationError

PAUSE_REASONS = [
    ("documents", "Waiting for Documents"),
    ("appraisal", "External Appraisal"),
    ("testing", "Testing"),
    ("assessment", "Assessment"),
]


class InsuranceClockPause(models.Model):
    """Time a clock stands still: from its start to its end, with why and who (written by the engine only)."""

    _name = "insurance.clock.pause"
    _description = "Clock Pause"
    _order = "start_at desc, id desc"

    clock_id = fields.Many2one("insurance.clock", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="clock_id.company_id", store=True, index=True)
    res_model = fields.Char(related="clock_id.res_model", store=True, index=True)
    res_id = fields.Many2oneReference(related="clock_id.res_id", store=True, index=True, model_field="res_model")
    reason = fields.Selection(PAUSE_REASONS, required=True, readonly=True)
    note = fields.Text("Details", readonly=True)
    start_at = fields.Datetime("Paused From", required=True, readonly=True)
    end_at = fields.Datetime("Resumed On", readonly=True)
    recorded_at = fields.Datetime("Recorded On", required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", "Recorded By", readonly=True)
    backdate_reason = fields.Text("Why Back-dated", readonly=True)

    @api.constrains("start_at", "end_at")
    def _check_dates(self):
        for pause in self:
            if pause.end_at and pause.end_at < pause.start_at:
                raise ValidationError(self.env._("A pause cannot end before it starts."))
            if pause.start_at < pause.clock_id.start_at:
                raise ValidationError(self.env._("A pause cannot start before its clock."))

    def init(self):
        self._cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS insurance_clock_pause_one_open_idx "
            "ON insurance_clock_pause (clock_id) WHERE end_at IS NULL"
        )
