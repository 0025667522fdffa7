from odoo import api, fields, models
from odoo.exceptions import ValidationError


class InsuranceComplaint(models.Model):
    """The regulator's taxonomy of a complaint on three separate axes.

    Company type (P&C or life: the company's setting), cause (the category's cause group) and product
    line (``product_line``: the policy's, or recorded by hand when the complaint names no policy).
    """

    _inherit = ["insurance.complaint"]  # pylint: disable=consider-merging-classes-inherited

    company_type = fields.Selection(related="company_id.complaint_company_type", string="Company Type")

    @api.constrains("category_id", "company_id")
    def _check_category_company_type(self):
        for complaint in self:
            category = complaint.category_id
            if category and category.company_type not in ("all", complaint.company_id.complaint_company_type):
                labels = dict(category._fields["company_type"]._description_selection(self.env))
                raise ValidationError(
                    self.env._(
                        "Category %(category)s is counted for %(type)s insurers only, not for %(company)s.",
                        category=category.display_name,
                        type=labels[category.company_type],
                        company=complaint.company_id.name,
                    )
                )
