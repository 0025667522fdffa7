from odoo import api, fields, models


class InsuranceClaimStageLog(models.Model):
    """The progress ledger (理赔进度跟踪台账): one row per stage change."""

    _name = "insurance.claim.stage.log"
    _description = "Claim Progress Ledger"
    _order = "date desc, id desc"

    claim_id = fields.Many2one("insurance.claim", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="claim_id.company_id", store=True, index=True)
    state_from = fields.Char("From")
    state_to = fields.Char("To", required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user)
    note = fields.Char()
    hours_in_stage = fields.Float(
        "Hours in Previous Stage", help="Time the claim spent in the stage it left.", aggregator="avg"
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
