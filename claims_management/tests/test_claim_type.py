from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestClaimType(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Messages are checked in English; the demo database runs in Chinese.
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.ClaimType = cls.env["insurance.claim.type"]
        cls.handler = new_test_user(cls.env, "clm_handler", groups="claims_management.group_claims_user")
        cls.director = new_test_user(cls.env, "clm_director", groups="claims_management.group_claims_director")

    def test_director_configures_handler_reads(self):
        claim_type = self.ClaimType.with_user(self.director).create(
            {"name": "Motor own damage", "code": "MOD", "authority_limit": 10000}
        )
        self.assertEqual(claim_type.company_id, self.env.company)
        self.assertEqual(claim_type.with_user(self.handler).name, "Motor own damage")
        with self.assertRaises(AccessError):
            claim_type.with_user(self.handler).authority_limit = 99999999

    def test_director_group_implies_claims_user(self):
        self.assertTrue(self.director.has_group("claims_management.group_claims_user"))
        self.assertFalse(self.handler.has_group("claims_management.group_claims_director"))

    def test_negative_limits_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.ClaimType.create({"name": "Bad", "code": "BAD", "fast_track_threshold": -1})

    @mute_logger("odoo.sql_db")
    def test_code_unique_per_company(self):
        self.ClaimType.create({"name": "One", "code": "DUP"})
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.ClaimType.create({"name": "Two", "code": "DUP"})
        other = self.env["res.company"].create({"name": "Other insurer"})
        self.ClaimType.create({"name": "Two", "code": "DUP", "company_id": other.id})

    def test_other_company_types_are_hidden(self):
        other = self.env["res.company"].create({"name": "Other insurer"})
        self.ClaimType.create({"name": "Foreign", "code": "FRN", "company_id": other.id})
        self.assertFalse(self.ClaimType.with_user(self.handler).search([("code", "=", "FRN")]))

    def test_menu_only_for_claims_staff(self):
        employee = new_test_user(self.env, "clm_plain", groups="base.group_user")
        root = self.env.ref("claims_management.menu_insurance_root").id
        self.assertIn(root, self.env["ir.ui.menu"].with_user(self.handler)._visible_menu_ids())
        self.assertNotIn(root, self.env["ir.ui.menu"].with_user(employee)._visible_menu_ids())
