from odoo import fields, models
from odoo.exceptions import UserError


class InsuranceClaimEventBulk(models.TransientModel):
    """Register one claim per damaged insured object of a catastrophe event."""

    _name = "insurance.claim.event.bulk"
    _description = "Register Claims for an Event"

    event_id = fields.Many2one("insurance.claim.event", required=True)
    policy_id = fields.Many2one("insurance.policy", required=True)
    claim_type_id = fields.Many2one("insurance.claim.type", required=True)
    insured_ids = fields.Many2many(
        "insurance.policy.insured", string="Damaged", domain="[('policy_id', '=', policy_id)]", required=True
    )
    loss_at = fields.Datetime("Loss Date", required=True)

    def action_create_claims(self):
        self.ensure_one()
        if not self.insured_ids:
            raise UserError(self.env._("Choose the damaged insured persons or objects."))
        partner = self.policy_id.insured_partner_id or self.policy_id.policyholder_id
        claims = self.env["insurance.claim"].create(
            [
                {
                    "event_id": self.event_id.id,
                    "policy_id": self.policy_id.id,
                    "claim_type_id": self.claim_type_id.id,
                    "insured_id": insured.id,
                    "loss_at": self.loss_at,
                    "loss_place": insured.name,
                    "region": insured.region or self.event_id.region,
                    "cause": self.event_id.name,
                    "claimant_id": (insured.partner_id or partner).id,
                    "channel": "import",
                }
                for insured in self.insured_ids
            ]
        )
        # the claims are dispatched to the staff on duty by create(), in one batch
        return {
            "type": "ir.actions.act_window",
            "res_model": "insurance.claim",
            "view_mode": "list,form",
            "domain": [("id", "in", claims.ids)],
            "name": self.env._("Claims of %(event)s", event=self.event_id.name),
        }
