import datetime

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..lib import chinese_calendar_source

D = datetime.date


@tagged("post_install", "-at_install")
class TestCnCalendarDay(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Holiday = cls.env["cn.calendar.day"]
        cls.Year = cls.env["cn.calendar.year"]
        cls.company = cls.env["res.company"].create({"name": "Liuyang Branch"})
        cls.other_company = cls.env["res.company"].create({"name": "Changsha Branch"})

    def test_install_synced_every_known_year(self):
        known = chinese_calendar_source.known_years()
        synced = {year for (year,) in self.Holiday._read_group([("source", "=", "library")], ["year"])}
        self.assertEqual(synced, set(known))
        national_day = self.Holiday.search([("date", "=", D(2026, 10, 1)), ("company_id", "=", False)])
        self.assertEqual((national_day.kind, national_day.holiday), ("holiday", "national_day"))

    def test_national_day_2026_with_makeup_days(self):
        working = self.Holiday.is_working_day
        self.assertFalse(working(D(2026, 10, 1), self.company))
        self.assertFalse(working(D(2026, 10, 7), self.company))
        self.assertTrue(working(D(2026, 10, 10), self.company), "Saturday 10 October 2026 is a make-up working day")
        self.assertEqual(self.Holiday.add_working_days(D(2026, 9, 30), 1, self.company), D(2026, 10, 8))

    def test_company_row_overrides_shared_row(self):
        # The Liuyang branch works on 8 October 2026... and takes 9 October off.
        self.Holiday.create(
            {"date": D(2026, 10, 9), "kind": "holiday", "name": "Local day", "company_id": self.company.id}
        )
        self.assertFalse(self.Holiday.is_working_day(D(2026, 10, 9), self.company))
        self.assertTrue(self.Holiday.is_working_day(D(2026, 10, 9), self.other_company))

    @mute_logger("odoo.sql_db")
    def test_one_row_per_date_and_company(self):
        self.Holiday.create({"date": D(2026, 11, 2), "company_id": self.company.id})
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.Holiday.create({"date": D(2026, 11, 2), "company_id": self.company.id})
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.Holiday.create({"date": D(2026, 10, 1)})

    def test_unknown_year_says_so(self):
        last_known = chinese_calendar_source.known_years()[-1]
        with self.assertRaisesRegex(UserError, str(last_known + 1)):
            self.Holiday.add_working_days(D(last_known + 1, 3, 2), 2, self.company)
        with self.assertRaisesRegex(UserError, str(last_known + 5)):
            self.Holiday.sync_from_library([last_known + 5])

    def test_manual_entry_alone_does_not_make_a_year_known(self):
        year = chinese_calendar_source.known_years()[-1] + 1
        new_year = D(year, 1, 1)
        self.Holiday.create({"date": new_year, "holiday": "new_years_day", "company_id": self.company.id})
        # One day entered by hand is not a calendar: the year stays unknown until HR marks it complete.
        with self.assertRaisesRegex(UserError, str(year)):
            self.Holiday.is_working_day(new_year, self.company)
        with self.assertRaisesRegex(UserError, str(year)):
            self.Holiday.add_working_days(D(year - 1, 12, 31), 1, self.company)
        year_row = self.Year.create({"year": year, "company_id": self.company.id})
        year_row.action_mark_complete()
        self.assertEqual((year_row.completed_by_id, year_row.day_count), (self.env.user, 1))
        self.assertFalse(self.Holiday.is_working_day(new_year, self.company))
        # 31 December + 1 working day skips the entered New Year's Day and any weekend after it.
        expected = new_year + datetime.timedelta(days=1)
        while expected.weekday() >= 5:
            expected += datetime.timedelta(days=1)
        self.assertEqual(self.Holiday.add_working_days(D(year - 1, 12, 31), 1, self.company), expected)
        # The other company has marked nothing for that year: still unknown there.
        with self.assertRaises(UserError):
            self.Holiday.is_working_day(new_year, self.other_company)
        # Marking it incomplete again makes it unknown again (the cache follows).
        year_row.action_mark_incomplete()
        with self.assertRaises(UserError):
            self.Holiday.is_working_day(new_year, self.company)

    def test_library_years_are_complete_and_stay_so(self):
        library_year = self.Year.search([("year", "=", 2026), ("company_id", "=", False)])
        self.assertEqual((library_year.complete, library_year.source), (True, "library"))
        with self.assertRaises(UserError):
            library_year.action_mark_incomplete()
        # A company day inside a library year is allowed and counts at once.
        self.assertTrue(self.Holiday.is_working_day(D(2026, 11, 4), self.company))
        self.Holiday.create({"date": D(2026, 11, 4), "company_id": self.company.id, "name": "Local day"})
        self.assertFalse(self.Holiday.is_working_day(D(2026, 11, 4), self.company))

    def test_sync_keeps_hand_corrections(self):
        row = self.Holiday.search([("date", "=", D(2026, 10, 7)), ("company_id", "=", False)])
        row.kind = "workday"
        self.assertEqual(row.source, "manual")
        self.Holiday.sync_from_library([2026])
        self.assertEqual(row.kind, "workday")
        # A library row deleted by mistake comes back.
        self.Holiday.search([("date", "=", D(2026, 10, 1)), ("company_id", "=", False)]).unlink()
        self.Holiday.sync_from_library([2026])
        self.assertTrue(self.Holiday.search_count([("date", "=", D(2026, 10, 1)), ("company_id", "=", False)]))

    def test_only_managers_edit_the_calendar(self):
        employee = new_test_user(self.env, "cal_emp", groups="base.group_user")
        manager = new_test_user(
            self.env, "cal_mgr", groups="base.group_user,cn_working_calendar.group_calendar_manager"
        )
        self.assertTrue(self.Holiday.with_user(employee).search_count([("year", "=", 2026)]))
        with self.assertRaises(AccessError):
            self.Holiday.with_user(employee).create({"date": D(2026, 12, 1)})
        with self.assertRaises(AccessError):
            self.Year.with_user(employee).create({"year": 2031})
        self.Holiday.with_user(manager).create({"date": D(2026, 12, 1), "company_id": self.env.company.id})
        self.Year.with_user(manager).create({"year": 2031, "company_id": self.env.company.id}).action_mark_complete()

    def test_other_company_rows_are_hidden(self):
        self.Holiday.create({"date": D(2026, 12, 2), "company_id": self.other_company.id})
        user = new_test_user(
            self.env,
            "cal_liuyang",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        self.assertFalse(self.Holiday.with_user(user).search([("date", "=", D(2026, 12, 2))]))
