from collections import defaultdict

import pytz
from babel.dates import format_date as babel_format_date

from odoo import models
from odoo.tools.misc import babel_locale_parse, format_date, format_datetime, get_lang

from ..lib import roster_xlsx
from .duty_post import TIERS

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DutyRoster(models.Model):
    """The printable and downloadable 值班表 of a roster."""

    _inherit = "duty.roster"

    def action_export_xlsx(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "url": f"/duty_roster/roster/{self.id}/xlsx",
            "target": "download",
        }

    def _export_xlsx(self):
        """``(content, filename)`` of the Excel 值班表, for a user allowed to read the roster."""
        self.ensure_one()
        self.check_access("read")
        data = self._export_data()[self.id]
        content = roster_xlsx.build_workbook(data, self._export_labels())
        return content, f"{self.name} v{self.version}.xlsx".replace("/", "-")

    def _export_labels(self):
        """The headings of the Excel 值班表, in the user's language."""
        return {
            "grid_sheet": self.env._("Duty Schedule"),
            "fairness_sheet": self.env._("Fairness Points"),
            "violations_sheet": self.env._("Violations"),
            "period": self.env._("Period"),
            "version": self.env._("Version"),
            "published": self.env._("Published"),
            "date": self.env._("Date"),
            "weekday": self.env._("Weekday"),
            "day_type": self.env._("Day Type"),
            "post": self.env._("Post"),
            "employee": self.env._("Employee"),
            "duties": self.env._("Duties"),
            "points": self.env._("Points"),
            "total": self.env._("Total"),
            "spread": self.env._("Spread (max - min)"),
            "violation": self.env._("Violation"),
        }

    def _export_data(self):
        """``{roster_id: data}``: the rosters as plain Python data (strings,
        numbers, dates) for the printed and Excel 值班表.

        All the duties of all the rosters are read at once; the rest costs a
        few queries per roster, never one per duty.
        """
        shifts = self.env["duty.shift"].search_fetch(
            [("roster_id", "in", self.ids)],
            ["roster_id", "post_id", "tier", "employee_id", "day", "start", "end"],
            order="day, start, id",
        )
        shifts.employee_id.fetch(["name"])
        by_roster = shifts.grouped("roster_id")
        empty = self.env["duty.shift"]
        return {roster.id: roster._export_roster_data(by_roster.get(roster, empty)) for roster in self}

    def _export_roster_data(self, shifts):
        self.ensure_one()
        lang = get_lang(self.env).code
        locale = babel_locale_parse(lang)
        tier_labels = dict(self.env["duty.shift"]._fields["tier"]._description_selection(self.env))
        holidays, makeup, _known = self.env["cn.calendar.day"]._calendar_sets(
            self.company_id, self.date_from, self.date_to
        )
        kinds = dict(self.env["cn.calendar.day"]._fields["kind"]._description_selection(self.env))
        markers = {"holiday": kinds["holiday"], "makeup": kinds["workday"]}
        days = self._days()
        day_rows = []
        for day in days:
            kind = "holiday" if day in holidays else "makeup" if day in makeup else ""
            day_rows.append(
                {
                    "date": day,
                    "label": format_date(self.env, day),
                    "weekday": babel_format_date(day, "EEE", locale=locale),
                    "weekend": day.weekday() >= 5 and day not in makeup,
                    "kind": kind,
                    "marker": markers.get(kind, ""),
                }
            )
        index = {day: position for position, day in enumerate(days)}
        fairness = {post: (points, spread) for post, points, spread in self._fairness_by_post()}
        by_post = shifts.grouped("post_id")
        posts = (self._posts() | shifts.post_id).sorted()
        post_data = []
        for post in posts:
            post_shifts = by_post.get(post, self.env["duty.shift"])
            used = set(post_shifts.mapped("tier"))
            tiers = [tier for tier, _label in TIERS if tier in used or post.headcount(tier)]
            grid = [[[] for _tier in tiers] for _day in days]
            duties = defaultdict(int)
            zone = pytz.timezone(post.tz or "UTC")
            for shift in post_shifts:
                if shift.day not in index or shift.tier not in tiers:
                    continue
                grid[index[shift.day]][tiers.index(shift.tier)].append(
                    {
                        "employee": shift.employee_id.name or self.env._("(vacant)"),
                        "time": self._export_duty_time(shift, zone),
                    }
                )
                if shift.employee_id:
                    duties[shift.employee_id] += 1
            points, spread = fairness.get(post, ({}, 0.0))
            people = sorted(points, key=lambda employee, points=points: (-points[employee], employee.name or ""))
            post_data.append(
                {
                    "name": post.name,
                    "tz": post.tz,
                    "tiers": [(tier, tier_labels[tier]) for tier in tiers],
                    "rows": grid,
                    "fairness": [
                        {"employee": employee.name, "duties": duties[employee], "points": points[employee]}
                        for employee in people
                    ],
                    "total": sum(points.values()),
                    "spread": spread,
                }
            )
        return {
            "name": self.name,
            "company": self.company_id.name,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "period": f"{format_date(self.env, self.date_from)} – {format_date(self.env, self.date_to)}",
            "version": self.version,
            "published": format_datetime(self.env, self.published_at, tz=self.env.context.get("tz"))
            if self.published_at
            else "",
            "state": dict(self._fields["state"]._description_selection(self.env))[self.state],
            "days": day_rows,
            "posts": post_data,
            "violations": self.violation_ids.mapped("message"),
        }

    def _export_duty_time(self, shift, zone):
        """``08:00-20:00``, or ``08:00-next day 08:00`` when the duty ends on a later day."""
        start = pytz.utc.localize(shift.start).astimezone(zone)
        end = pytz.utc.localize(shift.end).astimezone(zone)
        if end.date() == start.date():
            return f"{start:%H:%M}-{end:%H:%M}"
        start_time, end_time = start.strftime("%H:%M"), end.strftime("%H:%M")
        return self.env._("%(start)s-next day %(end)s", start=start_time, end=end_time)
