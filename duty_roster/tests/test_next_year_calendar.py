from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import D, DutyRosterCase

# a year no holiday library will know for a long time: the tests never depend on today's year
FAR = 2099


@tagged("post_install", "-at_install")
class TestNextYearCalendar(DutyRosterCase):
    """From 1 November (company-local date) the managers are told once that next year's holidays are
    missing; the roster form shows it; generating into an unknown year is refused."""

    def setUp(self):
        super().setUp()
        self.roster = self.make_roster(D(FAR - 1, 12, 1), D(FAR - 1, 12, 31))
        self.env["cn.calendar.year"].create({"year": FAR - 1, "company_id": self.company.id}).action_mark_complete()

    def notices(self):
        return self.env["mail.activity"].search([("res_model", "=", "duty.roster"), ("res_id", "=", self.roster.id)])

    def test_activity_from_first_november_once(self):
        Roster = self.env["duty.roster"]
        self.assertFalse(Roster._cron_next_year_calendar(today=D(FAR - 1, 10, 31)))
        self.assertFalse(self.notices())
        created = Roster._cron_next_year_calendar(today=D(FAR - 1, 11, 1))
        mine = created.filtered(lambda activity: activity.res_id == self.roster.id)
        self.assertIn(self.manager_user, mine.user_id)
        self.assertEqual(len(mine), len(mine.user_id))
        self.assertTrue(all(user.has_group("duty_roster.group_duty_manager") for user in mine.user_id))
        self.assertIn(str(FAR), mine[0].summary)
        self.assertIn("Holiday Years", str(mine[0].note))
        self.assertEqual(self.company.duty_calendar_notice_year, FAR)
        # the cron runs every day: nothing more
        Roster._cron_next_year_calendar(today=D(FAR - 1, 11, 1))
        Roster._cron_next_year_calendar(today=D(FAR - 1, 11, 2))
        self.assertEqual(self.notices(), mine)

    def test_no_activity_when_next_year_is_known(self):
        self.env["cn.calendar.year"].create({"year": FAR, "company_id": self.company.id}).action_mark_complete()
        self.env["duty.roster"]._cron_next_year_calendar(today=D(FAR - 1, 11, 1))
        self.assertFalse(self.notices())
        self.assertFalse(self.company.duty_calendar_notice_year)

    def test_company_local_date_decides(self):
        self.company.partner_id.tz = "Asia/Shanghai"
        # 31 October 23:59 in Beijing is 15:59 UTC; midnight is 16:00 UTC
        with freeze_time(f"{FAR - 1}-10-31 15:59:00"):
            self.assertEqual(self.company._insurance_today(), D(FAR - 1, 10, 31))
            self.env["duty.roster"]._cron_next_year_calendar()
            self.assertFalse(self.notices())
            self.roster.invalidate_recordset(["calendar_warning"])
            self.assertFalse(self.roster.calendar_warning)
        with freeze_time(f"{FAR - 1}-10-31 16:00:00"):
            self.assertEqual(self.company._insurance_today(), D(FAR - 1, 11, 1))
            self.env["duty.roster"]._cron_next_year_calendar()
            self.assertTrue(self.notices())
            self.roster.invalidate_recordset(["calendar_warning"])
            self.assertIn(str(FAR), self.roster.calendar_warning)
            self.assertIn("Holiday Years", self.roster.calendar_warning)

    @freeze_time(f"{FAR - 1}-06-01 00:00:00")
    def test_generating_into_an_unknown_year_says_where_to_enter_the_days(self):
        roster = self.make_roster(D(FAR, 1, 1), D(FAR, 1, 31))
        self.assertIn(str(FAR), roster.calendar_warning)
        self.assertFalse(self.roster.calendar_warning)
        self.rotation.date_start = D(FAR - 1, 12, 1)
        with self.assertRaisesRegex(
            UserError, rf"no complete data for {FAR}.*Configuration > Holidays, then Holiday Years"
        ):
            roster.with_user(self.manager_user).action_generate()
        self.assertFalse(roster.shift_ids)
