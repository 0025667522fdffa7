import base64

from stdnum.cn import ric

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import DT, ComplaintCase

PERSON_ID = "430181198503120021"
CREDIT_CODE = "91430181MA4L12345L"


@tagged("post_install", "-at_install")
class TestComplaintIntake(ComplaintCase):
    """Art. 13 facts per complainant type, identity checks, representatives, pre-filling."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.holder = cls.env["res.partner"].create(
            {"name": "Liuyang Green Pig Farm", "is_company": True, "company_id": cls.company.id, "phone": "0731-1"}
        )
        cls.policy = cls.env["insurance.policy"].create(
            {
                "name": "PLV-001",
                "company_id": cls.company.id,
                "product_line": "livestock",
                "product_name": "Sow insurance",
                "policyholder_id": cls.holder.id,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "state": "active",
            }
        )
        cls.claim_type = cls.env["insurance.claim.type"].create(
            {"name": "Pig death", "code": "PIG", "company_id": cls.company.id}
        )

    def test_person_needs_id_number_and_contact(self):
        with self.assertRaisesRegex(ValidationError, r"a person must state ID Number \(Art. 13\)"):
            self.new_complaint(complainant_id_number=False)
        silent = self.env["res.partner"].create({"name": "No Phone", "company_id": self.company.id})
        with self.assertRaisesRegex(ValidationError, "must state Contact"), self.env.cr.savepoint():
            self.new_complaint(partner_id=silent.id)
        self.assertFalse(self.env["insurance.complaint"].search([("partner_id", "=", silent.id)]), "nothing saved")
        complaint = self.new_complaint(complainant_id_number="43018119850312002 1")
        self.assertEqual(complaint.complainant_id_number, PERSON_ID)
        self.assertEqual(complaint.complainant_name, "Wang Fang")
        self.assertEqual(complaint.complainant_contact, "wang.fang@example.com")
        with self.assertRaisesRegex(ValidationError, "must state ID Number"):
            complaint.complainant_id_number = False

    def test_wrong_id_number_and_credit_code(self):
        with self.assertRaisesRegex(ValidationError, "wrong check digit"):
            self.new_complaint(complainant_id_number="430181198503120022")
        with self.assertRaisesRegex(ValidationError, "not a valid resident ID number"):
            # right check digit, but born in the 13th month
            self.new_complaint(
                complainant_id_number="43018119851312002" + ric.calc_check_digit("43018119851312002" + "0")
            )
        with self.assertRaisesRegex(ValidationError, "not a valid unified social credit code"):
            self.new_complaint(
                complainant_type="organisation",
                partner_id=self.holder.id,
                complainant_credit_code="91430181MA4L12345A",
                complainant_address="Jili Road",
                legal_representative="Liu",
            )

    def test_organisation_agent_and_heir_facts(self):
        with self.assertRaisesRegex(ValidationError, "Unified Social Credit Code, Legal Representative"):
            self.new_complaint(complainant_type="organisation", partner_id=self.holder.id, complainant_address="x")
        self.holder.vat = CREDIT_CODE
        organisation = self.new_complaint(
            complainant_type="organisation",
            partner_id=self.holder.id,
            complainant_address="18 Jili Road, Liuyang",
            legal_representative="Liu Jianguo",
        )
        self.assertEqual(organisation.complainant_credit_code, CREDIT_CODE, "the credit code held is pre-filled")
        with self.assertRaisesRegex(ValidationError, "(?i)power of attorney"):
            self.new_complaint(complainant_type="agent", complainant_name="Sun Li", complainant_contact="139")
        agent = self.new_complaint(
            complainant_type="agent",
            complainant_name="Sun Li",
            complainant_contact="13900000000",
            power_of_attorney=base64.b64encode(b"%PDF-1.4 power of attorney"),
            power_of_attorney_name="poa.pdf",
        )
        self.assertEqual(agent.complainant_name, "Sun Li", "an agent states their own name")
        with self.assertRaisesRegex(ValidationError, "Proof of Inheritance"):
            self.new_complaint(complainant_type="heir")
        heir = self.new_complaint(complainant_type="heir", inheritance_proof=base64.b64encode(b"notarial deed"))
        self.assertEqual(heir.complainant_name, "Wang Fang")

    def test_outside_channels_complete_before_validation(self):
        emailed = self.new_complaint(channel="email", complainant_id_number=False)
        self.assertEqual(emailed.art13_missing, "ID Number")
        with self.assertRaisesRegex(Exception, "lacks ID Number"):
            emailed.action_validate()
        self.assertEqual(emailed.state, "registered")
        emailed.complainant_id_number = PERSON_ID
        emailed.action_validate()
        self.assertEqual(emailed.state, "validated")
        self.assertFalse(emailed.art13_missing)

    def test_sixth_representative_in_person_refused(self):
        complaint = self.new_complaint(is_group=True, group_size=40)
        lines = [{"name": f"Rep {i}", "contact": f"1390000000{i}"} for i in range(5)]
        complaint.representative_ids = [(0, 0, vals) for vals in lines]
        self.assertEqual(len(complaint.representative_ids), 5)
        # the savepoint stands for the request's transaction, rolled back on the error
        with (
            self.assertRaisesRegex(
                ValidationError, "6 representatives in person: a group complaint may send at most 5"
            ),
            self.env.cr.savepoint(),
        ):
            complaint.representative_ids = [(0, 0, {"name": "Rep 6"})]
        self.assertEqual(len(complaint.representative_ids), 5, "nothing half-saved")
        complaint.representative_ids = [(0, 0, {"name": "Rep 6 (by letter)", "in_person": False})]
        self.assertEqual(len(complaint.representative_ids), 6)
        with self.assertRaisesRegex(ValidationError, "wrong check digit"):
            complaint.representative_ids = [
                (0, 0, {"name": "Rep 7", "in_person": False, "id_number": "430181198503120022"})
            ]

    def test_prefill_from_claim_and_policy(self):
        claim = self.env["insurance.claim"].create(
            {
                "company_id": self.company.id,
                "claim_type_id": self.claim_type.id,
                "policy_id": self.policy.id,
                "claimant_id": self.complainant.id,
                "loss_at": DT(2026, 2, 20, 1, 0),
            }
        )
        complaint = self.env["insurance.complaint"].create(
            {"company_id": self.company.id, "claim_id": claim.id, "complainant_id_number": PERSON_ID}
        )
        self.assertEqual(complaint.policy_id, self.policy)
        self.assertEqual(complaint.partner_id, self.complainant, "the claimant complains")
        self.assertEqual((complaint.product_line, complaint.product_name), ("livestock", "Sow insurance"))
        by_policy = self.env["insurance.complaint"].create(
            {
                "company_id": self.company.id,
                "policy_id": self.policy.id,
                "complainant_type": "organisation",
                "complainant_address": "Jili Road",
                "complainant_credit_code": CREDIT_CODE,
                "legal_representative": "Liu",
            }
        )
        self.assertEqual(by_policy.partner_id, self.holder, "the policyholder complains")
        self.assertEqual(by_policy.complainant_name, "Liuyang Green Pig Farm")
        # the form pre-fills the same way (onchange), for an officer too
        form = Form(self.env["insurance.complaint"].with_user(self.officer_user))
        form.claim_id = claim
        self.assertEqual(form.policy_id, self.policy)
        self.assertEqual(form.partner_id, self.complainant)
        self.assertEqual(form.product_line, "livestock")
        self.assertEqual(form.complainant_contact, "wang.fang@example.com")
        form.complainant_id_number = PERSON_ID
        saved = form.save()
        # the ID number given once is pre-filled on the next complaint of the same person
        again = self.env["insurance.complaint"].create(
            {"company_id": self.company.id, "partner_id": self.complainant.id}
        )
        self.assertEqual(again.complainant_id_number, saved.complainant_id_number)
