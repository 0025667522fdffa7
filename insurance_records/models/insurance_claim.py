from odoo import api, fields, models
from odoo.exceptions import UserError

# what a filed record still accepts: the chatter and activities (messages are kept beside the file)
_FREE_PREFIXES = ("message_", "activity_", "website_message")


class InsuranceClaim(models.Model):
    _inherit = "insurance.claim"

    record_file_ids = fields.One2many("insurance.record.file", "claim_id", string="Records File")
    records_filed = fields.Boolean(
        "Filed", compute="_compute_records_filed", store=True, index=True, help="Archived: read-only from now on."
    )

    @api.depends("record_file_ids")
    def _compute_records_filed(self):
        for claim in self:
            claim.records_filed = bool(claim.record_file_ids)

    def write(self, vals):
        _refuse_filed(self, vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_filed(self):
        _refuse_filed(self, {"id": True})

    def action_file_records(self):
        """The button of the staff who closed the case: hand these closed claims to the archive now.

        Checked first: the user may change these claims (the ORM refuses otherwise). The archive's files are
        then created as the system, narrowly for these claims: their staff have no rights on the archive.
        """
        self.check_access("write")
        self.env["insurance.record.file"].sudo()._file_closed(claims=self.sudo())
        return True


def _refuse_filed(records, vals):
    if records.env.su or not any(not name.startswith(_FREE_PREFIXES) for name in vals):
        return
    # the one "is it filed" flag, whoever writes (a claimant's portal upload may not read internal fields)
    filed = records.sudo().filtered("records_filed").with_env(records.env)
    if filed:
        raise UserError(
            records.env._(
                "%(names)s is filed in the archive: it can no longer be changed.",
                names=", ".join(filed.mapped("display_name")),
            )
        )
