from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import complaint_clocks as clocks

MANAGER_GROUP = "complaint_management.group_complaint_manager"


class InsuranceComplaintExtension(models.Model):
    """An extension of the statutory decision time limit (CBIRC Order 2020 No. 3, Art. 14).

    Level 1 brings the limit to 30 days from the clock start and applies at
    once; level 2 brings it to 60 days and applies only once a complaint
    manager has approved it. The complainant receives the extension notice
    with the reason when it applies.
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
        ("complaint_level_unique", "UNIQUE(complaint_id, level)", "A complaint is extended once per level."),
    ]

    @api.depends("level", "complaint_id.clock_start_at", "complaint_id.paused_days")
    def _compute_new_due_date(self):
        for extension in self:
            complaint = extension.complaint_id
            start = complaint._clock_local_date(complaint.clock_start_at or complaint.received_at)
            extension.new_due_date = clocks.decision_due(start, int(extension.level), complaint.paused_days) or False

    def _workflow_refusal(self, fnames):
        return self.env._(
            "An extension is requested with its level and reason; the first applies at once, the second is "
            "approved or refused by a complaint manager with its buttons (never by the one who requested it)."
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            level = vals.get("level", "1")
            self._check_request(self.env["insurance.complaint"].browse(vals.get("complaint_id")), level)
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

    def _check_request(self, complaint, level, exclude=None):
        if not complaint.is_open or complaint.decision_sent_at:
            raise UserError(
                self.env._("Complaint %(name)s has been decided or closed: it cannot be extended.", name=complaint.name)
            )
        extensions = complaint.extension_ids - (exclude or self.browse())
        if extensions.filtered(lambda ext: ext.level == level and ext.state != "refused"):
            raise UserError(self.env._("Complaint %(name)s already has this extension.", name=complaint.name))
        if level == "2" and not extensions.filtered(lambda ext: ext.level == "1" and ext.state == "approved"):
            raise UserError(
                self.env._(
                    "Complaint %(name)s has not been extended to 30 days: a second extension comes after the first.",
                    name=complaint.name,
                )
            )
        today = complaint._clock_today(complaint.company_id)
        if complaint.decision_due_date and complaint.decision_due_date < today:
            raise UserError(
                self.env._(
                    "The time limit of complaint %(name)s ended on %(date)s: an extension must be decided before it "
                    "ends.",
                    name=complaint.name,
                    date=complaint.decision_due_date,
                )
            )

    def _check_manager(self):
        if self.env.su:
            return
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a complaint manager may decide on a second extension to 60 days: the law asks for the "
                    "approval of the upper level."
                )
            )
        for extension in self:
            if extension.requested_by_id == self.env.user:
                raise AccessError(
                    self.env._(
                        "You requested this extension of complaint %(name)s: another complaint manager must decide "
                        "on it (segregation of duties).",
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
        self._check_manager()
        for extension in self:
            if extension.state != "requested":
                raise UserError(self.env._("This extension is not awaiting approval."))
            extension._check_request(extension.complaint_id, extension.level, exclude=extension)
        now = fields.Datetime.now()
        self._workflow_write({"state": "approved", "approved_by_id": self.env.uid, "approved_at": now})
        self._after_apply()
        return True

    def action_refuse(self):
        self._check_manager()
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
        """The extension applies: the clock has moved; the complainant is told why."""
        for extension in self:
            complaint = extension.complaint_id
            complaint.message_post(
                body=self.env._(
                    "Time limit extended to %(days)s days (decision due on %(date)s): %(reason)s",
                    days=clocks.decision_days(int(extension.level)),
                    date=complaint.decision_due_date,
                    reason=extension.reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
            # demo data is loaded before the web server runs: wkhtmltopdf could not fetch the
            # report styles (Odoo's event module skips its PDF mails at install likewise)
            if not self.env.context.get("install_mode"):
                complaint._send_letter("extension", extension=extension)
