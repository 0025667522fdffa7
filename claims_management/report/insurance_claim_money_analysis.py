from odoo import fields, models
from odoo.tools import SQL

from ..models.insurance_policy import PRODUCT_LINES


class InsuranceClaimMoneyAnalysis(models.Model):
    """Paid vs reserved vs recovered per claim, product line and period (pivot and graph).

    A read-only SQL view over what is booked in accounting: the posted reserve
    movements (the change of the outstanding claims reserve), the posted payout
    bills (claims paid, at the bill's accounting date) and the posted recovery
    invoices. Summed up to a date, the reserve column is the balance of the
    reserve account and the paid column the claims paid expense.
    """

    _name = "insurance.claim.money.analysis"
    _description = "Claims Money Analysis"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "claim_id"
    # flushed before the view is read
    _depends = {
        "insurance.claim": ["company_id", "product_line", "claim_type_id", "policy_id"],
        "insurance.claim.reserve": ["claim_id", "date", "amount", "state", "move_id"],
        "insurance.claim.payout": ["claim_id", "amount", "move_id"],
        "insurance.claim.recovery": ["claim_id", "move_id"],
        "account.move": ["state", "date", "amount_total"],
    }

    claim_id = fields.Many2one("insurance.claim", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_line = fields.Selection(PRODUCT_LINES, readonly=True)
    claim_type_id = fields.Many2one("insurance.claim.type", readonly=True)
    policy_id = fields.Many2one("insurance.policy", readonly=True)
    date = fields.Date(readonly=True)
    source = fields.Selection(
        [("reserve", "Reserve movement"), ("payout", "Payout bill"), ("recovery", "Recovery invoice")], readonly=True
    )
    move_id = fields.Many2one("account.move", "Journal Entry", readonly=True)
    reserve_amount = fields.Monetary(
        "Reserve Change", currency_field="currency_id", readonly=True, help="Change of the outstanding claims reserve."
    )
    paid_amount = fields.Monetary(
        "Claims Paid", currency_field="currency_id", readonly=True, help="Posted payout bills (claims paid expense)."
    )
    recovered_amount = fields.Monetary(
        "Recovered", currency_field="currency_id", readonly=True, help="Posted recovery invoices."
    )
    incurred_amount = fields.Monetary(
        "Net Incurred",
        currency_field="currency_id",
        readonly=True,
        help="Claims paid + reserve change - recovered.",
    )

    @property
    def _table_query(self):
        # ids stay stable: three sources interleaved on the id of their own record
        return SQL(
            """
            SELECT r.id * 3 AS id, r.claim_id, c.company_id, c.product_line, c.claim_type_id, c.policy_id,
                   r.date, 'reserve' AS source, r.move_id,
                   r.amount AS reserve_amount, 0.0 AS paid_amount, 0.0 AS recovered_amount,
                   r.amount AS incurred_amount
              FROM insurance_claim_reserve r
              JOIN insurance_claim c ON c.id = r.claim_id
             WHERE r.state = 'posted' AND r.move_id IS NOT NULL
            UNION ALL
            SELECT p.id * 3 + 1, p.claim_id, c.company_id, c.product_line, c.claim_type_id, c.policy_id,
                   m.date, 'payout', m.id,
                   0.0, p.amount, 0.0, p.amount
              FROM insurance_claim_payout p
              JOIN account_move m ON m.id = p.move_id AND m.state = 'posted'
              JOIN insurance_claim c ON c.id = p.claim_id
            UNION ALL
            SELECT rc.id * 3 + 2, rc.claim_id, c.company_id, c.product_line, c.claim_type_id, c.policy_id,
                   m.date, 'recovery', m.id,
                   0.0, 0.0, m.amount_total, -m.amount_total
              FROM insurance_claim_recovery rc
              JOIN account_move m ON m.id = rc.move_id AND m.state = 'posted'
              JOIN insurance_claim c ON c.id = rc.claim_id
            """
        )
