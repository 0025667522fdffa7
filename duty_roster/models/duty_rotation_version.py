from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DutyRotationVersion(models.Model):
    """The members of a rotation, in order, from a date on.

    A change of members is a new version: duties before its date are never
    touched, and the order carries on from whoever was next.
    """

    _name = "duty.rotation.version"
    _description = "Duty Rotation Members Version"
    _order = "rotation_id, date_from desc"

    rotation_id = fields.Many2one("duty.rotation", required=True, index=True, ondelete="cascade")
    post_id = fields.Many2one(related="rotation_id.post_id")
    company_id = fields.Many2one(related="rotation_id.company_id", store=True, index=True)
    date_from = fields.Date("Effective From", required=True)
    member_ids = fields.One2many("duty.rotation.member", "version_id", string="Members", copy=True)
    member_names = fields.Char(compute="_compute_member_names", string="Order")

    _sql_constraints = [
        ("rotation_date_unique", "UNIQUE(rotation_id, date_from)", "A rotation has one member version per date."),
    ]

    @api.depends("member_ids.sequence", "member_ids.employee_id")
    def _compute_member_names(self):
        for version in self:
            version.member_names = " → ".join(version.member_ids.sorted("sequence").employee_id.mapped("name"))

    @api.constrains("member_ids", "date_from")
    def _check_members(self):
        for version in self:
            if not version.member_ids:
                raise ValidationError(
                    self.env._(
                        "Rotation %(name)s: a member version needs at least one member.", name=version.rotation_id.name
                    )
                )
            employees = version.member_ids.employee_id
            if len(employees) != len(version.member_ids):
                raise ValidationError(
                    self.env._("Rotation %(name)s lists an employee twice.", name=version.rotation_id.name)
                )
            eligible = version.rotation_id.post_id._eligible_employees()
            outsiders = employees - eligible
            if outsiders:
                raise ValidationError(
                    self.env._(
                        "%(people)s may not take duties on post %(post)s: add them to its eligible employees "
                        "or departments first.",
                        people=", ".join(outsiders.mapped("name")),
                        post=version.rotation_id.post_id.name,
                    )
                )
