import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import ComplaintCase

DT = datetime.datetime

RAW_EMAIL = """Return-Path: <li.lei@example.net>
From: Li Lei <li.lei@example.net>
To: complaints@{domain}
Subject: My claim has waited two months
Message-ID: <cx4-complaint-1@example.net>
Date: Mon, 2 Mar 2026 09:30:00 +0800
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Nobody answers about claim 2026-0042. Please pay the hospital bill.
"""


@tagged("post_install", "-at_install")
class TestComplaintIntake(HttpCase, ComplaintCase):
    """HttpCase for its registry test mode: the intake limit records posts in a cursor of its own."""

    def test_email_to_the_alias_opens_a_complaint(self):
        alias = self.env.ref("complaint_management.mail_alias_complaints")
        domain = self.env["mail.alias.domain"].create({"name": "liuyang-insurer.example"})
        alias.alias_domain_id = domain
        Complaint = self.env["insurance.complaint"]
        self.env["mail.thread"].message_process(None, RAW_EMAIL.format(domain=domain.name))
        complaint = Complaint.search([("demand", "=", "My claim has waited two months")])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.channel, "email")
        self.assertTrue(complaint.name.startswith("TS"), "numbered by the sequence, not named after the subject")
        self.assertEqual(complaint.partner_id.email_normalized, "li.lei@example.net")
        self.assertIn("claim 2026-0042", complaint.facts)
        # a second mail from the same sender: the same complainant, a new complaint
        second = RAW_EMAIL.format(domain=domain.name).replace("cx4-complaint-1", "cx4-complaint-2")
        second = second.replace("two months", "three months")
        self.env["mail.thread"].message_process(None, second)
        again = Complaint.search([("demand", "=", "My claim has waited three months")])
        self.assertEqual(again.partner_id, complaint.partner_id)

    def test_review_request_day_29_ok_day_31_refused(self):
        decided_at = DT(2026, 3, 16, 2)  # 16 March, 10:00 in Shanghai
        early, late = self.new_complaint(), self.new_complaint()
        (early | late).write({"state": "decided", "decision_sent_at": decided_at, "result": "refused"})
        with freeze_time("2026-04-14 03:00:00"):  # day 29
            self.assertTrue(early._portal_can_request_review())
            early._portal_request_review("The hospital bill is covered by the policy.")
        self.assertEqual(early.state, "review")
        self.assertIn("covered by the policy", early.message_ids[0].body)
        with freeze_time("2026-04-16 03:00:00"), self.assertRaisesRegex(UserError, "requested by 2026-04-15"):
            late._portal_request_review("Too late?")
        self.assertEqual(late.state, "decided")
        with self.assertRaisesRegex(UserError, "no decision that could be reviewed"):
            self.new_complaint()._portal_request_review("Not decided yet")

    def test_rate_limit_per_address(self):
        Attempt = self.env["insurance.complaint.intake.attempt"]
        with freeze_time("2026-03-02 02:00:00"):
            self.assertEqual([Attempt._register_post("10.9.8.7") for _ in range(6)], [True] * 5 + [False])
            self.assertTrue(Attempt._register_post("10.9.8.8"), "another address is not limited")
        with freeze_time("2026-03-02 02:11:00"):
            self.assertTrue(Attempt._register_post("10.9.8.7"), "the window has passed")
        self.assertEqual(Attempt.search_count([("ip_address", "=", "10.9.8.7")]), 6)
