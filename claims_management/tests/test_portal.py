import datetime
import re

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .portal_common import PortalClaimsCase

PDF = b"%PDF-1.4 police accident certificate"


@tagged("post_install", "-at_install")
class TestClaimsPortal(HttpCase, PortalClaimsCase):
    def setUp(self):
        super().setUp()
        self.authenticate("clm_claimant", "clm_claimant")

    def csrf_token(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        match = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
        self.assertTrue(match, "the page has a form with a CSRF token")
        return match.group(1)

    def test_list_shows_only_own_claims(self):
        response = self.url_open("/my/claims")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.own_claim.name, response.text)
        self.assertNotIn(self.other_claim.name, response.text)
        self.assertIn("PPR-PORTAL-A", response.text)
        home = self.url_open("/my/home")
        self.assertIn("/my/claims", home.text)

    def test_an_insured_person_who_is_not_the_policyholder_sees_their_claim(self):
        """A group policy's insured person claims on the employer's policy: the list and the claim open, with
        the policy number, though the policy itself stays the holder's (found by the load test: 403)."""
        insured = self.env["res.partner"].create({"name": "Employee Liu", "lang": "en_US"})
        new_test_user(
            self.env,
            "clm_insured_person",
            groups="base.group_portal",
            partner_id=insured.id,
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        claim = self.own_claim.copy({"claimant_id": insured.id})
        self.authenticate("clm_insured_person", "clm_insured_person")
        for url in ("/my/claims", f"/my/claims/{claim.id}"):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn(claim.name, response.text)
                self.assertIn("PPR-PORTAL-A", response.text)
                self.assertNotIn(self.own_claim.name, response.text, "the holder's own claim is not theirs")

    def test_detail_of_own_claim_and_not_of_another(self):
        response = self.url_open(f"/my/claims/{self.own_claim.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.own_claim.name, response.text)
        self.assertIn("Still missing: Accident report, Photos", response.text)
        response = self.url_open(f"/my/claims/{self.other_claim.id}", allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(self.other_claim.name, response.text)
        response = self.url_open(f"/my/claims/{self.other_claim.id}")
        self.assertNotIn(self.other_claim.name, response.text)

    def test_upload_a_document(self):
        url = f"/my/claims/{self.own_claim.id}"
        report = self.doc(self.own_claim, "Accident report")
        token = self.csrf_token(url)
        response = self.url_open(
            f"{url}/documents/{report.id}/upload",
            data={"csrf_token": token},
            files={"attachment": ("report.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Accident report was received", response.text)
        self.assertEqual(report.state, "received")
        self.assertEqual(report.attachment_name, "report.pdf")
        self.assertEqual(report.file_size, len(PDF))
        self.assertIn("Still missing: Photos", response.text)

    def test_upload_in_a_wrong_format_is_refused(self):
        url = f"/my/claims/{self.own_claim.id}"
        photos = self.doc(self.own_claim, "Photos")
        token = self.csrf_token(url)
        response = self.url_open(
            f"{url}/documents/{photos.id}/upload",
            data={"csrf_token": token},
            files={"attachment": ("photo.exe", PDF, "application/octet-stream")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("files of type exe are not accepted", response.text)
        self.assertEqual(photos.state, "required")
        self.assertFalse(photos.attachment)
        self.assertFalse(self.own_claim.materials_received_at)

    def test_upload_to_another_claim_is_refused(self):
        other = self.doc(self.other_claim, "Accident report")
        token = self.csrf_token(f"/my/claims/{self.own_claim.id}")
        self.url_open(
            f"/my/claims/{self.other_claim.id}/documents/{other.id}/upload",
            data={"csrf_token": token},
            files={"attachment": ("report.pdf", PDF, "application/pdf")},
        )
        # posting another claim's document under one's own claim is refused as well
        self.url_open(
            f"/my/claims/{self.own_claim.id}/documents/{other.id}/upload",
            data={"csrf_token": token},
            files={"attachment": ("report.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(other.state, "required")
        self.assertFalse(other.attachment)

    def test_accept_the_settlement(self):
        self.own_claim.write({"state": "approved"})
        url = f"/my/claims/{self.own_claim.id}"
        page = self.url_open(url)
        self.assertIn("Accept the Settlement", page.text)
        token = self.csrf_token(url)
        response = self.url_open(f"{url}/accept", data={"csrf_token": token})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.own_claim.state, "agreed")
        self.assertTrue(self.own_claim.agreed_at)
        agreed_day = fields.Date.context_today(self.own_claim, self.own_claim.agreed_at)
        self.assertEqual(self.own_claim.payment_due_date, agreed_day + datetime.timedelta(days=10))
        self.assertIn("Payment due by", response.text)
        # a second time: refused with a message, no error page
        response = self.url_open(f"{url}/accept", data={"csrf_token": token})
        self.assertEqual(response.status_code, 400)
        self.assertIn("cannot go to", response.text)

    def test_accept_another_claim_is_refused(self):
        self.other_claim.write({"state": "approved"})
        token = self.csrf_token(f"/my/claims/{self.own_claim.id}")
        self.url_open(f"/my/claims/{self.other_claim.id}/accept", data={"csrf_token": token})
        self.assertEqual(self.other_claim.state, "approved")

    def test_report_a_claim_on_own_policy(self):
        page = self.url_open("/my/claims/new")
        self.assertIn("PPR-PORTAL-A", page.text)
        self.assertNotIn("PPR-PORTAL-B", page.text)
        token = self.csrf_token("/my/claims/new")
        loss_day = fields.Date.today() - datetime.timedelta(days=2)
        response = self.url_open(
            "/my/claims/new",
            data={
                "csrf_token": token,
                "policy_id": self.own_policy.id,
                "claim_type_id": self.claim_type.id,
                "loss_date": fields.Date.to_string(loss_day),
                "loss_place": "G319 K12",
                "description": "The guard rail was hit <b>by a truck</b>.",
            },
        )
        self.assertEqual(response.status_code, 200)
        claim = self.env["insurance.claim"].search([("policy_id", "=", self.own_policy.id), ("channel", "=", "portal")])
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.claimant_id, self.holder)
        self.assertEqual(claim.loss_place, "G319 K12")
        self.assertEqual(claim.loss_at.date(), loss_day)
        self.assertNotIn("<b>", str(claim.description))
        self.assertEqual(claim.document_ids.mapped("name"), ["Accident report", "Photos"])
        self.assertIn(claim.name, response.text, "redirected to the new claim")

    def test_report_a_claim_on_another_policy_is_refused(self):
        token = self.csrf_token("/my/claims/new")
        count = self.env["insurance.claim"].search_count([])
        values = {
            "csrf_token": token,
            "policy_id": self.other_policy.id,
            "claim_type_id": self.claim_type.id,
            "loss_date": fields.Date.to_string(fields.Date.today()),
            "description": "Someone else's loss",
        }
        response = self.url_open("/my/claims/new", data=values)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Choose one of your policies in force.", response.text)
        # a loss before the policy started is refused by the claim's own checks
        before = self.own_policy.date_start - datetime.timedelta(days=3)
        values.update(policy_id=self.own_policy.id, loss_date=fields.Date.to_string(before), loss_place="Yonghe")
        response = self.url_open("/my/claims/new", data=values)
        self.assertEqual(response.status_code, 400)
        self.assertIn("was not in force on", response.text)
        self.assertIn('value="Yonghe"', response.text, "the form keeps what was typed")
        self.assertEqual(self.env["insurance.claim"].search_count([]), count)
