from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

BATCH_STATES = [
    ("draft", "Draft"),
    ("submitted", "Awaiting Approval"),
    ("approved", "Approved"),
    ("destroyed", "Destroyed"),
]


class InsuranceRecordDestruction(models.Model):
    """A destruction batch (销毁清册): files past retention, approved twice, destroyed before a witness."""

    _name = "insurance.record.destruction"
    _description = "Records Destruction Batch"
    _inherit = ["insurance.workflow.guard", "mail.thread"]
    _order = "id desc"
    _check_company_auto = True
    _workflow_protected_fields = (
        "state",
        "manager_approver_id",
        "manager_approved_at",
        "second_approver_id",
        "second_approved_at",
        "destroyed_by_id",
        "destroyed_date",
    )

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    file_ids = fields.Many2many(
        "insurance.record.file",
        "insurance_record_destruction_file_rel",
        "destruction_id",
        "file_id",
        check_company=True,
    )
    file_count = fields.Integer(compute="_compute_file_count")
    state = fields.Selection(BATCH_STATES, required=True, default="draft", tracking=True, index=True, copy=False)
    reason = fields.Text(default=lambda self: self.env._("Retention period ended."))
    manager_approver_id = fields.Many2one("res.users", "Approved by (Records Manager)", readonly=True, copy=False)
    manager_approved_at = fields.Datetime(readonly=True, copy=False)
    second_approver_id = fields.Many2one("res.users", readonly=True, copy=False)
    second_approved_at = fields.Datetime(readonly=True, copy=False)
    witness_id = fields.Many2one("res.users", tracking=True, help="Who watched the destruction.")
    destroyed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    destroyed_date = fields.Date(readonly=True, copy=False)

    @api.depends("file_ids")
    def _compute_file_count(self):
        for batch in self:
            batch.file_count = len(batch.file_ids)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["ir.sequence"]._insurance_number_vals(vals_list, "insurance.record.destruction")
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) & {"file_ids", "reason", "company_id"}:
            if self.filtered(lambda batch: batch.state != "draft"):
                raise UserError(self.env._("The files of a destruction batch change only while it is a draft."))
        if not self.env.su and "witness_id" in vals and self.filtered(lambda batch: batch.state == "destroyed"):
            raise UserError(self.env._("A destroyed batch is kept as it was destroyed."))
        return super().write(vals)

    def _check_state(self, allowed):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for batch in self:
            if batch.state not in allowed:
                raise UserError(
                    self.env._(
                        "Destruction batch %(batch)s is %(state)s: this step is not possible.",
                        batch=batch.name,
                        state=labels[batch.state],
                    )
                )

    def _today(self):
        return self.company_id._insurance_today()

    def action_submit(self):
        self._check_state(("draft",))
        for batch in self:
            if not batch.file_ids:
                raise UserError(self.env._("Add the files to destroy first."))
            batch.file_ids._check_destroyable(batch._today())
        self._workflow_write({"state": "submitted"})
        return True

    def action_approve(self):
        """First approval by a records manager, then a second one by another person."""
        if not self.env.su and not self.env.user.has_group("insurance_records.group_records_manager"):
            raise AccessError(self.env._("Only a records manager approves a destruction batch."))
        self._check_state(("submitted",))
        for batch in self:
            batch.file_ids._check_destroyable(batch._today())
            if not batch.manager_approver_id:
                batch._workflow_write(
                    {"manager_approver_id": self.env.uid, "manager_approved_at": fields.Datetime.now()}
                )
                batch.message_post(body=self.env._("First approval by %(user)s", user=self.env.user.name))
                continue
            if batch.manager_approver_id == self.env.user:
                raise UserError(
                    self.env._(
                        "%(user)s already approved this batch: the second approval is by another person.",
                        user=self.env.user.name,
                    )
                )
            batch._workflow_write(
                {"state": "approved", "second_approver_id": self.env.uid, "second_approved_at": fields.Datetime.now()}
            )
            batch.message_post(body=self.env._("Second approval by %(user)s", user=self.env.user.name))
        return True

    def action_destroy(self):
        """Remove the content of the files' attachments; keep the files' records and issue the certificate."""
        if not self.env.su and not self.env.user.has_group("insurance_records.group_records_manager"):
            raise AccessError(self.env._("Only a records manager destroys files."))
        self._check_state(("approved",))
        for batch in self:
            if not batch.witness_id:
                raise UserError(self.env._("Name the witness of the destruction first."))
            if batch.witness_id in (batch.manager_approver_id | batch.second_approver_id | self.env.user):
                raise UserError(self.env._("The witness is neither an approver nor the person destroying the files."))
            today = batch._today()
            files = batch.file_ids
            files._check_destroyable(today)
            contents = files.content_ids
            # Checked above: the batch is approved twice and every file is past retention. The attachments
            # belong to claims and complaints the records manager may not read: their content is removed as
            # the superuser, narrowly these attachments and nothing else.
            contents.attachment_id.sudo().write({"datas": False})
            contents.write({"content_destroyed": True})
            files._workflow_write({"state": "destroyed", "destroyed_date": today, "destruction_id": batch.id})
            batch._workflow_write({"state": "destroyed", "destroyed_by_id": self.env.uid, "destroyed_date": today})
            for record in files:
                record.message_post(
                    body=self.env._("Destroyed in batch %(batch)s on %(date)s.", batch=batch.name, date=today)
                )
            report = self.env.ref("insurance_records.action_report_destruction_certificate")
            pdf, _type = self.env["ir.actions.report"]._render_qweb_pdf(report, batch.ids)
            self.env["ir.attachment"].create(
                {
                    "name": self.env._("Destruction certificate %(batch)s.pdf", batch=batch.name),
                    "raw": pdf,
                    "res_model": batch._name,
                    "res_id": batch.id,
                    "mimetype": "application/pdf",
                }
            )
        return True
