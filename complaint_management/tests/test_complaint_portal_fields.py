import logging

from odoo.addons.claims_management.tests.portal_common import readable_fields
from odoo.tests import new_test_user, tagged

from .common import ComplaintCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestComplaintPortalFields(ComplaintCase):
    """A complainant reads over RPC only the fields the portal whitelists."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        cls.portal_user = new_test_user(cls.env, "cmp_fields_portal", groups="base.group_portal", **common)

    def test_complaint(self):
        complaint = self.new_complaint(
            partner_id=self.portal_user.partner_id.id,
            handling_plan="<p>Offer 500 to close it</p>",
            decision_summary="<p>Draft: refuse</p>",
            public_relations_cost=800,
        )
        as_complainant = complaint.with_user(self.portal_user)
        everything = set(complaint.fields_get(attributes=["type"]))
        readable = readable_fields(as_complainant)
        _logger.info("insurance.complaint: %s of %s fields readable by the complainant", len(readable), len(everything))
        self.assertEqual(readable, set(complaint._portal_read_fields()) & everything)
        for internal in (
            "handling_plan",
            "decision_summary",
            "result",
            "liable_employee_id",
            "public_relations_cost",
            "review_decision",
            "complainant_id_number",
            "user_id",
        ):
            self.assertNotIn(internal, readable)
        self.assertIn("demand", readable)
        # the draft decision is not shown before it is sent; once sent, the page shows it
        self.assertEqual(complaint._portal_decision(), {})
        self.assertNotIn("decision_summary", as_complainant.fields_get())
