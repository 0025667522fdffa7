from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError


class InsuranceClaimRecovery(models.Model):
    """Money a claim gets back: subrogation (代位追偿), salvage, the reinsurers' share.

    Expected first, then a customer invoice (a receivable) in the sales journal
    whose line goes to the claim recoveries account. Posted recovery invoices
    reduce the claim's net incurred amount.
    """

    _name = "insurance.claim.recovery"
    _inherit = ["insurance.workflow.guard"]
    _description = "Claim Recovery"
    _order = "claim_id, id"
    _check_company_auto = True
    _workflow_protected_fields = ("state", "move_id", "invoiced_amount", "received_amount")

    claim_id = fields.Many2one("insurance.claim", required=True, index=True, ondelete="restrict", check_company=True)
    company_id = fields.Many2one(related="claim_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    product_line = fields.Selection(related="claim_id.product_line", store=True)
    kind = fields.Selection(
        [("subrogation", "Subrogation"), ("salvage", "Salvage"), ("reinsurance", "Reinsurance share")],
        required=True,
        default="subrogation",
    )
    partner_id = fields.Many2one(
        "res.partner", "Debtor", required=True, check_company=True, help="The liable third party, buyer or reinsurer."
    )
    expected_amount = fields.Monetary(currency_field="currency_id", help="What we expect to get back.")
    note = fields.Text()
    move_id = fields.Many2one("account.move", "Invoice", readonly=True, copy=False, index="btree_not_null")
    invoiced_amount = fields.Monetary(
        currency_field="currency_id", compute="_compute_amounts", store=True, help="Posted invoice total."
    )
    received_amount = fields.Monetary(currency_field="currency_id", compute="_compute_amounts", store=True)
    state = fields.Selection(
        [("expected", "Expected"), ("invoiced", "Invoiced"), ("received", "Received"), ("cancelled", "Cancelled")],
        compute="_compute_amounts",
        store=True,
        index=True,
    )

    _sql_constraints = [
        ("expected_positive", "CHECK(expected_amount >= 0)", "An expected recovery cannot be negative."),
        ("invoice_unique", "UNIQUE(move_id)", "An invoice belongs to one recovery."),
    ]

    @api.depends("move_id.state", "move_id.amount_total", "move_id.amount_residual", "move_id.payment_state")
    def _compute_amounts(self):
        for recovery in self:
            move = recovery.move_id
            posted = move.state == "posted"
            recovery.invoiced_amount = move.amount_total if posted else 0.0
            recovery.received_amount = (move.amount_total - move.amount_residual) if posted else 0.0
            if move.state == "cancel":
                recovery.state = "cancelled"
            elif posted and move.payment_state in ("paid", "in_payment"):
                recovery.state = "received"
            elif posted:
                recovery.state = "invoiced"
            else:
                recovery.state = "expected"

    def _workflow_refusal(self, fnames):
        return self.env._(
            "The invoice and status of a recovery are set by accounting: an accountant invoices it with "
            "Create Invoice, and the status follows the invoice."
        )

    def action_create_invoice(self):
        """Accountants: the customer invoice of the recovery, in the sales journal."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(self.env._("Only accountants invoice recoveries."))
        self.env.cr.execute("SELECT id FROM insurance_claim_recovery WHERE id IN %s FOR UPDATE", [tuple(self.ids)])
        self.invalidate_recordset(["move_id"])
        for recovery in self:
            if recovery.move_id:
                raise UserError(self.env._("Recovery of %(claim)s is already invoiced.", claim=recovery.claim_id.name))
            if recovery.expected_amount <= 0:
                raise UserError(
                    self.env._("Give the expected amount of the recovery of %(claim)s.", claim=recovery.claim_id.name)
                )
        for recovery in self:
            claim = recovery.claim_id
            accounting = claim.company_id._claim_accounting()
            account = accounting["claim_recovery_account_id"]
            # a chart with recovery receivables (企业会计准则): 借 应收代位追偿款 / 损余物资, 贷 赔付支出
            receivable = {
                "subrogation": accounting["claim_subrogation_account_id"],
                "salvage": accounting["claim_salvage_account_id"],
            }.get(recovery.kind)
            if receivable:
                account = accounting["claim_paid_account_id"]
            kind = dict(self._fields["kind"]._description_selection(self.env))[recovery.kind]
            recovery._workflow_write(
                {
                    "move_id": self.env["account.move"]
                    .with_company(claim.company_id)
                    .create(
                        {
                            "move_type": "out_invoice",
                            "partner_id": recovery.partner_id.id,
                            "ref": claim.name,
                            "invoice_origin": claim.name,
                            "invoice_date": fields.Date.context_today(self),
                            "company_id": claim.company_id.id,
                            "invoice_line_ids": [
                                Command.create(
                                    {
                                        "name": f"{claim.name} - {kind}",
                                        "account_id": account.id,
                                        "quantity": 1,
                                        "price_unit": recovery.expected_amount,
                                        "tax_ids": [Command.clear()],
                                    }
                                )
                            ],
                        }
                    )
                    .id
                }
            )
            if receivable:
                recovery.move_id.line_ids.filtered(
                    lambda line: line.display_type == "payment_term"
                ).account_id = receivable
        return True
