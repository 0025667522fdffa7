from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCompanyHotline(TransactionCase):
    """The customer hotline printed in the letterhead: digits and single hyphens, 3 to 20 characters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.company = cls.env["res.company"].create({"name": "Hotline Branch"})

    def test_hotlines_accepted(self):
        for hotline in ("95511", "95-511", "400-820-8888", "123", "1" * 20):
            self.company.insurance_hotline = hotline
            self.assertEqual(self.company.insurance_hotline, hotline)
        self.company.insurance_hotline = False
        self.assertFalse(self.company.insurance_hotline)

    def test_bad_hotlines_refused(self):
        self.company.insurance_hotline = "95511"
        for hotline, message in (
            ("95S11", "only digits and single hyphens"),
            ("955 11", "only digits and single hyphens"),
            ("+8695511", "only digits and single hyphens"),
            ("-95511", "only digits and single hyphens"),
            ("95511-", "only digits and single hyphens"),
            ("400--8208888", "only digits and single hyphens"),
            ("９５５１１", "only digits and single hyphens"),  # full-width digits are not what a phone dials
            ("95", "3 to 20 characters"),
            ("1" * 21, "3 to 20 characters"),
            ("955\x0011", "NUL character"),
        ):
            with self.subTest(hotline=hotline), self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
                self.company.write({"insurance_hotline": hotline})
        self.assertEqual(self.company.insurance_hotline, "95511", "nothing half-written")

    def test_create_and_settings_are_checked_too(self):
        with self.assertRaisesRegex(ValidationError, "only digits"), self.cr.savepoint():
            self.env["res.company"].create({"name": "Bad Hotline Branch", "insurance_hotline": "call us"})
        settings = self.env["res.config.settings"].with_company(self.company).create({"insurance_hotline": "95-500"})
        settings.execute()
        self.assertEqual(self.company.insurance_hotline, "95-500")
        with self.assertRaisesRegex(ValidationError, "only digits"), self.cr.savepoint():
            settings = self.env["res.config.settings"].with_company(self.company)
            settings.create({"insurance_hotline": "95500x"}).execute()
        self.assertEqual(self.company.insurance_hotline, "95-500")

    def test_only_administrators_change_it(self):
        user = new_test_user(
            self.env,
            "hotline_user",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        with self.assertRaises(AccessError):
            self.company.with_user(user).write({"insurance_hotline": "95000"})
        self.assertFalse(self.company.insurance_hotline)
