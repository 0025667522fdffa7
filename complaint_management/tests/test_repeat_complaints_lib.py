import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib import repeat_complaints as rc

DT = datetime.datetime

MOMENTS = st.datetimes(min_value=DT(2023, 1, 1), max_value=DT(2026, 12, 31))


def by_pairs(received, moment, own_at):
    """Counting every pair, as PostgreSQL would join them."""
    start = rc.window_start(moment)
    return sum(1 for at in received if start <= at <= moment) - (own_at is not None and start <= own_at <= moment)


@tagged("standard", "at_install")
class TestRepeatComplaintsLib(BaseCase):
    def test_window_edges(self):
        received = [DT(2025, 2, 1, 2, 0), DT(2025, 2, 1, 2, 0, 1), DT(2026, 2, 1, 2, 0)]
        # exactly 12 months before counts, a second earlier does not; the same moment counts
        self.assertEqual(rc.count_earlier(received, DT(2026, 2, 1, 2, 0)), 3)
        self.assertEqual(rc.count_earlier(received, DT(2026, 2, 1, 2, 0, 1)), 2)
        self.assertEqual(rc.count_earlier(received, DT(2026, 2, 1, 2, 0), own_at=DT(2026, 2, 1, 2, 0)), 2)
        # an own row outside the window (an unsaved edit moved the complaint) takes nothing off
        self.assertEqual(rc.count_earlier(received, DT(2025, 3, 1), own_at=DT(2026, 2, 1, 2, 0)), 2)
        # 29 February: 12 months before is 28 February, as PostgreSQL's INTERVAL '12 months'
        self.assertEqual(rc.window_start(DT(2028, 2, 29, 9, 0)), DT(2027, 2, 28, 9, 0))
        self.assertEqual(rc.count_earlier([], DT(2026, 1, 1)), 0)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(MOMENTS, max_size=40), MOMENTS, st.one_of(st.none(), st.integers(min_value=0, max_value=39)))
    def test_as_counting_every_pair(self, received, moment, own):
        received = sorted(received)
        own_at = received[own] if own is not None and own < len(received) else None
        self.assertEqual(rc.count_earlier(received, moment, own_at), by_pairs(received, moment, own_at))
