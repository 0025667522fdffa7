from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from .common import DT, ComplaintCase

D = DT.date


def day(year, month, dom):
    return DT(year, month, dom).date()


class ComplaintClockCase(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.email = "complaints@liuyang.example.com"

    def officer_complaint(self, **values):
        """A complaint received Monday 2 March 2026, 09:30 in Shanghai, owned by the officer."""
        return self.new_complaint(user_id=self.officer_user.id, **values)

    def extend(self, complaint, level, user=None, reason="An external medical appraisal is needed"):
        Extension = self.env["insurance.complaint.extension"].with_user(user or self.officer_user)
        return Extension.with_context(force_report_rendering=True).create(
            {"complaint_id": complaint.id, "level": level, "reason": reason}
        )


class TestComplaintClocks(ComplaintClockCase):
    def test_decided_on_day_14_is_on_time(self):
        complaint = self.officer_complaint()
        self.assertEqual(complaint.decision_due_date, day(2026, 3, 17))
        self.assertEqual(complaint.extension_level, 0)
        with freeze_time("2026-03-16 02:00:00"):  # day 14
            self.assertGreaterEqual(complaint.decision_due_date, complaint._clock_today(self.company))
            complaint.write({"state": "decided", "decision_sent_at": DT(2026, 3, 16, 2, 0), "result": "accepted"})
        self.assertLessEqual(complaint.decision_sent_at.date(), complaint.decision_due_date)
        self.assertFalse(complaint.next_due_date, "no clock runs once the decision is sent")
        self.assertEqual(complaint.review_window_end_date, day(2026, 4, 15))

    def test_company_targets(self):
        complaint = self.officer_complaint()
        self.assertEqual(complaint.first_contact_due_date, day(2026, 3, 3))
        self.assertEqual(complaint.resolve_due_date, day(2026, 3, 5))
        self.assertEqual(complaint.progress_due_at, DT(2026, 3, 3, 1, 30))
        self.assertEqual((complaint.next_due_clock, complaint.next_due_date), ("contact", day(2026, 3, 3)))
        major = self.officer_complaint(nature="major")
        self.assertEqual(major.resolve_due_date, day(2026, 3, 9))
        crisis = self.officer_complaint(is_crisis=True)
        self.assertEqual(crisis.first_contact_due_date, day(2026, 3, 2))
        self.assertEqual(crisis.progress_due_at, DT(2026, 3, 2, 15, 59, 59))  # 23:59:59 in Shanghai
        with freeze_time("2026-03-02 06:00:00"):
            complaint.with_user(self.officer_user).action_first_contact()
        self.assertEqual(complaint.first_contact_at, DT(2026, 3, 2, 6, 0))
        self.assertEqual(complaint.progress_due_at, DT(2026, 3, 3, 6, 0))
        self.assertEqual((complaint.next_due_clock, complaint.next_due_date), ("progress", day(2026, 3, 3)))

    def test_extended_to_30_days(self):
        complaint = self.officer_complaint()
        with freeze_time("2026-03-12 02:00:00"):
            extension = self.extend(complaint, "1")
        self.assertEqual(extension.state, "approved")
        self.assertEqual(complaint.extension_level, 1)
        self.assertEqual(complaint.decision_due_date, day(2026, 4, 1))
        notice = complaint.notification_ids
        self.assertEqual((notice.kind, notice.status, notice.channel), ("extension", "sent", "email"))
        self.assertEqual(notice.extension_id, extension)
        self.assertTrue(notice.attachment_id.raw.startswith(b"%PDF"))
        mail = self.env["mail.mail"].search([("mail_message_id", "=", notice.message_id.id)])
        self.assertIn(self.complainant, mail.recipient_ids)
        self.assertIn("An external medical appraisal is needed", mail.body_html)

    def test_extended_to_60_days_with_approval(self):
        complaint = self.officer_complaint()
        with freeze_time("2026-03-12 02:00:00"):
            self.extend(complaint, "1")
        with freeze_time("2026-03-28 02:00:00"):
            second = self.extend(complaint, "2", reason="Three hospitals must be heard")
        self.assertEqual(second.state, "requested")
        self.assertEqual(complaint.extension_level, 1)
        self.assertEqual(complaint.decision_due_date, day(2026, 4, 1))
        with freeze_time("2026-03-29 02:00:00"):
            second.with_user(self.manager_user).with_context(force_report_rendering=True).action_approve()
        self.assertEqual((second.state, second.approved_by_id), ("approved", self.manager_user))
        self.assertEqual(complaint.extension_level, 2)
        self.assertEqual(complaint.decision_due_date, day(2026, 5, 1))
        self.assertEqual(complaint.notification_ids.mapped("kind"), ["extension", "extension"])
        self.assertEqual(
            complaint.notification_ids.filtered(lambda note: note.extension_id == second).sent_at,
            DT(2026, 3, 29, 2, 0),
        )

    def test_second_extension_without_approval_is_refused(self):
        complaint = self.officer_complaint()
        with freeze_time("2026-03-12 02:00:00"):
            with self.assertRaisesRegex(UserError, "not been extended to 30 days"):
                self.extend(complaint, "2")
            self.extend(complaint, "1")
            # asking for it "approved" is refused, and nothing is created
            Extension = self.env["insurance.complaint.extension"].with_user(self.officer_user)
            with self.assertRaisesRegex(AccessError, "complaint manager"), self.env.cr.savepoint():
                Extension.create({"complaint_id": complaint.id, "level": "2", "reason": "Complex", "state": "approved"})
            self.assertEqual(len(complaint.extension_ids), 1)
            second = Extension.create({"complaint_id": complaint.id, "level": "2", "reason": "Complex"})
        self.assertEqual(second.state, "requested")
        self.assertEqual(complaint.decision_due_date, day(2026, 4, 1))
        with self.assertRaisesRegex(UserError, "Only a complaint manager"):
            second.with_user(self.officer_user).action_approve()
        with self.assertRaisesRegex(AccessError, "approved or refused by a complaint manager"):
            second.with_user(self.officer_user).write({"state": "approved"})
        with self.assertRaises(AccessError):
            second.with_user(self.officer_user).write({"reason": "Rewritten"})
        with self.assertRaisesRegex(UserError, "already has this extension"):
            self.extend(complaint, "2")
        second.with_user(self.manager_user).action_refuse()
        self.assertEqual(complaint.extension_level, 1)
        self.assertEqual(complaint.decision_due_date, day(2026, 4, 1))
        self.assertEqual(len(complaint.notification_ids), 1, "a refused extension notifies nothing")

    def test_extension_after_the_time_limit_is_refused(self):
        complaint = self.officer_complaint()
        with freeze_time("2026-03-18 02:00:00"), self.assertRaisesRegex(UserError, "ended on"):
            self.extend(complaint, "1")
        complaint.write({"state": "decided", "decision_sent_at": DT(2026, 3, 16, 2, 0)})
        with freeze_time("2026-03-16 03:00:00"), self.assertRaisesRegex(UserError, "decided or closed"):
            self.extend(complaint, "1")

    def test_appraisal_pause(self):
        complaint = self.officer_complaint()
        Pause = self.env["insurance.complaint.pause"].with_user(self.officer_user)
        with freeze_time("2026-03-07 02:00:00"):
            pause = Pause.create(
                {"complaint_id": complaint.id, "reason": "appraisal", "note": "Disability grade appraisal"}
            )
        self.assertEqual(complaint.clock_paused_since, DT(2026, 3, 7, 2, 0))
        self.assertFalse(complaint.decision_due_date, "the clock stands still")
        self.assertNotEqual(complaint.next_due_clock, "decision")
        notice = complaint.notification_ids
        self.assertEqual((notice.kind, notice.pause_id), ("pause", pause))
        self.assertIn("Disability grade appraisal", notice.message_id.body)
        with freeze_time("2026-03-08 02:00:00"), self.assertRaisesRegex(UserError, "already paused"):
            Pause.create({"complaint_id": complaint.id, "note": "Second"})
        with freeze_time("2026-03-14 02:00:00"):
            complaint.with_user(self.officer_user).action_resume_clock()
        self.assertEqual(pause.end_at, DT(2026, 3, 14, 2, 0))
        self.assertEqual(complaint.paused_days, 7)
        self.assertEqual(complaint.decision_due_date, day(2026, 3, 24))
        # the pause carries into the extensions
        with freeze_time("2026-03-20 02:00:00"):
            self.extend(complaint, "1")
        self.assertEqual(complaint.decision_due_date, day(2026, 4, 8))

    def test_overdue_and_due_this_week_searches(self):
        complaint = self.officer_complaint(first_contact_at=DT(2026, 3, 2, 3, 0), last_progress_at=DT(2026, 3, 9, 3))
        complaint.write({"state": "investigating"})
        Complaint = self.env["insurance.complaint"]
        mine = [("id", "=", complaint.id)]
        self.assertEqual(complaint.next_due_date, day(2026, 3, 5))  # resolution target
        with freeze_time("2026-03-04 02:00:00"):
            self.assertEqual(Complaint.search(mine + [("is_due_this_week", "=", True)]), complaint)
            self.assertFalse(Complaint.search(mine + [("is_overdue", "=", True)]))
            self.assertEqual(Complaint.search(mine + [("is_overdue", "=", False)]), complaint)
        with freeze_time("2026-03-06 02:00:00"):
            self.assertTrue(complaint.is_overdue)
            self.assertEqual(Complaint.search(mine + [("is_overdue", "=", True)]), complaint)
            self.assertFalse(Complaint.search(mine + [("is_due_this_week", "=", True)]))


class TestComplaintEscalation(ComplaintClockCase):
    def activities(self, complaint, user=None):
        domain = [("res_model", "=", "insurance.complaint"), ("res_id", "=", complaint.id)]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def test_cron_is_idempotent(self):
        complaint = self.officer_complaint(first_contact_at=DT(2026, 3, 2, 3, 0))
        complaint.last_progress_at = DT(2026, 3, 13, 3, 0)
        Complaint = self.env["insurance.complaint"]
        with freeze_time("2026-03-15 02:00:00"):
            Complaint._cron_complaint_clocks()
        alerts = complaint.clock_alert_ids
        # decision due on the 17th: due soon, to the owner; resolution target (5th) passed: to the manager
        self.assertEqual(
            sorted(alerts.mapped(lambda alert: (alert.clock, alert.level, alert.user_ids.login))),
            [
                ("decision", "due_soon", "cmp_officer"),
                ("progress", "overdue", "cmp_manager"),
                ("resolve", "overdue", "cmp_manager"),
            ],
        )
        self.assertEqual(len(self.activities(complaint, self.officer_user)), 1)
        self.assertEqual(len(self.activities(complaint, self.manager_user)), 2)
        messages = len(complaint.message_ids)
        with freeze_time("2026-03-15 03:00:00"):
            Complaint._cron_complaint_clocks()
        self.assertEqual(complaint.clock_alert_ids, alerts, "nothing is signalled twice")
        self.assertEqual(len(self.activities(complaint)), 3)
        self.assertEqual(len(complaint.message_ids), messages)
        # the day after the due date: the decision is overdue and goes to the manager, once
        with freeze_time("2026-03-18 02:00:00"):
            Complaint._cron_complaint_clocks()
            Complaint._cron_complaint_clocks()
        overdue = complaint.clock_alert_ids.filtered(
            lambda alert: alert.clock == "decision" and alert.level == "overdue"
        )
        self.assertEqual((len(overdue), overdue.user_ids), (1, self.manager_user))
        self.assertIn("escalated to the complaint managers", complaint.message_ids[0].body)
        self.assertIn(self.manager_user.partner_id, complaint.message_ids[0].partner_ids)
        # decided: nothing more
        complaint.write({"state": "decided", "decision_sent_at": DT(2026, 3, 18, 3, 0)})
        with freeze_time("2026-03-25 02:00:00"):
            Complaint._cron_complaint_clocks()
        self.assertEqual(len(complaint.clock_alert_ids), 4)

    def test_crisis_and_major_reach_the_manager_at_once(self):
        ordinary = self.officer_complaint()
        self.assertFalse(ordinary.manager_alerted_at)
        self.assertFalse(self.activities(ordinary, self.manager_user))
        with freeze_time("2026-03-02 02:00:00"):
            crisis = self.officer_complaint(is_crisis=True, channel="media")
        self.assertEqual(crisis.manager_alerted_at, DT(2026, 3, 2, 2, 0))
        activity = self.activities(crisis, self.manager_user)
        self.assertEqual(len(activity), 1)
        self.assertIn("Crisis complaint", activity.summary)
        self.assertIn(self.manager_user.partner_id, crisis.message_ids[0].partner_ids)
        # classified major later: the managers hear of it then, once
        ordinary.nature = "major"
        self.assertTrue(ordinary.manager_alerted_at)
        ordinary.is_crisis = True
        self.assertEqual(len(self.activities(ordinary, self.manager_user)), 1)


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
