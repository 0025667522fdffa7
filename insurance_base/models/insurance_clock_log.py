from odoo import fields, models

EVENTS = [
    ("pause", "Paused"),
    ("pause_backdated", "Paused, back-dated"),
    ("resume", "Resumed"),
    ("extension", "Extended"),
    ("start_changed", "Start changed"),
    ("setting", "Setting changed"),
    ("calendar", "Recomputed after a calendar change"),
    ("reopened", "Running again"),
]


class InsuranceClockLog(models.Model):
    """The audit trail of a clock: what changed its count, who, when and why (written by the engine only)."""

    _name = "insurance.clock.log"
    _description = "Clock Audit Log"
    _order = "date desc, id desc"

    clock_id = fields.Many2one("insurance.clock", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="clock_id.company_id", store=True, index=True)
    res_model = fields.Char(related="clock_id.res_model", store=True, index=True)
    res_id = fields.Many2oneReference(related="clock_id.res_id", store=True, index=True, model_field="res_model")
    event = fields.Selection(EVENTS, required=True, readonly=True)
    old_value = fields.Char("Before", readonly=True)
    new_value = fields.Char("After", readonly=True)
    reason = fields.Text(readonly=True)
    user_id = fields.Many2one("res.users", "By", readonly=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
