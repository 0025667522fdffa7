from odoo import fields, models
from odoo.exceptions import UserError

LETTER_KINDS = [
    ("acknowledgement", "Acknowledgement"),
    ("extension", "Extension Notice"),
    ("pause", "Appraisal Pause Notice"),
    ("decision", "Decision Letter"),
]
CHANNELS = [
    ("email", "Email"),
    ("post", "Registered Post"),
    ("sms", "SMS"),
    ("phone", "Phone"),
    ("in_person", "In Person"),
    ("portal", "Portal"),
]


class InsuranceComplaintNotification(models.Model):
    """Proof that a letter was sent to the complainant, and whether it reached them."""

    _name = "insurance.complaint.notification"
    _description = "Complaint Notification"
    _order = "sent_at desc, id desc"
    _check_company_auto = True

    complaint_id = fields.Many2one(
        "insurance.complaint", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", "Sent To", required=True)
    kind = fields.Selection(LETTER_KINDS, "Letter", required=True, index=True)
    sent_at = fields.Datetime("Sent On", required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", "Sent By", required=True, default=lambda self: self.env.user)
    channel = fields.Selection(CHANNELS, required=True, default="email")
    status = fields.Selection(
        [("sent", "Sent"), ("delivered", "Delivered"), ("unreachable", "Complainant Unreachable")],
        required=True,
        default="sent",
        index=True,
    )
    delivered_at = fields.Datetime("Delivered On")
    note = fields.Text(help="Proof of delivery: tracking number, who signed, calls tried.")
    attachment_id = fields.Many2one("ir.attachment", "Letter PDF", ondelete="set null")
    message_id = fields.Many2one("mail.message", ondelete="set null")
    extension_id = fields.Many2one("insurance.complaint.extension", index="btree_not_null", ondelete="set null")
    pause_id = fields.Many2one("insurance.clock.pause", index="btree_not_null", ondelete="set null")

    def action_mark_delivered(self):
        for notification in self:
            if notification.status == "delivered":
                raise UserError(self.env._("This letter is already marked delivered."))
            notification.write(
                {"status": "delivered", "delivered_at": notification.delivered_at or fields.Datetime.now()}
            )
        return True

    def action_mark_unreachable(self):
        if any(notification.status == "delivered" for notification in self):
            raise UserError(self.env._("A delivered letter cannot be marked unreachable."))
        self.write({"status": "unreachable", "delivered_at": False})
        return True
