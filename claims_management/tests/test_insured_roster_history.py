"""Roster policies: the insured is required, and the roster's history decides the cover on the loss day."""

import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DT, ClaimsCase, D
from .test_policy import valid_id


@tagged("post_install", "-at_install")
class TestRosterHistory(ClaimsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roster_policy = cls.env["insurance.policy"].create(
            {
                "name": "PAH-ROSTER-1",
                "product_line": "accident_health",
                "company_id": cls.company.id,
                "policyholder_id": cls.holder.id,
                "date_start": D(2026, 1, 1),
                "date_end": D(2026, 12, 31),
                "state": "active",
                "roster_required": True,
                "coverage_ids": [(0, 0, {"name": "Nursing subsidy", "per_diem_amount": 100})],
            }
        )
        Insured = cls.env["insurance.policy.insured"]
        cls.wang = Insured.create({"policy_id": cls.roster_policy.id, "name": "Wang Fang", "id_number": valid_id()})
        cls.li = Insured.create(
            {
                "policy_id": cls.roster_policy.id,
                "name": "Li Lei",
                "id_number": valid_id(birth="19600101", sequence="013"),
                "date_from": D(2026, 5, 10),  # added in May
            }
        )

    def roster_claim(self, loss, insured=None, user=None, **values):
        vals = {
            "company_id": self.company.id,
            "claim_type_id": self.claim_type.id,
            "policy_id": self.roster_policy.id,
            "coverage_id": self.roster_policy.coverage_ids.id,
            "insured_id": (insured or self.wang).id,
            "claimant_id": self.holder.id,
            "loss_at": loss,
            "reported_at": DT(2026, 12, 1, 2, 0),
        }
        vals.update(values)
        return self.env["insurance.claim"].with_user(user or self.handler_user).create(vals)

    def test_roster_policy_requires_the_insured(self):
        with self.assertRaises(ValidationError) as caught:
            self.roster_claim(DT(2026, 3, 10, 2, 0), insured_id=False)
        self.assertIn("insures a roster: name the insured person or object", str(caught.exception))
        claim = self.roster_claim(DT(2026, 3, 10, 2, 0))
        with self.assertRaises(ValidationError):
            claim.with_user(self.handler_user).insured_id = False
        # a policy without a roster requirement still takes claims without an insured
        self.assertTrue(self.new_claim(insured_id=False))

    def test_archived_in_july_is_covered_for_a_march_loss(self):
        with freeze_time("2026-07-14 16:30:00"):  # 15 July 00:30 in Beijing
            self.wang.with_user(self.director_user).action_archive()
        self.assertFalse(self.wang.active)
        self.assertEqual(self.wang.date_to, D(2026, 7, 15))
        period = self.wang.period_ids
        self.assertEqual((period.date_from, period.date_to, period.change), (False, D(2026, 7, 15), "archived"))
        self.assertTrue(self.roster_claim(DT(2026, 3, 10, 2, 0)), "March: on the roster then")
        self.assertTrue(self.roster_claim(DT(2026, 7, 15, 15, 59)), "23:59 on 15 July in Beijing: the last day")
        with self.assertRaises(ValidationError) as caught:
            self.roster_claim(DT(2026, 7, 15, 16, 0))  # 16 July 00:00 in Beijing
        self.assertIn("was not on the insured roster on 2026-07-16", str(caught.exception))

    def test_archive_day_is_the_local_day(self):
        with freeze_time("2026-07-14 15:59:00"):  # 14 July 23:59 in Beijing
            self.li.action_archive()
        self.assertEqual(self.li.period_ids.date_to, D(2026, 7, 14))

    def test_added_in_may_is_not_covered_for_a_march_loss(self):
        with self.assertRaises(ValidationError):
            self.roster_claim(DT(2026, 3, 10, 2, 0), insured=self.li)
        with self.assertRaises(ValidationError):
            self.roster_claim(DT(2026, 5, 9, 15, 59), insured=self.li)  # 9 May 23:59 in Beijing
        self.assertTrue(self.roster_claim(DT(2026, 5, 9, 16, 0), insured=self.li), "10 May 00:00 in Beijing")

    def test_removed_and_put_back(self):
        with freeze_time("2026-07-14 02:00:00"):
            self.wang.action_archive()
        with freeze_time("2026-09-01 02:00:00"):
            self.wang.action_unarchive()
        periods = self.wang.period_ids
        self.assertEqual(
            [(p.date_from, p.date_to, p.change) for p in periods],
            [(False, D(2026, 7, 14), "archived"), (D(2026, 9, 1), False, "restored")],
        )
        self.assertTrue(self.roster_claim(DT(2026, 3, 10, 2, 0)))
        self.assertTrue(self.roster_claim(DT(2026, 10, 10, 2, 0)))
        with self.assertRaises(ValidationError, msg="off the roster in August"):
            self.roster_claim(DT(2026, 8, 10, 2, 0))

    def test_cover_dates_move_the_last_period(self):
        self.li.with_user(self.director_user).date_from = D(2026, 6, 1)
        self.assertEqual((self.li.period_ids.date_from, self.li.period_ids.change), (D(2026, 6, 1), "dates"))
        with self.assertRaises(ValidationError):
            self.roster_claim(DT(2026, 5, 20, 2, 0), insured=self.li)

    def test_history_changes_only_through_the_roster(self):
        period = self.wang.period_ids
        Period = self.env["insurance.policy.insured.period"]
        for user in (self.director_user, self.handler_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                period.with_user(user).write({"date_to": D(2026, 2, 1)})
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Period.with_user(user).create({"insured_id": self.li.id, "date_from": D(2026, 1, 1), "change": "added"})
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                period.with_user(user).unlink()
        self.assertEqual(period.with_user(self.handler_user).date_to, False, "claims staff read the history")


@tagged("post_install", "-at_install")
class TestRosterImportErrors(ClaimsCase):
    def test_500_bad_rows_are_all_reported_and_nothing_imported(self):
        policy = self.policy
        before = len(policy.with_context(active_test=False).insured_ids)
        rows = ["name,id_number"]
        rows += [f"Person {index},BAD{index:05d}" for index in range(500)]
        rows.append(f"Good Person,{valid_id(sequence='321')}")
        wizard = (
            self.env["insurance.policy.insured.import"]
            .with_user(self.director_user)
            .create(
                {"policy_id": policy.id, "file": base64.b64encode("\n".join(rows).encode()), "filename": "roster.csv"}
            )
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        message = str(caught.exception)
        self.assertIn("Nothing was imported: 500 problems in the file.", message)
        reported = [line for line in message.splitlines() if line.startswith("Line ")]
        self.assertEqual(len(reported), 500)
        self.assertEqual(
            reported[0], "Line 2: BAD00000 is not a valid resident ID number (18 characters, date of birth inside)."
        )
        self.assertTrue(reported[-1].startswith("Line 501: BAD00499 "))
        self.assertNotIn("more.", message)
        self.assertEqual(len(policy.with_context(active_test=False).insured_ids), before, "all or nothing")
