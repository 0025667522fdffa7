import base64
import datetime
import io

import openpyxl

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .money_common import DT, ClaimsMoneyCase, D


@tagged("post_install", "-at_install")
class TestClaimMoneyReports(ClaimsMoneyCase):
    """Bordereau and payouts in Excel, paid vs reserved vs recovered: to the cent, tied to the ledger."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["insurance.claim"])
        cls.liability_policy = cls.env["insurance.policy"].create(
            {
                "name": "PPR-MONEY-LIAB",
                "company_id": cls.company.id,
                "policyholder_id": cls.holder.id,
                "product_line": "liability",
                "date_start": D(2026, 1, 1),
                "date_end": D(2026, 12, 31),
                "sum_insured": 1000000,
                "state": "active",
                "coverage_ids": [Command.create({"name": "Third party", "limit_amount": 300000})],
            }
        )
        # c1: a reserve raised this month; c2: paid this month and a recovery; c3 (liability): reserve only
        cls.c1 = cls._claim(10000.10)
        cls.env["insurance.claim.reserve"].create(
            {"claim_id": cls.c1.id, "coverage_id": cls.cover.id, "amount": 333.33, "reason": "Quote"}
        )
        cls.c2 = cls._claim(20000.20)
        # a registered claim with its determinable amount (Art. 25), moved there by its transitions
        while cls.c2.state != "documents":
            cls.c2.action_next_stage()
        cls.c2.determinable_amount = 5000.05
        cls.payout = cls.env["insurance.claim.payout"].create(
            {"claim_id": cls.c2.id, "kind": "prepayment", "amount": 5000.05, "partner_bank_id": cls.holder_bank.id}
        )
        cls.payout.action_submit()
        cls.payout.action_create_bill()
        cls.payout.move_id.action_post()
        cls.recovery = cls.env["insurance.claim.recovery"].create(
            {"claim_id": cls.c2.id, "kind": "salvage", "partner_id": cls.repair_shop.id, "expected_amount": 1200.12}
        )
        cls.recovery.action_create_invoice()
        cls.recovery.move_id.action_post()
        cls.c3 = cls._claim(
            7777.77, policy_id=cls.liability_policy.id, coverage_id=cls.liability_policy.coverage_ids.id
        )

    @classmethod
    def _claim(cls, estimated, **values):
        vals = {
            "company_id": cls.company.id,
            "claim_type_id": cls.claim_type.id,
            "policy_id": cls.policy.id,
            "coverage_id": cls.cover.id,
            "claimant_id": cls.holder.id,
            "handler_id": cls.handler.id,
            "reported_at": DT(2026, 6, 18, 2, 0),
            "loss_at": DT(2026, 6, 18, 1, 0),
            "estimated_loss": estimated,
        }
        vals.update(values)
        return cls.env["insurance.claim"].create(vals)

    def _wizard(self, user=None, **values):
        vals = {"date_from": self.today.replace(day=1), "date_to": self.today}
        vals.update(values)
        return self.env["insurance.claim.money.report"].with_user(user or self.accountant_user).create(vals)

    def _sheet(self, data):
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        rows = list(sheet.iter_rows(min_row=3, values_only=True))
        return list(next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))), rows[:-1], rows[-1]

    def test_analysis_by_claim_product_and_month(self):
        Analysis = self.env["insurance.claim.money.analysis"].with_user(self.accountant_user)
        scope = [("company_id", "=", self.company.id)]
        by_claim = {
            claim: (reserve, paid, recovered, incurred)
            for claim, reserve, paid, recovered, incurred in Analysis._read_group(
                scope,
                ["claim_id"],
                ["reserve_amount:sum", "paid_amount:sum", "recovered_amount:sum", "incurred_amount:sum"],
            )
        }
        self.assertEqual(by_claim[self.c1], (10333.43, 0.0, 0.0, 10333.43))
        # the payout bill released 5,000.05 of the reserve and booked it as paid
        self.assertEqual(by_claim[self.c2], (15000.15, 5000.05, 1200.12, 18800.08))
        self.assertEqual(by_claim[self.c3], (7777.77, 0.0, 0.0, 7777.77))
        self.assertEqual(by_claim[self.c2][3], self.c2.currency_id.round(20000.20 - 1200.12))
        by_line = dict(Analysis._read_group(scope, ["product_line"], ["incurred_amount:sum"]))
        self.assertEqual(by_line["liability"], 7777.77)
        self.assertEqual(by_line["property"], 29133.51)
        months = {
            (D(month.year, month.month, 1), source): (reserve, paid)
            for month, source, reserve, paid in Analysis._read_group(
                scope, ["date:month", "source"], ["reserve_amount:sum", "paid_amount:sum"]
            )
        }
        self.assertEqual(months[D(2026, 6, 1), "reserve"], (37778.07, 0.0))
        this_month = self.today.replace(day=1)
        self.assertEqual(months[this_month, "reserve"], (self.c2.currency_id.round(333.33 - 5000.05), 0.0))
        self.assertEqual(months[this_month, "payout"], (0.0, 5000.05))
        # summed, the columns are the balances of the reserve, claims paid and recoveries accounts
        totals = Analysis._read_group(scope, [], ["reserve_amount:sum", "paid_amount:sum", "recovered_amount:sum"])[0]
        self.assertEqual(totals[0], -self.balance(self.reserve_account))
        self.assertEqual(totals[1], self.balance(self.paid_account))
        self.assertEqual(totals[2], -self.balance(self.accounting["claim_recovery_account_id"]))
        # a bill reset to draft leaves the analysis and gives the reserve back
        self.payout.move_id.button_draft()
        self.assertFalse(Analysis.search(scope + [("source", "=", "payout")]))
        self.assertEqual(
            Analysis._read_group(scope + [("claim_id", "=", self.c2.id)], [], ["reserve_amount:sum"])[0][0], 20000.20
        )

    def test_bordereau_excel_ties_to_the_ledger(self):
        wizard = self._wizard()
        headers, rows, total = self._sheet(wizard._bordereau_xlsx())
        self.assertEqual(headers[0], "Claim Number")
        self.assertEqual(headers[9:13], ["Outstanding Reserve", "Claims Paid", "Recovered", "Net Incurred"])
        by_name = {row[0]: row for row in rows}
        self.assertEqual(set(by_name), {self.c1.name, self.c2.name, self.c3.name})
        c2 = by_name[self.c2.name]
        self.assertEqual(c2[1:5], ("PPR-MONEY-1", "Property", None, self.holder.display_name))
        self.assertEqual((c2[5].date(), c2[6].date()), (D(2026, 6, 18), D(2026, 6, 18)))
        self.assertEqual(c2[8:14], (20000.20, 15000.15, 5000.05, 1200.12, 18800.08, self.holder.display_name))
        self.assertEqual(by_name[self.c3.name][2], "Liability")
        self.assertEqual(total[0], "Total")
        self.assertAlmostEqual(total[9], -self.balance(self.reserve_account), places=2)
        self.assertAlmostEqual(total[10], self.balance(self.paid_account), places=2)
        self.assertAlmostEqual(total[11], -self.balance(self.accounting["claim_recovery_account_id"]), places=2)
        self.assertAlmostEqual(total[12], 10333.43 + 18800.08 + 7777.77, places=2)
        # the product line filter, and a period before anything was booked
        _headers, rows, total = self._sheet(self._wizard(product_line="liability")._bordereau_xlsx())
        self.assertEqual([row[0] for row in rows], [self.c3.name])
        self.assertAlmostEqual(total[9], 7777.77, places=2)
        june = self._wizard(date_from=D(2026, 6, 1), date_to=D(2026, 6, 30))._bordereau_rows()
        self.assertEqual(sorted(row["reserve"] for row in june), [7777.77, 10000.10, 20000.20])
        self.assertFalse(self._wizard(date_from=D(2026, 5, 1), date_to=D(2026, 5, 31))._bordereau_rows())
        action = wizard.action_export_bordereau()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        self.assertTrue(base64.b64decode(attachment.datas).startswith(b"PK"))

    def test_payouts_excel_by_period_product_and_payee(self):
        self.ready_for(self.c1, "prepayment", 999.99)
        second = self.env["insurance.claim.payout"].create(
            {"claim_id": self.c1.id, "kind": "prepayment", "amount": 999.99, "partner_bank_id": self.holder_bank.id}
        )
        second.action_submit()
        second.action_create_bill()
        second.move_id.action_post()
        self.pay(self.payout.move_id)
        groups, payouts = self._wizard()._payout_rows()
        self.assertEqual(payouts, self.payout | second)
        month = self.today.strftime("%Y-%m")
        self.assertEqual(
            groups,
            [
                {
                    "month": month,
                    "product_line": "Property",
                    "payee": self.holder.display_name,
                    "count": 2,
                    "billed": 6000.04,
                    "paid": 5000.05,
                    "due": 999.99,
                }
            ],
        )
        headers, rows, total = self._sheet(self._wizard()._payouts_xlsx())
        self.assertEqual(headers, ["Month", "Product Line", "Payee", "Payouts", "Billed", "Paid", "Amount Due"])
        self.assertEqual(rows, [(month, "Property", self.holder.display_name, 2, 6000.04, 5000.05, 999.99)])
        self.assertAlmostEqual(total[4], self.balance(self.paid_account), places=2)
        self.assertFalse(self._wizard(product_line="liability")._payout_rows()[0])
        last_month = self.today.replace(day=1) - datetime.timedelta(days=1)
        self.assertFalse(self._wizard(date_from=last_month.replace(day=1), date_to=last_month)._payout_rows()[0])

    def test_access(self):
        """Directors and auditors read the reports; claim handlers do not; other companies stay hidden."""
        for user in (self.director_user, self.auditor_user, self.accountant_user):
            self.assertTrue(self.env["insurance.claim.money.analysis"].with_user(user).search_count([]))
            self.assertTrue(self._wizard(user=user)._bordereau_rows())
        with self.assertRaises(AccessError):
            self.env["insurance.claim.money.analysis"].with_user(self.handler_user).search([])
        with self.assertRaises(AccessError):
            self._wizard(user=self.handler_user)
        other = self.env["insurance.claim.money.analysis"].with_user(self.director_user)
        self.assertFalse(other.search([("company_id", "!=", self.company.id)]))
