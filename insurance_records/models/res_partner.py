from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    insurance_id_number = fields.Char(
        "Resident ID Number",
        index="btree_not_null",
        help="Resident identity card number; checked before claim information is disclosed to this person.",
    )

    @api.constrains("insurance_id_number")
    def _check_insurance_id_number(self):
        from stdnum.cn import ric

        for partner in self.filtered("insurance_id_number"):
            if not ric.is_valid(partner.insurance_id_number):
                raise ValidationError(
                    self.env._("%(number)s is not a valid resident ID number.", number=partner.insurance_id_number)
                )
