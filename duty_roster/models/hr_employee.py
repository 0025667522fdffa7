import secrets

from odoo import api, fields, models

ICAL_ROUTE = "/duty_roster/ical/%s.ics"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    duty_ical_token = fields.Char(
        "Calendar Feed Token",
        copy=False,
        index="btree_not_null",
        groups="hr.group_hr_user",
        help="Secret of the personal duty calendar feed: whoever knows the address sees the duties.",
    )
    duty_ical_url = fields.Char("Duty Calendar Feed", compute="_compute_duty_ical_url", groups="hr.group_hr_user")

    @api.depends("duty_ical_token")
    def _compute_duty_ical_url(self):
        for employee in self:
            token = employee.duty_ical_token
            employee.duty_ical_url = employee.get_base_url() + ICAL_ROUTE % token if token else False

    def action_duty_ical_regenerate(self):
        """Issue a new feed address; the old one stops working at once."""
        for employee in self:
            employee.duty_ical_token = secrets.token_urlsafe(24)
        return True

    def _duty_ical_ensure_url(self):
        self.ensure_one()
        if not self.duty_ical_token:
            self.action_duty_ical_regenerate()
        return self.duty_ical_url
