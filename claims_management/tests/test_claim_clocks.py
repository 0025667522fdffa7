import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DT, D
from .test_claim_documents import ClaimDocumentsCase

PDF = base64.b64encode(b"%PDF-1.4 repair invoice")


@tagged("post_install", "-at_install")
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
                self.assertEqual(claim.state, "dispatched", "dispatched at intake")
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

    def clock(self, claim, kind):
        return claim._clock_last(kind)

    def sweep(self):
        self.env["insurance.clock"]._cron_sweep()

    def alerts(self, claim):
        return claim.clock_ids.alert_ids.sorted("id")

    def test_complex_claim_thirty_days_and_prepayment(self):
        claim = self.new_claim()
        self.assertEqual(claim.complexity, "complex")
        self.assertFalse(claim.decision_due_date or claim.prepayment_due_date or claim.next_due_date)
        with freeze_time("2026-06-19 20:30:00"):  # 20 June 04:30 in China
            self.doc(claim, "Accident report").action_receive()
        self.assertEqual(claim.materials_received_at, DT(2026, 6, 19, 20, 30))
        self.assertEqual(claim.prepayment_due_date, D(2026, 8, 19), "received on 20 June (local) + 60 days")
        prepayment = self.clock(claim, "claim_prepayment")
        self.assertEqual((prepayment.length, prepayment.unit, prepayment.state), (60, "calendar_days", "running"))
        self.assertEqual(prepayment.due_at, DT(2026, 8, 19, 16, 0), "late from local midnight after the due day")
        self.assertEqual(prepayment.legal_basis, "PRC Insurance Law Art. 25")
        self.assertFalse(claim.materials_complete_at)
        self.assertFalse(claim.decision_due_date)
        self.assertEqual((claim.next_due_date, claim.next_due_clock), (D(2026, 8, 19), "claim_prepayment"))
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        self.assertEqual(claim.materials_complete_at, DT(2026, 6, 25, 2, 0))
        self.assertEqual(claim.decision_due_date, D(2026, 7, 25))
        self.assertEqual((claim.next_due_date, claim.next_due_clock), (D(2026, 7, 25), "claim_decision"))
        self.assertEqual(claim.prepayment_due_date, D(2026, 8, 19), "still from the first receipt")

    def test_local_midnight_decides_the_start_day(self):
        # 15:59 UTC is 23:59 in Beijing on 24 June; 16:00 UTC is already 25 June.
        before, after = self.new_claim(), self.new_claim()
        with freeze_time("2026-06-24 15:59:00"):
            self.receive_all(before)
        with freeze_time("2026-06-24 16:00:00"):
            self.receive_all(after)
        self.assertEqual(before.decision_due_date, D(2026, 7, 24))
        self.assertEqual(after.decision_due_date, D(2026, 7, 25))

    def test_simple_claim_five_working_days_over_national_day(self):
        claim = self.new_claim(estimated_loss=3000, reported_at=DT(2026, 9, 28, 2, 0))
        self.assertEqual(claim.complexity, "simple")
        with freeze_time("2026-09-29 03:00:00"):  # Tuesday 29 September
            self.receive_all(claim)
        # 30 Sep (1); 1-7 Oct National Day off; Thu 8 (2), Fri 9 (3), make-up Sat 10 (4), Sun 11 off, Mon 12 (5)
        self.assertEqual(claim.decision_due_date, D(2026, 10, 12))
        self.assertEqual(self.clock(claim, "claim_decision").unit, "working_days")
        self.assertFalse(self.env["cn.calendar.day"].is_working_day(D(2026, 10, 5), self.company))
        self.assertTrue(self.env["cn.calendar.day"].is_working_day(D(2026, 10, 10), self.company))

    def test_working_day_pause_removes_only_the_working_days_it_covers(self):
        # simple claim complete Mon 2 March 2026, notice Thu 5 March, documents back Mon 9 March:
        # Tue 3 (1), Wed 4 (2), Thu 5 - Sun 8 paused, Mon 9 (3), Tue 10 (4), Wed 11 (5)
        claim = self.new_claim(estimated_loss=3000, reported_at=DT(2026, 3, 1, 2, 0), loss_at=DT(2026, 3, 1, 1))
        with freeze_time("2026-03-02 02:00:00"):
            self.receive_all(claim)
        self.assertEqual(claim.decision_due_date, D(2026, 3, 9))
        invoices = self.doc(claim, "Repair invoices")
        with freeze_time("2026-03-05 02:00:00"):
            invoices.write({"rejection_reason": "Not an official invoice (fapiao)"})
            invoices.action_reject()
            claim.action_missing_documents_notice()
        decision = self.clock(claim, "claim_decision")
        self.assertEqual(decision.state, "paused")
        with freeze_time("2026-03-09 06:00:00"):
            invoices.write({"attachment": PDF, "attachment_name": "fapiao.pdf"})
        self.assertEqual(decision.state, "running")
        self.assertEqual(claim.decision_due_date, D(2026, 3, 11))
        self.assertEqual(decision.paused_units, 2, "Thu 5 and Fri 6 were not counted")

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
        decision = self.clock(claim, "claim_decision")
        self.assertEqual(decision.state, "paused")
        self.assertEqual(claim.decision_due_date, D(2026, 7, 31), "shown as if it resumed today, never blank")
        self.assertEqual(decision.pause_ids.reason, "documents")
        with freeze_time("2026-07-08 02:00:00"):
            self.sweep()  # the sweep keeps the projected due date of a paused clock current
        self.assertEqual(claim.decision_due_date, D(2026, 8, 5))
        with freeze_time("2026-07-13 06:00:00"):
            invoices.write({"attachment": PDF, "attachment_name": "fapiao.pdf"})
        self.assertEqual(invoices.state, "received")
        self.assertFalse(claim.clock_paused_since, "resumed by the last mandatory document")
        self.assertEqual(claim.clock_paused_days, 10)
        self.assertEqual(claim.materials_complete_at, DT(2026, 7, 1, 2, 0), "the clock started on 1 July")
        self.assertEqual(claim.decision_due_date, D(2026, 8, 10), "31 July + 10 days paused")
        self.assertIn("10", claim.message_ids[0].body)

    def test_notice_before_complete_materials_pauses_nothing(self):
        claim = self.new_claim()
        with freeze_time("2026-06-20 02:00:00"):
            claim.action_missing_documents_notice()
        self.assertFalse(claim.clock_paused_since, "the decision clock has not started")
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        self.assertEqual(claim.clock_paused_days, 0, "the clock only started with the complete materials")
        self.assertEqual(claim.decision_due_date, D(2026, 7, 25))

    def test_decision_during_a_pause_ends_it_and_is_judged_on_the_paused_count(self):
        claim = self.new_claim()
        with freeze_time("2026-07-01 02:00:00"):
            self.receive_all(claim)
            self.to_state(claim, "assessment")
        invoices = self.doc(claim, "Repair invoices")
        with freeze_time("2026-07-20 02:00:00"):
            invoices.write({"rejection_reason": "Illegible"})
            invoices.action_reject()
            claim.action_missing_documents_notice()
        claim.decision = "approve"
        claim.action_next_stage()
        claim.action_next_stage()
        # approved on 5 August, after the 31 July of the unpaused count: 16 days paused make it due 16 August
        with freeze_time("2026-08-05 02:00:00"):
            claim.with_user(self.director_user).action_director_approve()
        decision = self.clock(claim, "claim_decision")
        self.assertEqual(decision.pause_ids.end_at, DT(2026, 8, 5, 2, 0), "the decision ended the pause")
        self.assertEqual((decision.met_at, decision.due_date), (DT(2026, 8, 5, 2, 0), D(2026, 8, 16)))
        self.assertEqual(decision.state, "met_on_time")

    def test_pause_back_dated_after_the_due_date_keeps_the_clock_overdue(self):
        claim = self.new_claim()
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        decision = self.clock(claim, "claim_decision")
        with freeze_time("2026-07-28 02:00:00"):  # due 25 July: overdue
            self.sweep()
            self.assertEqual(decision.state, "overdue")
            # a handler cannot back-date a pause; nor without a reason
            with self.assertRaisesRegex(UserError, "at the earliest"):
                decision.with_user(self.handler_user)._pause(DT(2026, 7, 20, 2), "documents", "late notice")
            with self.assertRaisesRegex(UserError, "at the earliest"):
                decision.with_user(self.director_user)._pause(DT(2026, 7, 20, 2), "documents", "late notice")
            decision.with_user(self.director_user)._pause(
                DT(2026, 7, 20, 2), "documents", "late notice", backdate_reason="Notice sent by post on 20 July"
            )
        self.assertEqual(decision.state, "overdue", "overdue when the pause was recorded: stays overdue")
        self.assertEqual(decision.due_date, D(2026, 7, 25))
        self.assertIn("pause_backdated", decision.log_ids.mapped("event"))
        self.assertEqual(
            decision.log_ids.filtered(lambda log: log.event == "pause_backdated").user_id, self.director_user
        )
        self.assertEqual(len(self.alerts(claim).filtered(lambda alert: alert.level == "overdue")), 1)

    def test_bad_pauses_are_refused(self):
        claim = self.new_claim()
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        decision = self.clock(claim, "claim_decision")
        with freeze_time("2026-06-26 02:00:00"):
            with self.assertRaisesRegex(UserError, "future"):
                decision._pause(DT(2026, 6, 27, 2), "documents", "x")
            with self.assertRaisesRegex(UserError, "before its clock"):
                decision.with_user(self.director_user)._pause(DT(2026, 6, 24, 2), "documents", "x", backdate_reason="y")
            pause = decision._pause(DT(2026, 6, 26, 1), "documents", "x")
            with self.assertRaisesRegex(UserError, "already paused"):
                decision._pause(DT(2026, 6, 26, 1, 30), "documents", "x")
            with self.assertRaisesRegex(UserError, "end before it starts"):
                decision._resume(DT(2026, 6, 26, 0))
        self.assertFalse(pause.end_at)

    def test_users_cannot_write_clocks(self):
        claim = self.new_claim()
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        decision = self.clock(claim, "claim_decision").with_user(self.handler_user)
        self.assertEqual(decision.due_date, D(2026, 7, 25), "the handler reads the clock of their claim")
        for user in (self.handler_user, self.director_user, self.auditor_user):
            with self.assertRaises(AccessError):
                self.clock(claim, "claim_decision").with_user(user).write({"start_at": DT(2026, 7, 20)})
            with self.assertRaises(AccessError):
                self.env["insurance.clock.pause"].with_user(user).create(
                    {"clock_id": decision.id, "start_at": DT(2026, 6, 26), "reason": "documents"}
                )
        # only a manager changes the start, with a reason, and it is logged
        with self.assertRaisesRegex(UserError, "Only a manager"):
            decision._change_start(DT(2026, 6, 20, 2), "typo")
        director_clock = self.clock(claim, "claim_decision").with_user(self.director_user)
        with self.assertRaisesRegex(UserError, "Write why"):
            director_clock._change_start(DT(2026, 6, 20, 2), " ")
        with freeze_time("2026-06-26 02:00:00"):
            director_clock._change_start(DT(2026, 6, 20, 2), "Documents were complete on 20 June (mail received)")
        self.assertEqual(claim.decision_due_date, D(2026, 7, 20))
        log = director_clock.log_ids.filtered(lambda log: log.event == "start_changed")
        self.assertEqual(
            (log.user_id, log.reason), (self.director_user, "Documents were complete on 20 June (mail received)")
        )

    def test_a_claims_user_of_another_team_reads_no_clock(self):
        claim = self.new_claim()
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        outsider = self.env["res.users"].create(
            {
                "name": "Other team",
                "login": "clm_outsider",
                "company_id": self.company.id,
                "company_ids": [(6, 0, self.company.ids)],
                "groups_id": [(6, 0, [self.env.ref("claims_management.group_claims_user").id])],
            }
        )
        Clock = self.env["insurance.clock"].with_user(outsider)
        self.assertFalse(Clock.search([("res_id", "=", claim.id), ("res_model", "=", "insurance.claim")]))
        self.assertTrue(self.env["insurance.clock"].with_user(self.handler_user).search([("claim_id", "=", claim.id)]))

    def test_unknown_year_is_calendar_missing_until_hr_enters_it(self):
        year = max(self.env["cn.calendar.year"].search([("source", "=", "library")]).mapped("year")) + 1
        self.policy.date_end = D(year, 12, 31)
        claim = self.new_claim(
            estimated_loss=3000, reported_at=DT(year - 1, 12, 27, 2), loss_at=DT(year - 1, 12, 27, 1)
        )
        self.assertEqual(claim.complexity, "simple")
        with freeze_time(f"{year - 1}-12-28 02:00:00"):
            self.receive_all(claim)
        decision = self.clock(claim, "claim_decision")
        self.assertEqual((decision.state, decision.missing_year), ("calendar_missing", year))
        self.assertFalse(decision.due_date, "never guessed")
        self.assertTrue(claim.clock_calendar_missing)
        self.assertIn(claim, self.env["insurance.claim"].search([("clock_calendar_missing", "=", True)]))
        hr = self.env["res.users"].create(
            {
                "name": "HR Calendar",
                "login": "clm_hr_calendar",
                "company_id": self.company.id,
                "company_ids": [(6, 0, self.company.ids)],
                "groups_id": [(6, 0, [self.env.ref("cn_working_calendar.group_calendar_manager").id])],
            }
        )
        with freeze_time(f"{year - 1}-12-28 03:00:00"):
            self.sweep()
            self.sweep()
        missing = self.alerts(claim).filtered(lambda alert: alert.level == "calendar_missing")
        self.assertEqual(len(missing), 1, "alerted once")
        self.assertIn(hr, missing.user_ids)
        self.assertIn(self.director_user, missing.user_ids)
        # HR sees the waiting deadline, enters New Year's Day and marks the year complete
        self.assertEqual(
            self.env["insurance.clock"].with_user(hr).search([("state", "=", "calendar_missing")]), decision
        )
        Day = self.env["cn.calendar.day"].with_user(hr)
        Day.create({"date": D(year, 1, 1), "holiday": "new_years_day", "company_id": self.company.id})
        self.assertEqual(decision.state, "calendar_missing", "one day entered is not a complete year")
        year_row = self.env["cn.calendar.year"].with_user(hr).create({"year": year, "company_id": self.company.id})
        self.assertEqual(year_row.clock_missing_count, 1)
        with freeze_time(f"{year - 1}-12-29 02:00:00"):
            year_row.action_mark_complete()
        # 29 (1), 30 (2), 31 Dec (3), 1 Jan off, then the first two working days of the new year
        expected = self.env["cn.calendar.day"].add_working_days(D(year - 1, 12, 31), 2, self.company)
        self.assertEqual((decision.state, decision.due_date), ("running", expected))
        self.assertEqual(claim.decision_due_date, expected)
        self.assertIn("calendar", decision.log_ids.mapped("event"))

    def test_holidays_entered_later_recompute_running_clocks(self):
        # a company day off entered after the clock was computed moves a working-day deadline
        claim = self.new_claim(estimated_loss=3000, reported_at=DT(2026, 11, 1, 2, 0), loss_at=DT(2026, 11, 1, 1))
        with freeze_time("2026-11-02 02:00:00"):  # Monday
            self.receive_all(claim)
        self.assertEqual(claim.decision_due_date, D(2026, 11, 9))
        self.env["cn.calendar.day"].create({"date": D(2026, 11, 4), "name": "Local day", "company_id": self.company.id})
        self.assertEqual(claim.decision_due_date, D(2026, 11, 10))

    def test_civil_code_203_setting(self):
        # complete 1 September + 30 days = 1 October (National Day): with Art. 203, 8 October
        self.company.insurance_civil_code_203 = True
        claim = self.new_claim(reported_at=DT(2026, 8, 30, 2), loss_at=DT(2026, 8, 30, 1))
        with freeze_time("2026-09-01 02:00:00"):
            self.receive_all(claim)
        decision = self.clock(claim, "claim_decision")
        self.assertEqual((decision.due_date, decision.due_rule), (D(2026, 10, 8), "civil_code_203"))
        self.company.insurance_civil_code_203 = False
        other = self.new_claim(reported_at=DT(2026, 8, 30, 2), loss_at=DT(2026, 8, 30, 1))
        with freeze_time("2026-09-01 02:00:00"):
            self.receive_all(other)
        self.assertEqual(self.clock(other, "claim_decision").due_date, D(2026, 10, 1))

    def test_marked_complete_by_hand(self):
        claim = self.new_claim()
        with freeze_time("2026-06-21 02:00:00"):
            claim.action_mark_materials_complete()
        self.assertEqual(claim.materials_complete_at, DT(2026, 6, 21, 2, 0))
        self.assertEqual(claim.materials_received_at, DT(2026, 6, 21, 2, 0))
        self.assertEqual(claim.decision_due_date, D(2026, 7, 21))
        self.assertEqual(claim.prepayment_due_date, D(2026, 8, 20))
        # "Documents Complete" in the life cycle marks them too
        other = self.new_claim()
        with freeze_time("2026-06-22 02:00:00"):
            self.to_state(other, "assessment")
        self.assertEqual(other.materials_complete_at, DT(2026, 6, 22, 2, 0))
        self.assertEqual(other.decision_due_date, D(2026, 7, 22))

    def test_agreed_payment_due_and_prepayment_stops(self):
        claim = self.new_claim()
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        self.assertEqual(claim.prepayment_due_date, D(2026, 8, 24))
        with freeze_time("2026-08-03 02:00:00"):
            self.to_state(claim, "agreed")
        self.assertEqual(claim.agreed_at, DT(2026, 8, 3, 2, 0))
        self.assertEqual(claim.payment_due_date, D(2026, 8, 13))
        self.assertEqual((claim.next_due_date, claim.next_due_clock), (D(2026, 8, 13), "claim_payment"))
        self.assertEqual(self.clock(claim, "claim_prepayment").state, "met_on_time", "the amount is settled")
        self.assertEqual(self.clock(claim, "claim_decision").state, "met_late", "decided after 25 July")
        with freeze_time("2026-08-05 02:00:00"):
            claim.state = "paid"
        self.assertFalse(claim.next_due_date, "paid: no clock runs")
        self.assertEqual(claim.payment_due_date, D(2026, 8, 13), "kept for the on-time rate")
        self.assertEqual(self.clock(claim, "claim_payment").state, "met_on_time")

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
        self.assertEqual(claim.rejected_at, DT(2026, 8, 30, 2, 0))
        self.assertEqual(claim.rejection_notice_due_date, D(2026, 9, 2))
        self.assertEqual((claim.next_due_date, claim.next_due_clock), (D(2026, 9, 2), "claim_rejection_notice"))
        self.assertEqual(self.clock(claim, "claim_decision").state, "met_late", "decided after 24 July")
        self.assertEqual(self.clock(claim, "claim_prepayment").state, "not_applicable")
        with freeze_time("2026-09-01 02:00:00"):
            claim.action_rejection_notice_sent()
        self.assertTrue(claim.rejection_notice_at)
        self.assertFalse(claim.next_due_date)
        self.assertEqual(self.clock(claim, "claim_rejection_notice").state, "met_on_time")
        with self.assertRaisesRegex(UserError, "has not been rejected"):
            self.new_claim().action_rejection_notice_sent()

    def test_withdrawal_stops_every_clock(self):
        claim = self.new_claim()
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        claim.action_withdraw()
        self.assertEqual(set(claim.clock_ids.mapped("state")), {"not_applicable"})
        self.assertFalse(claim.next_due_date)

    def test_company_settings_move_running_clocks_not_met_ones(self):
        claim, met = self.new_claim(), self.new_claim()
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim | met)
            self.to_state(met, "approved")
        met_decision = self.clock(met, "claim_decision")
        self.assertEqual((met_decision.state, met_decision.due_date), ("met_on_time", D(2026, 7, 25)))
        with freeze_time("2026-06-26 02:00:00"):
            self.company.write({"claim_decision_days": 15, "claim_prepayment_days": 45})
        self.assertEqual(claim.decision_due_date, D(2026, 7, 10))
        self.assertEqual(claim.prepayment_due_date, D(2026, 8, 9))
        self.assertEqual((met_decision.length, met_decision.due_date), (30, D(2026, 7, 25)), "a met clock is kept")
        self.assertEqual(self.clock(claim, "claim_decision").log_ids.mapped("event"), ["setting"])
        with self.assertRaisesRegex(ValidationError, "at least one day"), self.cr.savepoint():
            self.company.write({"claim_payment_days": 0})
        with self.assertRaisesRegex(ValidationError, "at least one day"), self.cr.savepoint():
            self.company.write({"claim_decision_working_days": -2})
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
            self.assertIn(claim, Claim.search([("is_due_this_week", "=", True)]))

    def test_cron_due_soon_once_for_the_handler(self):
        claim = self.new_claim()
        no_handler = self.new_claim(handler_id=False)
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim | no_handler)
        with freeze_time("2026-07-21 02:00:00"):  # due 25 July: too early for a 3-day warning
            self.sweep()
        self.assertFalse(claim.activity_ids)
        self.assertFalse(self.alerts(claim))
        with freeze_time("2026-07-22 02:00:00"):
            self.sweep()
            self.sweep()
        activity = claim.activity_ids
        self.assertEqual(len(activity), 1, "once per claim and clock")
        self.assertEqual(activity.user_id, self.handler_user)
        self.assertEqual(activity.date_deadline, D(2026, 7, 25))
        self.assertIn("Coverage decision (Art. 23)", activity.summary)
        self.assertEqual(
            [(alert.kind, alert.level, alert.due_date) for alert in self.alerts(claim)],
            [("claim_decision", "due_soon", D(2026, 7, 25))],
        )
        # without a handler the director is told
        self.assertEqual(no_handler.activity_ids.user_id, self.director_user)

    def test_cron_overdue_escalates_to_the_director_once(self):
        claim = self.new_claim()
        with freeze_time("2026-06-25 02:00:00"):
            self.receive_all(claim)
        messages_before = len(claim.message_ids)
        with freeze_time("2026-07-26 02:00:00"):
            self.sweep()
            self.sweep()
        director_activities = claim.activity_ids.filtered(lambda act: act.user_id == self.director_user)
        self.assertEqual(len(director_activities), 1)
        self.assertIn("Overdue", director_activities.summary)
        escalations = claim.message_ids.filtered(lambda msg: "Overdue" in (msg.body or ""))
        self.assertEqual(len(escalations), 1)
        self.assertEqual(escalations.partner_ids, self.director_user.partner_id)
        self.assertEqual(len(claim.message_ids), messages_before + 1)
        self.assertEqual(self.alerts(claim).mapped("level"), ["overdue"])
        self.assertFalse(claim.activity_ids.filtered(lambda act: act.user_id == self.handler_user), "skipped due-soon")
        # a late decision meets the clock late: nothing more is sent
        with freeze_time("2026-07-27 02:00:00"):
            claim.write({"state": "approved"})
            self.sweep()
        self.assertEqual(len(self.alerts(claim)), 1)
        self.assertEqual(self.clock(claim, "claim_decision").state, "met_late")

    def test_sweep_queries_do_not_grow_with_the_clocks_due(self):
        Clock = self.env["insurance.clock"]

        def make_due(count, day):
            claims = self.env["insurance.claim"].concat(*(self.new_claim() for _index in range(count)))
            with freeze_time(f"2026-06-{day:02d} 02:00:00"):
                claims._mark_materials_complete()
            return claims

        def sweep_queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Clock._cron_sweep()
            self.env.flush_all()
            return self.cr.sql_log_count - before

        make_due(1, 1)
        with freeze_time("2026-07-03 02:00:00"):
            sweep_queries()  # the first alert ever warms the caches a running server has warm (model ids, refs)
        two = make_due(2, 2)
        with freeze_time("2026-07-04 02:00:00"):  # their decision clocks (due 2 July) are overdue
            for_two = sweep_queries()
        six = make_due(6, 3)
        with freeze_time("2026-07-05 02:00:00"):
            for_six = sweep_queries()
            # nothing of these claims is left to alert: a further run costs what a run with nothing due costs
            # (the paused refresh and one search per level, plus whatever the demo data of other records has)
            again = sweep_queries()
            self.assertEqual(sweep_queries(), again)
            self.assertLessEqual(again, 12)
        self.assertEqual(for_six, for_two, "as many queries for six overdue clocks as for two")
        self.assertEqual(len((two | six).activity_ids), 8, "one director told of each, once")

    def test_cron_sweeps_a_backlog_in_committed_batches(self):
        """On the cron, each call alerts one batch and reports the rest through Odoo's cron progress
        (the cron commits the batch and calls again); every clock is alerted once in the end."""
        claims = self.env["insurance.claim"].concat(*(self.new_claim() for _index in range(5)))
        with freeze_time("2026-06-01 02:00:00"):
            claims._mark_materials_complete()
        ours = self.env["insurance.clock"].search([("res_model", "=", "insurance.claim"), ("res_id", "in", claims.ids)])
        cron = self.env.ref("insurance_base.ir_cron_insurance_clock_sweep")
        calls = []
        with freeze_time("2026-07-04 02:00:00"):
            due = ours.filtered_domain(self.env["insurance.clock"]._sweep_domains(DT(2026, 7, 4, 2))["overdue"])
            self.assertGreaterEqual(len(due), 5)
            for _call in range(20):
                progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
                self.env["insurance.clock"].with_context(ir_cron_progress_id=progress.id)._cron_sweep(batch_size=2)
                calls.append((progress.done, progress.remaining))
                if not progress.remaining:
                    break
        self.assertTrue(all(done <= 2 for done, _remaining in calls), calls)
        self.assertGreaterEqual(len(calls), 3, calls)
        self.assertEqual(calls[-1][1], 0, "the last call reports nothing left")
        self.assertEqual(set(due.mapped("alert_level")), {"overdue"})
        alerts = self.env["insurance.clock.alert"].search([("clock_id", "in", due.ids), ("level", "=", "overdue")])
        self.assertEqual(len(alerts), len(due), "each clock alerted once")
