from odoo import api, fields, models
from odoo.exceptions import UserError

from .insurance_claim import _refuse_filed


class InsuranceComplaint(models.Model):
    _inherit = "insurance.complaint"

    record_file_ids = fields.One2many("insurance.record.file", "complaint_id", string="Records File")
    records_filed = fields.Boolean(
        "Filed", compute="_compute_records_filed", store=True, index=True, help="Archived: read-only from now on."
    )

    @api.depends("record_file_ids")
    def _compute_records_filed(self):
        for complaint in self:
            complaint.records_filed = bool(complaint.record_file_ids)

    def write(self, vals):
        _refuse_filed(self, vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_filed(self):
        _refuse_filed(self, {"id": True})

    def action_file_records(self):
        """The button of the staff who closed the case: hand these closed complaints to the archive now.

        Checked first: the user may change these complaints (the ORM refuses otherwise). The archive's files are
        then created as the system, narrowly for these complaints: their staff have no rights on the archive.
        """
        self.check_access("write")
        Files = self.env["insurance.record.file"].sudo()
        waiting = Files._complaints_awaiting_followup(self.sudo())
        if waiting:
            raise UserError(
                self.env._(
                    "%(names)s still has a follow-up visit to come: it is filed after the visit.",
                    names=", ".join(waiting.mapped("name")),
                )
            )
        Files._file_closed(complaints=self.sudo())
        return True
