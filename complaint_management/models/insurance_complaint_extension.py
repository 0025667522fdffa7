from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .insurance_clock import DECISION

MANAGER_GROUP = "complaint_management.group_complaint_manager"
HEAD_OFFICE_GROUP = "complaint_management.group_complaint_head_office"
# extension level -> the company setting of the decision time limit it brings
LEVEL_DAYS_FIELDS = {"1": "complaint_first_extension_days", "2": "complaint_second_extension_days"}


class InsuranceComplaintExtension(models.Model):
    """An extension of the statutory decision time limit (CBIRC Order 2020 No. 3, Art. 14).

    Level 1 brings the limit to 30 days from the clock start and applies at
    once; level 2 brings it to 60 days and applies only once the head office
    (the upper-level institution) has approved it, never by the person who
    asked for it. An extension applies to the running decision clock of the
    deadline engine (``insurance.clock._extend``). The complainant receives
    the extension notice with the reason when it applies.
    """

    _name = "insurance.complaint.extension"
    _inherit = ["insurance.workflow.guard"]
    _description = "Complaint Deadline Extension"
    _order = "complaint_id, level"
    _check_company_auto = True
    _workflow_protected_fields = ("state", "approved_by_id", "approved_at", "requested_by_id", "requested_at")

    complaint_id = fields.Many2one(
        "insurance.complaint", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    clock_id = fields.Many2one(
        "insurance.clock",
        "Decision Deadline",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The decision clock the extension was asked for: a clock restarted on new facts starts at 15 days "
        "again, without the extensions of the one before.",
    )
    level = fields.Selection(
        [("1", "First extension (to 30 days)"), ("2", "Second extension (to 60 days)")],
        required=True,
        default="1",
    )
    reason = fields.Text(required=True, help="Why the case is complex; the complainant is told.")
    state = fields.Selection(
        [("requested", "Awaiting Approval"), ("approved", "Applied"), ("refused", "Refused")],
        required=True,
        default="requested",
        readonly=True,
        index=True,
    )
    requested_by_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    requested_at = fields.Datetime(readonly=True, default=fields.Datetime.now)
    approved_by_id = fields.Many2one("res.users", "Decided By", readonly=True)
    approved_at = fields.Datetime("Decided On", readonly=True)
    new_due_date = fields.Date(
        "New Decision Due", compute="_compute_new_due_date", help="The decision due date once this extension applies."
    )
    notification_ids = fields.One2many("insurance.complaint.notification", "extension_id", string="Notices Sent")

    _sql_constraints = [
        ("clock_level_unique", "UNIQUE(clock_id, level)", "A decision deadline is extended once per level."),
    ]

    def _days(self):
        """Calendar days from the clock start the extension brings (company setting)."""
        self.ensure_one()
        return self.company_id[LEVEL_DAYS_FIELDS[self.level]] if self.level else 0

    def _decision_clock(self):
        """The decision clock the extension applies to: the running one, else the last one."""
        self.ensure_one()
        complaint = self.complaint_id
        return (
            self.clock_id
            or complaint._clock_open(DECISION)[:1]
            or (complaint._clock_last(DECISION) if complaint.id else False)
        )

    @api.depends("level", "complaint_id.clock_ids.start_at", "complaint_id.clock_ids.paused_units")
    def _compute_new_due_date(self):
        Clock = self.env["insurance.clock"].sudo()
        for extension in self:
            clock = extension.complaint_id and extension.sudo()._decision_clock()
            if not clock or not extension.level:
                extension.new_due_date = False
                continue
            # the engine's arithmetic on the clock's own spec, with the new length
            spec = dict(clock._spec(), length=extension._days())
            pauses = [(pause.start_at, pause.end_at) for pause in clock.pause_ids]
            now = max(fields.Datetime.now(), clock.start_at)
            values = Clock._deadline_values(clock.company_id, spec, clock.start_at, pauses, now=now)
            extension.new_due_date = values["due_date"] or False

    def _workflow_refusal(self, fnames):
        return self.env._(
            "An extension is requested with its level and reason; the first applies at once, the second is "
            "approved or refused by the head office (above the complaint manager) with its buttons (never by the one "
            "who requested it)."
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            level = vals.get("level", "1")
            complaint = self.env["insurance.complaint"].browse(vals.get("complaint_id"))
            self._check_request(complaint, level)
            vals["clock_id"] = complaint._clock_open(DECISION)[:1].id
        extensions = super().create(vals_list)
        first = extensions.filtered(lambda extension: extension.level == "1")
        first._after_apply()
        for extension in extensions - first:
            extension.complaint_id.message_post(
                body=self.env._(
                    "Second extension to 60 days requested: %(reason)s. It applies once a complaint manager "
                    "approves it.",
                    reason=extension.reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return extensions

    @api.model
    def _workflow_prepare_create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            vals.update({"requested_by_id": self.env.uid, "requested_at": now})
            if vals.get("level", "1") == "1":
                # the first extension applies at once
                vals.update({"state": "approved", "approved_by_id": self.env.uid, "approved_at": now})

    @api.model
    def _check_request(self, complaint, level, exclude=None):
        if not complaint.is_open or complaint.decision_sent_at:
            raise UserError(
                self.env._("Complaint %(name)s has been decided or closed: it cannot be extended.", name=complaint.name)
            )
        clock = complaint._clock_open(DECISION)[:1]
        # the extensions of the running decision clock (a restart on new facts leaves the old ones behind)
        extensions = complaint.extension_ids.filtered(lambda ext: ext.clock_id == clock) - (exclude or self.browse())
        if extensions.filtered(lambda ext: ext.level == level and ext.state != "refused"):
            raise UserError(self.env._("Complaint %(name)s already has this extension.", name=complaint.name))
        if level == "2" and not extensions.filtered(lambda ext: ext.level == "1" and ext.state == "approved"):
            raise UserError(
                self.env._(
                    "Complaint %(name)s has not been extended to 30 days: a second extension comes after the first.",
                    name=complaint.name,
                )
            )
        today = complaint.company_id._insurance_today()
        if not clock:
            raise UserError(
                self.env._("Complaint %(name)s has no running decision deadline to extend.", name=complaint.name)
            )
        if complaint.decision_due_date and complaint.decision_due_date < today:
            raise UserError(
                self.env._(
                    "The time limit of complaint %(name)s ended on %(date)s: an extension must be decided before it "
                    "ends.",
                    name=complaint.name,
                    date=complaint.decision_due_date,
                )
            )

    def _check_approver(self):
        """A second extension is decided by the head office (upper level), never by who asked for it."""
        if self.env.su:
            return
        if not self.env.user.has_group(HEAD_OFFICE_GROUP):
            raise AccessError(
                self.env._(
                    "Only the head office (upper-level institution) may decide on a second extension to 60 days: "
                    "the law asks for the approval of the upper level."
                )
            )
        for extension in self:
            if extension.requested_by_id == self.env.user:
                raise AccessError(
                    self.env._(
                        "You asked for this extension of complaint %(name)s: somebody else at the head office "
                        "must decide on it.",
                        name=extension.complaint_id.name,
                    )
                )
        self.complaint_id._check_approver_recusal()

    def write(self, vals):
        if "level" in vals and self.filtered(lambda extension: extension.state != "requested"):
            raise UserError(self.env._("An extension that was decided cannot change its level."))
        if vals.get("level") == "2" or ("level" in vals and self.filtered(lambda ext: ext.level == "2")):
            raise UserError(self.env._("Request a second extension as a new extension, not by changing one."))
        return super().write(vals)

    def action_approve(self):
        self._check_approver()
        for extension in self:
            if extension.state != "requested":
                raise UserError(self.env._("This extension is not awaiting approval."))
            extension._check_request(extension.complaint_id, extension.level, exclude=extension)
        now = fields.Datetime.now()
        self._workflow_write({"state": "approved", "approved_by_id": self.env.uid, "approved_at": now})
        self._after_apply()
        return True

    def action_refuse(self):
        self._check_approver()
        if any(extension.state != "requested" for extension in self):
            raise UserError(self.env._("This extension is not awaiting approval."))
        self._workflow_write({"state": "refused", "approved_by_id": self.env.uid, "approved_at": fields.Datetime.now()})
        for extension in self:
            extension.complaint_id.message_post(
                body=self.env._("Second extension refused: the complaint keeps its time limit."),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _after_apply(self):
        """The extension applies to the decision clock; the complainant is told why."""
        for extension in self:
            complaint = extension.complaint_id
            clock = extension.clock_id or complaint._clock_open(DECISION)[:1]
            clock._extend(extension._days(), int(extension.level), extension.approved_by_id)
            complaint.invalidate_recordset(["decision_due_date", "extension_level"])
            complaint.message_post(
                body=self.env._(
                    "Time limit extended to %(days)s days (decision due on %(date)s): %(reason)s",
                    days=extension._days(),
                    date=complaint.decision_due_date,
                    reason=extension.reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
            # demo data is loaded before the web server runs: wkhtmltopdf could not fetch the
            # report styles (Odoo's event module skips its PDF mails at install likewise)
            if not self.env.context.get("install_mode"):
                complaint._send_letter("extension", extension=extension)
