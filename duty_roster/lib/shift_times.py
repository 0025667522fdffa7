"""Local duty times to UTC and back, for any time zone (DST included)."""

import datetime
import functools
import zoneinfo

UTC = datetime.timezone.utc


@functools.lru_cache(maxsize=64)
def _zone(tz_name):
    return zoneinfo.ZoneInfo(tz_name or "UTC")


def _to_utc(local, zone):
    """Naive UTC of the naive local ``local``; a time skipped or repeated by a DST change
    resolves to the standard-time reading."""
    first, second = local.replace(tzinfo=zone), local.replace(tzinfo=zone, fold=1)
    aware = first
    if first.utcoffset() != second.utcoffset():
        aware = second if first.dst() else first
    return aware.astimezone(UTC).replace(tzinfo=None)


def _local(day, hours):
    minutes = round(hours * 60)
    return datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60))


def utc_start(day, start_hours, tz_name):
    """Naive UTC datetime of ``start_hours`` (e.g. 20.5) local time on ``day``."""
    return _to_utc(_local(day, start_hours), _zone(tz_name))


def utc_interval(day, start_hours, duration_hours, tz_name):
    """``(start, end)`` in naive UTC of a duty that starts at ``start_hours`` local
    time on ``day`` and ends ``duration_hours`` later *on the wall clock*: a 20:00
    + 12 h night ends at 08:00 local time whatever the DST change in between, so
    it lasts 11 or 13 hours on the nights the clocks move (and 24 h duties 23 or 25)."""
    zone = _zone(tz_name)
    local_start = _local(day, start_hours)
    local_end = local_start + datetime.timedelta(minutes=round(duration_hours * 60))
    return _to_utc(local_start, zone), _to_utc(local_end, zone)


def local_day(utc_naive, tz_name):
    """The local date of a naive UTC datetime."""
    return utc_naive.replace(tzinfo=UTC).astimezone(_zone(tz_name)).date()
