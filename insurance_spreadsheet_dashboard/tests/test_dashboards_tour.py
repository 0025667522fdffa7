from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDashboardsTour(HttpCase):
    def test_dashboards_render(self):
        new_test_user(
            self.env,
            "insurance_dashboard_viewer",
            groups="base.group_user,claims_management.group_claims_auditor,"
            "complaint_management.group_complaint_manager,duty_roster.group_duty_user",
            lang="en_US",
        )
        self.start_tour(
            "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
            "insurance_dashboards_tour",
            login="insurance_dashboard_viewer",
        )
