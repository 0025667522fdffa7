import base64
import datetime
import io

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

D = datetime.date


def valid_id(region="430181", birth="19520314", sequence="001"):
    from stdnum.cn import ric

    base = region + birth + sequence
    return base + ric.calc_check_digit(base + "0")  # the function ignores the last character


@tagged("post_install", "-at_install")
class TestPolicy(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.holder = cls.env["res.partner"].create({"name": "Liuyang Civil Affairs Bureau", "is_company": True})
        cls.policy = cls.env["insurance.policy"].create(
            {
                "name": "PAH-TEST-1",
                "product_line": "accident_health",
                "policyholder_id": cls.holder.id,
                "date_start": D(2026, 1, 1),
                "date_end": D(2026, 12, 31),
                "premium": 1000,
                "sum_insured": 100000,
            }
        )

    def test_in_force(self):
        self.assertFalse(self.policy.is_in_force(D(2026, 6, 1)), "a draft policy covers nothing")
        self.policy.action_activate()
        self.assertTrue(self.policy.is_in_force(D(2026, 6, 1)))
        self.assertFalse(self.policy.is_in_force(D(2027, 1, 1)))
        self.policy.write({"state": "cancelled", "cancel_date": D(2026, 7, 1)})
        self.assertTrue(self.policy.is_in_force(D(2026, 6, 30)))
        self.assertFalse(self.policy.is_in_force(D(2026, 7, 1)))

    def test_bad_policy_values(self):
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self.policy.date_end = D(2025, 1, 1)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self.env["insurance.policy.coverage"].create(
                {"policy_id": self.policy.id, "name": "Bad", "coinsurance_percent": 120}
            )
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.env["insurance.policy.coverage"].create(
                {"policy_id": self.policy.id, "name": "Bad", "limit_amount": -1}
            )

    def test_insured_person_id_checks(self):
        Insured = self.env["insurance.policy.insured"]
        number = valid_id()
        person = Insured.create({"policy_id": self.policy.id, "name": "Zhou Guoqiang", "id_number": number})
        self.assertEqual((person.birth_date, person.gender), (D(1952, 3, 14), "male"), "filled from the ID number")
        wrong_checksum = number[:-1] + ("0" if number[-1] != "0" else "1")
        with self.assertRaisesRegex(ValidationError, "wrong check digit"):
            Insured.create({"policy_id": self.policy.id, "name": "X", "id_number": wrong_checksum})
        with self.assertRaisesRegex(ValidationError, "does not match"):
            Insured.create(
                {
                    "policy_id": self.policy.id,
                    "name": "Y",
                    "id_number": valid_id(sequence="003"),
                    "birth_date": D(1960, 1, 1),
                }
            )
        with self.assertRaisesRegex(ValidationError, "gender does not match"):
            Insured.create(
                {"policy_id": self.policy.id, "name": "Z", "id_number": valid_id(sequence="005"), "gender": "female"}
            )

    def test_covered_on(self):
        person = self.env["insurance.policy.insured"].create(
            {"policy_id": self.policy.id, "name": "P", "id_number": valid_id(), "date_from": D(2026, 3, 1)}
        )
        self.assertFalse(person.is_covered_on(D(2026, 2, 28)))
        self.assertTrue(person.is_covered_on(D(2026, 3, 1)))
        self.assertTrue(person.is_covered_on(D(2026, 12, 31)))

    def _import(self, content, filename):
        wizard = self.env["insurance.policy.insured.import"].create(
            {"policy_id": self.policy.id, "file": base64.b64encode(content), "filename": filename}
        )
        return wizard.action_import()

    def test_import_csv_all_or_nothing(self):
        good = valid_id(sequence="001")
        rows = [
            "姓名,身份证号,性别,出生日期,电话,地区",
            f"Zhou Guoqiang,{good},男,1952-03-14,13907310001,Jili",
            f"Tang Xiuying,{valid_id(birth='19480722', sequence='002')},女,,13907310002,Guankou",
            f"Bad Checksum,{good[:-1]}{'0' if good[-1] != '0' else '1'},男,,,",
            f"Twice,{good},男,,,",
            f"Wrong Birth,{valid_id(birth='19550101', sequence='003')},男,1955-02-02,,",
        ]
        with self.assertRaises(UserError) as caught:
            self._import("\n".join(rows).encode("utf-8"), "roster.csv")
        message = str(caught.exception)
        self.assertIn("3 problems", message)
        for line in ("Line 4:", "Line 5:", "Line 6:"):
            self.assertIn(line, message)
        self.assertIn("first on line 2", message)
        self.assertFalse(self.policy.insured_ids, "a bad file changes nothing")
        self._import("\n".join(rows[:3]).encode("gb18030"), "roster.csv")
        self.assertEqual(len(self.policy.insured_ids), 2)
        tang = self.policy.insured_ids.filtered(lambda i: i.name == "Tang Xiuying")
        self.assertEqual((tang.birth_date, tang.gender, tang.region), (D(1948, 7, 22), "female", "Guankou"))
        # a second import of the same people is refused as already insured
        with self.assertRaisesRegex(UserError, "already on the policy"):
            self._import("\n".join(rows[:2]).encode("utf-8"), "roster.csv")

    def test_import_xlsx(self):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["name", "id_number", "date_from"])
        for index in range(1, 201):
            sheet.append([f"Person {index}", valid_id(sequence=f"{index:03d}"), D(2026, 2, 1)])
        buffer = io.BytesIO()
        workbook.save(buffer)
        self._import(buffer.getvalue(), "roster.xlsx")
        self.assertEqual(len(self.policy.insured_ids), 200)
        self.assertEqual(set(self.policy.insured_ids.mapped("date_from")), {D(2026, 2, 1)})

    def test_claims_user_reads_director_imports(self):
        handler = new_test_user(self.env, "pol_handler", groups="claims_management.group_claims_user")
        self.assertEqual(self.policy.with_user(handler).name, "PAH-TEST-1")
        with self.assertRaises(AccessError):
            self.policy.with_user(handler).premium = 1
        with self.assertRaises(AccessError):
            self.env["insurance.policy.insured.import"].with_user(handler).create(
                {"policy_id": self.policy.id, "file": base64.b64encode(b"name,id_number\n"), "filename": "x.csv"}
            )


@tagged("post_install", "-at_install")
class TestIdNumberChecks(TransactionCase):
    """The roster's own ID check gives python-stdnum's verdict, faster."""

    def test_same_verdict_as_stdnum(self):
        from stdnum.cn import ric

        from ..lib import insured_roster

        good = valid_id()
        samples = [
            good,
            good[:-1] + ("0" if good[-1] != "0" else "1"),  # check digit
            "990181" + good[6:-1] + ric.calc_check_digit("990181" + good[6:-1] + "0"),  # unknown region
            "43018119521399001" + ric.calc_check_digit("430181195213990010"),  # month 13
            good[:10],  # length
            "11010519491231002X",
        ]
        for number in samples:
            facts, error = insured_roster.id_number_facts(number)
            self.assertEqual(error is None, ric.is_valid(number), number)
