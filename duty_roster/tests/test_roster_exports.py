import datetime
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.misc import format_date

from .common import DT, D, DutyRosterCase, pdf_text

REPORT = "duty_roster.action_report_duty_roster"


@tagged("post_install", "-at_install")
class RosterExportCase(DutyRosterCase):
    """The National Day roster of the hotline: 1-7 October 2026 are days off,
    10 October (a Saturday) is a make-up working day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-09-10 00:00:00"):
            cls.roster = cls.env["duty.roster"].create(
                {
                    "name": "National Day 2026",
                    "company_id": cls.company.id,
                    "date_from": D(2026, 10, 1),
                    "date_to": D(2026, 10, 10),
                }
            )
            cls.roster.action_generate()
            cls.roster.with_user(cls.manager_user).action_publish()
        cls.other_company = cls.env["res.company"].create({"name": "Changsha Branch"})
        cls.outsider = new_test_user(
            cls.env,
            "roster_changsha",
            groups="base.group_user,duty_roster.group_duty_manager",
            company_id=cls.other_company.id,
            company_ids=[cls.other_company.id],
        )


@tagged("post_install", "-at_install")
class TestRosterExports(RosterExportCase):
    def test_roster_is_published_without_violations(self):
        self.assertEqual((self.roster.state, self.roster.version), ("published", 1))
        self.assertEqual(len(self.roster.shift_ids), 10)
        self.assertFalse(self.roster.violation_ids, self.roster.violation_ids.mapped("message"))

    def test_pdf_in_english(self):
        content, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, self.roster.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        text = pdf_text(content)
        for expected in ("Duty Schedule", "National Day 2026", "Claims hotline", "Primary", "Fairness Points"):
            self.assertIn(expected, text)
        for employee in self.employees[:4]:
            self.assertIn(employee.name, text)
        self.assertIn(format_date(self.env, D(2026, 10, 4)), text)
        self.assertIn("10/04/2026 Sun", text)
        self.assertIn("Make-up working day", text, "10 October is marked as a make-up working day")
        self.assertIn("Day off (holiday)", text)
        self.assertIn("08:00-next day 08:00", text, "times are the post's local times")
        self.assertIn("No rule violations.", text)
        self.assertIn("Sep 10, 2026, 8:00:00 AM", text, "published at midnight UTC, 08:00 in Beijing")

    def test_pdf_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        template = self.env.ref("duty_roster.report_duty_roster")
        # what i18n/zh_CN.po provides once merged; set here so the test does not depend on it
        template.update_field_translations("arch_db", {"zh_CN": {"Duty Schedule": "值班表", "Date": "日期"}})
        Report = self.env["ir.actions.report"].with_context(lang="zh_CN", force_report_rendering=True)
        content, _kind = Report._render_qweb_pdf(REPORT, self.roster.ids)
        self.assertTrue(content.startswith(b"%PDF"))
        text = pdf_text(content)
        self.assertIn("值班表", text, "Chinese glyphs are rendered and extractable")
        self.assertIn("日期", text)
        self.assertIn("周日", text, "4 October 2026 is a Sunday: 周日")
        self.assertIn(format_date(self.env(context=dict(self.env.context, lang="zh_CN")), D(2026, 10, 4)), text)
        self.assertIn(self.li.name, text)
        self.assertNotIn("Duty Schedule", text)

    def test_pdf_lists_violations(self):
        shift = self.roster.shift_ids.filtered(lambda s: s.day == D(2026, 10, 3))
        with freeze_time("2026-09-10 00:00:00"):
            shift.employee_id = self.li  # Li Na has the 4 October duty too: no rest in between
        self.assertTrue(self.roster.violation_ids)
        content, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, self.roster.ids)
        )
        text = " ".join(pdf_text(content).split())
        self.assertIn("Violations", text)
        self.assertIn("Li Na rests only 0", text)

    def test_report_values_do_not_query_per_duty(self):
        with freeze_time("2026-09-10 00:00:00"):
            month = self.make_roster(D(2026, 10, 11), D(2026, 11, 30))
            month.action_generate()
            month.with_user(self.manager_user).action_publish()
        self.assertEqual(len(month.shift_ids), 51)
        Report = self.env["report.duty_roster.report_duty_roster"]
        Report._get_report_values((self.roster | month).ids)  # warm the caches that outlive a transaction
        counts = []
        for roster in (self.roster, month):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            values = Report._get_report_values(roster.ids)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], "51 duties cost the same queries as 10")
        self.assertLess(counts[0], 25)
        [post] = values["roster_data"][month.id]["posts"]
        self.assertEqual(len(post["rows"]), 51)
        self.assertEqual(post["rows"][0][0][0]["employee"], self.who(month, D(2026, 10, 11)).name)

    def test_excel_grid_and_fairness(self):
        content, filename = self.roster._export_xlsx()
        self.assertEqual(filename, "National Day 2026 v1.xlsx")
        workbook = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
        self.assertEqual(workbook.sheetnames, ["Duty Schedule", "Fairness Points"])
        grid = workbook["Duty Schedule"]
        self.assertEqual(grid["D3"].value, "Claims hotline")
        self.assertEqual(grid["D4"].value, "Primary")
        rows = {row[0].value.date(): row for row in grid.iter_rows(min_row=5) if row[0].value}
        self.assertEqual(sorted(rows), [D(2026, 10, 1) + datetime.timedelta(days=n) for n in range(10)])
        self.assertEqual(self.who(self.roster, D(2026, 10, 4)), self.li)
        self.assertEqual(rows[D(2026, 10, 4)][3].value, "Li Na 08:00-next day 08:00")
        self.assertEqual(rows[D(2026, 10, 4)][1].value, "Sun")
        self.assertEqual(rows[D(2026, 10, 10)][2].value, "Make-up working day")
        self.assertEqual(rows[D(2026, 10, 1)][2].value, "Day off (holiday)")
        self.assertFalse(rows[D(2026, 10, 8)][2].value, "8 October is an ordinary Thursday")

        fairness = workbook["Fairness Points"]
        lines = [[cell.value for cell in row] for row in fairness.iter_rows(min_row=5)]
        people = {line[1]: line for line in lines if line[1] in self.employees.mapped("name")}
        shifts = self.roster.shift_ids
        self.assertEqual(len(people), 4)
        for employee in self.employees[:4]:
            mine = shifts.filtered(lambda s, e=employee: s.employee_id == e)
            self.assertEqual(people[employee.name][2], len(mine))
            self.assertAlmostEqual(people[employee.name][3], sum(mine.mapped("points")))
        [total] = [line for line in lines if line[1] == "Total"]
        self.assertEqual(total[2], 10)
        # 1-7 October are holidays: 1, 2 and 5 October statutory (3 points), 3-4 October the weekend inside
        # the holiday (2) and 6-7 October days off in lieu (2); 8-9 October working nights (1.5),
        # 10 October a make-up day (1.5)
        self.assertAlmostEqual(total[3], sum(shifts.mapped("points")))
        self.assertAlmostEqual(total[3], 3 * 3.0 + 2 * 2.0 + 2 * 2.0 + 3 * 1.5)
        [spread] = [line for line in lines if line[1] == "Spread (max - min)"]
        self.assertAlmostEqual(spread[3], self.roster.fairness_spread)

    def test_excel_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        roster = self.roster.with_context(lang="zh_CN")
        workbook = openpyxl.load_workbook(io.BytesIO(roster._export_xlsx()[0]), data_only=True)
        grid = workbook.worksheets[0]
        rows = {row[0].value.date(): row for row in grid.iter_rows(min_row=5) if row[0].value}
        self.assertEqual(rows[D(2026, 10, 4)][1].value, "周日")

    def test_export_button_and_access(self):
        action = self.roster.with_user(self.users[0]).action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], f"/duty_roster/roster/{self.roster.id}/xlsx")
        content, _filename = self.roster.with_user(self.users[0])._export_xlsx()
        self.assertTrue(content.startswith(b"PK"), "an employee of the branch may download the roster")
        outsider_roster = self.roster.with_user(self.outsider)
        with self.assertRaises(AccessError):
            outsider_roster.action_export_xlsx()
        with self.assertRaises(AccessError):
            outsider_roster._export_xlsx()
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.outsider)._render_qweb_pdf(REPORT, self.roster.ids)


@tagged("post_install", "-at_install")
class TestOnDutyLookup(RosterExportCase):
    def test_lookup_is_one_query_up_to_the_end_of_a_24_hour_duty(self):
        Shift = self.env["duty.shift"]
        zhang = self.who(self.roster, D(2026, 10, 3))
        self.assertEqual(zhang, self.zhang)
        at = DT(2026, 10, 3, 23, 59)  # 07:59 on 4 October in Beijing: 3 October's 24 h duty began 23:59 h ago
        Shift.get_on_duty(self.post, at=at)  # warm the caches
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            self.assertEqual(Shift.get_on_duty(self.post, at=at), zhang)
        self.assertEqual(Shift.get_on_duty(self.post, at=DT(2026, 10, 4, 0)), self.li, "08:00: Li Na takes over")
        self.assertEqual(Shift.get_on_duty("HOTLINE", at="2026-10-04 00:00:00"), self.li)
        self.assertFalse(Shift.get_on_duty(self.post, at=DT(2026, 10, 11, 0)), "after the roster")


@tagged("post_install", "-at_install")
class TestRosterExcelDownload(HttpCase, RosterExportCase):
    def test_download_through_the_route(self):
        url = f"/duty_roster/roster/{self.roster.id}/xlsx"
        self.authenticate(self.users[0].login, self.users[0].login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertIn("National%20Day%202026%20v1.xlsx", response.headers["Content-Disposition"])
        workbook = openpyxl.load_workbook(io.BytesIO(response.content), data_only=True)
        self.assertEqual(workbook.sheetnames[0], "Duty Schedule")

        self.authenticate(self.outsider.login, self.outsider.login)
        self.assertEqual(self.url_open(url).status_code, 403)
        self.assertEqual(self.url_open("/duty_roster/roster/999999999/xlsx").status_code, 404)
