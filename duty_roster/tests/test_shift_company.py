from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DT, DutyRosterCase


@tagged("post_install", "-at_install")
class TestShiftCompanyCheck(DutyRosterCase):
    """The batched company check of duties still refuses a person or roster of another company."""

    def test_other_company_links_are_refused(self):
        other = self.env["res.company"].create({"name": "Changsha Branch"})
        stranger = self.env["hr.employee"].create({"name": "Stranger", "company_id": other.id})
        self.post.employee_ids |= stranger
        foreign_roster = self.env["duty.roster"].create(
            {"name": "Foreign", "company_id": other.id, "date_from": "2026-10-01", "date_to": "2026-10-31"}
        )
        Shift = self.env["duty.shift"].with_context(allowed_company_ids=[self.company.id, other.id])
        base = {"post_id": self.post.id, "start": DT(2026, 10, 1, 0), "end": DT(2026, 10, 1, 12)}
        ok = Shift.create([dict(base, employee_id=self.zhang.id), dict(base, employee_id=self.li.id)])
        self.assertEqual(len(ok), 2)
        with self.assertRaisesRegex(UserError, "Incompatible companies(.|\n)*Stranger"):
            Shift.create([dict(base, employee_id=self.wang.id), dict(base, employee_id=stranger.id)])
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            Shift.create(dict(base, employee_id=self.wang.id, roster_id=foreign_roster.id))
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            ok[1].employee_id = stranger
