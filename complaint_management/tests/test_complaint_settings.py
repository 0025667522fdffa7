from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintSettings(ComplaintCase):
    """Every complaint setting of the settings page writes through to the current company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.post = cls.env["duty.post"].create({"name": "Complaint Officers", "company_id": cls.company.id})
        cls.other_post = cls.env["duty.post"].create({"name": "Hotline", "company_id": cls.company.id})

    def settings(self, **vals):
        return self.env["res.config.settings"].with_company(self.company).create(vals)

    def test_settings_write_through_to_company(self):
        self.settings(
            complaint_major_loss=30000,
            complaint_contact_working_days=2,
            complaint_resolve_working_days=4,
            complaint_resolve_major_working_days=7,
            complaint_progress_hours=12,
            complaint_clock_warning_days=5,
            complaint_decision_days=14,
            complaint_first_extension_days=28,
            complaint_second_extension_days=56,
            complaint_review_days=45,
            complaint_max_representatives=3,
            followup_due_days=5,
            followup_level2_rate=20.0,
            followup_level3_rate=8.0,
            followup_max_attempts=4,
            followup_retry_days=2,
            followup_on_claim_report=True,
            followup_level2_user_id=self.manager_user.id,
            followup_level3_user_id=self.compliance_user.id,
            complaint_duty_post_id=self.post.id,
        ).execute()
        company = self.company
        self.assertEqual(company.complaint_major_loss, 30000)
        self.assertEqual(
            (
                company.complaint_contact_working_days,
                company.complaint_resolve_working_days,
                company.complaint_resolve_major_working_days,
                company.complaint_progress_hours,
                company.complaint_clock_warning_days,
            ),
            (2, 4, 7, 12, 5),
        )
        self.assertEqual(
            (
                company.complaint_decision_days,
                company.complaint_first_extension_days,
                company.complaint_second_extension_days,
                company.complaint_review_days,
                company.complaint_max_representatives,
            ),
            (14, 28, 56, 45, 3),
        )
        self.assertEqual(
            (
                company.followup_due_days,
                company.followup_level2_rate,
                company.followup_level3_rate,
                company.followup_max_attempts,
                company.followup_retry_days,
            ),
            (5, 20.0, 8.0, 4, 2),
        )
        self.assertTrue(company.followup_on_claim_report)
        self.assertEqual(company.followup_level2_user_id, self.manager_user)
        self.assertEqual(company.followup_level3_user_id, self.compliance_user)
        self.assertTrue(self.post.is_complaint_officer_post)
        # the page shows what the company holds
        page = self.settings()
        self.assertEqual(page.complaint_duty_post_id, self.post)
        self.assertEqual(page.complaint_resolve_major_working_days, 7)
        self.assertEqual(page.followup_level2_rate, 20.0)

    def test_duty_post_is_unique_per_company(self):
        self.settings(complaint_duty_post_id=self.post.id).execute()
        self.settings(complaint_duty_post_id=self.other_post.id).execute()
        self.assertFalse(self.post.is_complaint_officer_post)
        self.assertTrue(self.other_post.is_complaint_officer_post)
        self.settings(complaint_duty_post_id=False).execute()
        self.assertFalse(self.other_post.is_complaint_officer_post)

    def test_defaults(self):
        page = self.settings()
        self.assertEqual(page.complaint_major_loss, 20000)
        self.assertEqual(
            (page.complaint_contact_working_days, page.complaint_resolve_working_days),
            (1, 3),
        )
        self.assertEqual(page.complaint_resolve_major_working_days, 5)
        self.assertEqual(page.complaint_progress_hours, 24)
        # CBIRC Order 2020 No. 3: 15 / 30 / 60 days, review within 30 days, 5 representatives
        self.assertEqual(
            (
                page.complaint_decision_days,
                page.complaint_first_extension_days,
                page.complaint_second_extension_days,
                page.complaint_review_days,
                page.complaint_max_representatives,
            ),
            (15, 30, 60, 30, 5),
        )
        self.assertIn("Art. 14", self.company._fields["complaint_decision_days"].help)
        self.assertFalse(page.followup_on_claim_report)
        self.assertFalse(page.complaint_duty_post_id)

    def test_bad_settings_refused(self):
        with self.assertRaises(ValidationError):
            self.settings(followup_level2_rate=5.0).execute()
        with self.assertRaises(ValidationError):
            self.settings(complaint_resolve_working_days=-1).execute()
        with self.assertRaisesRegex(ValidationError, "cannot be shorter"):
            self.settings(complaint_first_extension_days=10).execute()
        for name in ("complaint_decision_days", "complaint_review_days", "complaint_max_representatives"):
            for value in (0, -1):
                with self.assertRaisesRegex(ValidationError, "must be at least 1"):
                    self.settings(**{name: value}).execute()
        self.assertEqual(self.company.followup_level2_rate, 10.0)
        self.assertEqual(self.company.complaint_resolve_working_days, 3)
