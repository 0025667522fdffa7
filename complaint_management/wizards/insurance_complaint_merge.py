from odoo import api, fields, models


class InsuranceComplaintMerge(models.TransientModel):
    """Merge a repeated complaint on the same matter into the master case, within its statutory deadline;
    after the deadline, link it as a repeat (a case of its own)."""

    _name = "insurance.complaint.merge"
    _description = "Merge Complaints"

    duplicate_id = fields.Many2one("insurance.complaint", required=True, ondelete="cascade")
    master_id = fields.Many2one(
        "insurance.complaint",
        "Merge Into",
        required=True,
        ondelete="cascade",
        domain="[('id', '!=', duplicate_id), ('is_open', '=', True), ('partner_id', '=', partner_id), "
        "('company_id', '=', company_id)]",
    )
    partner_id = fields.Many2one(related="duplicate_id.partner_id")
    company_id = fields.Many2one(related="duplicate_id.company_id")
    new_facts = fields.Text(
        help="New facts or reasons brought by the repeated complaint. Recorded facts restart the master's "
        "statutory clock today; leave empty when there is nothing new."
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if not values.get("master_id") and values.get("duplicate_id"):
            duplicate = self.env["insurance.complaint"].browse(values["duplicate_id"])
            values["master_id"] = duplicate.duplicate_ids[:1].id
        return values

    within_deadline = fields.Boolean(
        compute="_compute_within_deadline",
        help="The repeated complaint came within the statutory deadline of the complaint it repeats, which still runs.",
    )

    @api.depends("duplicate_id", "master_id")
    def _compute_within_deadline(self):
        for wizard in self:
            wizard.within_deadline = bool(
                wizard.master_id
                and wizard.duplicate_id
                and wizard.master_id._within_decision_deadline(wizard.duplicate_id.received_at)
            )

    def action_link_repeat(self):
        self.ensure_one()
        self.duplicate_id._link_as_repeat(self.master_id)
        return {
            "type": "ir.actions.act_window",
            "res_model": "insurance.complaint",
            "res_id": self.duplicate_id.id,
            "view_mode": "form",
        }

    def action_merge(self):
        self.ensure_one()
        self.duplicate_id._merge_into(self.master_id, self.new_facts)
        return {
            "type": "ir.actions.act_window",
            "res_model": "insurance.complaint",
            "res_id": self.master_id.id,
            "view_mode": "form",
        }
