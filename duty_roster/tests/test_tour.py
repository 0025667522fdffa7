from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDutyRosterTour(HttpCase):
    def _run_as_roster_manager_in(self, lang):
        login = f"roster_manager_{lang}"
        new_test_user(self.env, login, groups="base.group_user,duty_roster.group_duty_manager", lang=lang)
        self.start_tour("/odoo", "duty_roster_holiday_tour", login=login)

    def test_holiday_calendar_tour_english(self):
        self._run_as_roster_manager_in("en_US")

    def test_holiday_calendar_tour_chinese(self):
        self._run_as_roster_manager_in("zh_CN")
