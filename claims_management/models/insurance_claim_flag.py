from odoo import fields, models
from odoo.exceptions import AccessError, UserError

KINDS = [
    ("shared_phone", "Phone number shared with another party"),
    ("shared_id_number", "ID number shared with another party"),
    ("shared_bank", "Bank account shared with another party"),
    ("repeat_claims", "Several claims on one insured"),
    ("early_loss", "Loss soon after the policy start"),
    ("above_limit", "Claimed amount above the limit left"),
]


class InsuranceClaimFlag(models.Model):
    """A red flag on a claim: what looks suspicious and why; a claims director clears it with a reason.

    Flags are raised by the system (``insurance.claim`` ``_flag_refresh``) when a claim is
    created or its parties, insured, dates or amounts change; an open flag whose ground goes
    away is dropped, a cleared one stays as the director's record.
    """

    _name = "insurance.claim.flag"
    _description = "Claim Red Flag"
    _inherit = ["insurance.workflow.guard", "mail.thread"]
    _order = "state desc, id desc"
    _workflow_protected_fields = ("state", "clear_reason", "cleared_by_id", "cleared_at")

    claim_id = fields.Many2one("insurance.claim", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="claim_id.company_id", store=True, index=True)
    kind = fields.Selection(KINDS, required=True, readonly=True)
    key = fields.Char(
        required=True, readonly=True, help="What the flag is about: the normalized phone, ID or account, or the rule."
    )
    reason = fields.Text("Why", required=True, readonly=True)
    matched_claim_id = fields.Many2one("insurance.claim", "Other Claim", readonly=True, ondelete="set null")
    matched_partner_id = fields.Many2one("res.partner", "Other Party", readonly=True, ondelete="set null")
    state = fields.Selection(
        [("open", "Open"), ("cleared", "Cleared")], required=True, default="open", index=True, tracking=True
    )
    clear_reason = fields.Text("Reason for Clearing", readonly=True, tracking=True)
    cleared_by_id = fields.Many2one("res.users", readonly=True)
    cleared_at = fields.Datetime("Cleared On", readonly=True)

    _sql_constraints = [
        ("claim_kind_key_unique", "UNIQUE(claim_id, kind, key)", "A claim has one flag per ground."),
    ]

    def _workflow_refusal(self, fnames):
        return self.env._("A red flag is raised by the system and cleared only by a claims director, with a reason.")

    def action_clear(self, reason):
        """The director looked into it: the flag is cleared, the reason kept on the flag and the claim."""
        if not self.env.su and not self.env.user.has_group("claims_management.group_claims_director"):
            raise AccessError(self.env._("Only a claims director clears a red flag."))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the red flag can be cleared."))
        for flag in self:
            if flag.state != "open":
                raise UserError(self.env._("The red flag %(flag)s is already cleared.", flag=flag.reason))
        self._workflow_write(
            {
                "state": "cleared",
                "clear_reason": reason,
                "cleared_by_id": self.env.uid,
                "cleared_at": fields.Datetime.now(),
            }
        )
        for flag in self:
            flag.claim_id.message_post(
                body=self.env._("Red flag cleared: %(flag)s Reason: %(reason)s", flag=flag.reason, reason=reason)
            )
        return True
