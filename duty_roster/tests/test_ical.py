import datetime

import vobject

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

UTC = datetime.timezone.utc


@tagged("post_install", "-at_install")
class TestDutyIcalFeed(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        company = cls.env.company
        cls.user = new_test_user(
            cls.env, "ical_zhang", groups="base.group_user,duty_roster.group_duty_user", lang="en_US"
        )
        cls.zhang = cls.env["hr.employee"].create({"name": "Zhang Wei", "user_id": cls.user.id})
        cls.li = cls.env["hr.employee"].create({"name": "Li Na", "company_id": company.id})
        cls.post = cls.env["duty.post"].create(
            {
                "name": "Claims hotline",
                "company_id": company.id,
                "employee_ids": [(6, 0, (cls.zhang | cls.li).ids)],
            }
        )
        cls.now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        days = datetime.timedelta(days=1)
        # (employee, start, published); each duty lasts 8 hours
        plan = [
            (cls.zhang, cls.now - 40 * days, True),  # ended more than 30 days ago
            (cls.zhang, cls.now - 10 * days, True),
            (cls.zhang, cls.now + 5 * days, True),
            (cls.zhang, cls.now + 6 * days, False),  # not published
            (cls.zhang, cls.now + 400 * days, True),  # more than a year ahead
            (cls.li, cls.now + 7 * days, True),
        ]
        cls.shifts = (
            cls.env["duty.shift"]
            .with_context(duty_generating=True)
            .create(
                [
                    {
                        "post_id": cls.post.id,
                        "tier": "primary",
                        "employee_id": employee.id,
                        "start": start,
                        "end": start + datetime.timedelta(hours=8),
                        "is_published": published,
                    }
                    for employee, start, published in plan
                ]
            )
        )

    def fetch(self, token):
        return self.url_open(f"/duty_roster/ical/{token}.ics")

    def test_feed_lists_own_published_duties_of_the_window(self):
        self.zhang.action_duty_ical_regenerate()
        token = self.zhang.duty_ical_token
        self.assertGreaterEqual(len(token), 32)
        response = self.fetch(token)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/calendar"))
        calendar = vobject.readOne(response.text)
        events = sorted(calendar.vevent_list, key=lambda event: event.dtstart.value)
        self.assertEqual(len(events), 2, "Li Na's duty, the unpublished one and those out of the window are absent")
        expected = [self.shifts[1], self.shifts[2]]
        for event, shift in zip(events, expected, strict=True):
            self.assertEqual(event.dtstart.value, shift.start.replace(tzinfo=UTC))
            self.assertEqual(event.dtend.value, shift.end.replace(tzinfo=UTC))
            self.assertEqual(event.summary.value, "Claims hotline (Primary)")
        self.assertIn("Z", response.text.split("DTSTART:")[1].splitlines()[0], "times are sent in UTC")
        self.assertNotIn("Li Na", response.text)

        # the UID of a duty stays the same from one fetch to the next
        again = vobject.readOne(self.fetch(token).text)
        self.assertEqual(
            sorted(event.uid.value for event in again.vevent_list), sorted(event.uid.value for event in events)
        )
        self.assertEqual(len({event.uid.value for event in events}), 2)

    def test_unknown_or_revoked_token_is_not_found(self):
        self.assertEqual(self.fetch("not-a-token-but-long-enough-to-look-like-one").status_code, 404)
        self.assertEqual(self.fetch("short").status_code, 404)
        self.zhang.action_duty_ical_regenerate()
        old = self.zhang.duty_ical_token
        self.zhang.action_duty_ical_regenerate()
        self.assertNotEqual(old, self.zhang.duty_ical_token)
        self.assertEqual(self.fetch(old).status_code, 404, "a new address revokes the old one")
        self.assertEqual(self.fetch(self.zhang.duty_ical_token).status_code, 200)

    def test_malformed_token_is_a_bad_request(self):
        self.zhang.action_duty_ical_regenerate()
        token = self.zhang.duty_ical_token
        for bad in (token + "%00", "%00" * 30, token[:10] + "%27%3B" + token[10:], "a" * 200):
            with self.subTest(token=bad):
                response = self.fetch(bad)
                self.assertEqual(response.status_code, 400)
                self.assertNotIn("BEGIN:VCALENDAR", response.text)
        self.assertEqual(self.fetch(token).status_code, 200)

    def test_employee_gets_their_own_feed_address(self):
        self.assertFalse(self.zhang.duty_ical_token)
        action = self.env["duty.shift"].with_user(self.user).action_duty_calendar_feed()
        url = action["params"]["links"][0]["url"]
        self.assertTrue(self.zhang.duty_ical_token, "issued on first use")
        self.assertTrue(url.endswith(f"/duty_roster/ical/{self.zhang.duty_ical_token}.ics"))
        # asking again shows the same address
        action = self.env["duty.shift"].with_user(self.user).action_duty_calendar_feed()
        self.assertEqual(action["params"]["links"][0]["url"], url)
        calendar = vobject.readOne(self.fetch(self.zhang.duty_ical_token).text)
        self.assertEqual(len(calendar.vevent_list), 2)
