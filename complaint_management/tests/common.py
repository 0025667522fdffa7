import datetime

from stdnum.cn import ric

from odoo.tests import TransactionCase, new_test_user

DT = datetime.datetime


def resident_id_number(born, index):
    """A valid resident ID number (GB 11643) of a Liuyang resident born on ``born`` (YYYYMMDD), the
    ``index``-th of that day."""
    base = f"430181{born}{index:03d}"
    return base + ric.calc_check_digit(base + "0")


def utc(*local):
    """A naive UTC datetime from a Shanghai local time."""
    return DT(*local) - datetime.timedelta(hours=8)


class ComplaintCase(TransactionCase):
    """A branch with a complaint officer, a manager, a compliance reader and a complainant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tz="Asia/Shanghai"))
        cls.company = cls.env["res.company"].create({"name": "Liuyang Branch"})
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        cls.officer_user = new_test_user(
            cls.env, "cmp_officer", groups="complaint_management.group_complaint_user", **common
        )
        cls.other_officer_user = new_test_user(
            cls.env, "cmp_officer_2", groups="complaint_management.group_complaint_user", **common
        )
        cls.manager_user = new_test_user(
            cls.env, "cmp_manager", groups="complaint_management.group_complaint_manager", **common
        )
        cls.compliance_user = new_test_user(
            cls.env, "cmp_compliance", groups="complaint_management.group_complaint_compliance", **common
        )
        cls.complainant = cls.env["res.partner"].create(
            {"name": "Wang Fang", "company_id": cls.company.id, "lang": "en_US", "email": "wang.fang@example.com"}
        )

    def decision_letter_sent(self, complaint):
        """The decision letter with its sections, recorded as posted to the complainant."""
        complaint.write(
            {"letter_check_summary": "<p>Checked the hospital bill</p>", "letter_grounds": "<p>Clause 4</p>"}
        )
        self.env["insurance.complaint.notification"].create(
            {"complaint_id": complaint.id, "partner_id": complaint.partner_id.id, "kind": "decision", "channel": "post"}
        )

    def new_complaint(self, **values):
        vals = {
            "company_id": self.company.id,
            "partner_id": self.complainant.id,
            "received_at": DT(2026, 3, 2, 1, 30),
            "channel": "phone",
            "demand": "Pay the hospital bill",
            # Art. 13: a person states an ID number (name and contact come from the partner)
            "complainant_id_number": "430181198503120021",
        }
        vals.update(values)
        return self.env["insurance.complaint"].create(vals)
