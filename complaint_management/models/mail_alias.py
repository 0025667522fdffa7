from markupsafe import Markup

from odoo import models


class MailAlias(models.Model):
    _inherit = "mail.alias"

    def _get_alias_bounced_body(self, message_dict):
        """The complaints alias says why it refused a mail (too many complaints from the sender)."""
        refusal = message_dict.get("insurance_complaint_refusal")
        if not refusal:
            return super()._get_alias_bounced_body(message_dict)
        return self.env["ir.qweb"]._render(
            "mail.mail_bounce_alias_security",
            {"body": Markup("<p>%s</p>") % refusal, "message": message_dict},
            minimal_qcontext=True,
        )
