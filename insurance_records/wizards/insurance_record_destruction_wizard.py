from odoo import api, fields, models
from odoo.exceptions import UserError


class InsuranceRecordDestructionWizard(models.TransientModel):
    """Put the files selected in the retention list into a new draft destruction batch."""

    _name = "insurance.record.destruction.wizard"
    _description = "New Destruction Batch from Files"

    file_ids = fields.Many2many("insurance.record.file", string="Files to Destroy", required=True)
    reason = fields.Text(default=lambda self: self.env._("Retention period ended."), required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "insurance.record.file" and "file_ids" in fields_list:
            values["file_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values

    def action_create_batch(self):
        self.ensure_one()
        companies = self.file_ids.company_id
        if len(companies) != 1:
            raise UserError(self.env._("A destruction batch holds the files of one company."))
        self.file_ids._check_destroyable(companies._insurance_today())
        batch = self.env["insurance.record.destruction"].create(
            {"company_id": companies.id, "file_ids": [(6, 0, self.file_ids.ids)], "reason": self.reason}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": batch._name,
            "res_id": batch.id,
            "view_mode": "form",
        }
