from odoo import fields, models


class InsuranceClaim(models.Model):
    _name = "insurance.claim"
    _inherit = ["insurance.claim", "insurance.record.filed.mixin"]

    record_file_ids = fields.One2many("insurance.record.file", "claim_id", string="Records File")

    def action_file_records(self):
        """The button of the staff who closed the case: hand these closed claims to the archive now.

        Checked first: the user may change these claims (the ORM refuses otherwise). The archive's files are
        then created as the system, narrowly for these claims: their staff have no rights on the archive.
        """
        self.check_access("write")
        self.env["insurance.record.file"].sudo()._file_closed(claims=self.sudo())
        return True
