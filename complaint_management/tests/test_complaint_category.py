from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestComplaintCategory(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Category = cls.env["insurance.complaint.category"]
        cls.claims = cls.env.ref("complaint_management.complaint_category_claims")

    def test_regulator_causes_are_shipped(self):
        roots = self.Category.search([("parent_id", "=", False)])
        self.assertEqual(set(roots.mapped("cause")), {"sales", "claims", "surrender", "premium", "service", "other"})
        refused = self.env.ref("complaint_management.complaint_category_claims_01")
        self.assertEqual(refused.complete_code, "02/02.01")
        self.assertEqual(refused.display_name, "[02.01] Claims dispute / Claim refused")
        self.assertIn(refused, self.Category.search([("parent_id", "child_of", self.claims.id)]))

    def test_sub_category_keeps_parent_cause(self):
        with self.assertRaises(ValidationError):
            self.Category.create({"name": "Mixed", "code": "02.99", "cause": "sales", "parent_id": self.claims.id})

    def test_no_cycle(self):
        child = self.env.ref("complaint_management.complaint_category_claims_02")
        with self.assertRaises(UserError):
            self.claims.parent_id = child

    def test_officers_read_managers_edit(self):
        officer = new_test_user(self.env, "cmp_officer", groups="complaint_management.group_complaint_user")
        manager = new_test_user(self.env, "cmp_manager", groups="complaint_management.group_complaint_manager")
        self.assertTrue(self.Category.with_user(officer).search_count([]))
        with self.assertRaises(AccessError):
            self.Category.with_user(officer).create({"name": "X", "code": "99", "cause": "other"})
        self.Category.with_user(manager).create(
            {
                "name": "Local",
                "code": "06.50",
                "cause": "other",
                "parent_id": self.env.ref("complaint_management.complaint_category_other").id,
            }
        )
        # Officers reach the Insurance app without being claims users.
        menus = self.env["ir.ui.menu"].with_user(officer)._visible_menu_ids()
        self.assertIn(self.env.ref("claims_management.menu_insurance_root").id, menus)
