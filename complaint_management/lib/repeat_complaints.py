"""Repeat complaints (重复投诉): how many complaints of a complainant came in the 12 months before one, no ORM.

A complaint counts the others of its complainant received from 12 calendar months before it (that very
moment included; 29 February falls back to 28 February, as in PostgreSQL's ``- INTERVAL '12 months'``) up
to its own moment (ties included), itself excluded. Counting from the sorted moments with two bisections
keeps a batch of complaints of one frequent complainant linear, where counting pairs grows with the square.
"""

import bisect

from dateutil.relativedelta import relativedelta

WINDOW = relativedelta(months=12)


def window_start(moment):
    """The first moment that counts for a complaint received at ``moment``."""
    return moment - WINDOW


def count_earlier(received, moment, own_at=None):
    """Complaints of ``received`` (sorted moments of the complainant's counted complaints) in the 12 months up
    to ``moment``, less the complaint itself: ``own_at`` is its moment among ``received`` (the stored one, which
    an edit not saved yet may have moved), ``None`` when it is not one of them."""
    start = window_start(moment)
    count = bisect.bisect_right(received, moment) - bisect.bisect_left(received, start)
    return count - 1 if own_at is not None and start <= own_at <= moment else count
