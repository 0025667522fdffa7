import functools

from odoo.tests import Form, tagged

from .common import DT, ComplaintCase, resident_id_number

# the complainants of this file, all born on one day
id_number = functools.partial(resident_id_number, "19700505")


@tagged("post_install", "-at_install")
class TestComplaintPrefill(ComplaintCase):
    """Back-office intake pre-fills what the policy's insured roster and the claim hold (Art. 13)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a complainant the company knows only from a group policy's roster: no phone, no address, no complaint
        cls.member = cls.env["res.partner"].create({"name": "Zhou Min", "company_id": cls.company.id})
        cls.namesake = cls.env["res.partner"].create({"name": "Tan Li", "company_id": cls.company.id})
        holder = cls.env["res.partner"].create({"name": "Liuyang Bus Company", "is_company": True})
        cls.policy = cls.env["insurance.policy"].create(
            {
                "name": "PAH-GRP-1",
                "company_id": cls.company.id,
                "product_line": "accident_health",
                "policyholder_id": holder.id,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "state": "active",
            }
        )
        Insured = cls.env["insurance.policy.insured"]
        cls.row = Insured.create(
            {
                "policy_id": cls.policy.id,
                "name": "Zhou Min",
                "partner_id": cls.member.id,
                "id_number": id_number(1),
                "phone": "13900000001",
                "address": "12 Furong Road, Liuyang",
            }
        )
        cls.namesake_row = Insured.create(
            {
                "policy_id": cls.policy.id,
                "name": "Tan Li",
                "id_number": id_number(2),
                "phone": "13900000002",
                "address": "3 Jili Road",
            }
        )
        claim_type = cls.env["insurance.claim.type"].create(
            {"name": "Accident", "code": "ACC", "company_id": cls.company.id}
        )
        cls.claim = cls.env["insurance.claim"].create(
            {
                "company_id": cls.company.id,
                "claim_type_id": claim_type.id,
                "policy_id": cls.policy.id,
                "claimant_id": cls.namesake.id,
                "insured_id": cls.namesake_row.id,
                "loss_at": DT(2026, 2, 20, 1, 0),
            }
        )

    def test_officer_form_prefills_from_the_roster(self):
        form = Form(self.env["insurance.complaint"].with_user(self.officer_user))
        form.partner_id = self.member
        form.policy_id = self.policy
        form.demand = "Pay the ambulance bill"
        self.assertEqual(form.complainant_id_number, id_number(1))
        self.assertEqual(form.complainant_contact, "13900000001")
        self.assertEqual(form.complainant_address, "12 Furong Road, Liuyang")
        complaint = form.save()
        self.assertEqual(complaint.complainant_id_number, id_number(1))

    def test_create_by_rpc_prefills_from_the_claim_and_never_overwrites(self):
        Complaint = self.env["insurance.complaint"].with_user(self.officer_user)
        complaint = Complaint.create(
            {"company_id": self.company.id, "claim_id": self.claim.id, "demand": "Pay the hospital bill"}
        )
        self.assertEqual(complaint.partner_id, self.namesake, "the claimant complains")
        # the claim's insured person is the claimant (same name, no partner link on the roster)
        self.assertEqual(complaint.complainant_id_number, id_number(2))
        self.assertEqual(complaint.complainant_address, "3 Jili Road")
        self.assertEqual(complaint.complainant_contact, "13900000002")
        # what the complainant states is kept
        stated = Complaint.create(
            {
                "company_id": self.company.id,
                "partner_id": self.member.id,
                "policy_id": self.policy.id,
                "complainant_contact": "zhou.min@example.com",
                "demand": "Pay the ambulance bill",
            }
        )
        self.assertEqual(stated.complainant_contact, "zhou.min@example.com")
        self.assertEqual(stated.complainant_id_number, id_number(1))
        # the policy named later fills the blanks of an existing complaint
        later = Complaint.create(
            {
                "company_id": self.company.id,
                "partner_id": self.member.id,
                "complainant_contact": "13900000001",
                "complainant_id_number": id_number(1),
                "demand": "Pay the ambulance bill",
            }
        )
        self.assertFalse(later.complainant_address)
        later.policy_id = self.policy
        self.assertEqual(later.complainant_address, "12 Furong Road, Liuyang")

    def test_public_form_and_portal_get_nothing_from_the_roster(self):
        public = self.env.ref("base.public_user")
        complaint = (
            self.env["insurance.complaint"]
            .with_user(public)
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.member.id,
                    "policy_id": self.policy.id,
                    "channel": "web_form",
                    "demand": "Pay the ambulance bill",
                }
            )
        )
        self.assertFalse(complaint.complainant_id_number)
        self.assertFalse(complaint.complainant_address)
        self.assertFalse(complaint.complainant_contact)
        # the officer who takes the case over then fills the blanks
        complaint.with_user(self.officer_user).write({"policy_id": self.policy.id, "partner_id": self.member.id})
        self.assertEqual(complaint.complainant_id_number, id_number(1))
