from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import DT, ComplaintCase


def day(year, month, dom):
    return DT(year, month, dom).date()


@tagged("post_install", "-at_install")
class ComplaintClockCase(ComplaintCase):
    """Complaint clocks on the deadline engine; every moment is UTC, Shanghai is UTC+8 (local midnight: 16:00 UTC)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.email = "complaints@liuyang.example.com"

    def officer_complaint(self, **values):
        """A complaint received Monday 2 March 2026, 09:30 in Shanghai, owned by the officer.

        Created at the moment it is received (or at ``values['received_at']``), as at the counter.
        """
        received = values.get("received_at", DT(2026, 3, 2, 1, 30))
        with freeze_time(received):
            return self.new_complaint(**{"user_id": self.officer_user.id, **values})

    def isolate_sweep(self):
        """The sweep runs over the whole database: set aside the open clocks of the demo data.

        They were computed at install time, months after the frozen moments of these tests.
        """
        others = self.env["insurance.clock"].search([("company_id", "!=", self.company.id), ("is_open", "=", True)])
        others.pause_ids.filtered(lambda pause: not pause.end_at).sudo().unlink()
        others.sudo().write({"state": "not_applicable"})

    def clock(self, complaint, kind):
        return complaint._clock_last(f"complaint_{kind}")

    def extend(self, complaint, level, user=None, reason="An external medical appraisal is needed"):
        Extension = self.env["insurance.complaint.extension"].with_user(user or self.officer_user)
        return Extension.with_context(force_report_rendering=True).create(
            {"complaint_id": complaint.id, "level": level, "reason": reason}
        )

    def pause(self, complaint, user=None, start_at=None, note="Disability grade appraisal", backdate_reason=None):
        """Press "Pause for Appraisal" and confirm the engine's wizard."""
        complaint = complaint.with_user(user or self.officer_user)
        action = complaint.action_pause_clock()
        self.assertEqual(action["res_model"], "insurance.clock.pause.wizard")
        Wizard = self.env["insurance.clock.pause.wizard"].with_user(complaint.env.user)
        Wizard = Wizard.with_context(**action["context"])
        values = {"reason": "appraisal", "note": note, "backdate_reason": backdate_reason}
        if start_at:
            values["start_at"] = start_at
        Wizard.create(values).action_confirm()
        return self.clock(complaint, "decision").pause_ids.sorted("id")[-1:]


