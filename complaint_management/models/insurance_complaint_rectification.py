from odoo import api, fields, models


class InsuranceComplaint(models.Model):
    """The root causes and rectifications (整改) found while handling a complaint."""

    _inherit = ["insurance.complaint"]

    rectification_ids = fields.One2many(
        "insurance.complaint.action",
        "complaint_id",
        string="Rectifications",
        groups="complaint_management.group_complaint_user,complaint_management.group_complaint_compliance",
    )
    rectification_open_count = fields.Integer(
        compute="_compute_rectification_open_count",
        groups="complaint_management.group_complaint_user,complaint_management.group_complaint_compliance",
    )

    @api.depends("rectification_ids.state")
    def _compute_rectification_open_count(self):
        for complaint in self:
            complaint.rectification_open_count = len(
                complaint.rectification_ids.filtered(lambda action: action.state in ("planned", "in_progress"))
            )
