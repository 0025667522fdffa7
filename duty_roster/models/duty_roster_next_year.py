import datetime

from odoo import api, fields, models


class DutyRoster(models.Model):
    """Next year's holiday calendar: the duty managers are told, once, from 1 November (company-local date)
    when the holidays of next year are not known yet, and the roster form shows a banner.  Generating into
    a year that is not known is refused by ``_generate`` (``cn.calendar.day._raise_unknown_year``)."""

    # kept apart from duty_roster.py (the roster workflow lives there)
    _inherit = "duty.roster"  # pylint: disable=consider-merging-classes-inherited

    calendar_warning = fields.Char(compute="_compute_calendar_warning")

    @api.depends("date_from", "date_to", "company_id")
    def _compute_calendar_warning(self):
        Day = self.env["cn.calendar.day"]
        for roster in self:
            company = roster.company_id or self.env.company
            # the roster's own years first, then the year its managers prepare next
            years = []
            if roster.date_from and roster.date_to:
                years += range(roster.date_from.year, roster.date_to.year + 1)
            upcoming = company._duty_next_year_due(company._insurance_today())
            if upcoming:
                years.append(upcoming)
            missing = [year for year in years if not Day._year_data(company.id, year)[0]]
            roster.calendar_warning = Day._unknown_year_message(missing[0]) if missing else False

    @api.model
    def _cron_next_year_calendar(self, today=None):
        """Tell the duty managers of each company, once per year, that next year's holidays are missing.

        :param today: the local date to decide on (default: each company's today)
        :return: the activities created
        """
        activities = self.env["mail.activity"]
        Day = self.env["cn.calendar.day"]
        for company in self.env["res.company"].search([]):  # every company  # pylint: disable=no-search-all
            year = company._duty_next_year_due(today or company._insurance_today())
            if not year or company.duty_calendar_notice_year == year or Day._year_data(company.id, year)[0]:
                continue
            roster = self.search([("company_id", "=", company.id)], order="date_to desc, id desc", limit=1)
            managers = self.env.ref("duty_roster.group_duty_manager").users.filtered(
                lambda user, company=company: company in user.company_ids and not user.share and user.active
            )
            if not roster or not managers:
                continue  # nothing to attach the reminder to yet: tried again the next day
            summary = self.env._("Enter the %(year)s holidays before preparing its rosters", year=year)
            activities |= self.env["mail.activity"].create(
                [
                    {
                        "res_model_id": self.env["ir.model"]._get_id("duty.roster"),
                        "res_id": roster.id,
                        "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                        "user_id": manager.id,
                        "summary": summary,
                        "note": Day._unknown_year_message(year),
                        "date_deadline": datetime.date(year - 1, 12, 1),
                    }
                    for manager in managers
                ]
            )
            company.duty_calendar_notice_year = year
        return activities
