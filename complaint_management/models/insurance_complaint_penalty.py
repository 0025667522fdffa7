from odoo import fields, models

ROLES = [("employee", "Liable Employee"), ("manager", "Line Manager")]


class InsuranceComplaintPenalty(models.Model):
    """A fine (罚单) for a verified complaint, listed to HR each month."""

    _name = "insurance.complaint.penalty"
    _description = "Complaint Penalty"
    _order = "date desc, complaint_id, role, id"
    _check_company_auto = True

    complaint_id = fields.Many2one(
        "insurance.complaint", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    employee_id = fields.Many2one("hr.employee", required=True, index=True, check_company=True)
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    role = fields.Selection(ROLES, required=True)
    rule_id = fields.Many2one("insurance.complaint.penalty.rule", "Penalty Rule", ondelete="restrict")
    amount = fields.Monetary(required=True, currency_field="currency_id")
    date = fields.Date(required=True, index=True, help="The day the complaint was closed (local time).")
    note = fields.Char()
