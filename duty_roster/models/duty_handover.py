from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

CHECKLIST_FIELDS = ("situation_clear", "problems_clear", "tasks_clear")
# What the outgoing officer writes; frozen once handed over.
CONTENT_FIELDS = {"situation", "problems", "tasks", "item_ids", *CHECKLIST_FIELDS}
# Only changed through the Hand Over / Sign / Back to Draft buttons.
WORKFLOW_FIELDS = {"state", "signed_by_id", "signed_at"}


class DutyHandover(models.Model):
    """Handover log (交接班记录) of one duty.

    The outgoing officer (the duty's employee) writes the situation, the
    problems and the pending tasks, ticks the "three clear" checklist (三清:
    situation, problems and tasks clear) and hands over; the incoming officer,
    the employee of the next duty of the same post and tier, counter-signs.

    Open items left unfinished are carried into the next duty's handover when
    that handover is created, or, if it already exists, when the incoming
    officer signs this one (the incoming officer owns the next handover, so the
    copy never writes into someone else's log).

    Claims and complaints received during the duty: ``received_domain()``
    gives the ``create_date`` interval of the duty; the claims and complaint
    addons add their own one2many/computed fields to this model by
    inheritance, searching their records with that domain.
    """

    _name = "duty.handover"
    _description = "Handover Log"
    _inherit = ["mail.thread"]
    _order = "start desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(default=True)
    shift_id = fields.Many2one(
        "duty.shift", string="Duty", required=True, index=True, ondelete="restrict", check_company=True
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Outgoing Officer", compute="_compute_from_shift", store=True, precompute=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True, string="Outgoing User")
    post_id = fields.Many2one(related="shift_id.post_id", store=True, index=True)
    tier = fields.Selection(related="shift_id.tier", store=True)
    company_id = fields.Many2one(related="shift_id.company_id", store=True, index=True)
    start = fields.Datetime(related="shift_id.start", store=True)
    end = fields.Datetime(related="shift_id.end", store=True)
    next_shift_id = fields.Many2one(
        "duty.shift",
        string="Incoming Duty",
        compute="_compute_from_shift",
        store=True,
        precompute=True,
        readonly=True,
        index=True,
        ondelete="set null",
        help="The next published duty of the same post and tier; its officer signs this handover.",
    )
    next_employee_id = fields.Many2one(related="next_shift_id.employee_id", string="Incoming Officer")
    next_user_id = fields.Many2one(related="next_shift_id.user_id", store=True, index=True, string="Incoming User")
    # 值班情况, 存在问题, 待办事项
    situation = fields.Html("Duty Situation", help="What happened during the duty.")
    problems = fields.Html(help="Problems met and not solved.")
    tasks = fields.Html("Pending Tasks", help="What the next officer has to follow up.")
    # the "three clear" checklist (三清)
    situation_clear = fields.Boolean(tracking=True)
    problems_clear = fields.Boolean(tracking=True)
    tasks_clear = fields.Boolean(tracking=True)
    item_ids = fields.One2many("duty.handover.item", "handover_id", string="Open Items")
    open_item_count = fields.Integer(compute="_compute_open_item_count")
    state = fields.Selection(
        [("draft", "Draft"), ("handed_over", "Handed Over"), ("signed", "Signed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    handed_over_at = fields.Datetime(readonly=True, copy=False)
    signed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    signed_at = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        ("shift_unique", "UNIQUE(shift_id)", "A duty has only one handover log."),
    ]

    @api.depends("shift_id.name")
    def _compute_name(self):
        for handover in self:
            handover.name = self.env._("Handover %(duty)s", duty=handover.shift_id.name or "")

    @api.depends("shift_id")
    def _compute_from_shift(self):
        # recorded when the handover is written: a later change of the duty does not move the log
        for handover in self:
            handover.employee_id = handover.shift_id.employee_id
            handover.next_shift_id = handover._find_next_shift()

    @api.depends("item_ids.done")
    def _compute_open_item_count(self):
        for handover in self:
            handover.open_item_count = len(handover.item_ids.filtered(lambda item: not item.done))

    def _find_next_shift(self):
        """The first published, staffed duty of the same post and tier starting after this one."""
        self.ensure_one()
        shift = self.shift_id
        if not shift:
            return self.env["duty.shift"]
        return self.env["duty.shift"].search(
            [
                ("post_id", "=", shift.post_id.id),
                ("tier", "=", shift.tier),
                ("is_published", "=", True),
                ("employee_id", "!=", False),
                ("start", ">", shift.start),
            ],
            order="start, id",
            limit=1,
        )

    def received_domain(self):
        """Domain on ``create_date`` of the records received during the duty: ``[start, end)``."""
        self.ensure_one()
        return [("create_date", ">=", self.start), ("create_date", "<", self.end)]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        handovers = super().create(vals_list)
        for handover in handovers:
            if not handover.shift_id.is_published or not handover.employee_id:
                raise UserError(
                    self.env._(
                        "Handover logs are written for published duties with an officer (%(duty)s).",
                        duty=handover.shift_id.name,
                    )
                )
        handovers._pull_open_items()
        handovers._refresh_links()
        return handovers

    def write(self, vals):
        if WORKFLOW_FIELDS & vals.keys() and not self.env.context.get("duty_handover_transition"):
            raise UserError(self.env._("Use the Hand Over and Sign buttons to change the state of a handover."))
        if "shift_id" in vals and any(handover.shift_id.id != vals["shift_id"] for handover in self):
            raise UserError(self.env._("The duty of a handover log cannot be changed."))
        if CONTENT_FIELDS & vals.keys():
            self._check_content_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_handed_over(self):
        if any(handover.state != "draft" for handover in self):
            raise UserError(self.env._("Handed-over logs are kept: archive them instead of deleting them."))

    def _check_content_editable(self):
        is_manager = self.env.user.has_group("duty_roster.group_duty_manager")
        for handover in self:
            if handover.state != "draft":
                raise UserError(
                    self.env._(
                        "%(name)s has been handed over: its content can no longer be changed.", name=handover.name
                    )
                )
            if not is_manager and handover.user_id != self.env.user:
                raise AccessError(
                    self.env._("Only the outgoing officer writes the handover %(name)s.", name=handover.name)
                )

    def _pull_open_items(self):
        """Copy the unfinished items of the handed-over previous duty's log, once each."""
        for handover in self.filtered(lambda h: h.state == "draft"):
            previous = self.search(
                [("next_shift_id", "=", handover.shift_id.id), ("state", "in", ("handed_over", "signed"))]
            )
            carried = handover.item_ids.origin_item_id
            todo = previous.item_ids.filtered(lambda item, carried=carried: not item.done and item not in carried)
            if todo:
                self.env["duty.handover.item"].create(
                    [
                        {
                            "handover_id": handover.id,
                            "sequence": item.sequence,
                            "description": item.description,
                            "origin_item_id": item.id,
                        }
                        for item in todo
                    ]
                )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_hand_over(self):
        self._refresh_links()
        is_manager = self.env.user.has_group("duty_roster.group_duty_manager")
        for handover in self:
            if handover.state != "draft":
                raise UserError(self.env._("%(name)s is not a draft any more.", name=handover.name))
            if not is_manager and handover.user_id != self.env.user:
                raise AccessError(self.env._("Only the outgoing officer hands %(name)s over.", name=handover.name))
            missing = [
                handover._fields[name]._description_string(self.env) for name in CHECKLIST_FIELDS if not handover[name]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Tick the three clear checklist before handing over; missing: %(missing)s.",
                        missing=", ".join(missing),
                    )
                )
            if not handover.next_shift_id:
                # the next roster may have been published after the log was started
                handover.next_shift_id = handover._find_next_shift()
            if not handover.next_shift_id:
                raise UserError(
                    self.env._(
                        "There is no published duty after %(name)s to hand over to; publish the next roster first.",
                        name=handover.name,
                    )
                )
            handover.with_context(duty_handover_transition=True).write(
                {"state": "handed_over", "handed_over_at": fields.Datetime.now()}
            )
            partners = handover.next_employee_id.work_contact_id | handover.next_user_id.partner_id
            handover.message_post(
                body=self.env._(
                    "Handed over to %(officer)s, waiting for their signature.", officer=handover.next_employee_id.name
                ),
                partner_ids=partners.ids,
            )
        return True

    def action_sign(self):
        self._refresh_links()
        for handover in self:
            if handover.state != "handed_over":
                raise UserError(self.env._("%(name)s has not been handed over yet.", name=handover.name))
            if not handover.next_user_id or handover.next_user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only the incoming officer %(officer)s can sign %(name)s.",
                        officer=handover.next_employee_id.name or "-",
                        name=handover.name,
                    )
                )
            handover.with_context(duty_handover_transition=True).write(
                {"state": "signed", "signed_by_id": self.env.user.id, "signed_at": fields.Datetime.now()}
            )
            # the incoming officer takes over the open items into their own log if it is already written
            self.search([("shift_id", "=", handover.next_shift_id.id)])._pull_open_items()
        # every one of them was checked above: the user is its incoming officer
        for name in self._handover_link_fields():
            self[name]._sign_off()
        return True

    # ------------------------------------------------------------------
    # Linked records (claims, complaints: models of duty.handover.link)
    # ------------------------------------------------------------------
    def _handover_link_fields(self):
        """The One2many fields to link models (``duty.handover.link``) that other addons add to the log."""
        return []

    def _refresh_links(self):
        """List on each log not signed yet the records of its duty; each addon with a link model extends this
        (at creation, hand-over, signature and on the Refresh button)."""
        return None

    def action_refresh_links(self):
        self.check_access("read")
        self._refresh_links()
        return True

    def action_reset_to_draft(self):
        if not self.env.user.has_group("duty_roster.group_duty_manager"):
            raise AccessError(self.env._("Only duty managers can reopen a handover."))
        if any(handover.state != "handed_over" for handover in self):
            raise UserError(self.env._("Only handovers waiting for a signature can be reopened."))
        self.with_context(duty_handover_transition=True).write({"state": "draft", "handed_over_at": False})
        return True

    # ------------------------------------------------------------------
    # Retention
    # ------------------------------------------------------------------
    @api.model
    def _cron_archive_expired(self):
        """Archive (never delete) the signed handovers of duties that ended
        more than the company's retention period ago."""
        now = fields.Datetime.now()
        archived = self.browse()
        for company in self.env["res.company"].search([]):  # every company  # pylint: disable=no-search-all
            cutoff = now - relativedelta(months=company.duty_handover_retention_months)
            archived |= self.search([("company_id", "=", company.id), ("state", "=", "signed"), ("end", "<", cutoff)])
        archived.write({"active": False})
        return archived
