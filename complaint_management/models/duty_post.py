from odoo import fields, models


class DutyPost(models.Model):
    _inherit = "duty.post"

    is_complaint_officer_post = fields.Boolean(
        "Complaint Officer Post",
        index=True,
        help="Complaints received out of hours (a non-working day of the Chinese calendar or outside the company's "
        "working hours) go to whoever is on duty on this post.",
    )
