from odoo import api, fields, models
from odoo.exceptions import ValidationError


class InsuranceComplaintCategory(models.Model):
    """The regulator's complaint taxonomy: causes and their sub-causes.

    Shipped as data (the NFRA statistical causes) and editable by complaint
    managers; a company may add its own sub-causes.
    """

    _name = "insurance.complaint.category"
    _description = "Complaint Category"
    _parent_name = "parent_id"
    _parent_store = True
    _order = "complete_code"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Code reported to the regulator, e.g. 02.01.")
    parent_id = fields.Many2one(
        "insurance.complaint.category", string="Parent Category", index=True, ondelete="restrict"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("insurance.complaint.category", "parent_id", string="Sub-categories")
    complete_code = fields.Char(compute="_compute_complete_code", store=True, recursive=True)
    cause = fields.Selection(
        [
            ("sales", "Sales and mis-selling"),
            ("claims", "Claims dispute"),
            ("surrender", "Surrender"),
            ("premium", "Premium"),
            ("service", "Service"),
            ("other", "Other"),
        ],
        required=True,
        help="The regulator's cause group the category is counted under.",
    )
    company_type = fields.Selection(
        [("all", "All insurers"), ("pnc", "Property and casualty"), ("life", "Life and health")],
        required=True,
        default="all",
    )
    company_id = fields.Many2one("res.company", index=True, help="Empty: shared by every company.")
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code, company_id)", "A complaint category code must be unique."),
    ]

    @api.depends("code", "parent_id.complete_code")
    def _compute_complete_code(self):
        for category in self:
            parent = category.parent_id.complete_code
            category.complete_code = f"{parent}/{category.code}" if parent else category.code

    @api.depends("name", "code")
    def _compute_display_name(self):
        for category in self:
            names = category.parent_id.mapped("name") + [category.name or ""]
            category.display_name = f"[{category.code}] {' / '.join(names)}"

    @api.constrains("parent_id", "cause")
    def _check_cause_matches_parent(self):
        for category in self.filtered("parent_id"):
            if category.cause != category.parent_id.cause:
                raise ValidationError(
                    self.env._(
                        "Category %(name)s must have the same cause group as its parent %(parent)s.",
                        name=category.name,
                        parent=category.parent_id.name,
                    )
                )
