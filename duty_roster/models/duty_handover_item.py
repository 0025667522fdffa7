from odoo import api, fields, models


class DutyHandoverItem(models.Model):
    """An open item of a handover log; unfinished ones follow the duty chain."""

    _name = "duty.handover.item"
    _description = "Handover Open Item"
    _order = "sequence, id"

    handover_id = fields.Many2one("duty.handover", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="handover_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    description = fields.Char(required=True)
    done = fields.Boolean()
    origin_item_id = fields.Many2one(
        "duty.handover.item",
        string="Carried From",
        readonly=True,
        index=True,
        ondelete="set null",
        help="The item of the previous duty's handover this one was carried over from.",
    )
    origin_handover_id = fields.Many2one(related="origin_item_id.handover_id", string="From Handover")

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items.handover_id._check_content_editable()
        return items

    def write(self, vals):
        self.handover_id._check_content_editable()
        if "handover_id" in vals:
            self.env["duty.handover"].browse(vals["handover_id"])._check_content_editable()
        return super().write(vals)

    def unlink(self):
        self.handover_id._check_content_editable()
        return super().unlink()
