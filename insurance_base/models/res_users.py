from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _insurance_group_users(self, group_xmlid, company):
        """Active internal users of the group ``group_xmlid`` who work in ``company``, by id."""
        group = self.env.ref(group_xmlid)
        return group.users.filtered(lambda user: user.active and not user.share and company in user.company_ids).sorted(
            "id"
        )
