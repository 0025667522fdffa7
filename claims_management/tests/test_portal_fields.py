from odoo.exceptions import AccessError

from ..lib import portal_fields
from .portal_common import PortalClaimsCase


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


class TestClaimPortalFields(PortalClaimsCase):
    """A claimant reads over RPC only the fields the portal whitelists, on every model they may read."""

    def check_model(self, record):
        record = record.with_user(self.portal_user)
        everything = set(record.sudo().fields_get(attributes=["type"]))
        readable = readable_fields(record)
        whitelist = set(record._portal_read_fields())
        print(f"\n{record._name}: {len(readable)} of {len(everything)} fields readable by the claimant")
        self.assertEqual(readable, whitelist & everything)
        self.assertFalse(whitelist - everything - portal_fields.FRAMEWORK_FIELDS, "the whitelist names real fields")
        return readable

    def test_claim(self):
        readable = self.check_model(self.own_claim)
        for internal in ("reserve_amount", "user_id", "director_approved_by", "assessment_note"):
            if internal in self.own_claim._fields:
                self.assertNotIn(internal, readable)

    def test_claim_document(self):
        self.check_model(self.own_claim.document_ids[:1])

    def test_policy_coverage_and_claim_type(self):
        self.check_model(self.own_policy)
        self.check_model(self.own_policy.coverage_ids[:1])
        self.check_model(self.claim_type)
