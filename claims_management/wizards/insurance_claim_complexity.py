from odoo import fields, models


class InsuranceClaimComplexity(models.TransientModel):
    """The handler changes a claim's complexity (simple / complex) and says why."""

    _name = "insurance.claim.complexity"
    _description = "Change the Complexity of a Claim"

    claim_id = fields.Many2one("insurance.claim", required=True, ondelete="cascade")
    current_complexity = fields.Selection(related="claim_id.complexity", string="Current Complexity")
    complexity = fields.Selection(
        [("simple", "Simple"), ("complex", "Complex")], string="New Complexity", required=True
    )
    reason = fields.Char(required=True)

    def action_apply(self):
        self.ensure_one()
        self.claim_id._change_complexity(self.complexity, self.reason)
        return {"type": "ir.actions.act_window_close"}
