from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.tools import mute_logger
from odoo.tools.sql import column_exists, create_column, table_exists


class AccountMove(models.Model):
    """Claim payout bills: posting checks the payout and releases the reserve in the same transaction."""

    _inherit = "account.move"

    claim_payout_ids = fields.One2many("insurance.claim.payout", "move_id", string="Claim Payouts", readonly=True)
    # The inverses of the claims models whose stored fields depend on the move (state, payment, residual):
    # when any move changes, Odoo finds the dependent records through them, read once and then cached,
    # instead of one search per change.
    claim_recovery_ids = fields.One2many(
        "insurance.claim.recovery", "move_id", string="Claim Recoveries", readonly=True
    )
    employee_compensation_ids = fields.One2many(
        "insurance.employee.compensation", "move_id", string="Employee Compensation Cases", readonly=True
    )
    # precomputed: a new entry gets False from its values, without looking for payouts
    claim_payout_bill = fields.Boolean(
        compute="_compute_claim_payout_bill",
        store=True,
        precompute=True,
        help="A claim payout is billed on this entry.",
    )

    def _auto_init(self):
        # a new column filled by one UPDATE, not a compute over every journal entry of the database
        cr = self.env.cr
        if not column_exists(cr, "account_move", "claim_payout_bill"):
            create_column(cr, "account_move", "claim_payout_bill", "boolean")
            if table_exists(cr, "insurance_claim_payout"):
                cr.execute(
                    "UPDATE account_move move SET claim_payout_bill = TRUE"
                    " FROM insurance_claim_payout payout WHERE payout.move_id = move.id"
                )
        return super()._auto_init()

    @api.depends("claim_payout_ids")
    def _compute_claim_payout_bill(self):
        for move in self:
            move.claim_payout_bill = bool(move.claim_payout_ids)

    def _claims_payouts(self):
        """The payouts billed on these moves. Most moves of a database are not claims: the stored flag is
        read with the move's row, so other moves (other vendor bills too) cost no query here."""
        bills = self.filtered("claim_payout_bill")
        return bills.claim_payout_ids if bills else self.env["insurance.claim.payout"]

    def _claims_number_batch(self):
        """Number many draft moves of a journal and date at once, before they are posted together.

        Odoo numbers a move with two lookups of the last number and two flushes; for a batch of
        claims entries the first move of each journal and date is numbered that way, the others
        follow it in one flush. If another transaction took those numbers meanwhile, the rest are
        numbered one by one as Odoo does.
        """
        todo = self.filtered(lambda move: move.state == "draft" and move.name in (False, "/") and move.date)
        for moves in todo.grouped(lambda move: (move.journal_id, move.date)).values():
            first, rest = moves[:1], moves[1:]
            if not rest:
                continue  # a move alone is numbered by Odoo's own posting
            first._set_next_sequence()
            format_string, values = first._get_sequence_format_param(first.name)
            # the names go to the cache as Odoo's own numbering does it (no write per move); the
            # dependent fields and the gap flags of the next moves follow once for the batch
            with self.env.protecting([self._fields["name"]], rest):
                for move in rest:
                    values["seq"] += 1
                    move.name = format_string.format(**values)
            rest.modified(["name"])
            try:
                with self.env.cr.savepoint(flush=False), mute_logger("odoo.sql_db"):
                    rest.flush_recordset(["name", "sequence_prefix", "sequence_number"])
                    rest._inverse_name()
            except UniqueViolation:
                for move in rest:
                    move._set_next_sequence()

    def _post(self, soft=True):
        payouts = self._claims_payouts()
        if not soft and len(payouts) > 1:
            payouts.move_id._claims_number_batch()
        posted = super()._post(soft=soft)
        payouts = payouts.filtered(lambda payout: payout.move_id in posted)
        payouts._on_bill_posted()
        # a credit note (or reversal) of a posted payout bill gives back what it refunds
        refunds = posted.filtered(lambda move: move.move_type == "in_refund" and move.reversed_entry_id)
        if refunds:
            refunded = refunds.reversed_entry_id._claims_payouts().filtered(lambda payout: payout.state == "billed")
            refunded._on_bill_refunded(refunds)
        return posted

    def button_draft(self):
        payouts = self.filtered(lambda move: move.state == "posted")._claims_payouts()
        result = super().button_draft()
        payouts._on_bill_reset()
        return result

    def button_cancel(self):
        payouts = self.filtered(lambda move: move.state == "posted")._claims_payouts()
        result = super().button_cancel()
        payouts._on_bill_reset()
        return result
