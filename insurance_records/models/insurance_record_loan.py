from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .res_company import CUSTOMER_LOAN_MAX_DAYS

LOAN_STATES = [
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("lent", "Lent"),
    ("returned", "Returned"),
    ("refused", "Refused"),
]
OUT_STATES = ("approved", "lent")


class InsuranceRecordLoan(models.Model):
    """A loan of a file (借阅): requested with a purpose, approved by a records manager, lent, returned."""

    _name = "insurance.record.loan"
    _description = "Records File Loan"
    _inherit = ["insurance.workflow.guard", "mail.thread", "mail.activity.mixin"]
    _order = "request_date desc, id desc"
    _check_company_auto = True
    _workflow_protected_fields = (
        "state",
        "request_date",
        "requested_by_id",
        "approved_by_id",
        "approved_at",
        "lent_date",
        "returned_date",
        "overdue",
        "returned_late",
        "last_reminder_date",
    )

    name = fields.Char(compute="_compute_name", store=True)
    file_id = fields.Many2one(
        "insurance.record.file", required=True, index=True, ondelete="restrict", check_company=True, tracking=True
    )
    company_id = fields.Many2one(related="file_id.company_id", store=True, index=True)
    borrower_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, index=True, tracking=True
    )
    requested_by_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user, copy=False)
    purpose = fields.Text(required=True)
    request_date = fields.Date(required=True, default=lambda self: self.env.company._insurance_today(), readonly=True)
    return_due_date = fields.Date("Return By", required=True, tracking=True)
    state = fields.Selection(LOAN_STATES, required=True, default="requested", tracking=True, index=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_at = fields.Datetime(readonly=True, copy=False)
    lent_date = fields.Date(readonly=True, copy=False)
    returned_date = fields.Date(readonly=True, copy=False)
    overdue = fields.Boolean(readonly=True, copy=False, index=True, help="Not returned by the return date.")
    returned_late = fields.Boolean(readonly=True, copy=False)
    last_reminder_date = fields.Date(readonly=True, copy=False)

    @api.depends("file_id.name", "borrower_id")
    def _compute_name(self):
        for loan in self:
            loan.name = f"{loan.file_id.name or ''} / {loan.borrower_id.name or ''}"

    # ------------------------------------------------------------------
    # Request
    # ------------------------------------------------------------------
    @api.constrains("request_date", "return_due_date", "file_id")
    def _check_return_date(self):
        for loan in self:
            days = (loan.return_due_date - loan.request_date).days
            limit = CUSTOMER_LOAN_MAX_DAYS if loan.file_id.customer_file else loan.company_id.records_loan_max_days
            if days < 0:
                raise ValidationError(self.env._("The return date cannot be before the request."))
            if days > limit:
                raise ValidationError(
                    self.env._(
                        "File %(file)s may be lent for at most %(limit)s days (%(kind)s): return it by %(date)s.",
                        file=loan.file_id.name,
                        limit=limit,
                        kind=self.env._("customer file") if loan.file_id.customer_file else self.env._("other file"),
                        date=fields.Date.add(loan.request_date, days=limit),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        files = self.env["insurance.record.file"].browse(
            [vals.get("file_id") for vals in vals_list if vals.get("file_id")]
        )
        self.browse()._check_file_available(files)
        with self.env.cr.savepoint():  # a refused return date leaves no loan behind
            loans = super().create(vals_list)
        for loan in loans:
            loan.file_id.message_post(
                body=self.env._(
                    "Loan requested by %(user)s until %(date)s: %(purpose)s",
                    user=loan.borrower_id.name,
                    date=loan.return_due_date,
                    purpose=loan.purpose,
                )
            )
        return loans

    def write(self, vals):
        if not self.env.su and set(vals) & {"file_id", "borrower_id", "purpose", "return_due_date"}:
            if self.filtered(lambda loan: loan.state != "requested"):
                raise UserError(self.env._("A loan changes only while it is requested."))
        if vals.get("file_id"):
            self._check_file_available(self.env["insurance.record.file"].browse(vals["file_id"]))
        return super().write(vals)

    def _check_file_available(self, files=None):
        """Refuse a loan of a destroyed file or of a file that is out (approved for or lent to someone)."""
        for record in files if files is not None else self.file_id:
            if record.state == "destroyed":
                raise UserError(self.env._("File %(file)s was destroyed: it cannot be lent.", file=record.name))
            out = record.loan_ids.filtered(lambda other: other not in self and other.state in OUT_STATES)
            if record.state == "lent" or out:
                raise UserError(
                    self.env._(
                        "File %(file)s is out (lent to %(user)s until %(date)s): it cannot be lent again "
                        "before it is returned.",
                        file=record.name,
                        user=out[:1].borrower_id.name or "-",
                        date=out[:1].return_due_date or "-",
                    )
                )

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def _check_records_manager(self, message):
        if not self.env.su and not self.env.user.has_group("insurance_records.group_records_manager"):
            raise AccessError(message)

    def _check_state(self, allowed):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for loan in self:
            if loan.state not in allowed:
                raise UserError(
                    self.env._(
                        "Loan %(loan)s is %(state)s: this step is not possible.",
                        loan=loan.name,
                        state=labels[loan.state],
                    )
                )

    def action_approve(self):
        self._check_records_manager(self.env._("Only a records manager approves a loan."))
        self._check_state(("requested",))
        for loan in self:
            if self.env.user in (loan.borrower_id | loan.requested_by_id):
                raise UserError(
                    self.env._(
                        "%(user)s requested this loan: another records manager approves it.", user=self.env.user.name
                    )
                )
        self._check_file_available()
        self._workflow_write(
            {"state": "approved", "approved_by_id": self.env.uid, "approved_at": fields.Datetime.now()}
        )
        self._log_on_file(self.env._("Loan approved by %(user)s"), user=self.env.user.name)
        return True

    def action_refuse(self):
        self._check_records_manager(self.env._("Only a records manager refuses a loan."))
        self._check_state(("requested", "approved"))
        self._workflow_write({"state": "refused"})
        self._log_on_file(self.env._("Loan refused by %(user)s"), user=self.env.user.name)
        return True

    def action_lend(self):
        self._check_records_manager(self.env._("Only a records manager hands a file out."))
        self._check_state(("approved",))
        for loan in self:
            loan._workflow_write({"state": "lent", "lent_date": loan.company_id._insurance_today()})
            loan.file_id._workflow_write({"state": "lent"})
        self._log_on_file(self.env._("File handed out to %(user)s"), by_borrower=True)
        return True

    def action_return(self):
        self._check_records_manager(self.env._("Only a records manager takes a file back."))
        self._check_state(("lent",))
        for loan in self:
            today = loan.company_id._insurance_today()
            late = today > loan.return_due_date
            loan._workflow_write({"state": "returned", "returned_date": today, "returned_late": late, "overdue": False})
            loan.file_id._workflow_write({"state": "filed"})
            if late:
                loan.file_id.message_post(
                    body=self.env._(
                        "File returned late by %(user)s on %(date)s (due %(due)s).",
                        user=loan.borrower_id.name,
                        date=today,
                        due=loan.return_due_date,
                    )
                )
            else:
                loan.file_id.message_post(
                    body=self.env._("File returned by %(user)s on %(date)s.", user=loan.borrower_id.name, date=today)
                )
        return True

    def _log_on_file(self, template, user=None, by_borrower=False):
        for loan in self:
            loan.file_id.message_post(body=template % {"user": loan.borrower_id.name if by_borrower else user})

    # ------------------------------------------------------------------
    # Overdue loans: flagged and reminded once a day until returned
    # ------------------------------------------------------------------
    @api.model
    def _cron_overdue(self):
        # the cron flags the loans of every company: it runs as the system
        self = self.sudo()
        lent = self.search([("state", "=", "lent")])
        for company in lent.company_id:
            today = company._insurance_today()
            late = lent.filtered(
                lambda loan, company=company, today=today: loan.company_id == company and loan.return_due_date < today
            )
            late.filtered(lambda loan: not loan.overdue)._workflow_write({"overdue": True})
            due = late.filtered(lambda loan, today=today: loan.last_reminder_date != today)
            managers = due.file_id._records_managers()
            for loan in due:
                loan.file_id.message_post(
                    body=self.env._(
                        "Overdue: %(user)s was to return this file by %(date)s.",
                        user=loan.borrower_id.name,
                        date=loan.return_due_date,
                    ),
                    partner_ids=(loan.borrower_id | managers).partner_id.ids,
                    message_type="notification",
                    subtype_xmlid="mail.mt_note",
                )
            due._workflow_write({"last_reminder_date": today})
        return True
