import datetime
import re

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ComplaintCase

PDF = b"%PDF-1.4 hospital bill"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@tagged("post_install", "-at_install")
class TestComplaintWebForm(HttpCase, ComplaintCase):
    def csrf_token(self, url="/complaint/new"):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        match = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
        self.assertTrue(match, "the page has a form with a CSRF token")
        for field in ("name", "email", "phone", "demand", "facts", "attachments", "website_url"):
            self.assertIn(f'name="{field}"', response.text)
        return match.group(1)

    def form(self, token, **extra):
        data = {
            "csrf_token": token,
            "name": "Zhao Min",
            "email": "zhao.min@example.org",
            "phone": "13900000001",
            "demand": "Refund the surrender value",
            "facts": "I surrendered the policy in January and got nothing.",
        }
        data.update(extra)
        return data

    def complaints(self):
        return self.env["insurance.complaint"].search([("demand", "=", "Refund the surrender value")])

    def test_post_with_token_creates_a_web_form_complaint(self):
        token = self.csrf_token()
        response = self.url_open(
            "/complaint/new",
            data=self.form(token),
            files={"attachments": ("bill.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        complaint = self.complaints()
        self.assertEqual(len(complaint), 1)
        self.assertIn(complaint.name, response.text)
        self.assertEqual(complaint.channel, "web_form")
        self.assertEqual(complaint.partner_id.name, "Zhao Min")
        self.assertEqual(complaint.partner_id.email, "zhao.min@example.org")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "insurance.complaint"), ("res_id", "=", complaint.id)]
        )
        self.assertEqual((attachment.name, attachment.raw), ("bill.pdf", PDF))

    def test_post_without_token_refused(self):
        self.url_open("/complaint/new")
        response = self.url_open("/complaint/new", data=self.form(None))
        self.assertEqual(response.status_code, 400)
        response = self.url_open("/complaint/new", data=self.form("0123456789abcdef0123456789abcdef01234567o9"))
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.complaints())

    def test_flood_refused(self):
        token = self.csrf_token()
        statuses = [self.url_open("/complaint/new", data=self.form(token)).status_code for _ in range(6)]
        self.assertEqual(statuses, [200] * 5 + [429])
        self.assertEqual(len(self.complaints()), 5)

    def test_oversized_or_wrong_file_refused_nothing_saved(self):
        token = self.csrf_token()
        partners = self.env["res.partner"].search_count([])
        big = PDF + b"0" * (10 * 1024 * 1024)
        response = self.url_open(
            "/complaint/new",
            data=self.form(token),
            files=[
                ("attachments", ("photo.png", PNG, "image/png")),
                ("attachments", ("bill.pdf", big, "application/pdf")),
            ],
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("bill.pdf is larger than 10 MB", response.text)
        response = self.url_open(
            "/complaint/new",
            data=self.form(token),
            files={"attachments": ("bill.pdf", b"MZ\x90\x00", "application/pdf")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("is not a PDF, JPEG or PNG file", response.text)
        self.assertFalse(self.complaints())
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertFalse(self.env["ir.attachment"].search([("name", "in", ("photo.png", "bill.pdf"))]))

    def test_honeypot_keeps_nothing(self):
        token = self.csrf_token()
        response = self.url_open("/complaint/new", data=self.form(token, website_url="http://spam.example"))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.complaints())

    def test_missing_contact_refused(self):
        token = self.csrf_token()
        response = self.url_open("/complaint/new", data=self.form(token, email="", phone=""))
        self.assertEqual(response.status_code, 400)
        self.assertIn("email address or a phone number", response.text)
        self.assertFalse(self.complaints())


@tagged("post_install", "-at_install")
class TestComplaintPortal(HttpCase, ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        cls.portal_user = new_test_user(cls.env, "cmp_portal", groups="base.group_portal", name="Li Na", **common)
        cls.other_portal_user = new_test_user(cls.env, "cmp_portal_2", groups="base.group_portal", **common)

    def setUp(self):
        super().setUp()
        self.own = self.new_complaint(partner_id=self.portal_user.partner_id.id, demand="Pay my bill")
        self.theirs = self.new_complaint(partner_id=self.other_portal_user.partner_id.id, demand="Their matter")
        self.authenticate("cmp_portal", "cmp_portal")

    def csrf_token(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def test_list_and_detail_only_own(self):
        response = self.url_open("/my/complaints")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.own.name, response.text)
        self.assertNotIn(self.theirs.name, response.text)
        response = self.url_open(f"/my/complaints/{self.own.id}")
        self.assertIn("Decision due by", response.text)
        self.assertIn("Pay my bill", response.text)
        response = self.url_open(f"/my/complaints/{self.theirs.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303, 403))
        self.assertNotIn("Their matter", self.url_open(f"/my/complaints/{self.theirs.id}").text)

    def test_review_request_on_the_portal(self):
        now = fields.Datetime.now()
        self.own.write({"state": "decided", "decision_sent_at": now - datetime.timedelta(days=29), "result": "refused"})
        self.theirs.write({"state": "decided", "decision_sent_at": now - datetime.timedelta(days=29)})
        url = f"/my/complaints/{self.own.id}"
        token = self.csrf_token(url)
        self.assertIn("Ask for a Review", self.url_open(url).text)
        response = self.url_open(f"{url}/review", data={"csrf_token": token, "reason": "The bill is covered."})
        self.assertIn("Your request for a review was received", response.text)
        self.assertEqual(self.own.state, "review")
        # another's complaint: refused, unchanged
        self.url_open(f"/my/complaints/{self.theirs.id}/review", data={"csrf_token": token, "reason": "x"})
        self.assertEqual(self.theirs.state, "decided")

    def test_review_request_after_30_days_refused(self):
        now = fields.Datetime.now()
        self.own.write({"state": "decided", "decision_sent_at": now - datetime.timedelta(days=31), "result": "refused"})
        url = f"/my/complaints/{self.own.id}"
        token = self.csrf_token("/my/complaints/new")  # the detail page has no form any more
        page = self.url_open(url).text
        self.assertNotIn("Ask for a Review", page)
        self.assertIn("The time to ask for a review ended on", page)
        response = self.url_open(f"{url}/review", data={"csrf_token": token, "reason": "Please look again."})
        self.assertIn("had to be requested by", response.text)
        self.assertEqual(self.own.state, "decided")

    def test_submit_on_the_portal(self):
        token = self.csrf_token("/my/complaints/new")
        response = self.url_open(
            "/my/complaints/new",
            data={"csrf_token": token, "demand": "Call me back", "facts": "Nobody called."},
            files={"attachments": ("scan.png", PNG, "image/png")},
        )
        self.assertEqual(response.status_code, 200)
        complaint = self.env["insurance.complaint"].search([("demand", "=", "Call me back")])
        self.assertEqual(complaint.channel, "portal")
        self.assertEqual(complaint.partner_id, self.portal_user.partner_id)
        self.assertIn(complaint.name, response.text)
