import base64

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .portal_common import PortalClaimsCase


@tagged("post_install", "-at_install")
class TestPortalAccess(PortalClaimsCase):
    def test_portal_user_reads_only_own_claims_and_policies(self):
        Claim = self.env["insurance.claim"].with_user(self.portal_user)
        self.assertEqual(Claim.search([]), self.own_claim)
        self.assertEqual(self.own_claim.with_user(self.portal_user).name, self.own_claim.name)
        with self.assertRaises(AccessError):
            self.other_claim.with_user(self.portal_user).read(["name"])
        Policy = self.env["insurance.policy"].with_user(self.portal_user)
        # the fixture's 2026 policy and the one in force today, both held by the claimant
        self.assertEqual(Policy.search([]), self.policy | self.own_policy)
        with self.assertRaises(AccessError):
            self.other_policy.with_user(self.portal_user).read(["name"])
        Document = self.env["insurance.claim.document"].with_user(self.portal_user)
        self.assertEqual(Document.search([]), self.own_claim.document_ids)
        self.assertEqual(len(self.own_claim.document_ids), 2)
        coverage = self.env["insurance.policy.coverage"].with_user(self.portal_user).search([])
        self.assertEqual(coverage, (self.policy | self.own_policy).coverage_ids)

    def test_contact_of_the_claimant_company_sees_its_claims(self):
        contact = self.env["res.partner"].create({"name": "Clerk Chen", "parent_id": self.holder.id})
        self.portal_user.partner_id = contact
        self.assertEqual(self.env["insurance.claim"].with_user(self.portal_user).search([]), self.own_claim)

    def test_portal_user_cannot_change_or_create_claims(self):
        with self.assertRaises(AccessError):
            self.own_claim.with_user(self.portal_user).write({"state": "agreed"})
        with self.assertRaises(AccessError):
            self.env["insurance.claim"].with_user(self.portal_user).create(
                {
                    "claim_type_id": self.claim_type.id,
                    "policy_id": self.own_policy.id,
                    "claimant_id": self.holder.id,
                    "loss_at": self.own_claim.loss_at,
                }
            )
        self.assertEqual(self.own_claim.state, "reported")

    def test_portal_user_uploads_only_to_own_awaited_documents(self):
        report = self.doc(self.own_claim, "Accident report").with_user(self.portal_user)
        report.write({"attachment": base64.b64encode(b"%PDF-1.4 report"), "attachment_name": "report.pdf"})
        self.assertEqual(report.state, "received")
        self.assertTrue(self.own_claim.materials_received_at, "the upload stamps the claim")
        # received: no second upload, and no checking their own documents
        with self.assertRaises(AccessError):
            report.write({"attachment": base64.b64encode(b"%PDF-1.4 other"), "attachment_name": "other.pdf"})
        photos = self.doc(self.own_claim, "Photos").with_user(self.portal_user)
        with self.assertRaises(AccessError):
            photos.write({"state": "verified"})
        other = self.doc(self.other_claim, "Accident report").with_user(self.portal_user)
        with self.assertRaises(AccessError):
            other.write({"attachment": base64.b64encode(b"%PDF-1.4 x"), "attachment_name": "x.pdf"})
        self.assertEqual(self.doc(self.other_claim, "Accident report").state, "required")
