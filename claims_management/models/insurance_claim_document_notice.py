from odoo import api, fields, models
from odoo.exceptions import UserError


class InsuranceClaimDocumentNotice(models.Model):
    """A missing-documents notice sent to the claimant (Insurance Law Art. 22).

    The law asks for one notice listing everything missing; a further notice is
    only sent on new facts, whose reason is kept here.
    """

    _name = "insurance.claim.document.notice"
    _description = "Missing Documents Notice"
    _order = "date desc, id desc"

    claim_id = fields.Many2one("insurance.claim", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="claim_id.company_id", store=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Sent By", required=True, default=lambda self: self.env.user)
    partner_id = fields.Many2one("res.partner", string="Sent To", required=True)
    is_repeat = fields.Boolean("Further Notice", help="Sent after the one-time notice, on new facts.")
    reason = fields.Text("New Facts", help="Why a further notice was needed after the one-time notice.")
    missing_items = fields.Text("Documents Listed", required=True)
    document_ids = fields.Many2many("insurance.claim.document", string="Documents")
    message_id = fields.Many2one("mail.message", ondelete="set null")

    @api.model_create_multi
    def create(self, vals_list):
        """Written by the notice action only: who and when are forced, and the row needs its notice mail."""
        if not self.env.su:
            now = fields.Datetime.now()
            messages = self.env["mail.message"].sudo().browse([vals.get("message_id") or 0 for vals in vals_list])
            # a notice row records a notice mail sent on that claim, each mail once
            used = set(self.sudo().search([("message_id", "in", messages.ids)]).message_id.ids)
            for vals, message in zip(vals_list, messages, strict=True):
                vals.update({"user_id": self.env.uid, "date": now})
                if not (
                    message.exists()
                    and message.model == "insurance.claim"
                    and message.res_id == vals.get("claim_id")
                    and message.message_type == "comment"
                    and message.id not in used
                ):
                    raise UserError(
                        self.env._(
                            "A missing-documents notice is recorded by sending it (Missing Documents Notice on the "
                            "claim), not entered by hand."
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise UserError(self.env._("A notice sent cannot be changed: it records what the claimant received."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A notice sent cannot be changed: it records what the claimant received."))
