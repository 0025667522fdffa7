import io
import logging
import re
import threading
import time
from email import message_from_string
from email.policy import SMTP
from unittest.mock import patch

import requests
from werkzeug.datastructures import FileStorage

from odoo import SUPERUSER_ID, api
from odoo.addons.insurance_base.tests.common import registry_lock_released
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import config, mute_logger

from ..controllers.web_form import read_uploads
from .common import DT, ComplaintCase

_logger = logging.getLogger(__name__)
PDF = b"%PDF-1.4 hospital bill"
BIG = 20 * 1024 * 1024


@tagged("post_install", "-at_install")
class CountingStream(io.BytesIO):
    """A real in-memory file that counts how many bytes were read from it."""

    bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def csrf_of(text):
    return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)


@tagged("post_install", "-at_install")
class TestComplaintFormBadInput(HttpCase, ComplaintCase):
    """What the public form, the portal forms and the review request refuse, over the real HTTP server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        cls.portal_user = new_test_user(cls.env, "cmp_http_portal", groups="base.group_portal", **common)

    def form(self, token, **extra):
        data = {
            "csrf_token": token,
            "name": "Qian Lu",
            "email": "qian.lu@example.org",
            "phone": "13900000002",
            "demand": "Refund the premium",
            "facts": "The policy was sold to me as a deposit.",
        }
        data.update(extra)
        return data

    def complaints(self):
        return self.env["insurance.complaint"].search([("demand", "=", "Refund the premium")])

    def public_token(self):
        return csrf_of(self.url_open("/complaint/new").text)

    def test_nul_byte_in_any_field_of_the_public_form_gives_400(self):
        token = self.public_token()
        for field in ("name", "email", "phone", "demand", "facts", "website_url"):
            with self.subTest(field=field):
                response = self.url_open("/complaint/new", data=self.form(token, **{field: "a\x00b"}))
                self.assertEqual(response.status_code, 400)
                self.assertIn("NUL character", response.text)
        self.assertFalse(self.complaints())

    def test_long_texts_refused_with_the_limit_never_cut(self):
        token = self.public_token()
        response = self.url_open("/complaint/new", data=self.form(token, facts="x" * 1024 * 1024))
        self.assertEqual(response.status_code, 400)
        self.assertIn("1048576 characters long: at most 20000 characters are accepted", response.text)
        response = self.url_open("/complaint/new", data=self.form(token, demand="y" * 2001))
        self.assertEqual(response.status_code, 400)
        self.assertIn("at most 2000 characters", response.text)
        response = self.url_open("/complaint/new", data=self.form(token, facts="z" * 20000))
        self.assertEqual(response.status_code, 200, "exactly the limit is accepted")
        self.assertEqual(len(self.complaints()), 1)

    def test_malformed_email_refused(self):
        token = self.public_token()
        for email in ("not-an-email", "a@b", "two@@example.org", "x y@example.org", "<a@example.org>"):
            with self.subTest(email=email):
                response = self.url_open("/complaint/new", data=self.form(token, email=email))
                self.assertEqual(response.status_code, 400)
                self.assertIn("is not a valid email address", response.text)
        self.assertFalse(self.complaints())

    def test_20_mb_upload_refused_fast(self):
        token = self.public_token()
        start = time.monotonic()
        response = self.url_open(
            "/complaint/new",
            data=self.form(token),
            files={"attachments": ("bill.pdf", b"\x00" * BIG, "application/pdf")},
            timeout=60,
        )
        elapsed = time.monotonic() - start
        self.assertEqual(response.status_code, 400)
        self.assertIn("bill.pdf is larger than 10 MB", response.text)
        self.assertLess(elapsed, 2.0, "a generous bound: the file is refused on its size, never read")
        self.assertFalse(self.complaints())

    def test_upload_size_is_checked_before_any_file_is_read(self):
        small, big = CountingStream(PDF), CountingStream(b"a" * BIG)
        files = [FileStorage(small, filename="bill.pdf"), FileStorage(big, filename="scan.pdf")]
        with self.assertRaises(UserError) as caught:
            read_uploads(files, self.env)
        self.assertIn("scan.pdf is larger than 10 MB", str(caught.exception))
        self.assertEqual((small.bytes_read, big.bytes_read), (0, 0))

    def test_portal_routes_refuse_nul_and_long_texts(self):
        complaint = self.new_complaint(partner_id=self.portal_user.partner_id.id, demand="Call me")
        self.authenticate("cmp_http_portal", "cmp_http_portal")
        token = csrf_of(self.url_open("/my/complaints/new").text)
        response = self.url_open("/my/complaints/new", data={"csrf_token": token, "demand": "a\x00", "facts": "b"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("NUL character", response.text)
        response = self.url_open(
            "/my/complaints/new", data={"csrf_token": token, "demand": "Refund the premium", "facts": "f" * 20001}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("at most 20000 characters", response.text)
        response = self.url_open(
            "/my/complaints/new",
            data={"csrf_token": token, "demand": "Refund the premium", "facts": "f"},
            files={"attachments": ("scan.png", b"\x89" * BIG, "image/png")},
            timeout=60,
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("scan.png is larger than 10 MB", response.text)
        self.assertFalse(self.complaints())
        response = self.url_open(f"/my/complaints/{complaint.id}?access_token=%00")
        self.assertEqual(response.status_code, 400)
        response = self.url_open(f"/my/complaints/{complaint.id}/review", data={"csrf_token": token, "reason": "\x00"})
        self.assertEqual(response.status_code, 400)
        response = self.url_open(
            f"/my/complaints/{complaint.id}/review", data={"csrf_token": token, "reason": "r" * 5001}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("at most 5000 characters", response.text)
        self.assertEqual(complaint.state, "registered")
        self.assertFalse(complaint.review_reason)

    def test_portal_new_complaint_is_rate_limited_per_user(self):
        self.authenticate("cmp_http_portal", "cmp_http_portal")
        token = csrf_of(self.url_open("/my/complaints/new").text)
        data = {"csrf_token": token, "demand": "Refund the premium", "facts": "Sold as a deposit."}
        statuses = [self.url_open("/my/complaints/new", data=data).status_code for _ in range(6)]
        self.assertEqual(statuses, [200] * 5 + [429])
        self.assertEqual(len(self.complaints()), 5)

    def test_ORM_bounds_the_texts_for_every_path(self):
        complaint = self.new_complaint()
        officer_complaint = complaint.with_user(self.officer_user)
        with self.assertRaises(ValidationError) as caught:
            officer_complaint.write({"facts": "<p>%s</p>" % ("x" * 20001)})
        self.assertIn("at most 20000 characters", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.new_complaint(demand="d" * 2001)
        self.assertIn("at most 2000 characters", str(caught.exception))
        officer_complaint.write({"facts": "<p>%s</p>" % ("x" * 20000)})


@tagged("post_install", "-at_install")
class TestComplaintFormNewContact(HttpCase, ComplaintCase):
    def test_typed_email_of_a_customer_opens_a_new_contact(self):
        main = self.env.ref("base.main_company")
        env = self.env(context=dict(self.env.context, allowed_company_ids=[main.id]))
        customer = env["res.partner"].create({"name": "Zhou Jie", "email": "zhou.jie@example.org"})
        env["insurance.complaint"].create(
            {
                "company_id": main.id,
                "partner_id": customer.id,
                "received_at": DT(2026, 3, 2, 1, 30),
                "channel": "phone",
                "demand": "Earlier matter",
                "complainant_id_number": "430181198503120021",
            }
        )
        token = csrf_of(self.url_open("/complaint/new").text)
        response = self.url_open(
            "/complaint/new",
            data={
                "csrf_token": token,
                "name": "Somebody Else",
                "email": "Zhou.Jie@example.org",
                "demand": "Tell me everything about this customer",
                "facts": "I typed their email.",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("430181198503120021", response.text)
        complaint = env["insurance.complaint"].search([("demand", "=", "Tell me everything about this customer")])
        self.assertEqual(len(complaint), 1)
        self.assertNotEqual(complaint.partner_id, customer)
        self.assertEqual(complaint.partner_id.name, "Somebody Else")
        self.assertFalse(complaint.complainant_id_number, "nothing is copied from the customer's earlier complaints")
        self.assertEqual(customer.name, "Zhou Jie")
        # staff see the customer as a possible existing contact and open Odoo's contact merge on both
        self.assertEqual(complaint.possible_partner_ids, customer)
        action = complaint.action_merge_possible_partners()
        self.assertEqual(action["res_model"], "base.partner.merge.automatic.wizard")
        wizard = env["base.partner.merge.automatic.wizard"].with_context(**action["context"]).create({})
        self.assertEqual(wizard.partner_ids, complaint.partner_id | customer)
        self.assertEqual(wizard.dst_partner_id, customer, "the older contact is kept")
        wizard.action_merge()
        self.assertFalse(complaint.partner_id.exists() and complaint.partner_id != customer)
        self.assertEqual(complaint.partner_id, customer)


@tagged("post_install", "-at_install")
class TestComplaintAliasLimit(HttpCase, ComplaintCase):
    """HttpCase for its registry test mode: the limit records posts in a cursor of its own."""

    RAW = """From: Sun Li <sun.li@example.net>
