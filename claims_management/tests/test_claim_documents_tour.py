import datetime

from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestClaimDocumentsTour(HttpCase):
    def test_documents_and_deadlines_tour(self):
        env = self.env(context=dict(self.env.context, lang="en_US"))
        company = env.company
        director = new_test_user(
            env,
            "clm_tour_director",
            groups="base.group_user,claims_management.group_claims_director",
            company_id=company.id,
            company_ids=[company.id],
            lang="en_US",
        )
        now = fields.Datetime.now().replace(microsecond=0)
        today = fields.Date.today()
        claim_type = env["insurance.claim.type"].create(
            {
                "name": "Tour type",
                "code": "TOUR",
                "document_template_ids": [
                    (0, 0, {"name": "Tour accident report", "allowed_formats": "pdf"}),
                    (0, 0, {"name": "Tour repair invoice", "allowed_formats": "pdf"}),
                ],
            }
        )
        policy = env["insurance.policy"].create(
            {
                "name": "TOUR-POLICY",
                "policyholder_id": env["res.partner"].create({"name": "Tour holder"}).id,
                "date_start": today - datetime.timedelta(days=400),
                "date_end": today + datetime.timedelta(days=400),
                "sum_insured": 1000000,
                "state": "active",
            }
        )

        def claim(name, days_ago):
            return env["insurance.claim"].create(
                {
                    "claim_type_id": claim_type.id,
                    "policy_id": policy.id,
                    "claimant_id": env["res.partner"].create({"name": name, "lang": "en_US"}).id,
                    "loss_at": now - datetime.timedelta(days=days_ago, hours=1),
                    "reported_at": now - datetime.timedelta(days=days_ago),
                }
            )

        fresh = claim("Tour claimant", 0)
        fresh.action_mark_materials_complete()  # the decision clock runs: the notice pauses it
        overdue = claim("Tour overdue claimant", 45)
        with freeze_time(now - datetime.timedelta(days=40)):
            overdue.action_mark_materials_complete()
        self.assertLess(overdue.decision_due_date, today)
        # the checklist came from the claim type (the tour then sees its missing items in the notice: checking
        # the list row itself in the browser depended on where the page happened to be scrolled)
        self.assertEqual(fresh.document_ids.mapped("name"), ["Tour accident report", "Tour repair invoice"])
        self.start_tour(
            f"/odoo/action-claims_management.insurance_claim_action/{fresh.id}",
            "claims_documents_tour",
            login=director.login,
        )
        self.assertTrue(fresh.missing_notice_at)
