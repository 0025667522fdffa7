from odoo import api, fields, models
from odoo.exceptions import UserError

# what a filed record still accepts: the chatter and activities (messages are kept beside the file)
_FREE_PREFIXES = ("message_", "activity_", "website_message")


class InsuranceRecordFiledMixin(models.AbstractModel):
    """A case the archive files (claim, complaint): once filed it can no longer be changed or deleted.

    The inheriting model defines ``record_file_ids`` (the files of ``insurance.record.file`` pointing to it)."""

    _name = "insurance.record.filed.mixin"
    _description = "Case Filed In The Archive"

    records_filed = fields.Boolean(
        "Filed", compute="_compute_records_filed", store=True, index=True, help="Archived: read-only from now on."
    )

    @api.depends("record_file_ids")
    def _compute_records_filed(self):
        for record in self:
            record.records_filed = bool(record.record_file_ids)

    def write(self, vals):
        self._records_refuse_filed(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_filed(self):
        self._records_refuse_filed({"id": True})

    def _records_refuse_filed(self, vals):
        """Refuse writing ``vals`` (field names) on these records if any of them is filed."""
        if self.env.su or not any(not name.startswith(_FREE_PREFIXES) for name in vals):
            return
        # the one "is it filed" flag, whoever writes (a claimant's portal upload may not read internal fields)
        filed = self.sudo().filtered("records_filed").with_env(self.env)
        if filed:
            raise UserError(
                self.env._(
                    "%(names)s is filed in the archive: it can no longer be changed.",
                    names=", ".join(filed.mapped("display_name")),
                )
            )
