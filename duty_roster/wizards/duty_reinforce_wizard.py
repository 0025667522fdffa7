import datetime

from odoo import api, fields, models


class DutyReinforceWizard(models.TransientModel):
    """Reinforce Now: call in people of a post's emergency staff pool for a time window."""

    _name = "duty.reinforce.wizard"
    _description = "Emergency Reinforcement"

    post_id = fields.Many2one("duty.post", required=True, ondelete="cascade")
    start = fields.Datetime(required=True, default=lambda self: fields.Datetime.now())
    end = fields.Datetime(required=True, default=lambda self: fields.Datetime.now() + datetime.timedelta(hours=12))
    headcount_primary = fields.Integer("Primary", default=1)
    headcount_backup = fields.Integer("Backups", default=0)
    headcount_leader = fields.Integer("Duty Leaders", default=0)
    reason = fields.Char(required=True, help="E.g. the catastrophe, told to the people called in.")
    pool_count = fields.Integer("People In The Pool", compute="_compute_pool_count")

    @api.depends("post_id")
    def _compute_pool_count(self):
        for wizard in self:
            wizard.pool_count = len(wizard.post_id.emergency_employee_ids)

    def action_reinforce(self):
        self.ensure_one()
        shifts, skipped = self.post_id._reinforce(
            self.start,
            self.end,
            {"primary": self.headcount_primary, "backup": self.headcount_backup, "leader": self.headcount_leader},
            self.reason,
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Emergency reinforcement"),
                "message": self.env._(
                    "%(count)s called in: %(names)s. %(skipped)s skipped (on duty, resting or on leave).",
                    count=len(shifts),
                    names=", ".join(shifts.employee_id.mapped("name")),
                    skipped=len(skipped),
                ),
                "type": "success",
                "sticky": True,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
