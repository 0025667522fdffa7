from odoo import api, fields, models


class CnCalendarYear(models.Model):
    _inherit = "cn.calendar.year"

    @api.model
    def _on_calendar_change(self, scope):
        """Holidays entered or corrected: the open deadlines counted in those years are counted again."""
        result = super()._on_calendar_change(scope)
        self.env["insurance.clock"]._recompute_for_calendar(scope)
        return result

    clock_missing_count = fields.Integer("Deadlines Waiting", compute="_compute_clock_missing_count")

    def _compute_clock_missing_count(self):
        groups = (
            self.env["insurance.clock"]
            .sudo()
            ._read_group([("state", "=", "calendar_missing")], ["missing_year", "company_id"], ["__count"])
        )
        counts = {}
        for year, company, count in groups:
            counts[(year, company.id)] = count
            counts[(year, False)] = counts.get((year, False), 0) + count
        for record in self:
            record.clock_missing_count = counts.get((record.year, record.company_id.id), 0)

    def action_open_missing_clocks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("insurance_base.insurance_clock_action_calendar_missing")
        domain = [("state", "=", "calendar_missing"), ("missing_year", "=", self.year)]
        if self.company_id:
            domain.append(("company_id", "=", self.company_id.id))
        return dict(action, domain=domain)
