from odoo import api, fields, models, tools
from odoo.exceptions import UserError


class CnCalendarYear(models.Model):
    """Whether the holidays and make-up working days of a year are complete.

    Working days of a year are counted only when the year is complete: the
    official schedule was loaded from the ``chinesecalendar`` package, or HR
    entered the days by hand and marked the year complete.  A single day
    entered by hand never makes a year known: an incomplete year is reported,
    never guessed.
    """

    _name = "cn.calendar.year"
    _description = "Holiday Calendar Year"
    _order = "year desc, company_id"
    _rec_name = "year"

    year = fields.Integer(required=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty for the shared calendar of every company (the official schedule).",
    )
    complete = fields.Boolean(
        readonly=True,
        help="The holidays and make-up working days of the year are all entered: working days are counted.",
    )
    source = fields.Selection(
        [("library", "Official schedule"), ("manual", "Marked by hand")],
        readonly=True,
        default="manual",
    )
    completed_by_id = fields.Many2one("res.users", "Marked Complete By", readonly=True)
    completed_at = fields.Datetime("Marked Complete On", readonly=True)
    day_count = fields.Integer("Days Entered", compute="_compute_day_count")

    _sql_constraints = [
        ("year_range", "CHECK(year BETWEEN 1900 AND 2200)", "The year must be between 1900 and 2200."),
    ]

    def init(self):
        tools.create_unique_index(
            self._cr, "cn_calendar_year_company_uniq", self._table, ["year", "COALESCE(company_id, 0)"]
        )

    def _compute_day_count(self):
        groups = self.env["cn.calendar.day"]._read_group(
            [("year", "in", self.mapped("year"))], ["year", "company_id"], ["__count"]
        )
        counts = {(year, company.id): count for year, company, count in groups}
        for record in self:
            record.day_count = counts.get((record.year, record.company_id.id), 0)

    @api.depends("year", "company_id")
    def _compute_display_name(self):
        for record in self:
            record.display_name = f"{record.year} ({record.company_id.name})" if record.company_id else str(record.year)

    def _scope(self):
        scope = {}
        for record in self:
            scope.setdefault(record.company_id.id, set()).add(record.year)
        return scope

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._on_calendar_change(records._scope())
        return records

    def write(self, vals):
        before = self._scope()
        result = super().write(vals)
        scope = self._scope()
        for company_id, years in before.items():
            scope.setdefault(company_id, set()).update(years)
        self._on_calendar_change(scope)
        return result

    def unlink(self):
        scope = self._scope()
        result = super().unlink()
        self._on_calendar_change(scope)
        return result

    def action_mark_complete(self):
        if self.filtered(lambda record: record.source == "library"):
            raise UserError(self.env._("A year of the official schedule is complete already."))
        self.write({"complete": True, "completed_by_id": self.env.uid, "completed_at": fields.Datetime.now()})
        return True

    def action_mark_incomplete(self):
        if self.filtered(lambda record: record.source == "library"):
            raise UserError(
                self.env._(
                    "A year of the official schedule stays complete. Correct single days instead: a day entered "
                    "for your company wins over the official one."
                )
            )
        self.write({"complete": False, "completed_by_id": False, "completed_at": False})
        return True

    @api.model
    def _mark_library_years(self, years):
        """The shared rows of the years synced from the official schedule: complete."""
        existing = self.search([("company_id", "=", False), ("year", "in", list(years))])
        have = set(existing.mapped("year"))
        existing.filtered(lambda record: not record.complete or record.source != "library").write(
            {"complete": True, "source": "library"}
        )
        self.create(
            [
                {"year": year, "company_id": False, "complete": True, "source": "library"}
                for year in years
                if year not in have
            ]
        )

    @api.model
    def _on_calendar_change(self, scope):
        """Hook: the calendar of ``scope`` (``{company id or False: {years}}``) changed.

        The cache of the working-day calendar is dropped here; addons whose
        dates depend on the calendar recompute them by overriding this method.
        """
        self.env.registry.clear_cache()
