from odoo import api, models


class ResPartnerBank(models.Model):
    _inherit = "res.partner.bank"

    @api.model_create_multi
    def create(self, vals_list):
        accounts = super().create(vals_list)
        accounts.partner_id._claim_flag_refresh()
        return accounts

    def write(self, vals):
        before = self.partner_id
        result = super().write(vals)
        if {"acc_number", "partner_id"} & vals.keys():
            (before | self.partner_id)._claim_flag_refresh()
        return result

    def unlink(self):
        partners = self.partner_id
        result = super().unlink()
        partners._claim_flag_refresh()
        return result
