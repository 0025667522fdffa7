from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

KINDS = [
    ("initial", "Initial reserve"),
    ("change", "Reserve change"),
    ("payment", "Released by payment"),
    ("release", "Released at closing"),
]
# the roll-forward shows payments apart from the other movements
PAYMENT_KINDS = ("payment",)
IMMUTABLE_FIELDS = ("claim_id", "coverage_id", "date", "kind", "amount", "reason", "payout_id")


class InsuranceClaimReserve(models.Model):
    """A movement of the outstanding claims reserve (未决赔款准备金) of a claim on one cover.

    The reserve of a claim on a cover is the sum of its movements. Every movement
    is booked by a journal entry in the claim reserve journal: Dr change in reserve
    / Cr outstanding claims reserve for an increase, the other way round for a
    decrease or a release. Claims staff record movements; the entries are posted
    at once when an accountant records them, otherwise by an accountant with
    *Post Reserve Entries*. Movements cannot be changed or deleted: a correction
    is a new movement.
    """

    _name = "insurance.claim.reserve"
    _inherit = ["insurance.workflow.guard"]
    _description = "Claim Reserve Movement"
    _order = "date desc, id desc"
    _check_company_auto = True
    # claims staff record reserve changes; the other kinds, the posting and who recorded it are the system's
    _workflow_protected_fields = ("kind", "payout_id", "state", "move_id", "user_id")

    claim_id = fields.Many2one(
        "insurance.claim", required=True, index=True, ondelete="restrict", readonly=True, check_company=True
    )
    company_id = fields.Many2one(related="claim_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    product_line = fields.Selection(related="claim_id.product_line", store=True)
    claim_type_id = fields.Many2one(related="claim_id.claim_type_id", store=True)
    coverage_id = fields.Many2one(
        "insurance.policy.coverage",
        string="Cover",
        required=True,
        index=True,
        domain="[('policy_id', '=', policy_id)]",
        check_company=True,
    )
    policy_id = fields.Many2one(related="claim_id.policy_id")
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    kind = fields.Selection(KINDS, required=True, default="change", readonly=True)
    amount = fields.Monetary(
        "Change", currency_field="currency_id", help="Positive: the reserve goes up. Negative: it goes down."
    )
    reason = fields.Text()
    payout_id = fields.Many2one("insurance.claim.payout", readonly=True, index="btree_not_null")
    state = fields.Selection(
        [("draft", "To Post"), ("posted", "Posted")], required=True, default="draft", readonly=True, index=True
    )
    move_id = fields.Many2one("account.move", "Journal Entry", readonly=True, index="btree_not_null", copy=False)
    user_id = fields.Many2one("res.users", "Recorded By", default=lambda self: self.env.user, readonly=True)

    def _workflow_refusal(self, fnames):
        return self.env._(
            "Claims staff record reserve changes (with a reason) only: the initial reserve, the releases by "
            "payment and at closing, who recorded a movement and its posting are written by the system, and "
            "accountants post the entries."
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not (vals.get("reason") or "").strip():
                raise ValidationError(self.env._("Give the reason for the reserve change."))
        movements = super().create(vals_list)
        movements._check_not_negative()
        if self.env.user.has_group("account.group_account_invoice"):
            # companies without a chart of accounts keep their movements to post later
            movements.filtered(lambda movement: movement.company_id.chart_template)._post_entries()
        return movements

    def write(self, vals):
        if set(vals) & set(IMMUTABLE_FIELDS):
            raise UserError(self.env._("A reserve movement cannot be changed: record a new reserve change instead."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A reserve movement cannot be deleted: record a new reserve change instead."))

    def _check_not_negative(self):
        balances = self._balances(self.claim_id, self.coverage_id)
        for movement in self:
            balance = balances.get((movement.claim_id.id, movement.coverage_id.id), 0.0)
            if float_compare(balance, 0.0, precision_rounding=movement.currency_id.rounding) < 0:
                raise ValidationError(
                    self.env._(
                        "Claim %(claim)s: the reserve on %(cover)s would become negative (%(balance)s).",
                        claim=movement.claim_id.name,
                        cover=movement.coverage_id.name,
                        balance=balance,
                    )
                )

    @api.model
    def _balances(self, claims, coverages=None):
        """``{(claim id, cover id): reserve}`` of the movements recorded so far, posted or not."""
        domain = [("claim_id", "in", claims.ids)]
        if coverages is not None:
            domain.append(("coverage_id", "in", coverages.ids))
        groups = self._read_group(domain, ["claim_id", "coverage_id"], ["amount:sum"])
        return {(claim.id, cover.id): amount for claim, cover, amount in groups}

    # ------------------------------------------------------------------
    # Journal entries
    # ------------------------------------------------------------------
    def action_post_entries(self):
        self._post_entries()
        return True

    def _post_entries(self):
        """Post one journal entry per movement still to post, in one batch."""
        todo = self.filtered(lambda movement: movement.state == "draft" and movement.amount)
        if not todo:
            (self - todo).filtered(lambda movement: movement.state == "draft")._workflow_write({"state": "posted"})
            return
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(self.env._("Only accountants post the reserve entries."))
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        all_moves = self.env["account.move"]
        # the accounts, journals and analytic rules resolved once per company; one create per company,
        # one posting for all
        for company, movements in todo.grouped("company_id").items():
            accounting = company._claim_accounting()
            analytic = company._claims_analytic_cache()
            move_vals = [movement._entry_values(accounting, analytic, kinds) for movement in movements]
            moves = self.env["account.move"].with_company(company).create(move_vals)
            for movement, move in zip(movements, moves, strict=True):
                movement._workflow_write({"move_id": move.id})
            all_moves |= moves
        all_moves._claims_number_batch()
        all_moves.action_post()
        (self - todo).filtered(lambda movement: movement.state == "draft")._workflow_write({"state": "posted"})
        todo._workflow_write({"state": "posted"})

    def _entry_values(self, accounting, analytic=None, kinds=None):
        self.ensure_one()
        claim = self.claim_id
        kinds = kinds or dict(self._fields["kind"]._description_selection(self.env))
        label = self.env._("%(claim)s reserve: %(kind)s", claim=claim.name, kind=kinds[self.kind])
        partner = claim.claimant_id.commercial_partner_id
        change_account = accounting["claim_reserve_change_account_id"]
        reserve_account = accounting["claim_reserve_account_id"]
        analytic = analytic or claim.company_id._claims_analytic_cache()
        if self.reason:
            label = f"{label} - {self.reason}"
        amount = self.amount
        # an increase: Dr change in reserve (expense) / Cr outstanding claims reserve (liability)
        return {
            "move_type": "entry",
            "journal_id": accounting["claim_reserve_journal_id"].id,
            "date": self.date,
            "ref": claim.name,
            "company_id": claim.company_id.id,
            "line_ids": [
                Command.create(
                    {
                        "name": label,
                        "account_id": change_account.id,
                        "debit": amount if amount > 0 else 0.0,
                        "credit": -amount if amount < 0 else 0.0,
                        "partner_id": partner.id,
                        "analytic_distribution": analytic(change_account, partner),
                    }
                ),
                Command.create(
                    {
                        "name": label,
                        "account_id": reserve_account.id,
                        "debit": -amount if amount < 0 else 0.0,
                        "credit": amount if amount > 0 else 0.0,
                        "partner_id": partner.id,
                        "analytic_distribution": analytic(reserve_account, partner),
                    }
                ),
            ],
        }
