import datetime

from odoo import Command, fields
from odoo.addons.insurance_base.tests.tour_common import InsuranceTourCase
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

SETTLEMENT = 1200.0


@tagged("post_install", "-at_install")
class TestClaimPortalTour(InsuranceTourCase):
    """A claimant reports a claim on the portal, sends the documents asked for, and, once the insurer has
    approved it, accepts the settlement offer on the portal."""

    def _claimant_journey_in(self, lang):
        env = self.env(context=dict(self.env.context, lang=lang))
        company = env.company
        common = {"company_id": company.id, "company_ids": [company.id], "lang": lang, "tz": "Asia/Shanghai"}
        holder = env["res.partner"].create({"name": f"Portal claimant {lang}", "lang": lang})
        claimant = new_test_user(
            env, f"clm_portal_claimant_{lang}", groups="base.group_portal", partner_id=holder.id, **common
        )
        director = new_test_user(
            env,
            f"clm_portal_director_{lang}",
            groups="base.group_user,claims_management.group_claims_director",
            **common,
        )
        handler_user = new_test_user(
            env, f"clm_portal_handler_{lang}", groups="base.group_user,claims_management.group_claims_user", **common
        )
        handler = env["hr.employee"].create(
            {"name": f"Portal handler {lang}", "user_id": handler_user.id, "company_id": company.id}
        )
        # in force today: the portal offers only the policies in force
        today = fields.Date.context_today(env.user.with_context(tz="Asia/Shanghai"))
        policy = env["insurance.policy"].create(
            {
                "name": f"TOUR-PORTAL-{lang}",
                "company_id": company.id,
                "policyholder_id": holder.id,
                "date_start": today - datetime.timedelta(days=200),
                "date_end": today + datetime.timedelta(days=165),
                "sum_insured": 100000,
                "state": "active",
                "coverage_ids": [Command.create({"name": "Contents", "limit_amount": 50000})],
            }
        )
        claim_type = env["insurance.claim.type"].create(
            {
                "name": f"Portal water damage {lang}",
                "code": f"PWD{lang[:2].upper()}",
                "company_id": company.id,
                "document_template_ids": [
                    Command.create({"name": f"Loss report {lang}", "sequence": 1, "allowed_formats": "pdf"}),
                    Command.create({"name": f"Repair quote {lang}", "sequence": 2, "allowed_formats": "pdf"}),
                ],
            }
        )
        loss_date = today - datetime.timedelta(days=2)
        values = {
            "policy": policy.id,
            "claimType": claim_type.id,
            "lossDate": fields.Date.to_string(loss_date),
            "lossDateShown": self.tour_date(env, loss_date),
            "place": f"Furong Road 8 {lang}",
            "documents": claim_type.document_template_ids.mapped("name"),
            "reported": self.tour_label(env["insurance.claim"], "state", "reported"),
        }
        self.start_tour_with_values("/my/claims/new", "claims_portal_report_tour", values, login=claimant.login)
        claim = env["insurance.claim"].search([("policy_id", "=", policy.id)])
        self.assertEqual(len(claim), 1)
        self.assertEqual((claim.claimant_id, claim.channel, claim.loss_date), (holder, "portal", loss_date))
        self.assertEqual(claim.document_ids.mapped("state"), ["received", "received"])
        self.assertFalse(claim._missing_documents())

        # the insurer's staff assess and approve it (the real transitions)
        claim.handler_id = handler
        as_handler = claim.with_user(handler_user)
        if as_handler.state == "reported":
            as_handler.action_next_stage()
        while as_handler.state != "assessment":
            as_handler.action_next_stage()
        env["insurance.claim.line"].with_user(handler_user).create(
            {"claim_id": claim.id, "name": "Floor", "coverage_id": policy.coverage_ids.id, "assessed_loss": SETTLEMENT}
        )
        as_handler.decision = "approve"
        while as_handler.state != "review":
            as_handler.action_next_stage()
        claim.with_user(director).action_director_approve()
        self.assertEqual((claim.state, claim.assessed_amount), ("approved", SETTLEMENT))
        # accepting is the claimant's only change, and only through the portal's route
        with self.assertRaises(AccessError):
            claim.with_user(claimant).action_claimant_agrees()

        values.update(
            {
                "claim": claim.name,
                "amount": self.tour_amount(env, SETTLEMENT),
                "approved": self.tour_label(claim, "state", "approved"),
                "agreed": self.tour_label(claim, "state", "agreed"),
            }
        )
        self.start_tour_with_values(claim.get_portal_url(), "claims_portal_accept_tour", values, login=claimant.login)
        self.assertEqual(claim.state, "agreed")
        self.assertTrue(claim.agreed_at)

    def test_portal_claim_english(self):
        self._claimant_journey_in("en_US")

    def test_portal_claim_chinese(self):
        self._claimant_journey_in("zh_CN")
