from odoo import api, fields, models
from odoo.exceptions import ValidationError

COMPLAINT_TARGET_FIELDS = (
    "complaint_contact_working_days",
    "complaint_resolve_working_days",
    "complaint_resolve_major_working_days",
    "complaint_progress_hours",
)


class ResCompany(models.Model):
    """The company's complaint targets, stricter than the statutory 15 / 30 / 60 days."""

    _inherit = "res.company"

    complaint_contact_working_days = fields.Integer(
        "Complaint First Contact (working days)",
        default=1,
        help="Working days from the receipt to the first contact with the complainant; crisis complaints are "
        "contacted the same day.",
    )
    complaint_resolve_working_days = fields.Integer(
        "Complaint Resolution, General (working days)",
        default=3,
        help="Working days from the receipt to the resolution of a general complaint.",
    )
    complaint_resolve_major_working_days = fields.Integer(
        "Complaint Resolution, Major (working days)",
        default=5,
        help="Working days from the receipt to the resolution of a major or crisis complaint.",
    )
    complaint_progress_hours = fields.Integer(
        "Complaint Progress Note (hours)",
        default=24,
        help="Hours from the receipt or the last progress note to the next one; crisis complaints: the same day.",
    )
    complaint_clock_warning_days = fields.Integer(
        "Complaint Deadline Warning (days)",
        default=3,
        help="The owner gets an activity this many days before the statutory decision deadline.",
    )

    @api.constrains(*COMPLAINT_TARGET_FIELDS, "complaint_clock_warning_days")
    def _check_complaint_targets(self):
        for company in self:
            if any(company[name] < 0 for name in (*COMPLAINT_TARGET_FIELDS, "complaint_clock_warning_days")):
                raise ValidationError(self.env._("Complaint targets and warnings cannot be negative."))
