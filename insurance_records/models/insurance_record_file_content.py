from odoo import fields, models


class InsuranceRecordFileContent(models.Model):
    """One document of a file, in the file's order: main documents first, then attachments."""

    _name = "insurance.record.file.content"
    _description = "Records File Content"
    _order = "file_id, sequence, id"

    file_id = fields.Many2one("insurance.record.file", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="file_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection([("main", "Main Document"), ("attachment", "Attachment")], required=True)
    name = fields.Char("Document", required=True)
    attachment_id = fields.Many2one("ir.attachment", ondelete="set null", index="btree_not_null")
    mimetype = fields.Char()
    page_count = fields.Integer("Pages", default=1)
    content_destroyed = fields.Boolean(readonly=True, help="The file's content was removed by a destruction batch.")
