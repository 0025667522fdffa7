from odoo.tests import tagged

from .money_common import ClaimsMoneyCase


@tagged("post_install", "-at_install")
class TestClaimMoneyBatch(ClaimsMoneyCase):
    """Many reserve entries and payout bills posted at once: numbered like Odoo does, one after the other."""

    def _consecutive(self, moves):
        moves = moves.sorted("sequence_number")
        self.assertEqual(len(set(moves.mapped("name"))), len(moves))
        self.assertEqual(len(set(moves.mapped("sequence_prefix"))), 1)
        first = moves[0].sequence_number
        self.assertEqual(moves.mapped("sequence_number"), list(range(first, first + len(moves))))
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        self.assertFalse(moves.filtered("made_sequence_gap"))

    def test_reserves_and_bills_in_one_batch(self):
        claims = self.env["insurance.claim"]
        for index in range(4):
            claims |= self.new_claim(user=self.handler_user, estimated_loss=1000.01 * (index + 1))
        reserves = claims.reserve_ids
        self.assertEqual(set(reserves.mapped("state")), {"draft"})
        reserves.with_user(self.accountant_user)._post_entries()
        self._consecutive(reserves.move_id)
        self.assertEqual(-self.balance(self.reserve_account), 10000.10)
        for claim in claims:
            self.ready_for(claim, "prepayment", 100.25)
        payouts = self.env["insurance.claim.payout"].create(
            [
                {"claim_id": claim.id, "kind": "prepayment", "amount": 100.25, "partner_bank_id": self.holder_bank.id}
                for claim in claims
            ]
        )
        payouts.action_submit()
        payouts.with_user(self.accountant_user).action_create_bill()
        self.assertEqual(len(payouts.move_id), 4)
        self.assertEqual(payouts.mapped("move_id.amount_total"), [100.25] * 4)
        payouts.move_id.with_user(self.accountant_user).action_post()
        self._consecutive(payouts.move_id)
        releases = claims.reserve_ids.filtered(lambda movement: movement.kind == "payment")
        self.assertEqual(len(releases), 4)
        self._consecutive(releases.move_id)
        self.assertEqual(-self.balance(self.reserve_account), 10000.10 - 401.00)
        self.assertEqual(self.balance(self.paid_account), 401.00)
        # the next entry posted alone follows the batch
        single = self.env["insurance.claim.reserve"].create(
            {"claim_id": claims[0].id, "coverage_id": self.cover.id, "amount": 1, "reason": "Quote"}
        )
        self._consecutive(releases.move_id | single.move_id)
