from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DT, ClaimsCase, D


@tagged("post_install", "-at_install")
class TestLocalDayCover(ClaimsCase):
    """Cover is judged on the local day of the loss (Asia/Shanghai), at both ends of the policy."""

    def test_policy_boundaries_in_beijing_time(self):
        # 2027-01-01 03:00 in Beijing is 2026-12-31 19:00 UTC: after a policy ending 2026-12-31
        with self.assertRaisesRegex(ValidationError, "not in force on 2027-01-01"):
            self.new_claim(loss_at=DT(2026, 12, 31, 19, 0), reported_at=DT(2026, 12, 31, 20, 0))
        # 2026-12-31 23:59 in Beijing (15:59 UTC) is still covered
        late = self.new_claim(loss_at=DT(2026, 12, 31, 15, 59), reported_at=DT(2026, 12, 31, 16, 30))
        self.assertEqual(late.loss_date, D(2026, 12, 31))
        # 2026-01-01 07:30 in Beijing is 2025-12-31 23:30 UTC: on a policy starting 2026-01-01, covered
        early = self.new_claim(loss_at=DT(2025, 12, 31, 23, 30), reported_at=DT(2026, 1, 1, 1, 0))
        self.assertEqual(early.loss_date, D(2026, 1, 1))
        # 2025-12-31 23:59 in Beijing (15:59 UTC) is before it
        with self.assertRaisesRegex(ValidationError, "not in force on 2025-12-31"):
            self.new_claim(loss_at=DT(2025, 12, 31, 15, 59), reported_at=DT(2026, 1, 1, 1, 0))
