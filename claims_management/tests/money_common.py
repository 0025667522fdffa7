import datetime

from odoo import Command
from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.tests import new_test_user

D = datetime.date
DT = datetime.datetime


class ClaimsMoneyCase(AccountTestInvoicingCommon):
    """A company with the generic chart, claims staff, an accountant and a policy in force."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tz="Asia/Shanghai"))
        cls.company = cls.company_data["company"]
        # the test user is an accounting manager; here also the claims director
        cls.env.user.groups_id += cls.env.ref("claims_management.group_claims_director") + cls.env.ref(
            "account.group_validate_bank_account"
        )
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        cls.director_user = new_test_user(
            cls.env, "money_director", groups="claims_management.group_claims_director", **common
        )
        cls.handler_user = new_test_user(
            cls.env, "money_handler", groups="claims_management.group_claims_user", **common
        )
        cls.auditor_user = new_test_user(
            cls.env, "money_auditor", groups="claims_management.group_claims_auditor", **common
        )
        # a bookkeeper: bills, payments and bank statement lines, no claims group
        cls.accountant_user = new_test_user(cls.env, "money_accountant", groups="account.group_account_user", **common)
        cls.handler = cls.env["hr.employee"].create(
            {"name": "Handler Han", "user_id": cls.handler_user.id, "company_id": cls.company.id}
        )
        cls.holder = cls.env["res.partner"].create({"name": "Liuyang Highway Maintenance Centre", "lang": "en_US"})
        cls.repair_shop = cls.env["res.partner"].create({"name": "Xiangjiang Repair Shop"})
        cls.holder_bank = cls.env["res.partner.bank"].create(
            {"acc_number": "6222 0000 1111 2222", "partner_id": cls.holder.id}
        )
        # validated (trusted) after the creation, as an accountant does
        cls.holder_bank.allow_out_payment = True
        cls.untrusted_bank = cls.env["res.partner.bank"].create(
            {"acc_number": "6222 0000 9999 8888", "partner_id": cls.repair_shop.id}
        )
        cls.policy = cls.env["insurance.policy"].create(
            {
                "name": "PPR-MONEY-1",
                "company_id": cls.company.id,
                "policyholder_id": cls.holder.id,
                "date_start": D(2026, 1, 1),
                "date_end": D(2026, 12, 31),
                "sum_insured": 10000000,
                "state": "active",
                "coverage_ids": [
                    Command.create({"name": "Property", "limit_amount": 500000, "deductible_amount": 5000})
                ],
            }
        )
        cls.cover = cls.policy.coverage_ids
        cls.claim_type = cls.env["insurance.claim.type"].create(
            {"name": "Highway property", "code": "HWP", "company_id": cls.company.id, "authority_limit": 50000}
        )
        cls.accounting = cls.company._claim_accounting()
        cls.reserve_account = cls.accounting["claim_reserve_account_id"]
        cls.change_account = cls.accounting["claim_reserve_change_account_id"]
        cls.paid_account = cls.accounting["claim_paid_account_id"]
        cls.bank_journal = cls.company_data["default_journal_bank"]

    def new_claim(self, user=None, **values):
        vals = {
            "company_id": self.company.id,
            "claim_type_id": self.claim_type.id,
            "policy_id": self.policy.id,
            "coverage_id": self.cover.id,
            "claimant_id": self.holder.id,
            "handler_id": self.handler.id,
            "reported_at": DT(2026, 6, 18, 2, 0),
            "loss_at": DT(2026, 6, 18, 1, 0),
            "estimated_loss": 80000,
        }
        vals.update(values)
        return self.env["insurance.claim"].with_user(user or self.env.user).create(vals)

    def to_stage(self, claim, state):
        """The handler moves the claim along the normal path (the real transitions) up to ``state``."""
        while claim.state != state:
            claim.with_user(self.handler_user).action_next_stage()
        return claim

    def register(self, claim, determinable=None):
        """A registered claim (documents stage) with the amount already determinable (Art. 25)."""
        self.to_stage(claim, "documents")
        if determinable is not None:
            claim.determinable_amount = determinable
        return claim

    def assess(self, claim, loss):
        """An assessment line (loss - 5,000 deductible), sent to review by the handler, approved by the director."""
        self.to_stage(claim, "assessment")
        self.env["insurance.claim.line"].create({"claim_id": claim.id, "assessed_loss": loss})
        claim.decision = "approve"
        self.to_stage(claim, "review")
        claim.with_user(self.director_user).action_director_approve()
        self.assertEqual(claim.state, "approved")
        return claim

    def reject(self, claim):
        """Rejected with a coded reason, by the director after the handler's review request."""
        self.to_stage(claim, "assessment")
        claim.write({"decision": "reject", "rejection_code": "not_covered"})
        self.to_stage(claim, "review")
        claim.with_user(self.director_user).action_director_approve()
        self.assertEqual(claim.state, "rejected")
        return claim

    def ready_for(self, claim, kind, amount):
        """Bring a claim where a payout of this kind and amount may be prepared."""
        if kind == "prepayment":
            if claim.state in ("reported", "dispatched", "surveyed"):
                self.register(claim)
            claim.determinable_amount = claim.determinable_amount + amount
        elif kind == "partial" and claim.state not in ("approved", "agreed", "paid"):
            self.assess(claim, 80000)
        return claim

    def balance(self, account, date=None):
        domain = [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        if date:
            domain.append(("date", "<=", date))
        lines = self.env["account.move.line"].search(domain)
        return self.company.currency_id.round(sum(lines.mapped("balance")))

    def pay(self, bill, bank=None):
        """Odoo's payment register, as the accountant."""
        return (
            self.env["account.payment.register"]
            .with_user(self.accountant_user)
            .with_context(active_model="account.move", active_ids=bill.ids)
            .create({"journal_id": self.bank_journal.id, "partner_bank_id": (bank or bill.partner_bank_id).id})
            ._create_payments()
        )
