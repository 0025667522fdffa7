from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

STATES = [
    ("draft", "Draft"),
    ("requested", "Requested"),
    ("accepted", "Accepted"),
    ("approved", "Approved"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("draft", "requested", "accepted")
# What a request is about; it cannot change once the request is sent.
LOCKED_FIELDS = {"type", "requester_id", "counterpart_id", "shift_id", "counterpart_shift_id"}
# Neighbouring duties considered when re-checking the rules before approval.
ACTIVITY_TYPE = "mail.mail_activity_data_todo"


class DutySwapRequest(models.Model):
    """An employee asks a colleague to swap duties (换班) or to take over
    one of their duties (替班); the colleague accepts, a duty leader
    (带班领导) approves and the duties change hands."""

    _name = "duty.swap.request"
    _description = "Duty Swap Request"
    _inherit = ["insurance.workflow.guard", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # written only by the steps: send, accept, refuse, approve, cancel
    _workflow_protected_fields = ("state", "accepted_by_id", "accepted_at", "approver_id", "approved_at")

    name = fields.Char(compute="_compute_name", store=True, readonly=False, precompute=True)
    type = fields.Selection(
        [("swap", "Swap"), ("substitution", "Substitution")],
        required=True,
        default="swap",
        tracking=True,
        help="Swap: both exchange duties. Substitution: the colleague takes over the duty and gives nothing back.",
    )
    state = fields.Selection(
        STATES, string="Status", default="draft", required=True, tracking=True, index=True, group_expand=True
    )
    requester_id = fields.Many2one(
        "hr.employee",
        string="Requested By",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env.user.employee_id,
    )
    requester_user_id = fields.Many2one(related="requester_id.user_id", store=True, index=True, string="Requester User")
    counterpart_id = fields.Many2one(
        "hr.employee", string="Colleague", required=True, index=True, tracking=True, check_company=True
    )
    counterpart_user_id = fields.Many2one(
        related="counterpart_id.user_id", store=True, index=True, string="Colleague User"
    )
    # set null: a regenerated roster drops its duties, the request stays as a record
    shift_id = fields.Many2one(
        "duty.shift", string="Duty", ondelete="set null", index=True, tracking=True, check_company=True
    )
    counterpart_shift_id = fields.Many2one(
        "duty.shift",
        string="Colleague's Duty",
        ondelete="set null",
        index=True,
        tracking=True,
        check_company=True,
        help="The colleague's duty the requester takes in exchange (swaps only).",
    )
    shift_start = fields.Datetime(related="shift_id.start", string="Duty Start")
    counterpart_shift_start = fields.Datetime(related="counterpart_shift_id.start", string="Colleague's Duty Start")
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        required=True,
    )
    eligible_employee_ids = fields.Many2many("hr.employee", compute="_compute_eligible_employee_ids")
    reason = fields.Text()
    refuse_reason = fields.Text("Refusal Reason", tracking=True, copy=False)
    accepted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    accepted_at = fields.Datetime("Accepted On", readonly=True, copy=False)
    approver_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    approved_at = fields.Datetime(readonly=True, copy=False)
    is_requester = fields.Boolean(compute="_compute_user_role")
    is_counterpart = fields.Boolean(compute="_compute_user_role")
    is_leader = fields.Boolean(compute="_compute_user_role")

    @api.depends("type", "requester_id", "counterpart_id", "shift_id.day", "counterpart_shift_id.day")
    def _compute_name(self):
        for request in self:
            if not request.shift_id:  # duty removed: keep the name it had
                request.name = request.name or self.env._("Swap request")
            elif request.type == "swap":
                request.name = self.env._(
                    "Swap: %(requester)s %(day)s ⇄ %(colleague)s %(other_day)s",
                    requester=request.requester_id.name or "",
                    day=request.shift_id.day,
                    colleague=request.counterpart_id.name or "",
                    other_day=request.counterpart_shift_id.day or "",
                )
            else:
                request.name = self.env._(
                    "Substitution: %(colleague)s for %(requester)s %(day)s",
                    requester=request.requester_id.name or "",
                    day=request.shift_id.day,
                    colleague=request.counterpart_id.name or "",
                )

    @api.depends("shift_id")
    def _compute_company_id(self):
        for request in self:
            request.company_id = request.shift_id.company_id or request.company_id or self.env.company

    @api.depends("shift_id", "requester_id")
    def _compute_eligible_employee_ids(self):
        for request in self:
            post = request.shift_id.post_id
            eligible = post._eligible_employees() if post else self.env["hr.employee"]
            request.eligible_employee_ids = eligible - request.requester_id

    @api.depends_context("uid")
    @api.depends("requester_user_id", "counterpart_user_id")
    def _compute_user_role(self):
        is_leader = self.env.user.has_group("duty_roster.group_duty_leader")
        for request in self:
            request.is_requester = request.requester_user_id == self.env.user
            request.is_counterpart = request.counterpart_user_id == self.env.user
            request.is_leader = is_leader

    @api.onchange("type", "counterpart_id")
    def _onchange_counterpart(self):
        if self.type == "substitution" or self.counterpart_shift_id.employee_id != self.counterpart_id:
            self.counterpart_shift_id = False

    # ------------------------------------------------------------------
    # Validation
    # ------------------------------------------------------------------
    @api.constrains("type", "requester_id", "counterpart_id", "shift_id", "counterpart_shift_id")
    def _check_duties(self):
        for request in self:
            request._check_request()

    def _check_request(self):
        """What every step needs: duties that belong to the people asking,
        in the future, and people allowed on the posts."""
        self.ensure_one()
        shift, other = self.shift_id, self.counterpart_shift_id
        if not shift:
            raise ValidationError(
                self.env._(
                    "%(request)s has no duty (the roster may have been regenerated). Cancel it and ask again.",
                    request=self.name or self.env._("This request"),
                )
            )
        if shift.employee_id != self.requester_id:
            raise ValidationError(
                self.env._(
                    "%(duty)s is not a duty of %(name)s; only your own duties can be swapped.",
                    duty=shift._describe(),
                    name=self.requester_id.name,
                )
            )
        if self.counterpart_id == self.requester_id:
            raise ValidationError(self.env._("Choose a colleague other than %(name)s.", name=self.requester_id.name))
        self._check_future(shift)
        self._check_eligible(self.counterpart_id, shift.post_id)
        if self.type == "substitution":
            if other:
                raise ValidationError(
                    self.env._("A substitution takes nothing in exchange; clear the colleague's duty or ask a swap.")
                )
            return
        if not other:
            raise ValidationError(
                self.env._("Choose the duty of %(name)s you take in exchange.", name=self.counterpart_id.name)
            )
        if other.employee_id != self.counterpart_id:
            raise ValidationError(
                self.env._(
                    "%(duty)s is not a duty of %(name)s; choose one of their duties.",
                    duty=other._describe(),
                    name=self.counterpart_id.name,
                )
            )
        self._check_future(other)
        self._check_eligible(self.requester_id, other.post_id)

    def _check_future(self, shift):
        if shift.start <= fields.Datetime.now():
            raise ValidationError(
                self.env._(
                    "%(duty)s has already started or is over; past duties cannot be swapped.", duty=shift._describe()
                )
            )

    def _check_eligible(self, employee, post):
        if employee not in post._eligible_employees():
            raise ValidationError(
                self.env._(
                    "%(name)s may not take duties on post %(post)s; choose an eligible colleague.",
                    name=employee.name,
                    post=post.name,
                )
            )

    def _changes(self):
        """``{shift: new employee}`` the approval makes."""
        self.ensure_one()
        changes = {self.shift_id: self.counterpart_id}
        if self.type == "swap":
            changes[self.counterpart_shift_id] = self.requester_id
        return changes

    def _rule_violations(self):
        """Messages for the rules the duties would break after the change,
        over the whole runs of duties of the people involved (any roster)."""
        self.ensure_one()
        changes = self._changes()
        changed = self.env["duty.shift"].union(*changes)
        found = changed._employee_rule_violations(changes)
        return [self._violation_message(violation) for violation in found]

    def _violation_message(self, violation):
        shifts = self.env["duty.shift"].browse(violation.duties)
        values = {key: f"{value:g}" for key, value in violation.values.items()}
        values["people"] = ", ".join(self.env["hr.employee"].browse(violation.employees).mapped("name"))
        values["days"] = ", ".join(str(day) for day in sorted(set(shifts.mapped("day"))))
        templates = {
            "double_booking": lambda: self.env._("%(people)s would be on two duties at once on %(days)s", **values),
            "min_rest": lambda: self.env._(
                "%(people)s would rest only %(hours)s h between duties on %(days)s (minimum %(minimum)s h)", **values
            ),
            "rest_after_nights": lambda: self.env._(
                "%(people)s would rest only %(hours)s h after a run of nights ending %(days)s (minimum %(minimum)s h)",
                **values,
            ),
            "max_consecutive": lambda: self.env._(
                "%(people)s would have %(count)s duty days in a row (maximum %(maximum)s): %(days)s", **values
            ),
            "max_nights": lambda: self.env._(
                "%(people)s would have %(count)s nights in a row (maximum %(maximum)s): %(days)s", **values
            ),
        }
        return templates[violation.rule]()

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    def _workflow_refusal(self, fnames):
        return self.env._(
            "A swap request starts as a draft and moves on only through its buttons: the requester sends or "
            "cancels it, the colleague asked accepts or refuses it, and a duty leader who is neither of them "
            "approves or refuses it."
        )

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        if not self.env.user.has_group("duty_roster.group_duty_leader"):
            for request in requests:
                if request.requester_user_id != self.env.user:
                    raise UserError(
                        self.env._(
                            "You can only ask swaps of your own duties, not of %(name)s.",
                            name=request.requester_id.name,
                        )
                    )
        return requests

    def write(self, vals):
        if LOCKED_FIELDS & vals.keys():
            sent = self.filtered(lambda request: request.state != "draft")
            if sent:
                raise UserError(
                    self.env._(
                        "%(request)s was already sent; its duties and people cannot change. Cancel it and ask again.",
                        request=sent[0].name,
                    )
                )
        return super().write(vals)

    def _step(self, vals):
        return self._workflow_write(vals)

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def action_send(self):
        for request in self:
            if request.state != "draft":
                raise UserError(self.env._("Only a draft request can be sent (%(request)s).", request=request.name))
            if not (request.is_requester or request.is_leader):
                raise UserError(self.env._("Only %(name)s can send this request.", name=request.requester_id.name))
            request._check_request()
            if not request.counterpart_user_id:
                raise UserError(
                    self.env._(
                        "%(name)s has no user account to answer the request; ask a duty leader to change the roster.",
                        name=request.counterpart_id.name,
                    )
                )
            request._step({"state": "requested"})
            request.activity_schedule(
                ACTIVITY_TYPE,
                user_id=request.counterpart_user_id.id,
                summary=self.env._("Answer the swap request of %(name)s", name=request.requester_id.name),
                note=request.reason or "",
            )
            request.message_post(body=request._summary(), partner_ids=request.counterpart_user_id.partner_id.ids)
        return True

    def action_accept(self):
        for request in self:
            request._check_answer("requested")
            request._check_request()
            request._step(
                {"state": "accepted", "accepted_by_id": self.env.user.id, "accepted_at": fields.Datetime.now()}
            )
            request.activity_unlink([ACTIVITY_TYPE])
            for leader in request._leader_users():
                request.activity_schedule(
                    ACTIVITY_TYPE,
                    user_id=leader.id,
                    summary=self.env._("Approve the swap of %(names)s", names=request._people_names()),
                )
            request.message_post(
                body=self.env._("%(name)s accepted; waiting for a duty leader.", name=request.counterpart_id.name)
            )
        return True

    def action_refuse(self):
        for request in self:
            if request.state == "requested":
                request._check_answer("requested")
            elif request.state == "accepted":
                request._check_leader()
            else:
                raise UserError(
                    self.env._(
                        "Only a requested or accepted request can be refused (%(request)s).", request=request.name
                    )
                )
            if not (request.refuse_reason or "").strip():
                raise UserError(self.env._("Write why you refuse %(request)s first.", request=request.name))
            request._step({"state": "refused"})
            request.activity_unlink([ACTIVITY_TYPE])
            request.message_post(
                body=self.env._(
                    "Refused by %(user)s: %(reason)s", user=self.env.user.name, reason=request.refuse_reason
                ),
                partner_ids=(request.requester_user_id | request.counterpart_user_id).partner_id.ids,
            )
        return True

    def action_approve(self):
        for request in self:
            if request.state != "accepted":
                raise UserError(
                    self.env._(
                        "Only a request the colleague accepted can be approved (%(request)s).", request=request.name
                    )
                )
            request._check_leader()
            request._check_request()
            violations = request._rule_violations()
            if violations:
                raise UserError(
                    self.env._(
                        "%(request)s cannot be approved, it breaks the duty rules:\n%(violations)s\n"
                        "Refuse it, or change the roster first.",
                        request=request.name,
                        violations="\n".join(violations),
                    )
                )
            before = request._summary()
            for shift, employee in request._changes().items():
                shift.employee_id = employee  # marks it manual, notifies on a published roster, re-checks rules
            request._step({"state": "approved", "approver_id": self.env.user.id, "approved_at": fields.Datetime.now()})
            request.activity_unlink([ACTIVITY_TYPE])
            request.message_post(
                body=self.env._("Approved by %(user)s: %(summary)s", user=self.env.user.name, summary=before),
                partner_ids=(request.requester_user_id | request.counterpart_user_id).partner_id.ids,
            )
        return True

    def action_cancel(self):
        for request in self:
            if request.state not in OPEN_STATES:
                raise UserError(
                    self.env._("%(request)s is already closed and cannot be cancelled.", request=request.name)
                )
            if not (request.is_requester or request.is_leader):
                raise UserError(
                    self.env._(
                        "Only %(name)s or a duty leader can cancel this request.", name=request.requester_id.name
                    )
                )
            request._step({"state": "cancelled"})
            request.activity_unlink([ACTIVITY_TYPE])
            request.message_post(body=self.env._("Cancelled by %(user)s.", user=self.env.user.name))
        return True

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _check_answer(self, state):
        self.ensure_one()
        if self.state != state:
            raise UserError(
                self.env._("%(request)s is not waiting for an answer from the colleague.", request=self.name)
            )
        if not self.is_counterpart:
            raise UserError(
                self.env._("Only %(name)s can accept or refuse this request.", name=self.counterpart_id.name)
            )

    def _check_leader(self):
        self.ensure_one()
        if not self.is_leader:
            raise UserError(self.env._("Only a duty leader or a duty roster manager can approve or refuse a swap."))
        if self.is_requester or self.is_counterpart:
            raise UserError(
                self.env._("You are part of %(request)s; another duty leader must decide on it.", request=self.name)
            )

    def _leader_users(self):
        """Duty leaders (and managers) of the request's company, apart from the people involved."""
        self.ensure_one()
        leaders = self.env["res.users"].search(
            [
                ("groups_id", "in", self.env.ref("duty_roster.group_duty_leader").ids),
                ("company_ids", "in", self.company_id.ids),
                ("share", "=", False),
            ]
        )
        return leaders - self.requester_user_id - self.counterpart_user_id

    def _people_names(self):
        return ", ".join((self.requester_id | self.counterpart_id).mapped("name"))

    def _summary(self):
        self.ensure_one()
        if self.type == "swap":
            return self.env._(
                "%(requester)s takes %(other)s; %(colleague)s takes %(duty)s.",
                requester=self.requester_id.name,
                other=self.counterpart_shift_id._describe(),
                colleague=self.counterpart_id.name,
                duty=self.shift_id._describe(),
            )
        return self.env._(
            "%(colleague)s takes over %(duty)s.", colleague=self.counterpart_id.name, duty=self.shift_id._describe()
        )
