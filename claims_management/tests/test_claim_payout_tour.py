import datetime

from odoo import Command, fields
from odoo.addons.insurance_base.tests.tour_common import InsuranceTourCase
from odoo.tests import new_test_user, tagged

SETTLEMENT = 1200.0


@tagged("post_install", "-at_install")
class TestClaimPayoutTour(InsuranceTourCase):
    """An accountant bills an approved claim payout, pays it with Odoo's payment register and matches the
    bank statement line with it, all in the browser."""

    def _pay_and_match_in(self, lang):
        env = self.env(context=dict(self.env.context, lang=lang))
        company = env.company
        common = {"company_id": company.id, "company_ids": [company.id], "lang": lang, "tz": "Asia/Shanghai"}
        accountant = new_test_user(env, f"clm_tour_accountant_{lang}", groups="account.group_account_user", **common)
        director = new_test_user(
            env, f"clm_pay_director_{lang}", groups="base.group_user,claims_management.group_claims_director", **common
        )
        handler_user = new_test_user(
            env, f"clm_pay_handler_{lang}", groups="base.group_user,claims_management.group_claims_user", **common
        )
        handler = env["hr.employee"].create(
            {"name": f"Payout handler {lang}", "user_id": handler_user.id, "company_id": company.id}
        )
        holder = env["res.partner"].create({"name": f"Payout claimant {lang}", "lang": lang})
        bank = env["res.partner.bank"].create({"acc_number": f"6222 0000 7777 {lang}", "partner_id": holder.id})
        bank.allow_out_payment = True  # validated (trusted) by the accountant after its creation
        policy = env["insurance.policy"].create(
            {
                "name": f"TOUR-PAYOUT-{lang}",
                "company_id": company.id,
                "policyholder_id": holder.id,
                "date_start": datetime.date(2026, 1, 1),
                "date_end": datetime.date(2026, 12, 31),
                "sum_insured": 100000,
                "state": "active",
                "coverage_ids": [Command.create({"name": "Property", "limit_amount": 50000})],
            }
        )
        claim_type = env["insurance.claim.type"].create(
            {
                "name": f"Payout type {lang}",
                "code": f"PAY{lang[:2].upper()}",
                "company_id": company.id,
                "authority_limit": 50000,
            }
        )
        claim = env["insurance.claim"].create(
            {
                "company_id": company.id,
                "claim_type_id": claim_type.id,
                "policy_id": policy.id,
                "coverage_id": policy.coverage_ids.id,
                "claimant_id": holder.id,
                "handler_id": handler.id,
                "reported_at": datetime.datetime(2026, 6, 18, 2, 0),
                "loss_at": datetime.datetime(2026, 6, 18, 1, 0),
                "estimated_loss": SETTLEMENT,
            }
        )
        as_handler = claim.with_user(handler_user)
        while as_handler.state != "assessment":
            as_handler.action_next_stage()
        env["insurance.claim.line"].with_user(handler_user).create(
            {"claim_id": claim.id, "name": "Gate", "coverage_id": policy.coverage_ids.id, "assessed_loss": SETTLEMENT}
        )
        as_handler.decision = "approve"
        while as_handler.state != "review":
            as_handler.action_next_stage()
        claim.with_user(director).action_director_approve()
        as_handler.action_claimant_agrees()
        payout = claim.payout_ids
        self.assertEqual((payout.kind, payout.amount), ("final", SETTLEMENT))
        payout.with_user(handler_user).partner_bank_id = bank
        payout.with_user(handler_user).action_submit()
        self.assertEqual(payout.state, "approved", "within the authority limit: no director needed")
        # the bank's statement, as imported: the transfer names the claim
        bank_journal = env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], order="id", limit=1
        )
        line = env["account.bank.statement.line"].create(
            {
                "journal_id": bank_journal.id,
                "date": fields.Date.context_today(bank_journal),
                "amount": -SETTLEMENT,
                "payment_ref": f"Settlement {claim.name}",
            }
        )
        payment_states = dict(env["insurance.claim.payout"]._fields["payment_state"]._description_selection(env))
        payout_url = f"/odoo/action-claims_management.insurance_claim_payout_action/{payout.id}"
        values = {
            "payoutUrl": payout_url,
            "amount": self.tour_amount(env, SETTLEMENT),
            "zero": self.tour_amount(env, 0.0),
            "paid": payment_states["paid"],
            "inPayment": payment_states["in_payment"],
            "claim": claim.name,
            "payee": holder.name,
            "bankLineUrl": f"/odoo/action-claims_management.account_bank_statement_line_action_claims/{line.id}",
        }
        self.start_tour_with_values(
            payout_url,
            "claims_payout_pay_and_match_tour",
            values,
            login=accountant.login,
        )
        self.assertEqual(payout.state, "billed")
        self.assertEqual((payout.move_id.state, payout.move_id.amount_total), ("posted", SETTLEMENT))
        self.assertIn(payout.payment_state, ("paid", "in_payment"))
        self.assertTrue(line.is_reconciled)
        self.assertTrue(payout.bank_reconciled)
        self.assertEqual(claim.state, "paid")

    def test_pay_and_match_english(self):
        self._pay_and_match_in("en_US")

    def test_pay_and_match_chinese(self):
        self._pay_and_match_in("zh_CN")
