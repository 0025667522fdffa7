"""Deterministic sampling of follow-up visits (回访抽样), no ORM.

The n-th visit due (1, 2, 3 …) is sampled for a level at ``rate`` percent when the running
quota ``ceil(n × rate / 100)`` grows at n: after any number N of visits exactly
``ceil(N × rate / 100)`` are sampled, never less than the rate, the first one included.
"""

import math


def quota(count, rate):
    """How many of the first ``count`` visits a ``rate`` % sample holds."""
    # round first: 10 × 10 / 100 must be 1, not 1.0000000000000002
    return math.ceil(round(count * rate / 100, 9))


def is_sampled(number, rate):
    """Whether the ``number``-th visit (from 1) is in the ``rate`` % sample."""
    if number < 1 or rate <= 0:
        return False
    return quota(number, rate) > quota(number - 1, rate)


def levels(number, rates):
    """The levels of the ``number``-th visit: level 1 always, then each ``{level: rate}`` sampled."""
    return ["1"] + [level for level, rate in sorted(rates.items()) if is_sampled(number, rate)]
