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


class InsuranceClaimPayout(models.Model):
    """One payment of a claim to a payee: a prepayment, a partial payment or the final settlement.

    Claims staff prepare it; above the claim type's authority limit the claims
    director approves it; an accountant turns it into a vendor bill in the claim
    payout journal, posts the bill and pays it with Odoo's payment register. The
    pair (claim, settlement key) is unique in the database, so one settlement
    cannot be billed twice, not even by two users at once.
    """

    _name = "insurance.claim.payout"
    _description = "Claim Payout"
    _order = "claim_id, id"
    _check_company_auto = True

    claim_id = fields.Many2one(
        "insurance.claim", required=True, index=True, ondelete="restrict", readonly=True, check_company=True
    )
    company_id = fields.Many2one(related="claim_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    product_line = fields.Selection(related="claim_id.product_line", store=True)
    claim_state = fields.Selection(related="claim_id.state", string="Claim Status", store=True)
    kind = fields.Selection(PAYOUT_KINDS, required=True, default="partial")
    settlement_key = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        help="Identifies the settlement or the instalment this payout pays; unique per claim.",
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
    needs_director = fields.Boolean(compute="_compute_needs_director", string="Needs Director's Approval")
    director_approved_by = fields.Many2one("res.users", readonly=True, copy=False)
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
            counterparts = bill._get_reconciled_amls().move_id
            payments = bill.matched_payment_ids.filtered(lambda payment: payment.state != "canceled")
            by_bank = counterparts.filtered("statement_line_id")
            payout.bank_reconciled = bool(by_bank or payments) and all(payments.mapped("is_matched"))

    @api.depends("amount", "claim_id.claim_type_id.authority_limit")
    def _compute_needs_director(self):
        for payout in self:
            limit = payout.claim_id.claim_type_id.authority_limit
            payout.needs_director = (
                not limit
                or float_compare(payout.amount, limit, precision_rounding=payout.currency_id.rounding or 0.01) > 0
            )

    @api.model_create_multi
    def create(self, vals_list):
        claims = self.env["insurance.claim"].browse([vals["claim_id"] for vals in vals_list])
        counts = {}
        for vals, claim in zip(vals_list, claims, strict=True):
            kind = vals.get("kind", "partial")
            if vals.get("settlement_key"):
                continue
            if kind == "final":
                # one final settlement per decision (a reopened claim is decided anew)
                vals["settlement_key"] = f"final-{claim.reopen_count}"
                continue
            if (claim, kind) not in counts:
                counts[claim, kind] = len(claim.payout_ids.filtered(lambda payout, kind=kind: payout.kind == kind))
            counts[claim, kind] += 1
            vals["settlement_key"] = f"{kind}-{counts[claim, kind]}"
        for vals, claim in zip(vals_list, claims, strict=True):
            vals.setdefault("coverage_id", claim.coverage_id.id or claim.line_ids.coverage_id[:1].id)
            vals.setdefault("payee_id", (claim.payee_id or claim.claimant_id).id)
        return super().create(vals_list)

    def write(self, vals):
        locked = {"amount", "coverage_id", "payee_id", "partner_bank_id", "kind", "claim_id"}
        if locked & set(vals) and self.filtered(lambda payout: payout.state not in ("draft", "to_approve")):
            raise UserError(
                self.env._("An approved or billed payout cannot be changed: cancel it and prepare another.")
            )
        return super().write(vals)

    @api.onchange("payee_id")
    def _onchange_payee_id(self):
        banks = self.payee_id.bank_ids.filtered("allow_out_payment")
        self.partner_bank_id = banks[:1]

    # ------------------------------------------------------------------
    # Checks (bad input): each raises a clear message and changes nothing
    # ------------------------------------------------------------------
    def _check_payable(self):
        # the reserves and the limits used of all the payouts at once (two grouped reads)
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
            reserve = reserves.get((claim.id, payout.coverage_id.id), 0.0)
            if float_compare(payout.amount, reserve, precision_rounding=rounding) > 0:
                raise ValidationError(
                    self.env._(
                        "Claim %(claim)s: the payout of %(amount)s is above the outstanding reserve of %(reserve)s "
                        "on %(cover)s. Raise the reserve (with a reason) first.",
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
            if payout.kind == "final" and claim.state not in ("agreed", "paid"):
                raise ValidationError(
                    self.env._(
                        "Claim %(claim)s: the final settlement is paid once the claimant agreed to it.",
                        claim=claim.name,
                    )
                )

    def _limit_used(self):
        """``{cover id: amount}`` of the payouts not cancelled on the covers of these payouts."""
        self.flush_model(["coverage_id", "state", "amount"])
        groups = self._read_group(
            [("coverage_id", "in", self.coverage_id.ids), ("state", "in", ACTIVE_STATES)],
            ["coverage_id"],
            ["amount:sum"],
        )
        return {cover.id: amount for cover, amount in groups}

    def _remaining_limit(self, used=None):
        """The cover's limit minus the other payouts on it that are not cancelled."""
        self.ensure_one()
        used = self._limit_used() if used is None else used
        others = used.get(self.coverage_id.id, 0.0)
        if self.id and self.state in ACTIVE_STATES:
            others -= self.amount
        return self.currency_id.round(self.coverage_id.limit_amount - others)

    # ------------------------------------------------------------------
    # Work flow
    # ------------------------------------------------------------------
    def action_submit(self):
        """Claims staff: the payout is ready; above the authority limit it waits for the director."""
        for payout in self:
            if payout.state != "draft":
                raise UserError(self.env._("Only a prepared payout can be submitted."))
            payout._check_payable()
            payout.state = "to_approve" if payout.needs_director else "approved"
        return True

    def action_director_approve(self):
        if not self.env.user.has_group("claims_management.group_claims_manager"):
            raise AccessError(self.env._("Only a claims director approves payouts above the authority limit."))
        for payout in self:
            if payout.state != "to_approve":
                raise UserError(self.env._("This payout does not wait for the director's approval."))
            payout._check_payable()
            payout.write({"state": "approved", "director_approved_by": self.env.user.id})
        return True

    def action_cancel(self):
        for payout in self:
            if payout.move_id and payout.move_id.state != "cancel":
                raise UserError(self.env._("Cancel the vendor bill %(bill)s first.", bill=payout.move_id.display_name))
        self.write({"state": "cancelled"})
        return True

    def action_create_bill(self):
        """Accountants: create the vendor bill of approved payouts (draft; posted with the bill's Confirm)."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(self.env._("Only accountants create the payout bills."))
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
        self._check_payable()
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
            payout.write({"move_id": bill.id, "state": "billed"})
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
        return {
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

    # ------------------------------------------------------------------
    # Called by the bill
    # ------------------------------------------------------------------
    def _on_bill_posted(self):
        """Check the bill and release the reserve it pays, in the same transaction as the posting."""
        for payout in self:
            bill = payout.move_id
            rounding = payout.currency_id.rounding
            if payout.needs_director and not payout.director_approved_by:
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
        self._check_payable()
        self.env["insurance.claim.reserve"].create(
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
        """A posted bill back to draft or cancelled: the reserve it released comes back."""
        self.env["insurance.claim.reserve"].create(
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
