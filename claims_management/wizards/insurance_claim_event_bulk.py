from odoo import fields, models
from odoo.exceptions import UserError

from ..models.insurance_claim_event import BULK_AT_ONCE


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
        """The claims at once, or, above ``claims_management.bulk_claims_at_once`` insured (default 100),
        in a background job whose form the user is shown."""
        self.ensure_one()
        if not self.insured_ids:
            raise UserError(self.env._("Choose the damaged insured persons or objects."))
        at_once = int(
            self.env["ir.config_parameter"].sudo().get_param("claims_management.bulk_claims_at_once", BULK_AT_ONCE)
        )
        if len(self.insured_ids) > at_once:
            job = self.env["insurance.job"]._enqueue(
                self.env._(
                    "Register %(count)s claims for %(event)s", count=len(self.insured_ids), event=self.event_id.name
                ),
                "insurance.claim.event",
                "_job_create_bulk_claims",
                {
                    "event_id": self.event_id.id,
                    "policy_id": self.policy_id.id,
                    "claim_type_id": self.claim_type_id.id,
                    "insured_ids": self.insured_ids.ids,
                    "loss_at": fields.Datetime.to_string(self.loss_at),
                },
            )
            return job._action_queued()
        self.event_id._create_bulk_claims(self.policy_id, self.claim_type_id, self.insured_ids, self.loss_at)
        claims = self.env["insurance.claim"].search(
            [("event_id", "=", self.event_id.id), ("insured_id", "in", self.insured_ids.ids)]
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "insurance.claim",
            "view_mode": "list,form",
            "domain": [("id", "in", claims.ids)],
            "name": self.env._("Claims of %(event)s", event=self.event_id.name),
        }
