"""The numeric company settings of every addon go through one check (insurance_base's
``res.company._insurance_check_minimums``): each is refused one below its minimum, with nothing written,
and accepted at it."""

from odoo.addons.claims_management.models.res_company import CLAIM_CLOCK_FIELDS
from odoo.addons.complaint_management.models.res_company import COMPLAINT_STATUTORY_FIELDS, COMPLAINT_TARGET_FIELDS
from odoo.addons.duty_roster.models.res_company import MIN_HANDOVER_RETENTION_MONTHS
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

# one group per constraint: the settings checked together, with their minimum
GROUPS = {
    "insurance_base": {"insurance_pause_backdate_days": 0},
    "duty_roster": {"duty_handover_retention_months": MIN_HANDOVER_RETENTION_MONTHS},
    "claim clocks": {**dict.fromkeys(CLAIM_CLOCK_FIELDS, 1), "claim_clock_warning_days": 0},
    "claim red flags": dict.fromkeys(
        ("claim_flag_repeat_count", "claim_flag_repeat_days", "claim_flag_early_loss_days"), 0
    ),
    "complaint statutory": dict.fromkeys(COMPLAINT_STATUTORY_FIELDS, 1),
    "complaint targets": dict.fromkeys((*COMPLAINT_TARGET_FIELDS, "complaint_clock_warning_days"), 0),
    "records": dict.fromkeys(("records_long_years", "records_short_years", "records_loan_max_days"), 1),
}


@tagged("post_install", "-at_install")
class TestCompanySettingsMinimums(TransactionCase):
    def test_each_setting_is_refused_below_its_minimum_and_accepted_at_it(self):
        company = self.env["res.company"].create({"name": "Settings Test Co"})
        for group, minimums in GROUPS.items():
            for name, minimum in minimums.items():
                before = company[name]
                with self.subTest(group=group, setting=name):
                    with self.assertRaises(ValidationError), self.env.cr.savepoint():
                        company.write({name: minimum - 1})
                    company.invalidate_recordset([name])
                    self.assertEqual(company[name], before, "the refused value was not kept")
            with self.subTest(group=group):
                company.write(minimums)
                self.assertEqual({name: company[name] for name in minimums}, minimums)

    def test_the_refusal_names_the_company_and_the_setting(self):
        company = self.env["res.company"].create({"name": "Settings Test Co"})
        with self.assertRaises(ValidationError) as refused:
            company.write({"complaint_first_extension_days": 0})
        label = company._fields["complaint_first_extension_days"]._description_string(self.env)
        self.assertIn("Settings Test Co", str(refused.exception))
        self.assertIn(label, str(refused.exception))
