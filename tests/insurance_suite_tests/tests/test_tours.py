from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestInsuranceTours(HttpCase):
    def test_insurance_configuration_tour(self):
        new_test_user(
            self.env,
            "insurance_manager",
            groups="base.group_user,claims_management.group_claims_director,"
            "complaint_management.group_complaint_manager",
            lang="en_US",
        )
        self.start_tour("/odoo", "insurance_configuration_tour", login="insurance_manager")
