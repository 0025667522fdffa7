import datetime

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import ClaimsCase


class PortalClaimsCase(ClaimsCase):
    """Two claimants with a policy in force today and a claim each; one portal user per claimant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claim_type.write(
            {
                "document_template_ids": [
                    (0, 0, {"name": "Accident report", "sequence": 1, "allowed_formats": "pdf", "max_size_mb": 1}),
                    (0, 0, {"name": "Photos", "sequence": 2, "allowed_formats": "jpg,png", "max_size_mb": 5}),
                ]
            }
        )
        today = fields.Date.today()
        cls.other_holder = cls.env["res.partner"].create({"name": "Yonghe Town Water Works", "lang": "en_US"})
        policies = cls.env["insurance.policy"].create(
            [
                {
                    "name": name,
                    "company_id": cls.company.id,
                    "policyholder_id": holder.id,
                    "date_start": today - datetime.timedelta(days=200),
                    "date_end": today + datetime.timedelta(days=165),
                    "sum_insured": 1000000,
                    "state": "active",
                    "coverage_ids": [(0, 0, {"name": "Property", "limit_amount": 500000})],
                }
                for name, holder in (("PPR-PORTAL-A", cls.holder), ("PPR-PORTAL-B", cls.other_holder))
            ]
        )
        cls.own_policy, cls.other_policy = policies
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        cls.portal_user = new_test_user(
            cls.env,
            "clm_claimant",
            groups="base.group_portal",
            partner_id=cls.holder.id,
            name=cls.holder.name,
            **common,
        )
        cls.other_portal_user = new_test_user(
            cls.env,
            "clm_other_claimant",
            groups="base.group_portal",
            partner_id=cls.other_holder.id,
            name=cls.other_holder.name,
            **common,
        )
        now = fields.Datetime.now().replace(microsecond=0)
        base = {
            "company_id": cls.company.id,
            "claim_type_id": cls.claim_type.id,
            "reported_at": now,
            "loss_at": now - datetime.timedelta(days=1),
            "estimated_loss": 80000,
        }
        cls.own_claim = cls.env["insurance.claim"].create(
            dict(base, policy_id=cls.own_policy.id, claimant_id=cls.holder.id)
        )
        cls.other_claim = cls.env["insurance.claim"].create(
            dict(base, policy_id=cls.other_policy.id, claimant_id=cls.other_holder.id)
        )

    def doc(self, claim, name):
        return claim.document_ids.filtered(lambda document: document.name == name)


def readable_fields(record):
    """The fields of ``record`` (in its user's environment) that a ``read`` of that one field returns.

    Every field of the model is tried, as an RPC ``read([field])`` would; the cache is emptied
    before each so nothing read for another field answers in its place.
    """
    readable = set()
    for name in record.sudo().fields_get(attributes=["type"]):
        record.env.invalidate_all()
        try:
            record.read([name])
        except AccessError:
            continue
        readable.add(name)
    return readable
