from odoo import fields, models
from odoo.exceptions import UserError


class InsuranceComplaint(models.Model):
    _name = "insurance.complaint"
    _inherit = ["insurance.complaint", "insurance.record.filed.mixin"]

    record_file_ids = fields.One2many("insurance.record.file", "complaint_id", string="Records File")

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
