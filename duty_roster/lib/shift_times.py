"""Local duty times to UTC and back, for any time zone (DST included)."""

import datetime

import pytz


def utc_start(day, start_hours, tz_name):
    """Naive UTC datetime of ``start_hours`` (e.g. 20.5) local time on ``day``."""
    minutes = round(start_hours * 60)
    local = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60))
    zone = pytz.timezone(tz_name or "UTC")
    # a time skipped or repeated by a DST change resolves to the standard-time reading
    return zone.localize(local, is_dst=False).astimezone(pytz.utc).replace(tzinfo=None)


def utc_interval(day, start_hours, duration_hours, tz_name):
    """``(start, end)`` in naive UTC; the duration is elapsed time, so a
    12-hour night across a DST change still lasts 12 hours."""
    start = utc_start(day, start_hours, tz_name)
    return start, start + datetime.timedelta(hours=duration_hours)


def local_day(utc_naive, tz_name):
    """The local date of a naive UTC datetime."""
    zone = pytz.timezone(tz_name or "UTC")
    return pytz.utc.localize(utc_naive).astimezone(zone).date()
