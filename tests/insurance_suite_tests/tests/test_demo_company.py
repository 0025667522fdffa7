"""The demo company is a Chinese insurer branch on the chart for large enterprises (insurance_demo_cn)."""

import datetime

from odoo import Command
from odoo.addons.claims_management.tests.money_common import ClaimsMoneyCase
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.misc import format_amount

DT = datetime.datetime


@tagged("post_install", "-at_install")
class TestDemoCompany(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tz="Asia/Shanghai"))
        cls.company = cls.env.ref("base.main_company")

    def test_chinese_insurer_branch(self):
        company = self.company
        self.assertEqual(company.country_id, self.env.ref("base.cn"))
        self.assertEqual(company.currency_id.name, "CNY")
        self.assertEqual(company.partner_id.tz, "Asia/Shanghai")
        self.assertEqual(company.chart_template, "cn_large_bis")
        self.assertEqual(company.account_fiscal_country_id.code, "CN")
        self.assertEqual(company.state_id, self.env.ref("base.state_cn_HN"))
        self.assertEqual(company.partner_id.city_id.name, "长沙市天心区")
        self.assertTrue(company.logo)
        self.assertIn("中心支公司", company.name)
        for user in self.env.ref("base.user_admin") | self.env.ref("base.user_demo"):
            self.assertEqual(user.tz, "Asia/Shanghai", user.login)
            self.assertEqual(user.company_ids, company, "the demo insurer is the demo users' only company")
        modules = self.env["ir.module.module"].search([("name", "in", ("l10n_cn", "l10n_cn_city", "l10n_us"))])
        self.assertEqual(
            {module.name: module.state for module in modules},
            {"l10n_cn": "installed", "l10n_cn_city": "installed", "l10n_us": "uninstalled"},
        )

    def test_amounts_show_in_yuan(self):
        currency = self.company.currency_id
        self.assertEqual(currency.symbol, "¥")
        for lang in ("en_US", "zh_CN"):
            shown = format_amount(self.env(context={"lang": lang}), 1234.5, currency)
            self.assertIn("¥", shown, lang)
            self.assertIn("1,234.50", shown, lang)

    def test_demo_addresses_are_chinese(self):
        farm = self.env.ref("complaint_management.demo_complainant_farm")
        self.assertEqual(farm.country_id.code, "CN")
        self.assertEqual(farm.state_id, self.env.ref("base.state_cn_HN"))
        self.assertEqual(farm.city_id, self.env.ref("l10n_cn_city.china_city_410300"))
        self.assertEqual(farm.city_id.name, "长沙市浏阳市")
        self.assertEqual(self.env.ref("claims_management.demo_partner_liuyang_road").name, "浏阳市公路养护中心")
        self.assertEqual(self.env.ref("claims_management.demo_claim_type_highway_property").name, "公路财产损失")
        # the demo people are the branch's staff
        self.assertEqual(self.env.ref("base.user_admin").name, "王建华")
        self.assertEqual(self.env.ref("hr.employee_qdp").name, "陈国平")
        self.assertEqual(self.env.ref("duty_roster.demo_post_hotline").name, "理赔热线 95099")

    def test_typed_city_gets_its_city_record(self):
        """A Chinese address typed with the city's name gets the city record (l10n_cn enforces cities)."""
        Partner = self.env["res.partner"]
        cn, hunan = self.env.ref("base.cn"), self.env.ref("base.state_cn_HN")
        liuyang = self.env.ref("l10n_cn_city.china_city_410300")
        typed, other_province, unknown, abroad = Partner.create(
            [
                {"name": "浏阳客户", "city": "长沙市浏阳市", "country_id": cn.id},
                {
                    "name": "错省客户",
                    "city": "长沙市浏阳市",
                    "country_id": cn.id,
                    "state_id": self.env.ref("base.state_cn_GD").id,
                },
                {"name": "未知城市", "city": "不存在市", "country_id": cn.id},
                {"name": "Abroad", "city": "长沙市浏阳市", "country_id": self.env.ref("base.fr").id},
            ]
        )
        self.assertEqual((typed.city_id, typed.state_id, typed.zip), (liuyang, hunan, "410300"))
        self.assertFalse(other_province.city_id, "a city of another province is not guessed")
        self.assertFalse(unknown.city_id)
        self.assertFalse(abroad.city_id, "only countries that enforce cities")


