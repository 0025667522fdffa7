import datetime

from odoo.tests import TransactionCase, new_test_user

D = datetime.date
DT = datetime.datetime


class ClaimsCase(TransactionCase):
    """A branch with a policy in force, a roster of insured, claims staff and a surveyor duty post."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tz="Asia/Shanghai"))
        cls.company = cls.env["res.company"].create({"name": "Liuyang Branch"})
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        cls.director_user = new_test_user(
            cls.env, "clm_director", groups="claims_management.group_claims_director", **common
        )
        cls.handler_user = new_test_user(cls.env, "clm_handler", groups="claims_management.group_claims_user", **common)
        cls.surveyor_users = [
            new_test_user(cls.env, f"clm_surveyor_{i}", groups="claims_management.group_claims_user", **common)
            for i in range(3)
        ]
        cls.auditor_user = new_test_user(
            cls.env, "clm_auditor", groups="claims_management.group_claims_auditor", **common
        )
        Employee = cls.env["hr.employee"]
        cls.handler = Employee.create(
            {"name": "Handler Hu", "user_id": cls.handler_user.id, "company_id": cls.company.id}
        )
        cls.surveyors = Employee.create(
            [
                {"name": name, "user_id": user.id, "company_id": cls.company.id}
                for name, user in zip(["Surveyor Su", "Backup Bai", "Leader Lei"], cls.surveyor_users, strict=True)
            ]
        )
        cls.holder = cls.env["res.partner"].create(
            {"name": "Liuyang Highway Maintenance Centre", "company_id": cls.company.id, "lang": "en_US"}
        )
        cls.policy = cls.env["insurance.policy"].create(
            {
                "name": "PPR-TEST-1",
                "company_id": cls.company.id,
                "policyholder_id": cls.holder.id,
                "date_start": D(2026, 1, 1),
                "date_end": D(2026, 12, 31),
                "sum_insured": 10000000,
                "state": "active",
                "coverage_ids": [(0, 0, {"name": "Property", "limit_amount": 5000000, "deductible_amount": 5000})],
            }
        )
        cls.bridge = cls.env["insurance.policy.insured"].create(
            {"policy_id": cls.policy.id, "kind": "object", "name": "Bridge K12", "region": "Liuyang"}
        )
        cls.claim_type = cls.env["insurance.claim.type"].create(
            {"name": "Highway property", "code": "HWP", "company_id": cls.company.id, "fast_track_threshold": 5000}
        )

    def new_claim(self, **values):
        vals = {
            "company_id": self.company.id,
            "claim_type_id": self.claim_type.id,
            "policy_id": self.policy.id,
            "coverage_id": self.policy.coverage_ids[:1].id,
            "insured_id": self.bridge.id,
            "claimant_id": self.holder.id,
            "reported_at": DT(2026, 6, 18, 2, 0),
            "loss_at": DT(2026, 6, 18, 1, 0),
            "estimated_loss": 80000,
            "region": "Liuyang",
        }
        vals.update(values)
        return self.env["insurance.claim"].create(vals)
