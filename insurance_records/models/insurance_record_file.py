import datetime

from odoo import api, fields, models
from odoo.addons.complaint_management.models.insurance_customer_followup import PENDING_STATES
from odoo.addons.insurance_base.models.insurance_workflow_guard import TRANSITION_KEY, TransitionPermit
from odoo.exceptions import AccessError, UserError

from ..lib import pages
from .insurance_record_retention_rule import RETENTION_CLASSES, SECRECY_LEVELS

FILE_STATES = [("filed", "Filed"), ("lent", "Lent"), ("destroyed", "Destroyed")]
# what a records user may still change on a filed file (its place and the secrecy decided at filing)
EDITABLE_FIELDS = {"shelf", "secrecy_level", "note"}


class InsuranceRecordFile(models.Model):
    """The archived file (案卷) of a closed claim or complaint, or a legacy paper file."""

    _name = "insurance.record.file"
    _description = "Records File"
    _inherit = ["insurance.workflow.guard", "mail.thread"]
    _order = "year desc, name desc"
    _check_company_auto = True
    _workflow_protected_fields = ("state", "destroyed_date", "destruction_id")

    name = fields.Char("File Number", required=True, readonly=True, copy=False, default="/", index="trigram")
    title = fields.Char(required=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    kind = fields.Selection(
        [("claim", "Claim"), ("complaint", "Complaint"), ("paper", "Paper Register")], required=True, readonly=True
    )
    claim_id = fields.Many2one("insurance.claim", readonly=True, index="btree_not_null", ondelete="restrict")
    complaint_id = fields.Many2one("insurance.complaint", readonly=True, index="btree_not_null", ondelete="restrict")
    closed_date = fields.Date(required=True, readonly=True, help="The day the claim or complaint was closed.")
    year = fields.Integer(required=True, readonly=True, index=True, help="The filing year (立卷年度).")
    retention_rule_id = fields.Many2one("insurance.record.retention.rule", readonly=True, check_company=True)
    retention_class = fields.Selection(RETENTION_CLASSES, required=True, readonly=True, default="long")
    retention_years = fields.Integer(readonly=True, help="0 for a permanent file.")
    retention_end_date = fields.Date(
        compute="_compute_retention_end",
        store=True,
        precompute=True,
        help="The day the retention ends; empty for permanent files.",
    )
    retention_end_year = fields.Integer(compute="_compute_retention_end", store=True, precompute=True)
    secrecy_level = fields.Selection(SECRECY_LEVELS, required=True, default="internal", tracking=True)
    customer_file = fields.Boolean(readonly=True, default=True, help="Lent for at most 3 days.")
    shelf = fields.Char(tracking=True, help="Where the paper file is kept, e.g. Room 2 / Rack 4 / Box 17.")
    location = fields.Selection(
        [("physical", "Shelf"), ("electronic", "Attachments in Odoo"), ("both", "Shelf and Attachments")],
        compute="_compute_location",
        store=True,
        precompute=True,
    )
    content_ids = fields.One2many("insurance.record.file.content", "file_id", string="Contents", readonly=True)
    # counted once at filing: the contents never change afterwards
    document_count = fields.Integer(readonly=True)
    page_count = fields.Integer("Pages", readonly=True)
    state = fields.Selection(FILE_STATES, required=True, default="filed", tracking=True, index=True, copy=False)
    loan_ids = fields.One2many("insurance.record.loan", "file_id", string="Loans")
    disclosure_ids = fields.One2many("insurance.record.disclosure", "file_id", string="Disclosures")
    destruction_id = fields.Many2one("insurance.record.destruction", readonly=True, copy=False, index="btree_not_null")
    destroyed_date = fields.Date(readonly=True, copy=False)
    note = fields.Text()

    _sql_constraints = [
        ("name_company_unique", "UNIQUE(name, company_id)", "A file number must be unique per company."),
        ("claim_unique", "UNIQUE(claim_id)", "A claim is filed once."),
        ("complaint_unique", "UNIQUE(complaint_id)", "A complaint is filed once."),
    ]

    def init(self):
        # the "retention ends this year" list and the destruction checks filter on these
        # permanent files have no end year (0), so the year alone keeps them out; the list reads its first
        # page in the order of the index
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS insurance_record_file_retention_year_idx ON insurance_record_file "
            "(retention_end_year, company_id, year DESC, name DESC)"
        )

    @api.depends("closed_date", "retention_class", "retention_years")
    def _compute_retention_end(self):
        for record in self:
            years = None if record.retention_class == "permanent" else record.retention_years
            end = pages.retention_end(record.closed_date, years) if record.closed_date else None
            record.retention_end_date = end or False
            record.retention_end_year = end.year if end else 0

    @api.depends("shelf", "document_count")
    def _compute_location(self):
        for record in self:
            if record.shelf and record.document_count:
                record.location = "both"
            else:
                record.location = "physical" if record.shelf or not record.document_count else "electronic"

    # ------------------------------------------------------------------
    # Integrity: a file's facts are fixed at filing
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        permit = self.env.context.get(TRANSITION_KEY)
        filing = isinstance(permit, TransitionPermit) and permit.model == self._name and permit.creating
        if not self.env.su and not filing:
            for vals in vals_list:
                if vals.get("kind") != "paper" or vals.get("claim_id") or vals.get("complaint_id"):
                    raise UserError(
                        self.env._("Claims and complaints are filed by the filing; by hand only paper files are added.")
                    )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            fixed = set(vals) - EDITABLE_FIELDS - set(self._workflow_protected_fields)
            fixed = {name for name in fixed if not name.startswith(("message_", "activity_"))}
            if fixed:
                raise UserError(
                    self.env._(
                        "A filed file keeps what it was filed with; only its shelf, secrecy level and note change."
                    )
                )
            if "secrecy_level" in vals and not self.env.user.has_group("insurance_records.group_records_manager"):
                raise AccessError(self.env._("Only a records manager changes the secrecy level of a file."))
            if self.filtered(lambda record: record.state == "destroyed") and set(vals) & EDITABLE_FIELDS:
                raise UserError(self.env._("A destroyed file is kept as it was destroyed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=True)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._("A file is never deleted: its record is kept even after destruction."))

    # ------------------------------------------------------------------
    # Filing
    # ------------------------------------------------------------------
    @api.model
    def _file_closed(self, claims=None, complaints=None):
        """File these closed claims and complaints (the ones not filed yet), in one batch."""
        claims = (claims or self.env["insurance.claim"]).filtered(lambda claim: claim.state == "closed")
        complaints = (complaints or self.env["insurance.complaint"]).filtered(lambda c: c.state == "closed")
        complaints -= self._complaints_awaiting_followup(complaints)
        if not (claims or complaints):
            return self.browse()
        done = self.search_fetch(
            ["|", ("claim_id", "in", claims.ids), ("complaint_id", "in", complaints.ids)], ["claim_id", "complaint_id"]
        )
        claims -= done.claim_id
        complaints -= done.complaint_id
        if not (claims or complaints):
            return self.browse()
        companies = claims.company_id | complaints.company_id
        rules = self.env["insurance.record.retention.rule"]._rules_by_key(companies)
        closed_on = self._claim_closed_dates(claims)
        vals_list, contents = [], []
        main, extra = self._attachments_of(claims, complaints)
        for claim in claims:
            rule = rules.get((claim.company_id.id, "claim", claim.claim_type_id.id)) or rules.get(
                (claim.company_id.id, "claim", False)
            )
            vals_list.append(self._filing_vals(claim, "claim", rule, closed_on.get(claim.id)))
            contents.append(main.get(("insurance.claim", claim.id), []) + extra.get(("insurance.claim", claim.id), []))
        for complaint in complaints:
            company = complaint.company_id
            rule = rules.get((company.id, "complaint", complaint.category_id.id)) or rules.get(
                (company.id, "complaint", False)
            )
            closed = company._insurance_local_date(complaint.closed_at) if complaint.closed_at else None
            vals_list.append(self._filing_vals(complaint, "complaint", rule, closed))
            key = ("insurance.complaint", complaint.id)
            contents.append(main.get(key, []) + extra.get(key, []))
        for vals, lines in zip(vals_list, contents, strict=True):
            vals.update(document_count=len(lines), page_count=sum(line["page_count"] for line in lines))
        self._number(vals_list)
        files = (
            self.with_context(tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True)
            ._workflow_create(vals_list)
            .with_env(self.env)
        )
        content_vals = []
        for record, lines in zip(files, contents, strict=True):
            content_vals += [
                dict(line, file_id=record.id, company_id=record.company_id.id, sequence=index)
                for index, line in enumerate(lines, 1)
            ]
        self.env["insurance.record.file.content"].create(content_vals)
        return files

    def _filing_vals(self, record, kind, rule, closed):
        company = record.company_id
        closed = closed or company._insurance_today()
        if rule:
            years = rule._retention_years()
            retention_class, secrecy, customer = rule.retention_class, rule.secrecy_level, rule.customer_file
        else:  # no rule: kept long, internal, customer information
            retention_class, secrecy, customer = "long", "internal", True
            years = company.records_long_years
        return {
            "company_id": company.id,
            "kind": kind,
            f"{kind}_id": record.id,
            "title": record.display_name,
            "closed_date": closed,
            "year": closed.year,
            "retention_rule_id": rule.id if rule else False,
            "retention_class": retention_class,
            "retention_years": years or 0,
            "secrecy_level": secrecy,
            "customer_file": customer,
        }

    @api.model
    def _number(self, vals_list):
        """File numbers from the records sequence; a standard sequence gives all of them in one query."""
        sequence = self.env["ir.sequence"].search([("code", "=", "insurance.record.file")], limit=1)
        if not sequence:
            raise UserError(self.env._("The sequence of file numbers (insurance.record.file) is missing."))
        if sequence.implementation == "standard" and not sequence.use_date_range:
            self.env.cr.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)", (f"ir_sequence_{sequence.id:03d}", len(vals_list))
            )
            numbers = [row[0] for row in self.env.cr.fetchall()]
            for vals, number in zip(vals_list, numbers, strict=True):
                vals["name"] = sequence.sudo().get_next_char(number)
        else:
            for vals in vals_list:
                vals["name"] = sequence._next()

    @api.model
    def _claim_closed_dates(self, claims):
        """``{claim id: local date of its last closing}`` (one query)."""
        if not claims:
            return {}
        groups = (
            self.env["insurance.claim.stage.log"]
            .sudo()
            ._read_group([("claim_id", "in", claims.ids), ("state_to", "=", "closed")], ["claim_id"], ["date:max"])
        )
        return {claim.id: claim.company_id._insurance_local_date(date) for claim, date in groups}

    @api.model
    def _attachments_of(self, claims, complaints):
        """The ordered contents of each record: ``({(model, id): [main documents]}, {(model, id): [attachments]})``."""
        Attachment = self.env["ir.attachment"].sudo()
        documents = claims.document_ids
        domain = [
            "|",
            "|",
            "&",
            "&",
            ("res_model", "=", "insurance.claim.document"),
            ("res_id", "in", documents.ids),
            ("res_field", "!=", False),
            "&",
            ("res_model", "=", "insurance.claim"),
            ("res_id", "in", claims.ids),
            "&",
            ("res_model", "=", "insurance.complaint"),
            ("res_id", "in", complaints.ids),
        ]
        # res_field is named in the domain, so the search keeps the binary fields' files beside the chatter's
        attachments = Attachment.search_fetch(
            domain,
            ["name", "res_model", "res_id", "res_field", "mimetype", "raw"],
            order="id",
        )
        document_of = {document.id: document for document in documents}
        main, extra = {}, {}
        for attachment in attachments:
            name = attachment.name
            if attachment.res_model == "insurance.claim.document":
                document = document_of[attachment.res_id]
                key, target = ("insurance.claim", document.claim_id.id), main
                name = document.attachment_name or document.name
            else:
                key = (attachment.res_model, attachment.res_id)
                target = main if attachment.res_field else extra
                if attachment.res_field:
                    name = self.env[attachment.res_model]._fields[attachment.res_field]._description_string(self.env)
            target.setdefault(key, []).append(
                {
                    "name": name,
                    "kind": "main" if target is main else "attachment",
                    "attachment_id": attachment.id,
                    "mimetype": attachment.mimetype,
                    "page_count": pages.page_count(attachment.raw, attachment.mimetype),
                }
            )
        return main, extra

    @api.model
    def _complaints_awaiting_followup(self, complaints):
        """The complaints whose follow-up visit is still to come: a dissatisfied customer reopens them, so
        they are filed after the visit (one query)."""
        if not complaints:
            return complaints
        pending = (
            self.env["insurance.customer.followup"]
            .sudo()
            ._read_group([("complaint_id", "in", complaints.ids), ("state", "in", PENDING_STATES)], ["complaint_id"])
        )
        return complaints.browse([complaint.id for (complaint,) in pending])

    @api.model
    def _to_file_domains(self):
        """The closed claims and complaints not filed yet (the complaints once their visit is over)."""
        claims = [("state", "=", "closed"), ("records_filed", "=", False)]
        complaints = claims + [("followup_ids", "not any", [("state", "in", PENDING_STATES)])]
        return claims, complaints

    @api.model
    def _cron_file_closed(self, batch_size=1000):
        """File the closed claims and complaints that are not filed yet, a batch at a time.

        The cron files the cases of every company, whoever its user is: it runs as the system.
        """
        self = self.sudo()
        Claim, Complaint = self.env["insurance.claim"], self.env["insurance.complaint"]
        claim_domain, complaint_domain = self._to_file_domains()
        claims = Claim.search(claim_domain, limit=batch_size)
        complaints = Complaint.search(complaint_domain, limit=max(batch_size - len(claims), 0))
        self._file_closed(claims, complaints)
        remaining = Claim.search_count(claim_domain) + Complaint.search_count(complaint_domain)
        self.env["ir.cron"]._notify_progress(done=len(claims) + len(complaints), remaining=remaining)

    @api.model
    def action_file_closed_now(self):
        """The records staff's button: run the filing of the closed cases now instead of tonight."""
        self.check_access("create")
        self._cron_file_closed()
        return True

    # ------------------------------------------------------------------
    # The "retention ends this year" list
    # ------------------------------------------------------------------
    @api.model
    def action_retention_ends_this_year(self):
        year = self.env.company._insurance_today().year
        action = self.env["ir.actions.act_window"]._for_xml_id("insurance_records.insurance_record_file_action")
        action.update(
            name=self.env._("Retention Ends in %(year)s", year=year),
            domain=[("retention_end_year", "=", year), ("state", "in", ("filed", "lent"))],
        )
        return action

    def _check_destroyable(self, today):
        """Refuse permanent files, files still in retention, lent or destroyed ones (all named at once)."""
        refusals = []
        for record in self:
            if record.retention_class == "permanent":
                refusals.append(self.env._("%(file)s is a permanent file: it is never destroyed.", file=record.name))
            elif record.retention_end_date > today:
                refusals.append(
                    self.env._(
                        "%(file)s is kept until %(date)s: it cannot be destroyed before its retention ends.",
                        file=record.name,
                        date=record.retention_end_date,
                    )
                )
            elif record.state == "lent":
                refusals.append(self.env._("%(file)s is lent: it must be returned first.", file=record.name))
            elif record.state == "destroyed":
                refusals.append(self.env._("%(file)s is already destroyed.", file=record.name))
        if refusals:
            raise UserError("\n".join(refusals))

    def _records_managers(self):
        """The records managers of these files' companies."""
        group = self.env.ref("insurance_records.group_records_manager")
        return group.users.filtered(lambda user: user.company_ids & self.company_id)

    # ------------------------------------------------------------------
    # Demo data (dates relative to today, kept inside the current year; in Chinese, as in China)
    # ------------------------------------------------------------------
    @api.model
    def _demo_populate(self):
        company = self.env.ref("base.main_company")
        today = company._insurance_today()
        first_day = today.replace(month=1, day=1)
        model = self.env["insurance.claim"].search([("company_id", "=", company.id)], limit=1)
        claims = self.env["insurance.claim"]
        if model:
            for month in range(12):
                day = max(today - datetime.timedelta(days=30 * month + 3), first_day)
                moment = datetime.datetime.combine(day, datetime.time(2, 0))
                claims |= model.copy(
                    {
                        "state": "closed",
                        "reported_at": moment,
                        "loss_at": moment - datetime.timedelta(hours=5),
                        "description": f"演示已结案件 {month + 1}",
                    }
                )
        complaints = self.env["insurance.complaint"].search([("state", "=", "closed"), ("company_id", "=", company.id)])
        files = self._file_closed(claims, complaints)
        for index, record in enumerate(files.sorted("id")):
            day = max(today - datetime.timedelta(days=30 * (index % 12) + 3), first_day)
            record.write(
                {"closed_date": day, "year": day.year, "shelf": f"二号档案室 / {index % 4 + 1} 号架 / {index + 1} 号盒"}
            )
        if files:
            files[:1].write({"secrecy_level": "secret"})
        # paper files of ten years ago whose retention ended this year
        paper = self.create(
            [
                {
                    "name": f"DA-P-{day.year}-{number:03d}",
                    "title": f"纸质理赔登记簿（第 {number} 盒）",
                    "kind": "paper",
                    "company_id": company.id,
                    "closed_date": day,
                    "year": day.year,
                    "retention_class": "short",
                    "retention_years": 10,
                    "shelf": f"地下室 / 9 号架 / {number} 号盒",
                    "customer_file": True,
                }
                for number, day in (
                    (n, max(today - datetime.timedelta(days=20 * n), first_day).replace(year=first_day.year - 10))
                    for n in range(1, 5)
                )
            ]
        )
        batch = self.env["insurance.record.destruction"].create(
            {"company_id": company.id, "file_ids": [(6, 0, paper[:3].ids)]}
        )
        batch.action_submit()
        # a loan three days overdue
        demo_user = self.env.ref("base.user_demo", raise_if_not_found=False)
        if files and demo_user:
            loan = self.env["insurance.record.loan"].create(
                {
                    "file_id": files.filtered(lambda r: r.secrecy_level != "secret")[:1].id,
                    "borrower_id": demo_user.id,
                    "requested_by_id": demo_user.id,
                    "purpose": "追偿诉讼开庭",
                    "request_date": max(today - datetime.timedelta(days=6), first_day),
                    "return_due_date": max(today - datetime.timedelta(days=3), first_day),
                }
            )
            loan.action_approve()
            loan.action_lend()
            self.env["insurance.record.loan"]._cron_overdue()
        return True
