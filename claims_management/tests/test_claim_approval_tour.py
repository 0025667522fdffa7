import datetime

from odoo import Command
from odoo.addons.insurance_base.tests.tour_common import InsuranceTourCase
from odoo.tests import new_test_user, tagged

# the cover's limit; the claim's assessment uses all of it
LIMIT = 1200.0


@tagged("post_install", "-at_install")
class TestClaimApprovalTour(InsuranceTourCase):
    """A claims director approves, in the browser, a claim whose assessment is exactly the cover's limit."""

    def _approve_at_the_limit_in(self, lang):
        env = self.env(context=dict(self.env.context, lang=lang))
        company = env.company
        common = {"company_id": company.id, "company_ids": [company.id], "lang": lang}
        director = new_test_user(
            env,
            f"clm_limit_director_{lang}",
            groups="base.group_user,claims_management.group_claims_director",
            **common,
        )
        handler_user = new_test_user(
            env, f"clm_limit_handler_{lang}", groups="base.group_user,claims_management.group_claims_user", **common
        )
        handler = env["hr.employee"].create(
            {"name": f"Limit handler {lang}", "user_id": handler_user.id, "company_id": company.id}
        )
        policy = env["insurance.policy"].create(
            {
                "name": f"TOUR-LIMIT-{lang}",
                "company_id": company.id,
                "policyholder_id": env["res.partner"].create({"name": f"Limit holder {lang}"}).id,
                "date_start": datetime.date(2026, 1, 1),
                "date_end": datetime.date(2026, 12, 31),
                "sum_insured": 100000,
                "state": "active",
                "coverage_ids": [Command.create({"name": "Glass", "limit_amount": LIMIT})],
            }
        )
        cover = policy.coverage_ids
        claim_type = env["insurance.claim.type"].create(
            {"name": f"Limit type {lang}", "code": f"LIM{lang[:2].upper()}", "company_id": company.id}
        )
        claim = env["insurance.claim"].create(
            {
                "company_id": company.id,
                "claim_type_id": claim_type.id,
                "policy_id": policy.id,
                "coverage_id": cover.id,
                "claimant_id": policy.policyholder_id.id,
                "handler_id": handler.id,
                "reported_at": datetime.datetime(2026, 6, 18, 2, 0),
                "loss_at": datetime.datetime(2026, 6, 18, 1, 0),
                "estimated_loss": LIMIT,
            }
        )
        # the handler takes it through the real stages and sends it to the director
        as_handler = claim.with_user(handler_user)
        while as_handler.state != "assessment":
            as_handler.action_next_stage()
        env["insurance.claim.line"].with_user(handler_user).create(
            {"claim_id": claim.id, "name": "Windscreen", "coverage_id": cover.id, "assessed_loss": LIMIT}
        )
        as_handler.decision = "approve"
        while as_handler.state != "review":
            as_handler.action_next_stage()
        self.assertEqual(claim.assessed_amount, LIMIT, "the assessment uses the whole limit")
        self.assertEqual(cover.limit_amount, claim.assessed_amount)

        approved_label = self.tour_label(claim, "state", "approved")
        self.start_tour_with_values(
            f"/odoo/action-claims_management.insurance_claim_action/{claim.id}",
            "claims_director_approval_tour",
            {"amount": self.tour_amount(env, LIMIT), "approved": approved_label, "claim": claim.name},
            login=director.login,
        )
        self.assertEqual(claim.state, "approved")
        self.assertEqual(claim.stage_log_ids.filtered(lambda log: log.state_to == "approved").user_id, director)

    def test_approval_at_the_limit_english(self):
        self._approve_at_the_limit_in("en_US")

    def test_approval_at_the_limit_chinese(self):
        self._approve_at_the_limit_in("zh_CN")
