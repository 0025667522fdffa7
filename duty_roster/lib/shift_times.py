"""Local duty times to UTC and back, for any time zone (DST included)."""

import datetime

import pytz


def _to_utc(local, zone):
    # a time skipped or repeated by a DST change resolves to the standard-time reading
    return zone.localize(local, is_dst=False).astimezone(pytz.utc).replace(tzinfo=None)


def utc_start(day, start_hours, tz_name):
    """Naive UTC datetime of ``start_hours`` (e.g. 20.5) local time on ``day``."""
    minutes = round(start_hours * 60)
    local = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60))
    return _to_utc(local, pytz.timezone(tz_name or "UTC"))


def utc_interval(day, start_hours, duration_hours, tz_name):
    """``(start, end)`` in naive UTC of a duty that starts at ``start_hours`` local
    time on ``day`` and ends ``duration_hours`` later *on the wall clock*: a 20:00
    + 12 h night ends at 08:00 local time whatever the DST change in between, so
    it lasts 11 or 13 hours on the nights the clocks move (and 24 h duties 23 or 25)."""
    zone = pytz.timezone(tz_name or "UTC")
    minutes = round(start_hours * 60)
    local_start = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60))
    local_end = local_start + datetime.timedelta(minutes=round(duration_hours * 60))
    return _to_utc(local_start, zone), _to_utc(local_end, zone)


def local_day(utc_naive, tz_name):
    """The local date of a naive UTC datetime."""
    zone = pytz.timezone(tz_name or "UTC")
    return pytz.utc.localize(utc_naive).astimezone(zone).date()
