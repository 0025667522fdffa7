from odoo import fields, models


class DutyPost(models.Model):
    _inherit = "duty.post"

    claim_region = fields.Char(
        help="Claims whose region is this one are dispatched to whoever is on duty on this post "
        "(e.g. the surveyors of Liuyang).",
        index=True,
    )