To: complaints@{domain}
Subject: Complaint number {n}
Message-ID: <alias-limit-{n}@example.net>
Date: Mon, 2 Mar 2026 09:30:00 +0800
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Complaint {n}: {body}
"""

    def test_sixth_mail_from_one_sender_bounces_with_the_reason(self):
        alias = self.env.ref("complaint_management.mail_alias_complaints")
        domain = self.env["mail.alias.domain"].create({"name": "liuyang-limit.example"})
        alias.alias_domain_id = domain
        Complaint = self.env["insurance.complaint"]
        for n in range(1, 7):
            self.env["mail.thread"].message_process(None, self.RAW.format(domain=domain.name, n=n, body="late"))
        self.assertEqual(Complaint.search_count([("demand", "=like", "Complaint number %")]), 5)
        self.assertFalse(Complaint.search([("demand", "=", "Complaint number 6")]))
        # the bounce is sent and, as every sent bounce, deleted (auto_delete): its body is the alias's
        # rendering of the reason the limit gives to the next mail from the same sender
        message = message_from_string(self.RAW.format(domain=domain.name, n=8, body="late"), policy=SMTP)
        message_dict = self.env["mail.thread"].message_parse(message)
        self.assertTrue(Complaint._alias_get_error(message, message_dict, alias), "the next mail is refused too")
        self.assertIn("Too many complaints were sent from your address", alias._get_alias_bounced_body(message_dict))
        # a reply to an open complaint is not a new complaint: not counted, not refused
        first = Complaint.search([("demand", "=", "Complaint number 1")])
        reply = self.RAW.format(domain=domain.name, n=7, body="more facts").replace(
            "Subject: Complaint number 7", f"Subject: Re: {first.name}\nIn-Reply-To: <alias-limit-1@example.net>"
        )
        self.env["mail.thread"].message_process(None, reply)
        self.assertIn("more facts", first.message_ids[0].body)

    def test_a_long_mail_is_kept_whole_in_the_discussion(self):
        alias = self.env.ref("complaint_management.mail_alias_complaints")
        domain = self.env["mail.alias.domain"].create({"name": "liuyang-long.example"})
        alias.alias_domain_id = domain
        self.env["mail.thread"].message_process(None, self.RAW.format(domain=domain.name, n=1, body="w" * 30000))
        complaint = self.env["insurance.complaint"].search([("demand", "=", "Complaint number 1")])
        self.assertIn("read it in full in the discussion", complaint.facts)
        self.assertIn("w" * 30000, complaint.message_ids[-1].body)


@tagged("post_install", "-at_install")
class TestComplaintFormProxy(HttpCase):
    """The limit counts the client's address; behind a reverse proxy it comes from X-Forwarded-For."""

    def post_from(self, forwarded_for, token):
        headers = {"X-Forwarded-For": forwarded_for, "X-Forwarded-Host": f"127.0.0.1:{config['http_port']}"}
        data = {"csrf_token": token, "name": "Ma Li", "email": "ma.li@example.org", "demand": "Proxy", "facts": ""}
        return self.url_open("/complaint/new", data=data, headers=headers).status_code

    def test_proxy_mode_counts_the_forwarded_address(self):
        token = csrf_of(self.url_open("/complaint/new").text)
        with patch.dict(config.options, {"proxy_mode": True}):
            # 400: the facts are missing, the post is counted all the same
            self.assertEqual([self.post_from("203.0.113.7", token) for _ in range(6)], [400] * 5 + [429])
            self.assertEqual(self.post_from("203.0.113.8", token), 400, "another client behind the same proxy")
        Attempt = self.env["insurance.complaint.intake.attempt"].sudo()
        self.assertEqual(Attempt.search_count([("ip_address", "=", "203.0.113.7")]), 5)
        self.assertEqual(Attempt.search_count([("ip_address", "=", "203.0.113.8")]), 1)

    def test_without_proxy_mode_the_header_cannot_dodge_the_limit(self):
        token = csrf_of(self.url_open("/complaint/new").text)
        with patch.dict(config.options, {"proxy_mode": False}):
            statuses = [self.post_from(f"198.51.100.{n}", token) for n in range(6)]
        self.assertEqual(statuses, [400] * 5 + [429])
        Attempt = self.env["insurance.complaint.intake.attempt"].sudo()
        self.assertEqual(Attempt.search_count([("ip_address", "=like", "198.51.100.%")]), 0)