@tagged("post_install", "-at_install")
class TestComplaintClocks(ComplaintClockCase):
    def test_four_clocks_start_with_the_complaint(self):
        complaint = self.officer_complaint()
        kinds = complaint.clock_ids.mapped("kind")
        self.assertEqual(
            sorted(kinds), ["complaint_contact", "complaint_decision", "complaint_progress", "complaint_resolve"]
        )
        decision = self.clock(complaint, "decision")
        self.assertEqual((decision.length, decision.unit, decision.state), (15, "calendar_days", "running"))
        self.assertEqual(decision.start_at, complaint.clock_start_at)
        self.assertIn("Art. 14", decision.legal_basis)
        # 2 March + 15 days: due 17 March, late from local midnight (16:00 UTC)
        self.assertEqual(complaint.decision_due_date, day(2026, 3, 17))
        self.assertEqual(decision.due_at, DT(2026, 3, 17, 16, 0))
        self.assertEqual(complaint.first_contact_due_date, day(2026, 3, 3))
        self.assertEqual(complaint.resolve_due_date, day(2026, 3, 5))
        self.assertEqual(complaint.progress_due_at, DT(2026, 3, 3, 1, 30))
        self.assertEqual((complaint.next_due_clock, complaint.next_due_date), ("complaint_contact", day(2026, 3, 3)))
        self.assertEqual(complaint.extension_level, 0)

    def test_decision_across_national_day_both_ends(self):
        """Thursday 24 September 2026, 10:00: 15 calendar days through Mid-Autumn and National Day → 9 October."""
        received = DT(2026, 9, 24, 2, 0)
        on_time = self.officer_complaint(received_at=received)
        late = self.officer_complaint(received_at=received)
        for complaint in on_time | late:
            self.assertEqual(complaint.decision_due_date, day(2026, 10, 9))
            self.assertEqual(self.clock(complaint, "decision").due_at, DT(2026, 10, 9, 16, 0))
        with freeze_time("2026-10-09 15:59:59"):  # 23:59:59 on 9 October in Shanghai
            on_time.write({"state": "decided", "decision_sent_at": DT(2026, 10, 9, 15, 59, 59), "result": "accepted"})
        with freeze_time("2026-10-09 16:00:00"):  # 00:00 on 10 October
            late.write({"state": "decided", "decision_sent_at": DT(2026, 10, 9, 16, 0), "result": "accepted"})
        self.assertEqual(self.clock(on_time, "decision").state, "met_on_time")
        self.assertEqual(self.clock(late, "decision").state, "met_late")
        self.assertFalse(on_time.next_due_date, "no clock runs once the decision is sent")
        self.assertFalse(on_time._clock_open())
        self.assertEqual(on_time.review_window_end_date, day(2026, 11, 8))

    def test_targets_across_national_day_and_the_make_up_saturday(self):
        """Wednesday 30 September 2026: 1-7 October off, Saturday 10 October worked (调休上班)."""
        received = DT(2026, 9, 30, 2, 0)
        general = self.officer_complaint(received_at=received)
        # working days: Thu 8 (1), Fri 9 (2), Sat 10 make-up (3), Mon 12 (4), Tue 13 (5)
        self.assertEqual(general.first_contact_due_date, day(2026, 10, 8))
        self.assertEqual(general.resolve_due_date, day(2026, 10, 10))
        self.assertEqual(self.clock(general, "resolve").due_at, DT(2026, 10, 10, 16, 0))
        self.assertEqual(general.progress_due_at, DT(2026, 10, 1, 2, 0))
        major = self.officer_complaint(received_at=received, nature="major")
        self.assertEqual(major.resolve_due_date, day(2026, 10, 13))
        crisis = self.officer_complaint(received_at=received, is_crisis=True)
        self.assertEqual(crisis.first_contact_due_date, day(2026, 9, 30), "a crisis is contacted the same day")
        self.assertEqual(self.clock(crisis, "contact").due_at, DT(2026, 9, 30, 16, 0))
        self.assertEqual(crisis.resolve_due_date, day(2026, 10, 13))
        self.assertEqual(crisis.progress_due_at, DT(2026, 9, 30, 16, 0), "a crisis progress note the same day")
        # first contact on the last minute of 8 October, and one minute later
        with freeze_time("2026-10-08 15:59:00"):
            general.with_user(self.officer_user).action_first_contact()
        with freeze_time("2026-10-08 16:00:00"):
            major.with_user(self.officer_user).action_first_contact()
        self.assertEqual(self.clock(general, "contact").state, "met_on_time")
        self.assertEqual(self.clock(major, "contact").state, "met_late")
        # the contact was a progress note too: the next one is due 24 hours later
        self.assertEqual(general.progress_due_at, DT(2026, 10, 9, 15, 59))

    def test_targets_across_spring_festival(self):
        """Friday 13 February 2026: Saturday 14 worked, 15-23 February off."""
        complaint = self.officer_complaint(received_at=DT(2026, 2, 13, 2, 0))
        self.assertEqual(complaint.first_contact_due_date, day(2026, 2, 14))
        self.assertEqual(complaint.resolve_due_date, day(2026, 2, 25))
        self.assertEqual(
            self.officer_complaint(received_at=DT(2026, 2, 13, 2, 0), nature="major").resolve_due_date, day(2026, 2, 27)
        )
        # received at 23:59 local on the 13th and at 00:00 on the 14th (16:00 UTC the day before)
        evening = self.officer_complaint(received_at=DT(2026, 2, 13, 15, 59))
        self.assertEqual(evening.first_contact_due_date, day(2026, 2, 14))
        midnight = self.officer_complaint(received_at=DT(2026, 2, 13, 16, 0))
        self.assertEqual(midnight.first_contact_due_date, day(2026, 2, 24))

    def test_progress_note_restarts_the_progress_clock(self):
        complaint = self.officer_complaint()
        first = self.clock(complaint, "progress")
        with freeze_time("2026-03-02 06:00:00"):
            complaint.with_user(self.officer_user).action_log_progress()
        self.assertEqual((first.state, first.met_at), ("met_on_time", DT(2026, 3, 2, 6, 0)))
        second = self.clock(complaint, "progress")
        self.assertNotEqual(second, first)
        self.assertEqual((second.start_at, second.state), (DT(2026, 3, 2, 6, 0), "running"))
        self.assertEqual(complaint.progress_due_at, DT(2026, 3, 3, 6, 0))

    def test_unknown_year_is_calendar_missing_until_hr_enters_it(self):
        """Received Tuesday 29 December 2026: 3 working days need 2027, which the calendar does not know."""
        self.env["cn.calendar.year"].search([("year", "=", 2027)]).unlink()
        complaint = self.officer_complaint(received_at=DT(2026, 12, 29, 2, 0))
        resolve = self.clock(complaint, "resolve")
        self.assertEqual((resolve.state, resolve.missing_year), ("calendar_missing", 2027))
        self.assertFalse(resolve.due_date, "never guessed")
        self.assertFalse(complaint.resolve_due_date)
        self.assertTrue(complaint.clock_calendar_missing)
        self.assertEqual(self.clock(complaint, "contact").due_date, day(2026, 12, 30), "one working day is known")
        self.assertEqual(complaint.decision_due_date, day(2027, 1, 13), "calendar days need no holidays")
        Alert = self.env["insurance.clock.alert"]
        self.isolate_sweep()
        with freeze_time("2026-12-29 03:00:00"):
            self.env["insurance.clock"]._cron_sweep()
            alerts = Alert.search([("clock_id", "=", resolve.id)])
            self.assertEqual(alerts.mapped("level"), ["calendar_missing"])
            self.assertIn(self.manager_user, alerts.user_ids)
            self.env["insurance.clock"]._cron_sweep()
            self.assertEqual(Alert.search([("clock_id", "=", resolve.id)]), alerts, "alerted once")
        # HR enters 2027 for the company and marks it complete: the clock is counted
        with freeze_time("2026-12-29 05:00:00"):
            self.env["cn.calendar.day"].create(
                {"date": day(2027, 1, 1), "kind": "holiday", "holiday": "new_years_day", "company_id": self.company.id}
            )
            self.assertEqual(resolve.state, "calendar_missing", "one day entered does not make a year known")
            year = self.env["cn.calendar.year"].create({"year": 2027, "company_id": self.company.id})
            year.action_mark_complete()
        # 30 Dec (1), 31 Dec (2), 1 Jan off, weekend, Monday 4 January (3)
        self.assertEqual((resolve.state, resolve.due_date), ("running", day(2027, 1, 4)))
        self.assertFalse(resolve.alert_level, "counted now: alerted again when due")
        complaint.invalidate_recordset()
        self.assertEqual(complaint.resolve_due_date, day(2027, 1, 4))
        self.assertFalse(complaint.clock_calendar_missing)

    def test_extensions_to_30_then_60_days_by_the_head_office(self):
        head_office = new_test_user(
            self.env,
            "cmp_head_office",
            groups="complaint_management.group_complaint_head_office",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        other_head_office = new_test_user(
            self.env,
            "cmp_head_office_2",
            groups="complaint_management.group_complaint_head_office",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        complaint = self.officer_complaint()
        # the button opens the request at the next level
        action = complaint.with_user(self.officer_user).action_request_extension()
        self.assertEqual((action["res_model"], action["target"]), ("insurance.complaint.extension", "new"))
        self.assertEqual(action["context"], {"default_complaint_id": complaint.id, "default_level": "1"})
        with freeze_time("2026-03-12 02:00:00"):
            with self.assertRaisesRegex(UserError, "not been extended to 30 days"):
                self.extend(complaint, "2")
            first = self.extend(complaint, "1")
        decision = self.clock(complaint, "decision")
        self.assertEqual(first.state, "approved")
        self.assertEqual(complaint.action_request_extension()["context"]["default_level"], "2")
        self.assertEqual((decision.length, decision.extension_level), (30, 1))
        self.assertEqual(complaint.extension_level, 1)
        self.assertEqual(complaint.decision_due_date, day(2026, 4, 1))
        self.assertEqual(first.new_due_date, day(2026, 4, 1))
        notice = complaint.notification_ids
        self.assertEqual((notice.kind, notice.status, notice.extension_id), ("extension", "sent", first))
        self.assertTrue(notice.attachment_id.raw.startswith(b"%PDF"))
        self.assertIn("extension", decision.log_ids.mapped("event"))
        # a settings change never undoes an approved extension
        with freeze_time("2026-03-13 02:00:00"):
            self.company.complaint_decision_days = 10
        self.assertEqual(complaint.decision_due_date, day(2026, 4, 1))
        with freeze_time("2026-03-28 02:00:00"):
            second = self.extend(complaint, "2", reason="Three hospitals must be heard")
            own = self.extend(
                self.officer_complaint(received_at=DT(2026, 3, 20, 2, 0)), "1", user=head_office
            ).complaint_id
            own_second = self.extend(own, "2", user=head_office, reason="Asked by the head office itself")
        self.assertEqual((second.state, second.new_due_date), ("requested", day(2026, 5, 1)))
        self.assertEqual(complaint.decision_due_date, day(2026, 4, 1), "not before it is approved")
        with freeze_time("2026-03-29 02:00:00"):
            with self.assertRaisesRegex(UserError, "Only the head office"):
                second.with_user(self.manager_user).action_approve()
            with self.assertRaisesRegex(AccessError, "approved or refused by the head office"):
                second.with_user(self.officer_user).write({"state": "approved"})
            with self.assertRaises(AccessError):
                second.with_user(self.officer_user).write({"reason": "Rewritten"})
            with self.assertRaisesRegex(UserError, "You asked for this extension"):
                own_second.with_user(head_office).action_approve()
            own_second.with_user(other_head_office).with_context(force_report_rendering=True).action_approve()
            second.with_user(head_office).with_context(force_report_rendering=True).action_approve()
        self.assertEqual((second.state, second.approved_by_id), ("approved", head_office))
        self.assertEqual(
            (decision.length, decision.extension_level, decision.extension_approved_by_id), (60, 2, head_office)
        )
        self.assertEqual(complaint.decision_due_date, day(2026, 5, 1))
        self.assertEqual(complaint.notification_ids.mapped("kind"), ["extension", "extension"])
        with self.assertRaisesRegex(UserError, "already has this extension"):
            self.extend(complaint, "2")

    def test_refused_second_extension_and_after_the_time_limit(self):
        complaint = self.officer_complaint()
        with freeze_time("2026-03-12 02:00:00"):
            self.extend(complaint, "1")
            # asking for it "approved" is refused, and nothing is created
            Extension = self.env["insurance.complaint.extension"].with_user(self.officer_user)
            with self.assertRaisesRegex(AccessError, "complaint manager"), self.env.cr.savepoint():
                Extension.create({"complaint_id": complaint.id, "level": "2", "reason": "Complex", "state": "approved"})
            self.assertEqual(len(complaint.extension_ids), 1)
            second = Extension.create({"complaint_id": complaint.id, "level": "2", "reason": "Complex"})
        self.assertEqual(second.state, "requested")
        self.assertEqual(complaint.decision_due_date, day(2026, 4, 1))
        with self.assertRaisesRegex(UserError, "Only the head office"):
            second.with_user(self.officer_user).action_approve()
        with self.assertRaisesRegex(UserError, "Only the head office"):
            second.with_user(self.manager_user).action_approve()
        with self.assertRaisesRegex(AccessError, "approved or refused by the head office"):
            second.with_user(self.officer_user).write({"state": "approved"})
        with self.assertRaises(AccessError):
            second.with_user(self.officer_user).write({"reason": "Rewritten"})
        with self.assertRaisesRegex(UserError, "already has this extension"):
            self.extend(complaint, "2")
        head_office = new_test_user(
            self.env,
            "cmp_head_office",
            groups="complaint_management.group_complaint_head_office",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        second.with_user(head_office).action_refuse()
        self.assertEqual(complaint.extension_level, 1)
        self.assertEqual(complaint.decision_due_date, day(2026, 4, 1))
        self.assertEqual(len(complaint.notification_ids), 1, "a refused extension notifies nothing")
        late = self.officer_complaint()
        with freeze_time("2026-03-18 02:00:00"), self.assertRaisesRegex(UserError, "ended on"):
            self.extend(late, "1")
        with freeze_time("2026-03-16 02:00:00"):
            late.write({"state": "decided", "decision_sent_at": DT(2026, 3, 16, 2, 0)})
        with freeze_time("2026-03-16 03:00:00"), self.assertRaisesRegex(UserError, "decided or closed"):
            self.extend(late, "1")

    def test_appraisal_pause_in_calendar_days(self):
        complaint = self.officer_complaint()
        with freeze_time("2026-03-07 02:00:00"):
            pause = self.pause(complaint)
            self.assertEqual(complaint.clock_paused_since, DT(2026, 3, 7, 2, 0))
            self.assertEqual(self.clock(complaint, "decision").state, "paused")
            self.assertEqual(complaint.decision_due_date, day(2026, 3, 17), "paused today: as if it ran on")
            with self.assertRaisesRegex(UserError, "already paused"):
                self.pause(complaint, note="Second")
        notice = complaint.notification_ids
        self.assertEqual((notice.kind, notice.pause_id), ("pause", pause))
        self.assertIn("Disability grade appraisal", notice.message_id.body)
        self.assertIn("paused for", complaint.message_ids.mapped("body")[1])
        with freeze_time("2026-03-10 02:00:00"):
            complaint.invalidate_recordset(["decision_due_date"])
            # never a blank while paused: 7, 8 and 9 March are not counted if it ran again now
            self.assertEqual(complaint.decision_due_date, day(2026, 3, 20))
        with freeze_time("2026-03-14 02:00:00"):
            complaint.with_user(self.officer_user).action_resume_clock()
        self.assertEqual(pause.end_at, DT(2026, 3, 14, 2, 0))
        self.assertEqual(complaint.paused_days, 7)
        self.assertEqual(complaint.decision_due_date, day(2026, 3, 24))
        self.assertIn("runs again", complaint.message_ids[0].body)
        # the pause carries into the extensions
        with freeze_time("2026-03-20 02:00:00"):
            self.extend(complaint, "1")
        self.assertEqual(complaint.decision_due_date, day(2026, 4, 8))

    def test_pause_cannot_bend_the_clock(self):
        complaint = self.officer_complaint()
        with freeze_time("2026-03-09 02:00:00"):
            with self.assertRaisesRegex(UserError, "in the future"):
                self.pause(complaint, start_at=DT(2026, 3, 10, 2, 0))
            with self.assertRaisesRegex(UserError, "before its clock"):
                self.pause(complaint, user=self.manager_user, start_at=DT(2026, 3, 1, 2, 0), backdate_reason="x")
            with self.assertRaisesRegex(UserError, "Only a manager may back-date"):
                self.pause(complaint, start_at=DT(2026, 3, 7, 2, 0), backdate_reason="Forgot it")
            pause = self.pause(
                complaint, user=self.manager_user, start_at=DT(2026, 3, 7, 2, 0), backdate_reason="Letter came late"
            )
        self.assertEqual(pause.backdate_reason, "Letter came late")
        # overdue when the pause is recorded: it stays overdue
        overdue = self.officer_complaint()
        with freeze_time("2026-03-18 02:00:00"):
            self.pause(overdue)
            self.assertEqual(self.clock(overdue, "decision").state, "overdue")
        with freeze_time("2026-03-25 02:00:00"):
            overdue.write({"state": "decided", "decision_sent_at": DT(2026, 3, 25, 2, 0)})
        self.assertEqual(self.clock(overdue, "decision").state, "met_late")
        with self.assertRaisesRegex(UserError, "not being handled"):
            overdue.action_pause_clock()

    def test_decision_sent_during_a_pause(self):
        """Recording a decision ends the open pause at that moment."""
        on_time = self.officer_complaint()
        late = self.officer_complaint()
        with freeze_time("2026-03-07 02:00:00"):
            pause = self.pause(on_time)
        with freeze_time("2026-03-18 02:00:00"):
            late_pause = self.pause(late)  # already overdue since local midnight
        with freeze_time("2026-03-20 02:00:00"):
            on_time.write({"state": "decided", "decision_sent_at": DT(2026, 3, 20, 2, 0)})
            late.write({"state": "decided", "decision_sent_at": DT(2026, 3, 20, 2, 0)})
        # 7 to 19 March not counted (13 days): due 30 March, met on the 20th
        self.assertEqual(pause.end_at, DT(2026, 3, 20, 2, 0))
        decision = self.clock(on_time, "decision")
        self.assertEqual(
            (decision.state, decision.due_date, decision.met_at),
            ("met_on_time", day(2026, 3, 30), DT(2026, 3, 20, 2, 0)),
        )
        self.assertEqual(on_time.decision_due_date, day(2026, 3, 30), "the due date stays on the record")
        self.assertFalse(on_time.clock_paused_since)
        # overdue when paused: the pause does not bring it back on time
        decision = self.clock(late, "decision")
        self.assertEqual(late_pause.end_at, DT(2026, 3, 20, 2, 0))
        self.assertEqual((decision.state, decision.due_date), ("met_late", day(2026, 3, 17)))

    def test_settings_change_moves_running_clocks_only(self):
        running = self.officer_complaint()
        met = self.officer_complaint()
        with freeze_time("2026-03-03 02:00:00"):
            met.write({"state": "decided", "decision_sent_at": DT(2026, 3, 3, 2, 0)})
        with freeze_time("2026-03-04 02:00:00"):
            self.company.complaint_decision_days = 10
            self.company.complaint_resolve_working_days = 4
        self.assertEqual(running.decision_due_date, day(2026, 3, 12))
        self.assertEqual(self.clock(running, "decision").length, 10)
        self.assertIn("setting", self.clock(running, "decision").log_ids.mapped("event"))
        self.assertEqual(running.resolve_due_date, day(2026, 3, 6))
        met_clock = self.clock(met, "decision")
        self.assertEqual((met_clock.length, met_clock.due_date, met_clock.state), (15, day(2026, 3, 17), "met_on_time"))
        # a restart on new facts: a fresh 10-day clock from today, no inherited extension
        with freeze_time("2026-03-09 02:00:00"):
            self.extend(running, "1")
            running.with_context(complaint_clock_restart="New facts").write({"clock_start_at": DT(2026, 3, 9, 2, 0)})
        fresh = self.clock(running, "decision")
        self.assertEqual((fresh.start_at, fresh.length, fresh.extension_level), (DT(2026, 3, 9, 2, 0), 10, 0))
        self.assertEqual(running.decision_due_date, day(2026, 3, 19))
        # the fresh clock may be extended again: 30 days from 9 March
        with freeze_time("2026-03-10 02:00:00"):
            again = self.extend(running, "1", reason="The new facts need a site visit")
        self.assertEqual((again.clock_id, fresh.extension_level), (fresh, 1))
        self.assertEqual(running.decision_due_date, day(2026, 4, 8))
        for value in (0, -5):
            with self.assertRaises(ValidationError):
                self.company.complaint_decision_days = value
        with self.assertRaises(ValidationError):
            self.company.complaint_review_days = 0
        with self.assertRaises(ValidationError):
            self.company.complaint_max_representatives = 0

    def test_clock_start_is_for_managers(self):
        complaint = self.officer_complaint()
        with self.assertRaisesRegex(UserError, "Only a complaint manager"):
            complaint.with_user(self.officer_user).write({"clock_start_at": DT(2026, 3, 3, 2, 0)})
        other = self.officer_complaint()
        with freeze_time("2026-03-03 02:00:00"):
            with self.assertRaisesRegex(UserError, "Only a manager may change when a deadline starts"):
                other.with_user(self.officer_user).write({"received_at": DT(2026, 3, 3, 1, 0)})
            # a manager corrects the receipt: every clock that ran from it starts again, in the audit log
            complaint.with_user(self.manager_user).write({"received_at": DT(2026, 3, 3, 1, 0)})
        self.assertEqual(complaint.decision_due_date, day(2026, 3, 18))
        self.assertEqual(complaint.first_contact_due_date, day(2026, 3, 4))
        decision = self.clock(complaint, "decision")
        self.assertEqual(decision.start_at, DT(2026, 3, 3, 1, 0))
        self.assertIn("start_changed", decision.log_ids.mapped("event"))
        self.assertIn("Receipt corrected", decision.log_ids.filtered(lambda log: log.event == "start_changed").reason)

    def test_withdrawal_and_invalid_stop_the_clocks(self):
        withdrawn = self.officer_complaint()
        with freeze_time("2026-03-03 02:00:00"):
            withdrawn.with_user(self.officer_user).action_withdraw()
        self.assertEqual(set(withdrawn.clock_ids.mapped("state")), {"not_applicable"})
        self.assertFalse(withdrawn.next_due_date)
        self.assertFalse(withdrawn.decision_due_date)

    def test_overdue_and_due_this_week_searches(self):
        with freeze_time("2026-03-02 03:00:00"):
            complaint = self.new_complaint(
                user_id=self.officer_user.id, first_contact_at=DT(2026, 3, 2, 3, 0), last_progress_at=DT(2026, 3, 2, 3)
            )
        with freeze_time("2026-03-02 04:00:00"):
            complaint.write({"last_progress_at": DT(2026, 3, 9, 3, 0)})
        Complaint = self.env["insurance.complaint"]
        mine = [("id", "=", complaint.id)]
        self.assertEqual(complaint.next_due_date, day(2026, 3, 5))  # resolution target
        with freeze_time("2026-03-04 02:00:00"):
            self.assertEqual(Complaint.search(mine + [("is_due_this_week", "=", True)]), complaint)
            self.assertFalse(Complaint.search(mine + [("is_overdue", "=", True)]))
            self.assertEqual(Complaint.search(mine + [("is_overdue", "=", False)]), complaint)
        with freeze_time("2026-03-06 02:00:00"):
            complaint.invalidate_recordset(["is_overdue"])
            self.assertTrue(complaint.is_overdue)
            self.assertEqual(Complaint.search(mine + [("is_overdue", "=", True)]), complaint)


@tagged("post_install", "-at_install")
class TestComplaintEscalation(ComplaintClockCase):
    def activities(self, complaint, user=None):
        domain = [("res_model", "=", "insurance.complaint"), ("res_id", "=", complaint.id)]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def alerts(self, complaint):
        return self.env["insurance.clock.alert"].search([("clock_id", "in", complaint.clock_ids.ids)])

    def test_sweep_alerts_once(self):
        with freeze_time("2026-03-02 03:00:00"):
            complaint = self.new_complaint(user_id=self.officer_user.id, first_contact_at=DT(2026, 3, 2, 3, 0))
        with freeze_time("2026-03-13 03:00:00"):
            complaint.with_user(self.officer_user).action_log_progress()
        sweep = self.env["insurance.clock"]._cron_sweep
        self.isolate_sweep()
        with freeze_time("2026-03-15 02:00:00"):
            sweep()
        alerts = self.alerts(complaint)
        # decision due on the 17th (warned 3 days before): to the owner; resolution (5th) and progress
        # (14th 03:00 UTC) passed: to the manager
        self.assertEqual(
            sorted(alerts.mapped(lambda alert: (alert.clock_id.kind, alert.level, alert.user_ids.login))),
            [
                ("complaint_decision", "due_soon", "cmp_officer"),
                ("complaint_progress", "overdue", "cmp_manager"),
                ("complaint_resolve", "overdue", "cmp_manager"),
            ],
        )
        self.assertEqual(len(self.activities(complaint, self.officer_user)), 1)
        self.assertEqual(len(self.activities(complaint, self.manager_user)), 2)
        self.assertIn("Escalated to the complaint managers", complaint.message_ids[0].body)
        self.assertIn(self.manager_user.partner_id, complaint.message_ids[0].partner_ids)
        messages = len(complaint.message_ids)
        with freeze_time("2026-03-15 03:00:00"):
            sweep()
        self.assertEqual(self.alerts(complaint), alerts, "nothing is signalled twice")
        self.assertEqual(len(self.activities(complaint)), 3)
        self.assertEqual(len(complaint.message_ids), messages)
        # local midnight of the 18th: the decision is overdue and goes to the manager, once
        with freeze_time("2026-03-17 15:59:59"):
            sweep()
        self.assertEqual(self.alerts(complaint), alerts, "not late before local midnight")
        with freeze_time("2026-03-17 16:00:00"):
            sweep()
            sweep()
        overdue = self.alerts(complaint).filtered(
            lambda alert: alert.clock_id.kind == "complaint_decision" and alert.level == "overdue"
        )
        self.assertEqual((len(overdue), overdue.user_ids), (1, self.manager_user))
        with freeze_time("2026-03-18 03:00:00"):
            complaint.write({"state": "decided", "decision_sent_at": DT(2026, 3, 18, 3, 0)})
        with freeze_time("2026-03-25 02:00:00"):
            sweep()
        self.assertEqual(len(self.alerts(complaint)), 4, "decided: nothing more")
        self.assertEqual(self.clock(complaint, "decision").state, "met_late")

    def test_crisis_and_major_reach_the_manager_at_once(self):
        ordinary = self.officer_complaint()
        self.assertFalse(ordinary.manager_alerted_at)
        self.assertFalse(self.activities(ordinary, self.manager_user))
        crisis = self.officer_complaint(received_at=DT(2026, 3, 2, 2, 0), is_crisis=True, channel="media")
        self.assertEqual(crisis.manager_alerted_at, DT(2026, 3, 2, 2, 0))
        activity = self.activities(crisis, self.manager_user)
        self.assertEqual(len(activity), 1)
        self.assertIn("Crisis complaint", activity.summary)
        self.assertIn(self.manager_user.partner_id, crisis.message_ids[0].partner_ids)
        # classified major later: the managers hear of it then, once, and the targets tighten
        with freeze_time("2026-03-02 03:00:00"):
            ordinary.nature = "major"
        self.assertTrue(ordinary.manager_alerted_at)
        self.assertEqual(ordinary.resolve_due_date, day(2026, 3, 9))
        with freeze_time("2026-03-02 04:00:00"):
            ordinary.is_crisis = True
        self.assertEqual(len(self.activities(ordinary, self.manager_user)), 1)
        self.assertEqual(ordinary.progress_due_at, DT(2026, 3, 2, 16, 0), "a crisis: the progress note today")


@tagged("post_install", "-at_install")
class TestComplaintClockAccess(ComplaintClockCase):
    def test_officers_read_the_clocks_of_the_complaints_they_see(self):
        mine = self.officer_complaint()
        theirs = self.officer_complaint(user_id=self.other_officer_user.id)
        Clock = self.env["insurance.clock"]
        self.assertEqual(
            Clock.with_user(self.officer_user).search([("res_model", "=", "insurance.complaint")]).complaint_id,
            mine,
        )
        self.assertEqual(
            Clock.with_user(self.compliance_user).search([("complaint_id", "in", (mine | theirs).ids)]).complaint_id,
            mine | theirs,
        )
        with self.assertRaises(AccessError):
            self.clock(mine, "decision").with_user(self.officer_user).write({"length": 99})
        report = self.env["insurance.clock.report"].with_user(self.manager_user)
        self.assertTrue(report.search([("res_model", "=", "insurance.complaint")]))


@tagged("post_install", "-at_install")
class TestOutOfHoursRouting(ComplaintClockCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.officer = Employee.create(
            {"name": "Officer on duty", "user_id": cls.officer_user.id, "company_id": cls.company.id}
        )
        cls.other_officer = Employee.create(
            {"name": "Second officer", "user_id": cls.other_officer_user.id, "company_id": cls.company.id}
        )
        cls.post = cls.env["duty.post"].create(
            {
                "name": "Complaint officer on duty",
                "company_id": cls.company.id,
                "is_complaint_officer_post": True,
                "employee_ids": [(6, 0, (cls.officer | cls.other_officer).ids)],
            }
        )
        # Friday 6 March 18:00 to Monday 9 March 08:00 in Shanghai, and Monday evening
        cls.env["duty.shift"].create(
            [
                {
                    "post_id": cls.post.id,
                    "employee_id": cls.officer.id,
                    "start": DT(2026, 3, 6, 10, 0),
                    "end": DT(2026, 3, 7, 10, 0),
                    "is_published": True,
                },
                {
                    "post_id": cls.post.id,
                    "employee_id": cls.other_officer.id,
                    "start": DT(2026, 3, 7, 10, 0),
                    "end": DT(2026, 3, 8, 10, 0),
                    "is_published": True,
                },
                {
                    "post_id": cls.post.id,
                    "employee_id": cls.officer.id,
                    "start": DT(2026, 3, 2, 9, 0),
                    "end": DT(2026, 3, 3, 0, 0),
                    "is_published": True,
                },
            ]
        )

    def test_weekend_complaint_goes_to_the_officer_on_duty(self):
        complaint = self.new_complaint(received_at=DT(2026, 3, 7, 2, 0))  # Saturday 10:00
        self.assertEqual(complaint.user_id, self.officer_user)
        self.assertIn("the complaint officer on duty", complaint.message_ids[0].body)
        self.assertTrue(
            self.env["mail.activity"].search(
                [
                    ("res_id", "=", complaint.id),
                    ("res_model", "=", "insurance.complaint"),
                    ("user_id", "=", self.officer_user.id),
                ]
            )
        )
        sunday = self.new_complaint(received_at=DT(2026, 3, 7, 16, 0))  # Sunday 00:00
        self.assertEqual(sunday.user_id, self.other_officer_user)

    def test_evening_complaint_on_a_working_day(self):
        evening = self.new_complaint(received_at=DT(2026, 3, 2, 12, 0))  # Monday 20:00
        self.assertEqual(evening.user_id, self.officer_user)
        office = self.new_complaint(received_at=DT(2026, 3, 2, 1, 30))  # Monday 09:30
        self.assertFalse(office.user_id, "in office hours the complaint is assigned as usual")
        chosen = self.new_complaint(received_at=DT(2026, 3, 7, 2, 0), user_id=self.other_officer_user.id)
        self.assertEqual(chosen.user_id, self.other_officer_user, "an owner given at intake stays")

    def test_recusal_and_nobody_on_duty(self):
        about_officer = self.new_complaint(received_at=DT(2026, 3, 7, 2, 0), employee_id=self.officer.id)
        self.assertFalse(about_officer.user_id, "never the employee complained about")
        self.assertIn("nobody is on duty", about_officer.message_ids[0].body)
        nobody = self.new_complaint(received_at=DT(2026, 3, 14, 2, 0))
        self.assertFalse(nobody.user_id)

    def test_make_up_saturday_is_a_working_day(self):
        # Saturday 10 October 2026 is worked (National Day 调休): 10:00 is office hours, 20:00 is not
        self.env["duty.shift"].create(
            {
                "post_id": self.post.id,
                "employee_id": self.officer.id,
                "start": DT(2026, 10, 10, 10, 0),
                "end": DT(2026, 10, 11, 0, 0),
                "is_published": True,
            }
        )
        office = self.new_complaint(received_at=DT(2026, 10, 10, 2, 0))
        self.assertFalse(office._is_out_of_hours())
        self.assertFalse(office.user_id, "in office hours on a make-up working day")
        evening = self.new_complaint(received_at=DT(2026, 10, 10, 12, 0))
        self.assertEqual(evening.user_id, self.officer_user)
        # 1 October is a holiday, even at 10:00 on a Thursday
        self.assertTrue(self.new_complaint(received_at=DT(2026, 10, 1, 2, 0))._is_out_of_hours())

    def test_unknown_year_goes_to_the_duty_officer(self):
        """Monday 4 January 2027, 10:00: the calendar does not know 2027, so nothing is guessed."""
        self.env["cn.calendar.year"].search([("year", "=", 2027)]).unlink()
        self.env["duty.shift"].create(
            {
                "post_id": self.post.id,
                "employee_id": self.officer.id,
                "start": DT(2027, 1, 4, 0, 0),
                "end": DT(2027, 1, 4, 10, 0),
                "is_published": True,
            }
        )
        complaint = self.new_complaint(received_at=DT(2027, 1, 4, 2, 0))
        self.assertTrue(complaint._is_out_of_hours())
        self.assertEqual(complaint.user_id, self.officer_user)
