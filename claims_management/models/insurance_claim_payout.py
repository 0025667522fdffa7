from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

PAYOUT_KINDS = [
    ("prepayment", "Prepayment (Art. 25)"),
    ("partial", "Partial payment"),
    ("final", "Final settlement"),
]
# a payout counts against the settlement, the reserve and the cover limit unless cancelled
ACTIVE_STATES = ("draft", "to_approve", "approved", "billed")
# submitted payouts: they take their share of the settlement, the reserve and the authority limit
COMMITTED_STATES = ("to_approve", "approved", "billed")
# Art. 25: a prepayment on a registered claim whose amount is not decided yet
PREPAYMENT_STATES = ("documents", "assessment", "decision", "review")
# partial payouts and the final settlement come after the approved decision
SETTLED_STATES = ("approved", "agreed", "paid")


class InsuranceClaimPayout(models.Model):
    """One payment of a claim to a payee: a prepayment, a partial payment or the final settlement.

    Claims staff prepare it; when the claim's payouts together pass the claim type's authority
    limit the claims director approves it (never one they prepared or submitted); an accountant
    turns it into a vendor bill in the claim payout journal, posts the bill and pays it with
    Odoo's payment register. The system gives each payout its settlement key (one final
    settlement and one prepayment per decision of the claim, numbered instalments for partial
    payments); the pair (claim, settlement key) is unique in the database, so one settlement
    cannot be billed twice, not even by two users at once. A cancelled payout gives its key
    back, so its replacement can be made.
    """

    _name = "insurance.claim.payout"
    _inherit = ["insurance.workflow.guard"]
    _description = "Claim Payout"
    _order = "claim_id, id"
    _check_company_auto = True
    _workflow_protected_fields = (
        "state",
        "settlement_key",
        "settlement_round",
        "director_required",
        "submitted_by_id",
        "director_approved_by",
        "director_approved_at",
        "move_id",
    )

    claim_id = fields.Many2one(
        "insurance.claim", required=True, index=True, ondelete="restrict", readonly=True, check_company=True
    )
    company_id = fields.Many2one(related="claim_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    product_line = fields.Selection(related="claim_id.product_line", store=True)
    claim_state = fields.Selection(related="claim_id.state", string="Claim Status", store=True)
    kind = fields.Selection(PAYOUT_KINDS, required=True, default="partial")
    settlement_key = fields.Char(
        readonly=True,
        copy=False,
        help="Identifies the settlement or the instalment this payout pays; unique per claim, given by the "
        "system, freed when the payout is cancelled.",
    )
    settlement_round = fields.Integer(
        "Decision Round", readonly=True, copy=False, help="0 for the first decision, +1 after each reopening."
    )
    coverage_id = fields.Many2one("insurance.policy.coverage", string="Cover", required=True, check_company=True)
    amount = fields.Monetary(currency_field="currency_id", required=True)
    payee_id = fields.Many2one("res.partner", required=True, check_company=True)
    partner_bank_id = fields.Many2one(
        "res.partner.bank",
        string="Payee Bank Account",
        domain="[('partner_id', '=', payee_id), ('allow_out_payment', '=', True)]",
        check_company=True,
    )
    state = fields.Selection(
        [
            ("draft", "Prepared"),
            ("to_approve", "Awaiting Director"),
            ("approved", "Approved"),
            ("billed", "Billed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        readonly=True,
        index=True,
        copy=False,
    )
    needs_director = fields.Boolean(
        compute="_compute_needs_director",
        string="Needs Director's Approval",
        help="The claim's submitted payouts, this one included, pass the claim type's authority limit.",
    )
    director_required = fields.Boolean(
        "Director's Approval Required",
        readonly=True,
        copy=False,
        help="Decided when the payout was submitted: the claim's payouts then passed the authority limit.",
    )
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    director_approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    director_approved_at = fields.Datetime("Director Approved On", readonly=True, copy=False)
    move_id = fields.Many2one("account.move", "Vendor Bill", readonly=True, copy=False, index="btree_not_null")
    bill_state = fields.Selection(related="move_id.state", string="Bill Status", store=True)
    payment_state = fields.Selection(related="move_id.payment_state", store=True, index=True)
    bill_date = fields.Date(related="move_id.invoice_date", store=True)
    amount_residual = fields.Monetary(related="move_id.amount_residual", string="Amount Due")
    bank_reconciled = fields.Boolean(
        "Reconciled with the Bank",
        compute="_compute_bank_reconciled",
        store=True,
        index=True,
        help="The bill is paid and every payment of it is matched with a bank statement line.",
    )

    _sql_constraints = [
        (
            "settlement_unique",
            "UNIQUE(claim_id, settlement_key)",
            "This settlement of the claim already has a payout: no second bill for one settlement.",
        ),
        ("bill_unique", "UNIQUE(move_id)", "A vendor bill pays one claim payout only."),
        ("amount_positive", "CHECK(amount > 0)", "A payout amount must be positive."),
    ]

    @api.depends("move_id.payment_state", "move_id.matched_payment_ids.is_matched", "move_id.amount_residual")
    def _compute_bank_reconciled(self):
        for payout in self:
            bill = payout.move_id
            if bill.state != "posted" or bill.payment_state not in ("paid", "in_payment"):
                payout.bank_reconciled = False
                continue
            payable = bill.line_ids.filtered(
                lambda line: line.account_type in ("asset_receivable", "liability_payable")
            )
            counterparts = (payable.matched_debit_ids.debit_move_id | payable.matched_credit_ids.credit_move_id).move_id
            payments = bill.matched_payment_ids.filtered(lambda payment: payment.state != "canceled")
            by_bank = counterparts.filtered("statement_line_id")
            payout.bank_reconciled = bool(by_bank or payments) and all(payments.mapped("is_matched"))

    @api.depends("amount", "state", "claim_id.claim_type_id.authority_limit", "claim_id.payout_ids.amount")
    def _compute_needs_director(self):
        for payout in self:
            payout.needs_director = payout._passes_authority_limit()

    def _passes_authority_limit(self):
        """The claim's submitted payouts, this one included, are above the claim type's authority limit."""
        self.ensure_one()
        limit = self.claim_id.claim_type_id.authority_limit
        if not limit:
            return True
        others = self.claim_id.payout_ids.filtered(
            lambda payout: payout.state in COMMITTED_STATES and payout != self and payout.id != self._origin.id
        )
        total = self.currency_id.round(sum(others.mapped("amount")) + self.amount)
        return float_compare(total, limit, precision_rounding=self.currency_id.rounding or 0.01) > 0

    @api.model_create_multi
    def create(self, vals_list):
        claims = self.env["insurance.claim"].browse([vals["claim_id"] for vals in vals_list])
        for vals, claim in zip(vals_list, claims, strict=True):
            vals.setdefault("coverage_id", claim.coverage_id.id or claim.line_ids.coverage_id[:1].id)
            vals.setdefault("payee_id", (claim.payee_id or claim.claimant_id).id)
        return super().create(vals_list)

    def _workflow_prepare_create(self, vals_list):
        """The settlement key, given by the system after the caller's values were checked."""
        claims = self.env["insurance.claim"].browse([vals["claim_id"] for vals in vals_list])
        instalments = {}
        for vals, claim in zip(vals_list, claims, strict=True):
            kind = vals.get("kind", "partial")
            round_ = claim.reopen_count
            vals["settlement_round"] = round_
            if kind in ("final", "prepayment"):
                # one final settlement and one prepayment per decision (a reopened claim is decided anew)
                vals["settlement_key"] = f"{kind}-{round_}"
                continue
            if claim not in instalments:
                instalments[claim] = len(
                    claim.payout_ids.filtered(
                        lambda payout, round_=round_: payout.kind == "partial" and payout.settlement_round == round_
                    )
                )
            instalments[claim] += 1
            vals["settlement_key"] = f"partial-{round_}-{instalments[claim]}"

    def write(self, vals):
        locked = {"amount", "coverage_id", "payee_id", "partner_bank_id", "kind", "claim_id"}
        if locked & set(vals) and self.filtered(lambda payout: payout.state not in ("draft", "to_approve")):
            raise UserError(
                self.env._("An approved or billed payout cannot be changed: cancel it and prepare another.")
            )
        if locked & set(vals) and self.filtered(lambda payout: payout.state == "to_approve"):
            raise UserError(
                self.env._("A payout waiting for the director cannot be changed: cancel it and prepare another.")
            )
        return super().write(vals)

    def _workflow_refusal(self, fnames):
        return self.env._(
            "The status, settlement key, approvals and bill of a payout change only through its buttons: claims "
            "staff prepare, submit and cancel it, a claims director approves it above the authority limit (never "
            "one they prepared), accountants bill it."
        )

    @api.onchange("payee_id")
    def _onchange_payee_id(self):
        banks = self.payee_id.bank_ids.filtered("allow_out_payment")
        self.partner_bank_id = banks[:1]

    # ------------------------------------------------------------------
    # Checks (bad input): each raises a clear message and changes nothing
    # ------------------------------------------------------------------
    def _lock_claims(self):
        """Lock and touch the claims of these payouts: concurrent payout steps on one claim serialise.

        A second transaction waiting on the lock fails to serialise once this one commits and is
        retried (Odoo retries serialisation failures); the retry sees this transaction's payouts.
        """
        claim_ids = tuple(sorted(set(self.claim_id.ids)))
        if not claim_ids:
            return
        self.env.cr.execute("SELECT id FROM insurance_claim WHERE id IN %s ORDER BY id FOR UPDATE", [claim_ids])
        self.env.cr.execute("UPDATE insurance_claim SET write_date = write_date WHERE id IN %s", [claim_ids])

    def _check_payable(self, check_kind=True):
        """Bank account, reserve, cover limit and what is left to pay; the kind's claim states when preparing."""
        # the reserves and the limits used of all the payouts at once (two grouped reads)
        self.flush_model(["coverage_id", "state", "amount", "claim_id", "move_id"])
        reserves = self.env["insurance.claim.reserve"]._balances(self.claim_id, self.coverage_id)
        used = self._limit_used()
        for payout in self:
            claim = payout.claim_id
            rounding = payout.currency_id.rounding
            bank = payout.partner_bank_id
            if not bank or not bank.allow_out_payment:
                raise ValidationError(
                    self.env._(
                        "Claim %(claim)s: %(payee)s has no validated (trusted) bank account on the payout; an "
                        "accountant must validate the payee's bank account first.",
                        claim=claim.name,
                        payee=payout.payee_id.display_name,
                    )
                )
            if bank.partner_id.commercial_partner_id != payout.payee_id.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "Claim %(claim)s: bank account %(account)s does not belong to the payee %(payee)s.",
                        claim=claim.name,
                        account=bank.display_name,
                        payee=payout.payee_id.display_name,
                    )
                )
            if check_kind:
                payout._check_kind_allowed()
            others = claim.payout_ids.filtered(
                lambda other, payout=payout: other != payout and other.state in COMMITTED_STATES
            )
            # the reserve not yet released by a posted bill of the other payouts of the same cover
            committed = sum(
                others.filtered(
                    lambda other, payout=payout: other.coverage_id == payout.coverage_id
                    and other.bill_state != "posted"
                ).mapped("amount")
            )
            reserve = payout.currency_id.round(reserves.get((claim.id, payout.coverage_id.id), 0.0) - committed)
            if float_compare(payout.amount, reserve, precision_rounding=rounding) > 0:
                raise ValidationError(
                    self.env._(
                        "Claim %(claim)s: the payout of %(amount)s is above the outstanding reserve of %(reserve)s "
                        "on %(cover)s (after the other payouts not yet posted). Raise the reserve (with a reason) "
                        "first.",
                        claim=claim.name,
                        amount=payout.amount,
                        reserve=reserve,
                        cover=payout.coverage_id.name,
                    )
                )
            remaining = payout.coverage_id.limit_amount and payout._remaining_limit(used)
            if remaining is not False and float_compare(payout.amount, remaining, precision_rounding=rounding) > 0:
                raise ValidationError(
                    self.env._(
                        "Claim %(claim)s: the payout of %(amount)s is above the remaining limit of %(remaining)s "
                        "on %(cover)s.",
                        claim=claim.name,
                        amount=payout.amount,
                        remaining=remaining,
                        cover=payout.coverage_id.name,
                    )
                )
            payout._check_settlement_left(others)

    def _check_kind_allowed(self):
        """Art. 25 prepayment on a registered claim with its determinable amount; the rest after a decision."""
        self.ensure_one()
        claim = self.claim_id
        if self.kind == "prepayment":
            if claim.state not in PREPAYMENT_STATES:
                raise ValidationError(
                    self.env._(
                        "Claim %(claim)s: a prepayment (Art. 25) is made on a registered claim before its "
                        "decision (documents to director review), not while it is %(state)s.",
                        claim=claim.name,
                        state=claim._state_label(),
                    )
                )
            if float_is_zero(claim.determinable_amount, precision_rounding=self.currency_id.rounding):
                raise ValidationError(
                    self.env._(
                        "Claim %(claim)s: record the amount that can already be determined (Art. 25) on the "
                        "claim before preparing a prepayment.",
                        claim=claim.name,
                    )
                )
        elif self.kind == "partial" and claim.state not in SETTLED_STATES:
            raise ValidationError(
                self.env._(
                    "Claim %(claim)s: a partial payment is made once the decision is approved; before that, a "
                    "prepayment (Art. 25) of the determinable amount can be made.",
                    claim=claim.name,
                )
            )
        elif self.kind == "final" and claim.state not in ("agreed", "paid"):
            raise ValidationError(
                self.env._(
                    "Claim %(claim)s: the final settlement is paid once the claimant agreed to it.",
                    claim=claim.name,
                )
            )

    def _check_settlement_left(self, others):
        """The payout stays within what is left to pay: the approved settlement, or the determinable amount."""
        self.ensure_one()
        claim = self.claim_id
        if self.kind == "prepayment":
            bound = claim.determinable_amount
            paid = sum(others.filtered(lambda other: other.kind == "prepayment").mapped("amount"))
            message = self.env._(
                "Claim %(claim)s: the prepayment of %(amount)s is above what is left of the determinable amount "
                "(%(bound)s less %(paid)s already prepared): %(left)s."
            )
        else:
            bound = claim.assessed_amount
            paid = sum(others.mapped("amount"))
            message = self.env._(
                "Claim %(claim)s: the payout of %(amount)s is above what is left to pay of the approved settlement "
                "(%(bound)s less %(paid)s already prepared): %(left)s."
            )
        left = self.currency_id.round(bound - paid)
        if float_compare(self.amount, left, precision_rounding=self.currency_id.rounding) > 0:
            raise ValidationError(
                message
                % {
                    "claim": claim.name,
                    "amount": self.amount,
                    "bound": bound,
                    "paid": self.currency_id.round(paid),
                    "left": left,
                }
            )

    def _limit_used(self):
        """``{cover id: amount}`` of the submitted payouts on the covers of these payouts (counts across claims)."""
        self.flush_model(["coverage_id", "state", "amount"])
        groups = self.sudo()._read_group(
            [("coverage_id", "in", self.coverage_id.ids), ("state", "in", COMMITTED_STATES)],
            ["coverage_id"],
            ["amount:sum"],
        )
        return {cover.id: amount for cover, amount in groups}

    def _remaining_limit(self, used=None):
        """The cover's limit minus the other submitted payouts on it."""
        self.ensure_one()
        used = self._limit_used() if used is None else used
        others = used.get(self.coverage_id.id, 0.0)
        if self.id and self.state in COMMITTED_STATES:
            others -= self.amount
        return self.currency_id.round(self.coverage_id.limit_amount - others)

    # ------------------------------------------------------------------
    # Work flow
    # ------------------------------------------------------------------
    def _check_group(self, group, message):
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(message)

    def action_submit(self):
        """Claims staff: the payout is ready; above the authority limit (all its payouts) it waits for the director."""
        self._check_group(
            "claims_management.group_claims_user", self.env._("Only claims staff submit a prepared payout.")
        )
        self._lock_claims()
        for payout in self:
            if payout.state != "draft":
                raise UserError(self.env._("Only a prepared payout can be submitted."))
            payout._check_payable()
            director = payout._passes_authority_limit()
            payout._workflow_write(
                {
                    "state": "to_approve" if director else "approved",
                    "director_required": director,
                    "submitted_by_id": self.env.uid,
                }
            )
        return True

    def action_director_approve(self):
        self._check_group(
            "claims_management.group_claims_director",
            self.env._("Only a claims director approves payouts above the authority limit."),
        )
        self._lock_claims()
        for payout in self:
            if payout.state != "to_approve":
                raise UserError(self.env._("This payout does not wait for the director's approval."))
            if not self.env.su and self.env.user in (payout.create_uid | payout.submitted_by_id):
                raise AccessError(
                    self.env._(
                        "Claim %(claim)s: you prepared or submitted this payout; another claims director must "
                        "approve it (segregation of duties).",
                        claim=payout.claim_id.name,
                    )
                )
            payout._check_payable()
            payout._workflow_write(
                {
                    "state": "approved",
                    "director_approved_by": self.env.uid,
                    "director_approved_at": fields.Datetime.now(),
                }
            )
        return True

    def action_cancel(self):
        """Cancel the payout; its settlement key is freed so that a replacement can be prepared."""
        if not self.env.su and not (
            self.env.user.has_group("claims_management.group_claims_user")
            or self.env.user.has_group("account.group_account_invoice")
        ):
            raise AccessError(self.env._("Only claims staff or accountants cancel a payout."))
        for payout in self:
            if payout.move_id and payout.move_id.state != "cancel":
                raise UserError(self.env._("Cancel the vendor bill %(bill)s first.", bill=payout.move_id.display_name))
        self._workflow_write({"state": "cancelled", "settlement_key": False})
        # the freed key reaches the unique index before a replacement is inserted
        self.flush_recordset(["state", "settlement_key"])
        return True

    def action_create_bill(self):
        """Accountants: create the vendor bill of approved payouts (draft; posted with the bill's Confirm)."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(self.env._("Only accountants create the payout bills."))
        self._lock_claims()
        # a double click or a second user waits here, then finds the bill made
        self.env.cr.execute("SELECT id FROM insurance_claim_payout WHERE id IN %s FOR UPDATE", [tuple(self.ids)])
        self.invalidate_recordset(["state", "move_id"])
        for payout in self:
            if payout.move_id:
                raise UserError(
                    self.env._(
                        "Claim %(claim)s: this settlement already has the bill %(bill)s.",
                        claim=payout.claim_id.name,
                        bill=payout.move_id.display_name,
                    )
                )
            if payout.state != "approved":
                raise UserError(
                    self.env._(
                        "Claim %(claim)s: the payout must be approved before it is billed.", claim=payout.claim_id.name
                    )
                )
        self._check_payable(check_kind=False)
        bills = self.env["account.move"]
        ordered = self.browse()
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        today = fields.Date.context_today(self)
        for company in self.company_id:
            payouts = self.filtered(lambda payout, company=company: payout.company_id == company)
            accounting = company._claim_accounting()
            analytic = company._claims_analytic_cache()
            bills |= (
                self.env["account.move"]
                .with_company(company)
                .create([payout._bill_values(accounting, analytic, kinds, today) for payout in payouts])
            )
            ordered |= payouts
        for payout, bill in zip(ordered, bills, strict=True):
            payout._workflow_write({"move_id": bill.id, "state": "billed"})
        if len(bills) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "account.move",
                "res_id": bills.id,
                "views": [(False, "form")],
            }
        return True

    def _bill_values(self, accounting, analytic=None, kinds=None, today=None):
        self.ensure_one()
        claim = self.claim_id
        kind = (kinds or dict(self._fields["kind"]._description_selection(self.env)))[self.kind]
        today = today or fields.Date.context_today(self)
        account = accounting["claim_paid_account_id"]
        line = {
            "name": f"{claim.name} - {kind}",
            "account_id": account.id,
            "quantity": 1,
            "price_unit": self.amount,
            "tax_ids": [Command.clear()],
        }
        if analytic is not None:
            line["analytic_distribution"] = analytic(account, self.payee_id)
        values = {
            "move_type": "in_invoice",
            "journal_id": accounting["claim_payout_journal_id"].id,
            "partner_id": self.payee_id.id,
            "partner_bank_id": self.partner_bank_id.id,
            "ref": claim.name,
            "payment_reference": claim.name,
            "invoice_date": today,
            "date": today,
            "invoice_origin": claim.name,
            "company_id": claim.company_id.id,
            "invoice_line_ids": [Command.create(line)],
        }
        # the payment register proposes the bank journal of the claims payments
        method = accounting["claim_payment_journal_id"].outbound_payment_method_line_ids[:1]
        if method:
            values["preferred_payment_method_line_id"] = method.id
        return values

    # ------------------------------------------------------------------
    # Called by the bill
    # ------------------------------------------------------------------
    def _on_bill_posted(self):
        """Check the bill and release the reserve it pays, in the same transaction as the posting."""
        for payout in self:
            bill = payout.move_id
            rounding = payout.currency_id.rounding
            if payout.director_required and not payout.director_approved_by:
                raise UserError(
                    self.env._(
                        "Claim %(claim)s: the payout is above the authority limit and needs the director's approval.",
                        claim=payout.claim_id.name,
                    )
                )
            if float_compare(bill.amount_total, payout.amount, precision_rounding=rounding):
                raise UserError(
                    self.env._(
                        "Claim %(claim)s: the bill total %(total)s differs from the approved payout %(amount)s.",
                        claim=payout.claim_id.name,
                        total=bill.amount_total,
                        amount=payout.amount,
                    )
                )
            if bill.partner_bank_id != payout.partner_bank_id or bill.commercial_partner_id != (
                payout.payee_id.commercial_partner_id
            ):
                raise UserError(
                    self.env._(
                        "Claim %(claim)s: the bill must pay the approved payee and bank account.",
                        claim=payout.claim_id.name,
                    )
                )
        self._check_payable(check_kind=False)
        self.env["insurance.claim.reserve"]._workflow_create(
            [
                {
                    "claim_id": payout.claim_id.id,
                    "coverage_id": payout.coverage_id.id,
                    "kind": "payment",
                    "amount": -payout.amount,
                    "date": payout.move_id.date,
                    "payout_id": payout.id,
                    "reason": payout.move_id.name,
                }
                for payout in self
                if not float_is_zero(payout.amount, precision_rounding=payout.currency_id.rounding)
            ]
        )

    def _on_bill_reset(self):
        """A posted bill back to draft or cancelled: the reserve it released comes back, a paid claim is not paid."""
        self.env["insurance.claim.reserve"]._workflow_create(
            [
                {
                    "claim_id": payout.claim_id.id,
                    "coverage_id": payout.coverage_id.id,
                    "kind": "payment",
                    "amount": payout.amount,
                    "date": fields.Date.context_today(self),
                    "payout_id": payout.id,
                    "reason": self.env._("Bill %(bill)s reset to draft", bill=payout.move_id.name),
                }
                for payout in self
            ]
        )
        self.claim_id._sync_paid_state()

    def _on_bill_refunded(self, refunds):
        """A posted credit note (or reversal) of payout bills: the reserve comes back by the amount refunded.

        A bill refunded in full no longer pays its settlement: the payout is cancelled and frees its
        settlement key, so that a replacement can be prepared; a paid claim goes back to Agreed.
        """
        vals_list = []
        cancelled = self.browse()
        for payout in self:
            rounding = payout.currency_id.rounding
            refunded = sum(
                refunds.filtered(lambda refund, payout=payout: refund.reversed_entry_id == payout.move_id).mapped(
                    "amount_total"
                )
            )
            earlier = sum(
                payout.claim_id.reserve_ids.filtered(
                    lambda movement, payout=payout: movement.payout_id == payout
                    and movement.kind == "payment"
                    and movement.amount > 0
                ).mapped("amount")
            )
            # never more than the release of the bill itself
            restore = payout.currency_id.round(min(refunded, payout.amount - earlier))
            if float_compare(restore, 0.0, precision_rounding=rounding) > 0:
                vals_list.append(
                    {
                        "claim_id": payout.claim_id.id,
                        "coverage_id": payout.coverage_id.id,
                        "kind": "payment",
                        "amount": restore,
                        "date": fields.Date.context_today(self),
                        "payout_id": payout.id,
                        "reason": self.env._(
                            "Credit note %(refund)s on bill %(bill)s",
                            refund=", ".join(
                                refunds.filtered(
                                    lambda refund, payout=payout: refund.reversed_entry_id == payout.move_id
                                ).mapped("name")
                            ),
                            bill=payout.move_id.name,
                        ),
                    }
                )
            if float_compare(earlier + restore, payout.amount, precision_rounding=rounding) >= 0:
                cancelled |= payout
        self.env["insurance.claim.reserve"]._workflow_create(vals_list)
        cancelled._workflow_write({"state": "cancelled", "settlement_key": False})
        cancelled.flush_recordset(["state", "settlement_key"])
        self.claim_id._sync_paid_state()

    def _claims_open_counterparts(self):
        """``{payout: lines}``: what a bank line pays: the registered payment's outstanding line, or the bill."""
        result = {}
        payments = self.env["account.payment"].search(
            [("invoice_ids", "in", self.move_id.ids), ("state", "not in", ("draft", "canceled", "rejected"))]
        )
        for payout in self:
            bill = payout.move_id
            lines = self.env["account.move.line"]
            for payment in payments.filtered(lambda payment, bill=bill: bill in payment.invoice_ids):
                lines |= payment.move_id.line_ids.filtered(
                    lambda line, payment=payment: line.account_id == payment.outstanding_account_id
                    and not line.reconciled
                )
            if not payments.filtered(lambda payment, bill=bill: bill in payment.invoice_ids):
                lines = bill.line_ids.filtered(
                    lambda line: line.account_id.account_type == "liability_payable" and not line.reconciled
                )
            if lines:
                result[payout] = lines
        return result
