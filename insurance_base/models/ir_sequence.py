from odoo import api, models
from odoo.tools import SQL


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _insurance_next_by_code_many(self, sequence_code, count):
        """``count`` numbers of ``sequence_code``, as ``count`` calls of ``next_by_code`` would draw them.

        A standard sequence without date ranges (the suite's) draws them with one ``nextval`` query; any
        other falls back to ``next_by_code`` one by one. A batch of 1,000 complaints spent a tenth of its
        time on the 2,000 queries of drawing its numbers one by one.
        """
        if count <= 1:
            return [self.next_by_code(sequence_code) for _index in range(count)]
        self.browse().check_access("read")
        sequence = self.search(
            [("code", "=", sequence_code), ("company_id", "in", [self.env.company.id, False])],
            order="company_id",
            limit=1,
        )
        if not sequence or sequence.implementation != "standard" or sequence.use_date_range:
            return [self.next_by_code(sequence_code) for _index in range(count)]
        rows = self.env.execute_query(
            SQL("SELECT nextval(%s) FROM generate_series(1, %s) ORDER BY 1", f"ir_sequence_{sequence.id:03d}", count)
        )
        # get_next_char per number would interpolate the prefix again for each: once for the draw
        prefix, suffix = sequence._get_prefix_suffix()
        return [f"{prefix}{number:0{sequence.padding}d}{suffix}" for (number,) in rows]

    @api.model
    def _insurance_number_vals(self, vals_list, sequence_code, field_name="name"):
        """Give each of ``vals_list`` still without a number (``/``) the next number of ``sequence_code``
        in its own company (``company_id`` of the values, else the current one): one draw per company."""
        todo = {}
        for vals in vals_list:
            if vals.get(field_name, "/") == "/":
                todo.setdefault(vals.get("company_id") or self.env.company.id, []).append(vals)
        for company_id, company_vals in todo.items():
            numbers = self.with_company(company_id)._insurance_next_by_code_many(sequence_code, len(company_vals))
            for vals, number in zip(company_vals, numbers, strict=True):
                vals[field_name] = number or "/"
        return vals_list
