from odoo import api, fields, models
from odoo.addons.claims_management.lib import insured_roster
from odoo.exceptions import ValidationError


class InsuranceComplaintRepresentative(models.Model):
    """A representative of a group complaint (群体投诉代表)."""

    _name = "insurance.complaint.representative"
    _description = "Group Complaint Representative"
    _order = "complaint_id, sequence, id"

    complaint_id = fields.Many2one("insurance.complaint", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    id_number = fields.Char("ID Number")
    contact = fields.Char()
    in_person = fields.Boolean(default=True, help="Comes to the counter on behalf of the group.")

    @api.constrains("complaint_id", "in_person")
    def _check_in_person_count(self):
        for complaint in self.complaint_id:
            count = len(complaint.representative_ids.filtered("in_person"))
            # Order 2020 No. 3: a group complaint in person sends at most five representatives (company setting)
            maximum = complaint.company_id.complaint_max_representatives
            if count > maximum:
                raise ValidationError(
                    self.env._(
                        "Complaint %(name)s has %(count)s representatives in person: a group complaint may send at "
                        "most %(max)s.",
                        name=complaint.name,
                        count=count,
                        max=maximum,
                    )
                )

    @api.constrains("id_number")
    def _check_id_number(self):
        for representative in self.filtered("id_number"):
            _facts, error = insured_roster.id_number_facts(representative.id_number)
            if error:
                raise ValidationError(
                    self.env["insurance.complaint"]._id_number_error(representative.id_number, error[0])
                )
