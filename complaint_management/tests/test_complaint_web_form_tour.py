from lxml import etree

from odoo.addons.insurance_base.tests.tour_common import InsuranceTourCase
from odoo.tests import new_test_user, tagged

# the states the officer's tour sees the complaint go through
STATES_SHOWN = ("registered", "validated", "assigned")


@tagged("post_install", "-at_install")
class TestComplaintWebFormTour(InsuranceTourCase):
    """An anonymous visitor files a complaint on the public form (no login); a complaint officer finds it by
    its number, completes the Art. 13 facts, validates it and assigns it to a handler."""

    def _heading(self, env, xmlid):
        """The page title of a QWeb page in ``env``'s language, as stored in its translated arch."""
        arch = env.ref(xmlid).with_context(lang=env.lang).arch_db
        return etree.fromstring(arch).xpath("string(//h1)").strip()

    def _file_and_assign_in(self, lang):
        env = self.env(context=dict(self.env.context, lang=lang))
        company = env.company
        common = {"company_id": company.id, "company_ids": [company.id], "lang": lang}
        officer = new_test_user(
            env, f"cmp_web_officer_{lang}", groups="base.group_user,complaint_management.group_complaint_user", **common
        )
        handler = new_test_user(
            env,
            f"cmp_web_handler_{lang}",
            name=f"Web handler {lang}",
            groups="base.group_user,complaint_management.group_complaint_user",
            **common,
        )
        department = env["hr.department"].create({"name": f"Web complaints desk {lang}", "company_id": company.id})
        # the officer dispatches within their department: the officers' record rule keeps a complaint assigned
        # to somebody else writable to the officers of its handling department only, so the tour chooses the
        # department with the owner
        env["hr.employee"].create(
            [
                {"name": user.name, "user_id": user.id, "department_id": department.id, "company_id": company.id}
                for user in (officer, handler)
            ]
        )
        url_code = env["res.lang"]._get_data(code=lang).url_code
        values = {
            "formTitle": self._heading(env, "complaint_management.complaint_web_form"),
            "thanksTitle": self._heading(env, "complaint_management.complaint_web_form_thanks"),
            "name": f"Web visitor {lang}",
            "phone": "13907310001",
            "demand": f"Refund the travel premium {lang}",
        }

        self.start_tour_with_values(f"/{url_code}/complaint/new", "complaint_web_form_tour", values)
        complaint = env["insurance.complaint"].search([("demand", "=", values["demand"])])
        self.assertEqual(len(complaint), 1)
        self.assertEqual((complaint.state, complaint.channel), ("registered", "web_form"))
        self.assertEqual(complaint.partner_id.name, values["name"])

        values.update(
            {
                "number": complaint.name,
                "channel": self.tour_label(complaint, "channel"),
                **{state: self.tour_label(complaint, "state", state) for state in STATES_SHOWN},
                "handler": handler.name,
                "department": department.name,
            }
        )
        self.start_tour_with_values(
            "/odoo/action-complaint_management.insurance_complaint_action",
            "complaint_find_and_assign_tour",
            values,
            login=officer.login,
        )
        self.assertEqual(complaint.state, "assigned")
        self.assertEqual((complaint.user_id, complaint.department_id), (handler, department))
        self.assertEqual(complaint.complainant_id_number, "430181198503120021")
        self.assertTrue(complaint.is_valid)

    def test_web_form_complaint_english(self):
        self._file_and_assign_in("en_US")

    def test_web_form_complaint_chinese(self):
        self._file_and_assign_in("zh_CN")
