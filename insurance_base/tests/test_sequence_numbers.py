from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSequenceNumbers(TransactionCase):
    """Numbers drawn for a batch are those that drawing them one by one gives, in each record's company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Sequence = cls.env["ir.sequence"]
        cls.other_company = cls.env["res.company"].create({"name": "Numbering Branch"})

    def new_sequence(self, code, **values):
        return self.Sequence.create({"name": code, "code": code, "prefix": "T%(year)s-", "padding": 4, **values})

    def test_batch_continues_the_sequence_as_one_by_one(self):
        self.new_sequence("test.insurance.batch", number_next=41, suffix="/%(y)s")
        first = self.Sequence.next_by_code("test.insurance.batch")
        batch = self.Sequence._insurance_next_by_code_many("test.insurance.batch", 3)
        after = self.Sequence.next_by_code("test.insurance.batch")
        year = first[1:5]
        self.assertEqual(first, f"T{year}-0041/{year[2:]}")
        self.assertEqual(batch, [f"T{year}-{number}/{year[2:]}" for number in ("0042", "0043", "0044")])
        self.assertEqual(after, f"T{year}-0045/{year[2:]}")

    def test_no_gap_and_date_range_sequences_fall_back_to_one_by_one(self):
        for code, values in (
            ("test.insurance.nogap", {"implementation": "no_gap"}),
            ("test.insurance.range", {"use_date_range": True}),
        ):
            self.new_sequence(code, **values)
            numbers = self.Sequence._insurance_next_by_code_many(code, 3)
            self.assertEqual([number[-4:] for number in numbers], ["0001", "0002", "0003"], code)

    def test_each_company_draws_from_its_own_sequence(self):
        self.new_sequence("test.insurance.company", company_id=self.env.company.id, prefix="A")
        self.new_sequence("test.insurance.company", company_id=self.other_company.id, prefix="B")
        vals_list = [
            {"company_id": self.env.company.id},
            {"company_id": self.other_company.id},
            {"company_id": self.env.company.id, "name": "KEPT"},
            {},
            {"company_id": self.other_company.id, "name": "/"},
        ]
        self.Sequence.with_context(
            allowed_company_ids=[self.env.company.id, self.other_company.id]
        )._insurance_number_vals(vals_list, "test.insurance.company")
        self.assertEqual([vals["name"] for vals in vals_list], ["A0001", "B0001", "KEPT", "A0002", "B0002"])

    def test_unknown_code_leaves_the_placeholder(self):
        vals_list = [{}, {}]
        self.Sequence._insurance_number_vals(vals_list, "test.insurance.unknown")
        self.assertEqual(vals_list, [{"name": "/"}, {"name": "/"}])
