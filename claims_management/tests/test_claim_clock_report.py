from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models.insurance_claim_type import CLOCK_TYPE_FIELDS
from .common import D
from .test_claim_documents import ClaimDocumentsCase

MEASURES = ["on_time_count:sum", "late_count:sum", "overdue_count:sum", "not_due_count:sum", "on_time_rate:avg"]


@tagged("post_install", "-at_install")
class TestClaimClockReport(ClaimDocumentsCase):
    """On-time rate per statutory clock, and claim types that switch clocks off.

    Every claim below is complex with its materials complete on 25 June 2026 (decision due 25 July),
    unless said otherwise; the report is read on 10 August 2026 (Asia/Shanghai).
    """

    def new_claim(self, **values):
        values.setdefault("surveyor_id", self.surveyors[0].id)
        values.setdefault("handler_id", self.handler.id)
        return super().new_claim(**values)

    def complete(self, claim, when="2026-06-25 02:00:00"):
        with freeze_time(when):
            claim.action_mark_materials_complete()
        return claim

    def walk(self, claim, steps, when):
        with freeze_time(when):
            for step in steps:
                if step == "dispatch":
                    self.assertEqual(claim.state, "dispatched", "dispatched at intake")
                elif step == "next":
                    claim.action_next_stage()
                elif step in ("approve", "reject"):
                    if step == "reject":
                        claim.write({"decision": "reject", "rejection_code": "exclusion"})
                    else:
                        claim.decision = "approve"
                    claim.action_next_stage()
                    claim.action_next_stage()
                    claim.with_user(self.director_user).action_director_approve()
                elif step == "agree":
                    claim.action_claimant_agrees()
                elif step == "paid":
                    claim._move("paid", ("agreed",))
                elif step == "notice":
                    claim.action_rejection_notice_sent()
                elif step == "withdraw":
                    claim.action_withdraw()
        return claim

    def to_assessment(self, claim):
        return self.walk(claim, ["dispatch", "next", "next", "next"], "2026-06-25 03:00:00")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.no_decision_type = cls.env["insurance.claim.type"].create(
            {"name": "Subsidy", "code": "SUB", "company_id": cls.company.id, "clock_decision": False}
        )

    def figures(self, domain=(), groupby="kind"):
        Report = self.env["insurance.clock.report"]
        domain = [("company_id", "=", self.company.id), ("addon", "=", "insurance.claim"), *domain]
        return {
            key: (on_time, late, overdue, not_due, round(rate, 1) if rate is not None else None)
            for key, on_time, late, overdue, not_due, rate in Report._read_group(domain, [groupby], MEASURES)
        }

    def build_claims(self):
        claims = {}
        # A: decided on 20 July (on time); not agreed yet, so the prepayment clock runs (due 24 August)
        claims["A"] = self.walk(self.to_assessment(self.complete(self.new_claim())), ["approve"], "2026-07-20 02:00:00")
        # B: decided on 28 July (3 days late); agreed 29 July: payment due 8 August, unpaid
        claims["B"] = self.walk(self.to_assessment(self.complete(self.new_claim())), ["approve"], "2026-07-28 02:00:00")
        self.walk(claims["B"], ["agree"], "2026-07-29 02:00:00")
        # C: still in assessment: the decision is overdue; a first document came on 1 June: prepayment due 31 July
        claims["C"] = self.new_claim()
        with freeze_time("2026-06-01 02:00:00"):
            self.doc(claims["C"], "Photos").action_receive()
        self.to_assessment(self.complete(claims["C"]))
        # D: materials complete on 20 July: decision due 19 August, prepayment due 18 September
        claims["D"] = self.complete(self.new_claim(), "2026-07-20 02:00:00")
        # E: rejected on 20 July, the notice sent on 21 July (due 23 July)
        claims["E"] = self.walk(self.to_assessment(self.complete(self.new_claim())), ["reject"], "2026-07-20 02:00:00")
        self.walk(claims["E"], ["notice"], "2026-07-21 02:00:00")
        # F: withdrawn before any decision: its clocks stopped unmet and are left out
        claims["F"] = self.walk(self.complete(self.new_claim()), ["withdraw"], "2026-07-01 02:00:00")
        # G: a type without the decision clock: only the prepayment clock runs
        claims["G"] = self.complete(self.new_claim(claim_type_id=self.no_decision_type.id))
        # H: decided and agreed on 1 July, paid on 5 July (payment due 11 July)
        claims["H"] = self.walk(
            self.to_assessment(self.complete(self.new_claim())), ["approve", "agree"], "2026-07-01 02:00:00"
        )
        self.walk(claims["H"], ["paid"], "2026-07-05 02:00:00")
        # I: rejected on 8 August (decision late), notice due 11 August, not sent yet
        claims["I"] = self.walk(self.to_assessment(self.complete(self.new_claim())), ["reject"], "2026-08-08 02:00:00")
        return claims

    def test_on_time_rate_per_clock(self):
        claims = self.build_claims()
        self.assertFalse(claims["G"].decision_due_date, "switched off on the claim type")
        self.assertEqual(claims["B"].payment_due_date, D(2026, 8, 8))
        self.assertEqual(claims["C"].prepayment_due_date, D(2026, 7, 31))
        self.assertEqual(claims["I"].rejection_notice_due_date, D(2026, 8, 11))
        with freeze_time("2026-08-10 02:00:00"):
            figures = self.figures()
            # (on time, late, open overdue, open not yet due, on-time rate %)
            self.assertEqual(
                figures,
                {
                    # on time A, E, H; late B, I; overdue C; not due D  -> 3 / 6
                    "claim_decision": (3, 2, 1, 1, 50.0),
                    # on time H; overdue B -> 1 / 2
                    "claim_payment": (1, 0, 1, 0, 50.0),
                    # on time E; not due I -> 1 / 1
                    "claim_rejection_notice": (1, 0, 0, 1, 100.0),
                    # on time B, H (settled by day 60); overdue C; not due A, D, G; E and I rejected: nothing to
                    # prepay, left out -> 2 / 3
                    "claim_prepayment": (2, 0, 1, 3, 66.7),
                },
            )
            Report = self.env["insurance.clock.report"]
            claim_rows = [("res_model", "=", "insurance.claim")]
            rows = Report.search([*claim_rows, ("res_id", "in", claims["B"].ids)])
            self.assertEqual(
                sorted((row.kind, row.due_date, row.met_date, row.status, row.days_late) for row in rows),
                [
                    ("claim_decision", D(2026, 7, 25), D(2026, 7, 28), "late", 3),
                    ("claim_payment", D(2026, 8, 8), False, "overdue", 2),
                    ("claim_prepayment", D(2026, 8, 24), D(2026, 7, 29), "on_time", 0),
                ],
            )
            self.assertFalse(
                Report.search([*claim_rows, ("res_id", "=", claims["F"].id)]), "withdrawn: no clock was met"
            )
            # filtered by period (due in July), by handler
            july = [("due_date", ">=", D(2026, 7, 1)), ("due_date", "<=", D(2026, 7, 31))]
            self.assertEqual(
                self.figures(july),
                {
                    "claim_decision": (3, 2, 1, 0, 50.0),
                    "claim_payment": (1, 0, 0, 0, 100.0),
                    "claim_rejection_notice": (1, 0, 0, 0, 100.0),
                    "claim_prepayment": (0, 0, 1, 0, 0.0),
                },
            )
            by_handler = self.figures(groupby="user_id")
            self.assertEqual(by_handler[self.handler_user], (7, 2, 3, 5, 58.3), "7 / (7 + 2 + 3)")
        # a week later the rejection notice of I is overdue
        with freeze_time("2026-08-17 02:00:00"):
            self.assertEqual(self.figures()["claim_rejection_notice"], (1, 0, 1, 0, 50.0))

    def test_report_access_and_companies(self):
        claim = self.to_assessment(self.complete(self.new_claim()))
        other_company = self.env["res.company"].create({"name": "Changsha Branch"})
        Report = self.env["insurance.clock.report"]
        with freeze_time("2026-08-10 02:00:00"):
            rows = Report.with_user(self.director_user).search([])
            self.assertEqual(set(rows.mapped("res_id")), {claim.id})
            self.assertEqual(rows.company_id, self.company)
            self.assertEqual(Report.with_user(self.auditor_user).search_count([]), 2, "decision and prepayment")
            self.director_user.write({"company_ids": [(4, other_company.id)]})
            other = Report.with_user(self.director_user).with_context(allowed_company_ids=other_company.ids)
            self.assertFalse(other.search([]), "the multi-company rule")
            with self.assertRaises(AccessError):
                Report.with_user(self.handler_user).search([])

    def test_clock_switched_off_by_the_type(self):
        claim = self.complete(self.new_claim(claim_type_id=self.no_decision_type.id))
        self.assertFalse(claim.decision_due_date)
        self.assertEqual(claim.prepayment_due_date, D(2026, 8, 24))
        self.assertEqual((claim.next_due_date, claim.next_due_clock), (D(2026, 8, 24), "claim_prepayment"))
        with freeze_time("2026-07-26 02:00:00"):  # a decision clock would be overdue by now
            self.env["insurance.clock"]._cron_sweep()
        self.assertFalse(claim.clock_ids.alert_ids)
        self.assertFalse(claim.activity_ids)
        # every clock off: the running ones stop
        self.no_decision_type.write(dict.fromkeys(CLOCK_TYPE_FIELDS.values(), False))
        claim._clock_refresh_specs()
        self.assertFalse(claim.decision_due_date or claim.prepayment_due_date or claim.next_due_date)

    def test_new_types_have_every_clock(self):
        claim_type = self.env["insurance.claim.type"].create(
            {"name": "Motor", "code": "MOT", "company_id": self.company.id}
        )
        self.assertTrue(all(claim_type[name] for name in CLOCK_TYPE_FIELDS.values()))