@tagged("post_install", "-at_install")
class TestDemoCompanyClaimsAccounting(TransactionCase):
    """A reserve movement, a payout bill and recoveries of the demo company post to the insurance accounts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tz="Asia/Shanghai"))
        cls.company = cls.env.ref("base.main_company")
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        cls.director_user = new_test_user(
            cls.env, "cn_director", groups="claims_management.group_claims_director", **common
        )
        cls.handler_user = new_test_user(cls.env, "cn_handler", groups="claims_management.group_claims_user", **common)
        cls.accountant_user = new_test_user(
            cls.env,
            "cn_accountant",
            groups="account.group_account_manager,account.group_validate_bank_account",
            **common,
        )
        cls.handler = cls.env["hr.employee"].create(
            {"name": "韩理赔", "user_id": cls.handler_user.id, "company_id": cls.company.id}
        )
        cls.holder = cls.env["res.partner"].create({"name": "长沙市路桥养护有限公司", "is_company": True})
        cls.bank = cls.env["res.partner.bank"].create(
            {"acc_number": "6222 0201 0000 1234", "partner_id": cls.holder.id}
        )
        cls.bank.allow_out_payment = True  # validated (trusted), as an accountant does
        cls.policy = cls.env["insurance.policy"].create(
            {
                "name": "PPR-CN-TEST-1",
                "company_id": cls.company.id,
                "policyholder_id": cls.holder.id,
                "date_start": datetime.date(2026, 1, 1),
                "date_end": datetime.date(2026, 12, 31),
                "sum_insured": 5000000,
                "state": "active",
                "coverage_ids": [Command.create({"name": "财产损失", "limit_amount": 500000})],
            }
        )
        cls.claim_type = cls.env["insurance.claim.type"].create(
            {"name": "路产损失", "code": "CNT", "company_id": cls.company.id, "authority_limit": 50000}
        )
        cls.accounting = cls.company._claim_accounting()

    def account(self, code):
        Account = self.env["account.account"]
        return Account.search([*Account._check_company_domain(self.company), ("code", "=", code)])

    def balance(self, account, moves):
        lines = moves.line_ids.filtered(lambda line: line.account_id == account)
        return self.company.currency_id.round(sum(lines.mapped("balance")))

    def test_defaults_are_the_charts_insurance_accounts(self):
        codes = {
            name: self.accounting[name].code
            for name in (
                "claim_paid_account_id",
                "claim_reserve_account_id",
                "claim_reserve_change_account_id",
                "claim_recovery_account_id",
                "claim_subrogation_account_id",
                "claim_salvage_account_id",
            )
        }
        self.assertEqual(
            codes,
            {
                "claim_paid_account_id": "651100",
                "claim_reserve_account_id": "260200",
                "claim_reserve_change_account_id": "650200",
                "claim_recovery_account_id": "620200",
                "claim_subrogation_account_id": "120100",
                "claim_salvage_account_id": "122102",
            },
        )
        # the chart's own accounts, not new ones beside them
        self.assertEqual(self.accounting["claim_paid_account_id"], self.account("651100"))
        self.assertEqual(len(self.account("651100")), 1)
        self.assertEqual(self.accounting["claim_paid_account_id"].with_context(lang="zh_CN").name, "赔付支出")
        self.assertEqual(self.accounting["claim_payment_journal_id"].type, "bank")
        self.assertEqual(self.accounting["claim_subrogation_account_id"].account_type, "asset_receivable")

    def test_reserve_and_payout_post_to_the_insurance_accounts(self):
        claim = (
            self.env["insurance.claim"]
            .with_user(self.handler_user)
            .create(
                {
                    "company_id": self.company.id,
                    "claim_type_id": self.claim_type.id,
                    "policy_id": self.policy.id,
                    "coverage_id": self.policy.coverage_ids.id,
                    "claimant_id": self.holder.id,
                    "handler_id": self.handler.id,
                    "reported_at": DT(2026, 6, 18, 2, 0),
                    "loss_at": DT(2026, 6, 18, 1, 0),
                    "estimated_loss": 30000,
                }
            )
        )
        reserve = claim.reserve_ids
        reserve.with_user(self.accountant_user).action_post_entries()
        self.assertEqual(reserve.state, "posted")
        self.assertEqual(self.balance(self.account("650200"), reserve.move_id), 30000)
        self.assertEqual(self.balance(self.account("260200"), reserve.move_id), -30000)
        while claim.state != "documents":
            claim.with_user(self.handler_user).action_next_stage()
        claim.determinable_amount = 12000
        # a second bank account of the branch is chosen for the claims payments
        self.assertEqual(self.accounting["claim_payment_journal_id"].name, "Bank")
        claims_bank = self.env["account.journal"].create(
            {"name": "建设银行理赔专户", "code": "CCB", "type": "bank", "sequence": 99, "company_id": self.company.id}
        )
        self.company.claim_payment_journal_id = claims_bank
        payout = (
            self.env["insurance.claim.payout"]
            .with_user(self.handler_user)
            .create({"claim_id": claim.id, "kind": "prepayment", "amount": 12000, "partner_bank_id": self.bank.id})
        )
        payout.with_user(self.handler_user).action_submit()
        payout.with_user(self.accountant_user).action_create_bill()
        bill = payout.move_id
        bill.with_user(self.accountant_user).action_post()
        self.assertEqual(self.balance(self.account("651100"), bill), 12000)
        release = claim.reserve_ids.filtered(lambda movement: movement.kind == "payment")
        self.assertEqual(self.balance(self.account("260200"), release.move_id), 12000)
        self.assertEqual(self.balance(self.account("650200"), release.move_id), -12000)
        self.assertIn("¥", format_amount(self.env, bill.amount_total, bill.currency_id))
        # the payment register proposes the bank journal the chart gave
        register = (
            self.env["account.payment.register"]
            .with_user(self.accountant_user)
            .with_context(active_model="account.move", active_ids=bill.ids)
            .create({})
        )
        self.assertEqual(register.journal_id, claims_bank)
        register._create_payments()
        self.assertIn(bill.payment_state, ("in_payment", "paid"))

        # subrogation: 借 应收代位追偿款 贷 赔付支出; reinsurance: 摊回赔付支出
        Recovery = self.env["insurance.claim.recovery"].with_user(self.accountant_user)
        third_party = self.env["res.partner"].create({"name": "湘A·12345 车主"})
        subrogation, reinsurance = Recovery.create(
            [
                {"claim_id": claim.id, "kind": "subrogation", "partner_id": third_party.id, "expected_amount": 5000},
                {"claim_id": claim.id, "kind": "reinsurance", "partner_id": third_party.id, "expected_amount": 3000},
            ]
        )
        (subrogation | reinsurance).action_create_invoice()
        (subrogation.move_id | reinsurance.move_id).action_post()
        self.assertEqual(self.balance(self.account("120100"), subrogation.move_id), 5000)
        self.assertEqual(self.balance(self.account("651100"), subrogation.move_id), -5000)
        self.assertEqual(self.balance(self.account("620200"), reinsurance.move_id), -3000)
        self.assertEqual(self.balance(self.account("112200"), reinsurance.move_id), 3000)


@tagged("post_install", "-at_install")
class TestOtherChartKeepsWorking(ClaimsMoneyCase):
    """A second company on the generic chart keeps today's claims accounts and recoveries."""

    def test_generic_chart_defaults_and_recovery(self):
        self.assertEqual(self.company.chart_template, "generic_coa")
        self.assertNotEqual(self.paid_account.code, "651100")
        self.assertEqual(self.paid_account.name, "Claims Paid")
        self.assertFalse(self.accounting["claim_subrogation_account_id"])
        self.assertFalse(self.accounting["claim_salvage_account_id"])
        self.assertEqual(self.accounting["claim_payment_journal_id"].type, "bank")
        claim = self.register(self.new_claim())
        recovery = self.env["insurance.claim.recovery"].create(
            {"claim_id": claim.id, "kind": "subrogation", "partner_id": self.repair_shop.id, "expected_amount": 700}
        )
        recovery.action_create_invoice()
        recovery.move_id.action_post()
        income = recovery.move_id.line_ids.filtered(lambda line: line.display_type == "product")
        receivable = recovery.move_id.line_ids.filtered(lambda line: line.display_type == "payment_term")
        self.assertEqual(income.account_id, self.accounting["claim_recovery_account_id"])
        self.assertEqual(receivable.account_id, self.repair_shop.property_account_receivable_id)
