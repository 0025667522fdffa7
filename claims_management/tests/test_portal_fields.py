import logging

from odoo.addons.insurance_base.lib import portal_fields
from odoo.tests import tagged

from .portal_common import PortalClaimsCase, readable_fields

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestClaimPortalFields(PortalClaimsCase):
    """A claimant reads over RPC only the fields the portal whitelists, on every model they may read."""

    def check_model(self, record):
        record = record.with_user(self.portal_user)
        everything = set(record.sudo().fields_get(attributes=["type"]))
        readable = readable_fields(record)
        whitelist = set(record._portal_read_fields())
        _logger.info("%s: %s of %s fields readable by the claimant", record._name, len(readable), len(everything))
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
