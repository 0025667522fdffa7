from odoo import fields, models


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
