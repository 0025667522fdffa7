"""The suite installs with demo data in both languages."""

from odoo.tests import TransactionCase, tagged

ADDONS = ("duty_roster", "claims_management", "complaint_management", "insurance_records")


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_addons_installed_with_demo_data(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(sorted(modules.mapped("name")), sorted(ADDONS))
        for module in modules:
            self.assertEqual(module.state, "installed", module.name)
            self.assertTrue(module.demo, f"{module.name} was installed without its demo data")
        # one demo record of each addon that has demo data
        self.assertEqual(self.env.ref("claims_management.demo_claim_type_highway_property").code, "HWP")
        company_day = self.env.ref("duty_roster.demo_holiday_company_day")
        self.assertEqual(company_day.company_id, self.env.ref("base.main_company"))

    def test_chinese_translations_are_loaded(self):
        self.assertTrue(self.env["res.lang"]._lang_get("zh_CN"), "zh_CN must be installed by the setup")
        menu = self.env.ref("duty_roster.menu_duty_root").with_context(lang="zh_CN")
        self.assertEqual(menu.name, "值班管理")
        claims_type = self.env.ref("claims_management.menu_insurance_root").with_context(lang="zh_CN")
        self.assertEqual(claims_type.name, "保险")
        category = self.env.ref("complaint_management.complaint_category_claims").with_context(lang="zh_CN")
        self.assertEqual(category.name, "理赔纠纷")

    def test_both_languages_are_active(self):
        active = set(self.env["res.lang"].search([]).mapped("code"))
        self.assertLessEqual({"en_US", "zh_CN"}, active)
