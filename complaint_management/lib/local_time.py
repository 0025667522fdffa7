"""Local days of the company (Asia/Shanghai unless its address says otherwise), no ORM."""

import pytz

DEFAULT_TZ = "Asia/Shanghai"


def local_date(value, tz_name=None):
    """The local day in ``tz_name`` (default Asia/Shanghai) of a naive UTC datetime."""
    return pytz.utc.localize(value).astimezone(pytz.timezone(tz_name or DEFAULT_TZ)).date()
