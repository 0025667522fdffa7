import base64
import re
import time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from .portal_common import PortalClaimsCase

PDF = b"%PDF-1.4 police accident certificate"
BIG = 20 * 1024 * 1024


@tagged("post_install", "-at_install")
class TestClaimsPortalBadInput(HttpCase, PortalClaimsCase):
    """What the claimant's portal refuses, over the real HTTP server: 400 with a message that says why."""

    def setUp(self):
        super().setUp()
        self.authenticate("clm_claimant", "clm_claimant")
        self.url = f"/my/claims/{self.own_claim.id}"
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(self.url).text).group(1)

    def new_claim_values(self, **extra):
        values = {
            "csrf_token": self.token,
            "policy_id": self.own_policy.id,
            "claim_type_id": self.claim_type.id,
            "loss_date": fields.Date.to_string(fields.Date.today()),
            "loss_place": "Yonghe",
            "description": "The warehouse roof fell in.",
        }
        values.update(extra)
        return values

    def claim_count(self):
        return self.env["insurance.claim"].search_count([])

    def test_nul_byte_refused_on_every_claim_route(self):
        count = self.claim_count()
        for field in ("policy_id", "claim_type_id", "loss_date", "loss_place", "description"):
            with self.subTest(field=field):
                response = self.url_open("/my/claims/new", data=self.new_claim_values(**{field: "1\x00"}))
                self.assertEqual(response.status_code, 400)
                self.assertIn("NUL character", response.text)
        self.assertEqual(self.claim_count(), count)
        self.assertEqual(self.url_open(f"{self.url}?access_token=%00").status_code, 400)
        response = self.url_open(f"{self.url}/accept", data={"csrf_token": self.token, "note": "\x00"})
        self.assertEqual(response.status_code, 400)
        report = self.doc(self.own_claim, "Accident report")
        response = self.url_open(
            f"{self.url}/documents/{report.id}/upload",
            data={"csrf_token": self.token, "comment": "a\x00"},
            files={"attachment": ("report.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(report.attachment)

    def test_long_texts_refused_with_the_limit(self):
        count = self.claim_count()
        response = self.url_open("/my/claims/new", data=self.new_claim_values(loss_place="p" * 100000))
        self.assertEqual(response.status_code, 400)
        self.assertIn("100000 characters long: at most 300 characters are accepted", response.text)
        response = self.url_open("/my/claims/new", data=self.new_claim_values(description="d" * 1024 * 1024))
        self.assertEqual(response.status_code, 400)
        self.assertIn("at most 20000 characters", response.text)
        self.assertEqual(self.claim_count(), count)
        response = self.url_open("/my/claims/new", data=self.new_claim_values(loss_place="p" * 300))
        self.assertEqual(response.status_code, 200, "exactly the limit is accepted")
        self.assertEqual(self.claim_count(), count + 1)

    def test_missing_description_answers_400(self):
        response = self.url_open("/my/claims/new", data=self.new_claim_values(description=""))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Describe what happened.", response.text)

    def test_20_mb_upload_refused_fast(self):
        medical = self.env["insurance.claim.document"].create({"claim_id": self.own_claim.id, "name": "Medical file"})
        self.assertFalse(medical.max_size_mb, "the item sets no limit: the portal's 10 MB hold")
        start = time.monotonic()
        response = self.url_open(
            f"{self.url}/documents/{medical.id}/upload",
            data={"csrf_token": self.token},
            files={"attachment": ("file.pdf", b"a" * BIG, "application/pdf")},
            timeout=60,
        )
        elapsed = time.monotonic() - start
        self.assertEqual(response.status_code, 400)
        self.assertIn("file.pdf is larger than 10 MB", response.text)
        self.assertLess(elapsed, 2.0, "a generous bound: the file is refused on its size, never read")
        self.assertFalse(medical.attachment)
        # the item's own, lower limit is applied the same way
        report = self.doc(self.own_claim, "Accident report")
        response = self.url_open(
            f"{self.url}/documents/{report.id}/upload",
            data={"csrf_token": self.token},
            files={"attachment": ("report.pdf", PDF + b"0" * (1024 * 1024), "application/pdf")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("report.pdf is larger than 1 MB", response.text)
        self.assertFalse(report.attachment)

    def test_rpc_cannot_bypass_the_bounds(self):
        with self.assertRaises(ValidationError) as caught:
            self.own_claim.write({"loss_place": "p" * 100000})
        self.assertIn("at most 300 characters", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.other_claim.write({"description": "<p>%s</p>" % ("d" * 20001)})
        self.assertIn("at most 20000 characters", str(caught.exception))
        medical = self.env["insurance.claim.document"].create({"claim_id": self.own_claim.id, "name": "Medical file"})
        as_claimant = medical.with_user(self.portal_user)
        with self.assertRaises(ValidationError) as caught:
            as_claimant.write(
                {"attachment": base64.b64encode(PDF + b"0" * (11 * 1024 * 1024)), "attachment_name": "a.pdf"}
            )
        self.assertIn("more than the 10 MB allowed", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            as_claimant.write({"attachment": base64.b64encode(PDF), "attachment_name": "n" * 300 + ".pdf"})
        self.assertIn("at most 255 characters", str(caught.exception))
        medical.invalidate_recordset()
        self.assertFalse(medical.attachment, "nothing was stored")
