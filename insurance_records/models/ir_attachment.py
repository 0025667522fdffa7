from odoo import api, models
from odoo.exceptions import UserError

FILED_MODELS = ("insurance.claim", "insurance.complaint")


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _check_not_filed(self, targets):
        """Refuse adding, changing or removing the attachments of a filed claim or complaint."""
        if self.env.su:
            return
        for model in FILED_MODELS:
            ids = {res_id for res_model, res_id in targets if res_model == model and res_id}
            # whether the case is filed is read as the system: the refusal must not depend on the uploader's
            # rights (the attachment's own access check still applies after this)
            if ids and self.env[model].sudo().search_count([("id", "in", list(ids)), ("records_filed", "=", True)]):
                raise UserError(
                    self.env._("The attachments of a filed claim or complaint are kept as they were filed.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_not_filed([(vals.get("res_model"), vals.get("res_id")) for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        self._check_not_filed([(att.res_model, att.res_id) for att in self])
        return super().write(vals)

    def unlink(self):
        self._check_not_filed([(att.res_model, att.res_id) for att in self])
        return super().unlink()
