from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestComplaintTour(HttpCase):
    """A complaint officer (without claims rights) registers a phone complaint in the browser,
    validates and assigns it."""

    def test_phone_intake_tour(self):
        env = self.env(context=dict(self.env.context, lang="en_US"))
        company = env.company
        officer = new_test_user(
            env,
            "cmp_tour_officer",
            name="Tour Officer",
            groups="base.group_user,complaint_management.group_complaint_user",
            company_id=company.id,
            company_ids=[company.id],
            lang="en_US",
        )
        department = env["hr.department"].create({"name": "Tour Customer Service", "company_id": company.id})
        env["hr.employee"].create(
            {"name": "Tour Officer", "user_id": officer.id, "department_id": department.id, "company_id": company.id}
        )
        caller = env["res.partner"].create({"name": "Tour Caller", "lang": "en_US"})
        self.start_tour("/odoo", "complaint_phone_intake_tour", login=officer.login)
        complaint = env["insurance.complaint"].search([("partner_id", "=", caller.id)])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.state, "assigned")
        self.assertEqual(complaint.channel, "phone")
        self.assertEqual(complaint.complainant_id_number, "430181198503120021")
        self.assertEqual(complaint.complainant_contact, "13807319999")
        self.assertEqual(complaint.user_id, officer)
        self.assertEqual(complaint.department_id, department)
        self.assertTrue(complaint.is_valid)
