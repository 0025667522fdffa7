import datetime

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import mute_logger

from ..lib import chinese_calendar_source

D = datetime.date


class TestDutyHoliday(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Holiday = cls.env["duty.holiday"]
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

    def test_manual_entry_makes_a_year_known(self):
        year = chinese_calendar_source.known_years()[-1] + 1
        new_year = D(year, 1, 1)
        self.Holiday.create({"date": new_year, "holiday": "new_years_day", "company_id": self.company.id})
        self.assertFalse(self.Holiday.is_working_day(new_year, self.company))
        # 31 December + 1 working day skips the entered New Year's Day and any weekend after it.
        expected = new_year + datetime.timedelta(days=1)
        while expected.weekday() >= 5:
            expected += datetime.timedelta(days=1)
        self.assertEqual(self.Holiday.add_working_days(D(year - 1, 12, 31), 1, self.company), expected)
        # The other company has entered nothing for that year: still unknown there.
        with self.assertRaises(UserError):
            self.Holiday.is_working_day(new_year, self.other_company)

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
        employee = new_test_user(self.env, "duty_emp", groups="base.group_user,duty_roster.group_duty_user")
        manager = new_test_user(self.env, "duty_mgr", groups="base.group_user,duty_roster.group_duty_manager")
        self.assertTrue(self.Holiday.with_user(employee).search_count([("year", "=", 2026)]))
        with self.assertRaises(AccessError):
            self.Holiday.with_user(employee).create({"date": D(2026, 12, 1)})
        self.Holiday.with_user(manager).create({"date": D(2026, 12, 1), "company_id": self.env.company.id})

    def test_other_company_rows_are_hidden(self):
        self.Holiday.create({"date": D(2026, 12, 2), "company_id": self.other_company.id})
        user = new_test_user(
            self.env,
            "duty_liuyang",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        self.assertFalse(self.Holiday.with_user(user).search([("date", "=", D(2026, 12, 2))]))
