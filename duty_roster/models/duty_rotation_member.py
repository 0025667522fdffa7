from odoo import fields, models


class DutyRotationMember(models.Model):
    _name = "duty.rotation.member"
    _description = "Duty Rotation Member"
    _order = "version_id, sequence, id"

    version_id = fields.Many2one("duty.rotation.version", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
