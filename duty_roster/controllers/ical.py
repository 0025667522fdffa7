import datetime
import re

import vobject
from dateutil import tz
from werkzeug.exceptions import BadRequest, NotFound

from odoo import fields, http
from odoo.http import request

FEED_PAST = datetime.timedelta(days=30)
FEED_FUTURE = datetime.timedelta(days=365)
MIN_TOKEN_LENGTH = 24
MAX_TOKEN_LENGTH = 128
# what secrets.token_urlsafe writes
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]+$")


def _utc(value):
    # vobject writes dateutil's UTC as "...Z"; datetime.timezone.utc has no TZID it knows
    return value.replace(tzinfo=tz.UTC)


class DutyIcalController(http.Controller):
    @http.route("/duty_roster/ical/<string:token>.ics", type="http", auth="public", methods=["GET"], readonly=True)
    def duty_ical_feed(self, token):
        """Personal duty calendar of the employee owning ``token``.

        The route is public because calendar apps cannot log in: the secret
        token is the credential. That is why the employee and their duties are
        read with sudo(), restricted to that one employee's published duties.
        """
        if "\x00" in token or len(token) > MAX_TOKEN_LENGTH or not TOKEN_RE.match(token):
            # never sent to the database: PostgreSQL refuses a NUL, and no stored token has these characters
            raise BadRequest(request.env._("This calendar link is malformed: copy it again from your employee page."))
        if len(token) < MIN_TOKEN_LENGTH:
            raise NotFound()
        employee = request.env["hr.employee"].sudo().search([("duty_ical_token", "=", token)], limit=1)
        if not employee:
            raise NotFound()
        lang = employee.user_id.lang or employee.company_id.partner_id.lang or "en_US"
        now = fields.Datetime.now()
        shifts = (
            request.env["duty.shift"]
            .sudo()
            .with_context(lang=lang)
            .search(
                [
                    ("employee_id", "=", employee.id),
                    ("is_published", "=", True),
                    ("end", ">", now - FEED_PAST),
                    ("start", "<", now + FEED_FUTURE),
                ]
            )
        )
        body = self._duty_ical_calendar(shifts, employee.name, now).serialize()
        return request.make_response(
            body,
            headers=[
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Content-Disposition", 'inline; filename="duties.ics"'),
                ("Cache-Control", "private, max-age=300"),
            ],
        )

    def _duty_ical_calendar(self, shifts, name, now):
        calendar = vobject.iCalendar()
        calendar.add("prodid").value = "-//Insurance Operations Suite//Duty Roster//EN"
        calendar.add("x-wr-calname").value = name
        tiers = dict(shifts._fields["tier"]._description_selection(shifts.env))
        for shift in shifts:
            event = calendar.add("vevent")
            event.add("uid").value = f"duty-shift-{shift.id}@{request.db}"
            event.add("dtstamp").value = _utc(now)
            event.add("last-modified").value = _utc(shift.write_date)
            event.add("dtstart").value = _utc(shift.start)
            event.add("dtend").value = _utc(shift.end)
            event.add("summary").value = f"{shift.post_id.name} ({tiers.get(shift.tier)})"
            if shift.note:
                event.add("description").value = shift.note
        return calendar
