from odoo import api, fields, models
from odoo.exceptions import UserError

from .insurance_claim import STATES


class InsuranceClaimStageLog(models.Model):
    """The progress ledger (理赔进度跟踪台账): one row per stage change.

    Written by the claim's transitions only (users hold read access; the rows are created by
    the system with the acting user and the time forced); nobody edits or deletes a row.
    """

    _name = "insurance.claim.stage.log"
    _description = "Claim Progress Ledger"
    _order = "date desc, id desc"

    claim_id = fields.Many2one("insurance.claim", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="claim_id.company_id", store=True, index=True)
    state_from = fields.Selection(STATES, "From", readonly=True)
    state_to = fields.Selection(STATES, "To", required=True, readonly=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True, readonly=True)
    user_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user, readonly=True)
    note = fields.Char(readonly=True)
    hours_in_stage = fields.Float(
        "Hours in Previous Stage",
        help="Time the claim spent in the stage it left.",
        aggregator="avg",
        readonly=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        claims = self.env["insurance.claim"].browse({vals["claim_id"] for vals in vals_list})
        last = {
            claim: date
            for claim, date in self._read_group([("claim_id", "in", claims.ids)], ["claim_id"], ["date:max"])
        }
        for vals in vals_list:
            claim = self.env["insurance.claim"].browse(vals["claim_id"])
            start = last.get(claim) or claim.create_date
            now = fields.Datetime.to_datetime(vals.get("date")) or fields.Datetime.now()
            if start and "hours_in_stage" not in vals:
                vals["hours_in_stage"] = round((now - start).total_seconds() / 3600, 2)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise UserError(self.env._("The progress ledger cannot be changed: it records what happened."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The progress ledger cannot be changed: it records what happened."))
