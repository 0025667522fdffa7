"""Pure helpers of the complaint clocks, free of the ORM.

The deadlines themselves (the statutory decision of CBIRC Order 2020 No. 3
Art. 14 and the company targets) are rows of the deadline engine
(``insurance_base``); what is left here is the classification of urgent
cases, the review window and the out-of-hours test of the intake routing.
"""

import datetime


def review_window_end(notified_day, days):
    """Last day the complainant may ask for a review: notification + ``days`` (the company setting, 30)."""
    if notified_day is None:
        return None
    return notified_day + datetime.timedelta(days=days)


def is_urgent(nature, is_crisis):
    """Crisis and major complaints follow the stricter targets."""
    return bool(is_crisis) or nature == "major"


def is_out_of_hours(local_moment, is_working_day, working_hours):
    """Whether a complaint received at ``local_moment`` (naive local datetime) arrived out of hours.

    :param is_working_day: callable ``(date) -> bool`` on the Chinese calendar
        (make-up Saturdays are working days; a day of an unknown year should
        answer ``False``: out of hours, for the duty officer)
    :param working_hours: ``[(hour_from, hour_to)]`` of that weekday in the
        company's working-time calendar (floats, e.g. 8.5 for 08:30); empty
        means the whole day is out of hours
    """
    if not is_working_day(local_moment.date()):
        return True
    hour = local_moment.hour + local_moment.minute / 60 + local_moment.second / 3600
    return not any(start <= hour < end for start, end in working_hours)
