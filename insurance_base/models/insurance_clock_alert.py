from odoo import fields, models

from .insurance_clock import LEVEL_SELECTION


class InsuranceClockAlert(models.Model):
    """Which level of a clock has been signalled, to whom: the sweep signals each once (written by the engine)."""

    _name = "insurance.clock.alert"
    _description = "Clock Alert"
    _order = "date desc, id desc"

    clock_id = fields.Many2one("insurance.clock", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="clock_id.company_id", store=True, index=True)
    res_model = fields.Char(related="clock_id.res_model", store=True, index=True)
    res_id = fields.Many2oneReference(related="clock_id.res_id", store=True, index=True, model_field="res_model")
    kind = fields.Selection(related="clock_id.kind", store=True)
    level = fields.Selection(LEVEL_SELECTION, required=True, readonly=True)
    due_date = fields.Date(readonly=True)
    date = fields.Datetime("Signalled On", required=True, default=fields.Datetime.now, readonly=True)
    user_ids = fields.Many2many("res.users", string="Notified", readonly=True)

    _sql_constraints = [
        (
            "clock_level_due_unique",
            "UNIQUE NULLS NOT DISTINCT (clock_id, level, due_date)",
            "A clock is signalled once per level and due date.",
        ),
    ]
