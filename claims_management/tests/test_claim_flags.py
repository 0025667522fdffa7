import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DT, ClaimsCase


@tagged("post_install", "-at_install")
class TestClaimFlags(ClaimsCase):
    """Red flags on a hand-made data set: shared parties, repeats, early losses, over-limit claims."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        common = {"company_id": cls.company.id}
        cls.zhang = Partner.create(dict(common, name="Zhang San", phone="+86 138-0013-8000", vat="11010519491231002x"))
        cls.li = Partner.create(dict(common, name="Li Si", mobile="13800138000"))
        cls.wang = Partner.create(dict(common, name="Wang Wu", phone="139 0000 1111"))
        cls.garage = Partner.create(dict(common, name="Xingsha Garage"))
        cls.env["res.partner.bank"].create({"partner_id": cls.garage.id, "acc_number": "6222 0200 0000 1234"})
        # far from the policy start, alone on its insured: no flag but those the test sets up
        cls.tunnel = cls.env["insurance.policy.insured"].create(
            {"policy_id": cls.policy.id, "kind": "object", "name": "Tunnel T3", "region": "Liuyang"}
        )

    def new_claim(self, **values):
        loss = values.get("loss_at")
        if loss:
            values.setdefault("reported_at", loss + datetime.timedelta(hours=1))
        return super().new_claim(**values)

    def kinds(self, claim):
        return sorted(claim.flag_ids.filtered(lambda flag: flag.state == "open").mapped("kind"))

    def test_same_phone_on_two_different_claimants(self):
        first = self.new_claim(claimant_id=self.zhang.id)
        self.assertEqual(self.kinds(first), [])
        second = self.new_claim(claimant_id=self.li.id, insured_id=self.tunnel.id)
        self.assertEqual(self.kinds(second), ["shared_phone"])
        flag = second.flag_ids
        self.assertIn(first.name, flag.reason)
        self.assertIn("13800138000", flag.reason)
        self.assertEqual((flag.matched_claim_id, flag.matched_partner_id), (first, self.zhang))
        self.assertTrue(second.is_flagged)
        self.assertIn(second, self.env["insurance.claim"].search([("is_flagged", "=", True)]))
        # the same claimant twice is no red flag
        self.new_claim(claimant_id=self.wang.id, loss_at=DT(2026, 3, 1))
        again = self.new_claim(claimant_id=self.wang.id, insured_id=self.tunnel.id, loss_at=DT(2026, 9, 1))
        self.assertEqual(self.kinds(again), [])

    def test_bank_account_of_a_payee_and_id_number_of_a_claimant(self):
        first = self.new_claim(claimant_id=self.wang.id, payee_id=self.garage.id)
        clone = self.env["res.partner"].create({"name": "Xingsha Auto Repair", "company_id": self.company.id})
        self.env["res.partner.bank"].create({"partner_id": clone.id, "acc_number": "6222020000001234"})
        second = self.new_claim(claimant_id=clone.id, insured_id=self.tunnel.id)
        self.assertEqual(self.kinds(second), ["shared_bank"])
        self.assertIn(first.name, second.flag_ids.reason)
        twin = self.env["res.partner"].create(
            {"name": "Zhang San (new file)", "company_id": self.company.id, "vat": "110105 19491231002X"}
        )
        self.new_claim(claimant_id=self.zhang.id, loss_at=DT(2026, 3, 1))
        third = self.new_claim(claimant_id=twin.id, insured_id=self.tunnel.id, loss_at=DT(2026, 9, 1))
        self.assertEqual(self.kinds(third), ["shared_id_number"])

    def test_a_changed_contact_is_checked_again(self):
        self.new_claim(claimant_id=self.zhang.id)
        claim = self.new_claim(claimant_id=self.wang.id, insured_id=self.tunnel.id)
        self.assertEqual(self.kinds(claim), [])
        self.wang.phone = "13800138000"
        self.assertEqual(self.kinds(claim), ["shared_phone"])
        self.wang.phone = "139 0000 1111"
        self.assertEqual(self.kinds(claim), [], "the open flag goes when its ground does")
        self.env["res.partner.bank"].create({"partner_id": self.wang.id, "acc_number": "6222-0200-0000-1234"})
        self.assertEqual(self.kinds(claim), [], "nobody else on a claim has that account")
        self.new_claim(payee_id=self.garage.id, claimant_id=self.holder.id, insured_id=self.tunnel.id)
        self.assertEqual(self.kinds(claim), [], "flags are raised on the claim being checked")
        claim.claimed_amount = 1000  # any change of a flagged field checks again
        self.assertEqual(self.kinds(claim), ["shared_bank"])

    def test_several_claims_on_one_insured_in_the_window(self):
        self.company.write({"claim_flag_repeat_count": 3, "claim_flag_repeat_days": 90})
        first = self.new_claim(loss_at=DT(2026, 3, 20, 4))  # 20 March, Beijing time
        second = self.new_claim(loss_at=DT(2026, 5, 1, 4))
        self.assertEqual(self.kinds(first) + self.kinds(second), [])
        # 18 June is 90 days after 20 March: both ends of the window count
        third = self.new_claim(loss_at=DT(2026, 6, 18, 4))
        self.assertEqual(self.kinds(third), ["repeat_claims"])
        self.assertIn(first.name, third.flag_ids.reason)
        self.assertIn(second.name, third.flag_ids.reason)
        # 19 June is 91 days after 20 March: only two claims in its window
        fourth = self.new_claim(insured_id=self.tunnel.id, loss_at=DT(2026, 6, 19, 4))
        fourth.insured_id = self.bridge
        self.assertEqual(self.kinds(fourth), ["repeat_claims"], "18 June and 1 May are in its window")
        first.action_withdraw()
        lone = self.new_claim(loss_at=DT(2026, 3, 19, 4))
        self.assertEqual(self.kinds(lone), [], "withdrawn claims do not count; 1 May is 43 days, 18 June 91")

    def test_loss_soon_after_the_policy_start(self):
        self.company.claim_flag_early_loss_days = 30
        # the policy starts on 1 January 2026: 30 January (Beijing) is day 30, 31 January day 31
        day_30 = self.new_claim(loss_at=DT(2026, 1, 30, 15, 59), reported_at=DT(2026, 2, 1))
        day_31 = self.new_claim(insured_id=self.tunnel.id, loss_at=DT(2026, 1, 30, 16, 0), reported_at=DT(2026, 2, 1))
        self.assertEqual(self.kinds(day_30), ["early_loss"])
        self.assertIn("day 30", day_30.flag_ids.reason)
        self.assertEqual(self.kinds(day_31), [], "31 January 00:00 Beijing time is day 31")

    def test_claimed_amount_above_the_limit_left(self):
        claim = self.new_claim(claimed_amount=5000000)
        self.assertEqual(self.kinds(claim), [], "the whole limit is left")
        claim.claimed_amount = 5000000.01
        self.assertEqual(self.kinds(claim), ["above_limit"])
        self.assertIn("5,000,000.00", claim.flag_ids.reason)
        claim.claimed_amount = 100
        self.assertEqual(self.kinds(claim), [])

    def test_only_a_director_clears_with_a_reason(self):
        claim = self.new_claim(claimed_amount=6000000, surveyor_id=self.surveyors[0].id, handler_id=self.handler.id)
        flag = claim.flag_ids
        Wizard = self.env["insurance.claim.flag.clear"]
        with self.assertRaises(AccessError):
            flag.with_user(self.handler_user).action_clear("The limit was raised by endorsement")
        with self.assertRaises(AccessError):
            flag.with_user(self.director_user).write({"state": "cleared"})
        with self.assertRaises(AccessError):
            flag.with_user(self.handler_user).write({"reason": "nothing"})
        with self.assertRaises(AccessError):
            self.env["insurance.claim.flag"].with_user(self.director_user).create(
                {"claim_id": claim.id, "kind": "early_loss", "key": "start", "reason": "made up"}
            )
        with self.assertRaises(AccessError):
            flag.with_user(self.director_user).unlink()
        with self.assertRaisesRegex(UserError, "Say why"):
            Wizard.with_user(self.director_user).create({"flag_ids": flag.ids, "reason": "  "}).action_clear()
        Wizard.with_user(self.director_user).create(
            {"flag_ids": flag.ids, "reason": "Endorsement 3 raised the limit to 8,000,000"}
        ).action_clear()
        self.assertEqual((flag.state, flag.cleared_by_id), ("cleared", self.director_user))
        self.assertEqual(flag.clear_reason, "Endorsement 3 raised the limit to 8,000,000")
        self.assertFalse(claim.is_flagged)
        self.assertTrue(claim.message_ids.filtered(lambda message: "Endorsement 3" in str(message.body)))
        claim.claimed_amount = 6500000
        self.assertEqual(claim.flag_ids, flag, "a cleared flag stays cleared, with its reason")
        with self.assertRaisesRegex(UserError, "already cleared"):
            flag.with_user(self.director_user).action_clear("again")

    def test_queries_do_not_grow_with_the_batch(self):
        Claim = self.env["insurance.claim"]
        self.company.claim_flag_repeat_days = 10  # each batch alone in its window

        def batch(count, day):
            claims = Claim.create(
                [
                    {
                        "company_id": self.company.id,
                        "claim_type_id": self.claim_type.id,
                        "policy_id": self.policy.id,
                        "coverage_id": self.policy.coverage_ids[:1].id,
                        "insured_id": self.tunnel.id,
                        "claimant_id": (self.li if index % 2 else self.wang).id,
                        "payee_id": self.garage.id,
                        "reported_at": DT(2026, day, 20, 2),
                        "loss_at": DT(2026, day, 20, 1),
                        "claimed_amount": 1000,
                    }
                    for index in range(count)
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            claims._flag_refresh()
            self.env.flush_all()
            return self.cr.sql_log_count - before

        batch(2, 3)  # warm the caches
        self.assertEqual(batch(3, 5), batch(9, 7))