@tagged("post_install", "-at_install")
class TestComplaintFormConcurrency(HttpCase):
    """Ten simultaneous sessions from one address against the real server: exactly the limit gets through.

    Not in registry test mode: each request runs in its own real transaction, as in production,
    so the attempts are really committed; the test removes them at the end.
    """

    registry_test_mode = False
    SESSIONS = 10

    def cleanup_attempts(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM insurance_complaint_intake_attempt WHERE ip_address = %s", ["127.0.0.1"])

    @mute_logger("odoo.http")
    @registry_lock_released()
    def test_ten_simultaneous_posts_from_one_address(self):
        self.cleanup_attempts()
        self.addCleanup(self.cleanup_attempts)
        url = self.base_url() + "/complaint/new"
        sessions = [requests.Session() for _ in range(self.SESSIONS)]
        tokens = [csrf_of(session.get(url, timeout=60).text) for session in sessions]
        barrier = threading.Barrier(self.SESSIONS)
        statuses = [None] * self.SESSIONS

        def post(index):
            data = {"csrf_token": tokens[index], "name": "Flood", "email": "flood@example.org", "demand": "x"}
            barrier.wait()
            # no facts: a counted post that creates nothing, so nothing else is committed
            statuses[index] = sessions[index].post(url, data=data, timeout=120).status_code

        threads = [threading.Thread(target=post, args=(index,)) for index in range(self.SESSIONS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            recorded = env["insurance.complaint.intake.attempt"].search_count([("ip_address", "=", "127.0.0.1")])
        _logger.info(
            "%s simultaneous posts: statuses %s, %s attempts recorded", self.SESSIONS, sorted(statuses), recorded
        )
        self.assertEqual(sorted(statuses), [400] * 5 + [429] * 5)
        self.assertEqual(recorded, 5)
