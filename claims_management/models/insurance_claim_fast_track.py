from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from .insurance_claim import InsuranceClaim as BaseClaim

# the complexity decides the decision clock (5 working days or 30 days): it may change up to the decision
COMPLEXITY_STATES = ("reported", "dispatched", "surveyed", "documents", "assessment", "decision")


class InsuranceClaim(models.Model):
    """Fast track (小案快赔): the complexity is fixed when the claim is registered.

    A claim whose estimated loss is within the fast-track threshold of its type (保险小额理赔服务指引:
    motor property-only ≤ ¥5,000, personal medical ≤ ¥3,000) is simple and runs on the 5-working-day
    decision clock; any other takes the type's default. A later estimate leaves it alone: only the
    claim's handler changes it, with a reason kept in the chatter.
    """

    _inherit = "insurance.claim"  # pylint: disable=consider-merging-classes-inherited
    _workflow_protected_fields = (*BaseClaim._workflow_protected_fields, "complexity", "complexity_reason")

    complexity_reason = fields.Char(
        "Complexity Changed Because", readonly=True, copy=False, tracking=True, help="Given by the handler."
    )

    def _workflow_prepare_create(self, vals_list):
        result = super()._workflow_prepare_create(vals_list)
        type_ids = {vals.get("claim_type_id") for vals in vals_list} - {None, False}
        types = self.env["insurance.claim.type"].browse(type_ids)
        for vals in vals_list:
            if not vals.get("complexity"):
                claim_type = types.browse(vals.get("claim_type_id"))
                vals["complexity"] = claim_type._registration_complexity(vals.get("estimated_loss") or 0.0)
        return result

    def action_change_complexity(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change the Complexity"),
            "res_model": "insurance.claim.complexity",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_claim_id": self.id,
                "default_complexity": "complex" if self.complexity == "simple" else "simple",
            },
        }

    def _change_complexity(self, complexity, reason):
        """The handler moves the claim to ``complexity`` (simple/complex), giving ``reason``."""
        self.ensure_one()
        reason = (reason or "").strip()
        if not self.env.su and (not self.handler_user_id or self.handler_user_id != self.env.user):
            raise AccessError(
                self.env._(
                    "Only the handler of claim %(name)s (%(handler)s) may change its complexity.",
                    name=self.name,
                    handler=self.handler_id.name or self.env._("none assigned"),
                )
            )
        if complexity not in ("simple", "complex"):
            raise UserError(self.env._("Choose simple or complex."))
        if not reason:
            raise UserError(
                self.env._("Give the reason for changing the complexity of claim %(name)s.", name=self.name)
            )
        if self.state not in COMPLEXITY_STATES:
            raise UserError(
                self.env._(
                    "Claim %(name)s is %(state)s: its complexity changes only until the decision.",
                    name=self.name,
                    state=self._state_label(),
                )
            )
        if complexity == self.complexity:
            raise UserError(self.env._("Claim %(name)s is already of that complexity.", name=self.name))
        labels = dict(self._fields["complexity"]._description_selection(self.env))
        before = labels.get(self.complexity, "")
        self._workflow_write({"complexity": complexity, "complexity_reason": reason})
        self.message_post(
            body=self.env._(
                "Complexity changed from %(before)s to %(after)s by the handler: %(reason)s",
                before=before,
                after=labels[complexity],
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True
