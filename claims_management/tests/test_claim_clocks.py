import base64

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError

from .common import DT, D
from .test_claim_documents import ClaimDocumentsCase

PDF = base64.b64encode(b"%PDF-1.4 repair invoice")


class TestClaimClocks(ClaimDocumentsCase):
    """Statutory clocks; times are UTC, the company works in Asia/Shanghai (UTC+8)."""

    def receive_all(self, claim):
        claim.document_ids.filtered(lambda document: document.required and document.state != "verified").write(
            {"state": "received"}
        )

    def to_state(self, claim, state):
        """Walk a claim along the normal path up to ``state``."""
        path = {
            "dispatched": ["dispatch"],
            "assessment": ["dispatch", "next", "next", "next"],
            "approved": ["dispatch", "next", "next", "next", "decide", "next", "next", "approve"],
            "agreed": ["dispatch", "next", "next", "next", "decide", "next", "next", "approve", "agree"],
        }
        for step in path[state]:
            if step == "dispatch":
                claim.action_dispatch()
            elif step == "next":
                claim.action_next_stage()
            elif step == "decide":
                claim.decision = "approve"
            elif step == "approve":
                claim.with_user(self.director_user).action_director_approve()
            elif step == "agree":
                claim.action_claimant_agrees()

    def new_claim(self, **values):
        values.setdefault("surveyor_id", self.surveyors[0].id)
        values.setdefault("handler_id", self.handler.id)
        return super().new_claim(**values)

    def test_complex_claim_thirty_days_and_prepayment(self):
        claim = self.new_claim()
        self.assertEqual(claim.complexity, "complex")
        self.assertFalse(claim.decision_due_date or claim.prepayment_due_date or claim.next_due_date)
        with freeze_time("2026-06-19 20:30:00"):  # 20 June 04:30 in China
            self.doc(claim, "Accident report").action_receive()
        self.assertEqual(claim.materials_received_date, DT(2026, 6, 19, 20, 30))
        self.assertEqual(claim.prepayment_due_date, D(2026, 8, 19), "received on 20 June (local) + 60 days")
        self.assertFalse(claim.materials_complete_date)
        self.assertFalse(claim.decision_due_date)
        self.assertEqual((claim.next_due_date, claim.next_due_clock), (D(2026, 8, 19), "prepayment"))
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        self.assertEqual(claim.materials_complete_date, DT(2026, 6, 25, 2, 0))
        self.assertEqual(claim.decision_due_date, D(2026, 7, 25))
        self.assertEqual((claim.next_due_date, claim.next_due_clock), (D(2026, 7, 25), "decision"))
        self.assertEqual(claim.prepayment_due_date, D(2026, 8, 19), "still from the first receipt")

    def test_simple_claim_five_working_days_over_national_day(self):
        claim = self.new_claim(estimated_loss=3000, report_datetime=DT(2026, 9, 28, 2, 0))
        self.assertEqual(claim.complexity, "simple")
        with freeze_time("2026-09-29 03:00:00"):  # Tuesday 29 September
            self.receive_all(claim)
        # 30 Sep (1); 1-7 Oct National Day off; Thu 8 (2), Fri 9 (3), make-up Sat 10 (4), Sun 11 off, Mon 12 (5)
        self.assertEqual(claim.decision_due_date, D(2026, 10, 12))
        self.assertFalse(self.env["duty.holiday"].is_working_day(D(2026, 10, 5), self.company))
        self.assertTrue(self.env["duty.holiday"].is_working_day(D(2026, 10, 10), self.company))

    def test_clock_paused_while_waiting_for_documents(self):
        claim = self.new_claim()
        with freeze_time("2026-07-01 02:00:00"):
            self.receive_all(claim)
        self.assertEqual(claim.decision_due_date, D(2026, 7, 31))
        invoices = self.doc(claim, "Repair invoices")
        with freeze_time("2026-07-03 02:00:00"):
            invoices.write({"rejection_reason": "Not an official invoice (fapiao)"})
            invoices.action_reject()
            claim.action_missing_documents_notice()
        self.assertEqual(claim.clock_paused_since, DT(2026, 7, 3, 2, 0))
        self.assertFalse(claim.decision_due_date, "unknown while paused")
        self.assertEqual(claim.next_due_clock, "prepayment")
        self.assertIn(claim, self.env["insurance.claim"].search([("clock_paused_since", "!=", False)]))
        with freeze_time("2026-07-13 06:00:00"):
            invoices.write({"attachment": PDF, "attachment_name": "fapiao.pdf"})
        self.assertEqual(invoices.state, "received")
        self.assertFalse(claim.clock_paused_since, "resumed by the last mandatory document")
        self.assertEqual(claim.clock_paused_days, 10)
        self.assertEqual(claim.materials_complete_date, DT(2026, 7, 1, 2, 0), "the clock started on 1 July")
        self.assertEqual(claim.decision_due_date, D(2026, 8, 10), "31 July + 10 days paused")
        self.assertIn("10 days not counted", claim.message_ids[0].body)

    def test_notice_before_complete_materials_pauses_nothing_twice(self):
        claim = self.new_claim()
        with freeze_time("2026-06-20 02:00:00"):
            claim.action_missing_documents_notice()
        self.assertEqual(claim.clock_paused_since, DT(2026, 6, 20, 2, 0))
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        self.assertFalse(claim.clock_paused_since)
        self.assertEqual(claim.clock_paused_days, 0, "the clock only started with the complete materials")
        self.assertEqual(claim.decision_due_date, D(2026, 7, 25))

    def test_marked_complete_by_hand(self):
        claim = self.new_claim()
        with freeze_time("2026-06-21 02:00:00"):
            claim.action_mark_materials_complete()
        self.assertEqual(claim.materials_complete_date, DT(2026, 6, 21, 2, 0))
        self.assertEqual(claim.materials_received_date, DT(2026, 6, 21, 2, 0))
        self.assertEqual(claim.decision_due_date, D(2026, 7, 21))
        self.assertEqual(claim.prepayment_due_date, D(2026, 8, 20))
        # "Documents Complete" in the life cycle marks them too
        other = self.new_claim()
        with freeze_time("2026-06-22 02:00:00"):
            self.to_state(other, "assessment")
        self.assertEqual(other.materials_complete_date, DT(2026, 6, 22, 2, 0))
        self.assertEqual(other.decision_due_date, D(2026, 7, 22))

    def test_agreed_payment_due_and_prepayment_stops(self):
        claim = self.new_claim()
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        self.assertEqual(claim.prepayment_due_date, D(2026, 8, 24))
        with freeze_time("2026-08-03 02:00:00"):
            self.to_state(claim, "agreed")
        self.assertEqual(claim.agreed_date, DT(2026, 8, 3, 2, 0))
        self.assertEqual(claim.payment_due_date, D(2026, 8, 13))
        self.assertEqual((claim.next_due_date, claim.next_due_clock), (D(2026, 8, 13), "payment"))
        claim.state = "paid"
        self.assertFalse(claim.next_due_date, "paid: no clock runs")
        self.assertEqual(claim.payment_due_date, D(2026, 8, 13), "kept for the on-time rate")

    def test_rejected_notice_due_three_days(self):
        claim = self.new_claim()
        with freeze_time("2026-06-25 02:00:00"):
            self.to_state(claim, "assessment")
        claim.write({"decision": "reject", "rejection_code": "exclusion"})
        claim.action_next_stage()
        claim.action_next_stage()
        with freeze_time("2026-08-30 02:00:00"):
            claim.with_user(self.director_user).action_director_approve()
        self.assertEqual(claim.state, "rejected")
        self.assertEqual(claim.rejected_date, DT(2026, 8, 30, 2, 0))
        self.assertEqual(claim.rejection_notice_due_date, D(2026, 9, 2))
        self.assertEqual((claim.next_due_date, claim.next_due_clock), (D(2026, 9, 2), "rejection_notice"))
        claim.action_rejection_notice_sent()
        self.assertTrue(claim.rejection_notice_date)
        self.assertFalse(claim.next_due_date)
        with self.assertRaisesRegex(UserError, "has not been rejected"):
            self.new_claim().action_rejection_notice_sent()

    def test_company_settings_move_the_dates(self):
        claim = self.new_claim()
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        self.company.write({"claim_decision_days": 15, "claim_prepayment_days": 45})
        self.assertEqual(claim.decision_due_date, D(2026, 7, 10))
        self.assertEqual(claim.prepayment_due_date, D(2026, 8, 9))
        with self.assertRaisesRegex(ValidationError, "at least one day"), self.cr.savepoint():
            self.company.write({"claim_payment_days": 0})
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.claim_decision_days, 15)
        self.assertEqual(settings.claim_rejection_notice_days, 3)

    def test_search_filters(self):
        claim = self.new_claim()
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        Claim = self.env["insurance.claim"]
        with freeze_time("2026-07-26 02:00:00"):
            self.assertTrue(claim.is_overdue)
            self.assertIn(claim, Claim.search([("is_overdue", "=", True)]))
            self.assertNotIn(claim, Claim.search([("is_overdue", "=", False)]))
        claim.invalidate_recordset(["is_overdue"])  # it depends on the day: a new request computes it again
        with freeze_time("2026-07-24 02:00:00"):
            self.assertFalse(claim.is_overdue)
            self.assertNotIn(claim, Claim.search([("is_overdue", "=", True)]))

    def test_cron_due_soon_once_for_the_handler(self):
        claim = self.new_claim()
        no_handler = self.new_claim(handler_id=False)
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim | no_handler)
        Claim = self.env["insurance.claim"]
        with freeze_time("2026-07-21 02:00:00"):  # due 25 July: too early for a 3-day warning
            Claim._cron_statutory_clocks()
        self.assertFalse(claim.activity_ids)
        self.assertFalse(claim.clock_alert_ids)
        with freeze_time("2026-07-22 02:00:00"):
            Claim._cron_statutory_clocks()
            Claim._cron_statutory_clocks()
        activity = claim.activity_ids
        self.assertEqual(len(activity), 1, "once per claim and clock")
        self.assertEqual(activity.user_id, self.handler_user)
        self.assertEqual(activity.date_deadline, D(2026, 7, 25))
        self.assertIn("Coverage decision (Art. 23)", activity.summary)
        self.assertEqual(
            [(alert.clock, alert.level, alert.due_date) for alert in claim.clock_alert_ids],
            [("decision", "due_soon", D(2026, 7, 25))],
        )
        # without a handler the director is told
        self.assertEqual(no_handler.activity_ids.user_id, self.director_user)

    def test_cron_overdue_escalates_to_the_director_once(self):
        claim = self.new_claim()
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        Claim = self.env["insurance.claim"]
        messages_before = len(claim.message_ids)
        with freeze_time("2026-07-26 02:00:00"):
            Claim._cron_statutory_clocks()
            Claim._cron_statutory_clocks()
        director_activities = claim.activity_ids.filtered(lambda act: act.user_id == self.director_user)
        self.assertEqual(len(director_activities), 1)
        self.assertIn("Overdue", director_activities.summary)
        escalations = claim.message_ids.filtered(lambda msg: "has passed" in (msg.body or ""))
        self.assertEqual(len(escalations), 1)
        self.assertEqual(escalations.partner_ids, self.director_user.partner_id)
        self.assertEqual(len(claim.message_ids), messages_before + 1)
        self.assertEqual(claim.clock_alert_ids.mapped("level"), ["overdue"])
        self.assertFalse(claim.activity_ids.filtered(lambda act: act.user_id == self.handler_user), "skipped due-soon")
        # a decision made in time stops the clock: nothing more
        with freeze_time("2026-07-27 02:00:00"):
            claim.write({"state": "approved"})
            Claim._cron_statutory_clocks()
        self.assertEqual(len(claim.clock_alert_ids), 1)
