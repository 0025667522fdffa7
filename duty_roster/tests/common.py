import datetime
import os
import subprocess
import tempfile
import unicodedata

from odoo.tests import TransactionCase, new_test_user

D = datetime.date
DT = datetime.datetime


class DutyRosterCase(TransactionCase):
    """A Liuyang branch with a claims hotline kept 24 h a day by five people."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tz="Asia/Shanghai"))
        cls.company = cls.env["res.company"].create({"name": "Liuyang Branch"})
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        cls.manager_user = new_test_user(
            cls.env,
            "roster_hr",
            groups="base.group_user,duty_roster.group_duty_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
            lang="en_US",
        )
        names = ["Zhang Wei", "Li Na", "Wang Fang", "Liu Yang", "Chen Jie"]
        cls.users = [
            new_test_user(
                cls.env,
                f"duty_{index}",
                groups="base.group_user,duty_roster.group_duty_user",
                company_id=cls.company.id,
                company_ids=[cls.company.id],
                lang="en_US",
            )
            for index in range(len(names))
        ]
        cls.employees = cls.env["hr.employee"].create(
            [
                {"name": name, "company_id": cls.company.id, "user_id": user.id}
                for name, user in zip(names, cls.users, strict=True)
            ]
        )
        cls.zhang, cls.li, cls.wang, cls.liu, cls.chen = cls.employees
        cls.leader = cls.env["hr.employee"].create({"name": "Director Zhao", "company_id": cls.company.id})
        cls.day24 = cls.env["duty.shift.template"].create(
            {"name": "24 h", "start_time": 8.0, "duration": 24.0, "company_id": cls.company.id}
        )
        cls.post = cls.env["duty.post"].create(
            {
                "name": "Claims hotline",
                "code": "HOTLINE",
                "company_id": cls.company.id,
                "tz": "Asia/Shanghai",
                "employee_ids": [(6, 0, (cls.employees | cls.leader).ids)],
                "min_rest_hours": 11,
                "max_consecutive_duties": 6,
            }
        )
        cls.rotation = cls.env[
            "duty.rotation"
        ].create(
            {
                "name": "Hotline 24 h",
                "post_id": cls.post.id,
                "template_id": cls.day24.id,
                "date_start": D(2026, 9, 1),
                "balance": False,  # the tests follow the strict order
                "version_ids": [
                    (
                        0,
                        0,
                        {
                            "date_from": D(2026, 9, 1),
                            "member_ids": [
                                (0, 0, {"sequence": index, "employee_id": employee.id})
                                for index, employee in enumerate(cls.employees[:4])
                            ],
                        },
                    )
                ],
            }
        )

    def make_roster(self, date_from, date_to, **values):
        return self.env["duty.roster"].create(
            dict(
                {"name": "Roster", "company_id": self.company.id, "date_from": date_from, "date_to": date_to}, **values
            )
        )

    def who(self, roster, day, tier="primary", post=None):
        post = post or self.post
        return roster.shift_ids.filtered(lambda s: s.day == day and s.tier == tier and s.post_id == post).employee_id


def pdf_text(content):
    """The text of a PDF, laid out as printed (poppler's pdftotext).

    NFKC folds the Kangxi radicals some CJK glyphs are extracted as (⽇ U+2F47)
    back to the ideographs (日 U+65E5).
    """
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as handle:
        handle.write(content)
    try:
        text = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", handle.name, "-"],
            check=True,
            capture_output=True,
            timeout=60,
        ).stdout.decode()
        return unicodedata.normalize("NFKC", text)
    finally:
        os.unlink(handle.name)
