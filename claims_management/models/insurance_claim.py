from odoo import api, fields, models
from odoo.addons.insurance_base.lib.actions import notice_composer_action
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import benefit
from .insurance_claim_line import COUNTED_STATES, EDITABLE_STATES

STATES = [
    ("reported", "Reported"),
    ("dispatched", "Dispatched"),
    ("surveyed", "Surveyed"),
    ("documents", "Documents"),
    ("assessment", "Assessment"),
    ("decision", "Decision"),
    ("review", "Director Review"),
    ("approved", "Approved"),
    ("agreed", "Agreed with Claimant"),
    ("paid", "Paid"),
    ("closed", "Closed"),
    ("rejected", "Rejected"),
    ("withdrawn", "Withdrawn"),
]
OPEN_STATES = (
    "reported",
    "dispatched",
    "surveyed",
    "documents",
    "assessment",
    "decision",
    "review",
    "approved",
    "agreed",
)
# the normal path; each button moves one step
NEXT_STATE = {
    "reported": "dispatched",
    "dispatched": "surveyed",
    "surveyed": "documents",
    "documents": "assessment",
    "assessment": "decision",
    "decision": "review",
}
# notice -> (mail template, states in which it may be sent)
NOTICES = {
    "receipt": ("claims_management.mail_template_claim_receipt", None),
    "settlement": ("claims_management.mail_template_claim_settlement", ("approved", "agreed")),
    "rejection": ("claims_management.mail_template_claim_rejection", ("rejected",)),
}

# Insurance Law Art. 26: 5 years for life insurance, 2 years for every other line (company settings)
LIFE_LINES = ("life",)


class InsuranceClaim(models.Model):
    """A claim (理赔案件) from the report to the closing."""

    _name = "insurance.claim"
    _description = "Insurance Claim"
    _inherit = ["insurance.workflow.guard", "mail.thread", "mail.activity.mixin"]
    _order = "reported_at desc, id desc"
    _check_company_auto = True
    _workflow_protected_fields = ("state", "reopen_count")

    name = fields.Char("Claim Number", required=True, copy=False, readonly=True, default="/", index="trigram")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(STATES, required=True, default="reported", tracking=True, index=True, copy=False)
    is_open = fields.Boolean(compute="_compute_is_open", store=True, index=True)
    claim_type_id = fields.Many2one("insurance.claim.type", required=True, tracking=True, check_company=True)
    policy_id = fields.Many2one("insurance.policy", required=True, index=True, tracking=True, check_company=True)
    product_line = fields.Selection(related="policy_id.product_line", store=True)
    coverage_id = fields.Many2one(
        "insurance.policy.coverage", domain="[('policy_id', '=', policy_id)]", tracking=True, check_company=True
    )
    insured_id = fields.Many2one(
        "insurance.policy.insured",
        string="Insured Person or Object",
        domain="[('policy_id', '=', policy_id)]",
        tracking=True,
        check_company=True,
    )
    channel = fields.Selection(
        [
            ("hotline", "Hotline"),
            ("counter", "Counter"),
            ("portal", "Portal"),
            ("email", "Email"),
            ("import", "Bulk import"),
            ("onsite", "On-site specialist"),
        ],
        required=True,
        default="hotline",
    )
    reported_at = fields.Datetime("Reported On", required=True, default=fields.Datetime.now, tracking=True, index=True)
    loss_at = fields.Datetime("Loss Date", required=True, tracking=True)
    loss_date = fields.Date(
        "Loss Day",
        compute="_compute_loss_date",
        store=True,
        index=True,
        help="The local day of the loss in the company's time zone: it decides cover, roster and policy year.",
    )
    loss_place = fields.Char(tracking=True)
    region = fields.Char(help="Region of the loss: the on-duty surveyor of this region is dispatched.")
    cause = fields.Char(tracking=True)
    description = fields.Html()
    claimant_id = fields.Many2one("res.partner", required=True, index=True, tracking=True, check_company=True)
    payee_id = fields.Many2one("res.partner", tracking=True, check_company=True)
    handler_id = fields.Many2one("hr.employee", tracking=True, check_company=True)
    surveyor_id = fields.Many2one("hr.employee", tracking=True, check_company=True)
    handler_user_id = fields.Many2one(related="handler_id.user_id", store=True, index=True, string="Handler User")
    surveyor_user_id = fields.Many2one(related="surveyor_id.user_id", store=True, index=True, string="Surveyor User")
    department_id = fields.Many2one(
        "hr.department", compute="_compute_department_id", store=True, index=True, string="Team"
    )
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent"), ("2", "Very urgent")], default="0", tracking=True)
    is_major = fields.Boolean("Major Case", tracking=True, help="Flags the director at once (重大案件).")
    # fixed at registration (insurance_claim_fast_track.py); changed only by the handler, with a reason
    complexity = fields.Selection([("simple", "Simple"), ("complex", "Complex")], tracking=True, copy=False)
    event_id = fields.Many2one("insurance.claim.event", string="Catastrophe Event", index=True, check_company=True)
    estimated_loss = fields.Monetary(currency_field="currency_id", tracking=True)
    claimed_amount = fields.Monetary(currency_field="currency_id", tracking=True)
    loss_known_date = fields.Date(
        "Insured Knew of the Loss On",
        tracking=True,
        help="The limitation period (Insurance Law Art. 26) runs from the day the insured knew or should have "
        "known of the loss; empty means the day of the loss.",
    )
    limitation_end_date = fields.Date(
        "Limitation Period Ends",
        compute="_compute_limitation_warning",
        help="Insurance Law Art. 26: 2 years for non-life insurance, 5 years for life insurance, from the day "
        "the insured knew of the loss (company settings).",
    )
    limitation_warning = fields.Char(compute="_compute_limitation_warning")
    # the limit left on the cover at intake (see _compute_limit_left)
    cover_limit_amount = fields.Monetary(
        related="coverage_id.limit_amount", string="Cover Limit", currency_field="currency_id"
    )
    limit_used_amount = fields.Monetary(
        "Used on Other Claims",
        currency_field="currency_id",
        compute="_compute_limit_left",
        help="Assessed amounts on this cover of the other claims that are approved, agreed, paid or closed.",
    )
    limit_left_amount = fields.Monetary(
        "Limit Left",
        currency_field="currency_id",
        compute="_compute_limit_left",
        help="The cover limit less what the other claims already use of it. Empty when the cover has no limit.",
    )
    limit_warning = fields.Char(compute="_compute_limit_left")

    decision = fields.Selection(
        [("approve", "Approve"), ("partial", "Partially approve"), ("reject", "Reject")], tracking=True, copy=False
    )
    rejection_code = fields.Selection(
        [
            ("not_covered", "Loss not covered"),
            ("exclusion", "Excluded by the policy"),
            ("outside_period", "Outside the policy period"),
            ("not_insured", "Not on the insured roster"),
            ("late_report", "Reported too late to assess"),
            ("fraud", "Misrepresentation or fraud"),
            ("other", "Other"),
        ],
        copy=False,
        tracking=True,
    )
    decision_note = fields.Text(copy=False, help="Grounds of the decision, shown in the notices.")
    review_note = fields.Text(copy=False, help="The director's reasons when returning the claim.")
    reopen_count = fields.Integer(readonly=True, copy=False)
    dispatch_post_id = fields.Many2one("duty.post", readonly=True, copy=False, check_company=True)
    dispatch_tier = fields.Char(readonly=True, copy=False)
    dispatch_escalated_at = fields.Datetime(
        "Escalated On",
        readonly=True,
        copy=False,
        index=True,
        help="When the dispatch last went to the next tier for want of an acknowledgement "
        "(the handover log of that duty lists the claim).",
    )
    ack_deadline = fields.Datetime(
        "Acknowledge By", readonly=True, copy=False, index=True, help="Escalated to the next tier if not acknowledged."
    )
    acknowledged_at = fields.Datetime(readonly=True, copy=False, tracking=True)
    stage_log_ids = fields.One2many("insurance.claim.stage.log", "claim_id", string="Progress Ledger")
    line_ids = fields.One2many("insurance.claim.line", "claim_id", string="Assessment Lines", copy=False)
    assessed_amount = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_assessed_amount",
        store=True,
        tracking=True,
        help="The sum of the assessment lines.",
    )

    receipt_sent_at = fields.Datetime("Receipt Sent On", readonly=True, copy=False, tracking=True)
    settlement_notice_at = fields.Datetime("Settlement Notice Sent On", readonly=True, copy=False, tracking=True)

    _sql_constraints = [
        ("name_company_unique", "UNIQUE(name, company_id)", "A claim number must be unique per company."),
        (
            "event_insured_unique",
            "UNIQUE(event_id, insured_id)",
            "An insured person or object has one claim per catastrophe event.",
        ),
    ]

    @api.depends("state")
    def _compute_is_open(self):
        for claim in self:
            claim.is_open = claim.state in OPEN_STATES

    @api.depends("handler_id.department_id", "surveyor_id.department_id")
    def _compute_department_id(self):
        for claim in self:
            claim.department_id = claim.handler_id.department_id or claim.surveyor_id.department_id

    @api.depends("loss_at", "company_id.partner_id.tz")
    def _compute_loss_date(self):
        for claim in self:
            claim.loss_date = claim.company_id._insurance_local_date(claim.loss_at) or False

    @api.depends("loss_date", "loss_known_date", "reported_at", "product_line", "company_id")
    def _compute_limitation_warning(self):
        for claim in self:
            claim.limitation_warning = False
            claim.limitation_end_date = False
            start = claim.loss_known_date or claim.loss_date
            if not (start and claim.reported_at):
                continue
            company = claim.company_id
            life = claim.product_line in LIFE_LINES
            years = company.claim_limitation_life_years if life else company.claim_limitation_years
            try:
                end = start.replace(year=start.year + years)
            except ValueError:  # 29 February
                end = start.replace(year=start.year + years, day=28)
            claim.limitation_end_date = end
            if company._insurance_local_date(claim.reported_at) > end:
                claim.limitation_warning = self.env._(
                    "Reported after the limitation period ended on %(date)s (%(years)s years for %(kind)s insurance "
                    "from the day the insured knew of the loss, Insurance Law Art. 26).",
                    date=end,
                    years=years,
                    kind=self.env._("life") if life else self.env._("non-life"),
                )

    # ------------------------------------------------------------------
    # Intake
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self.env["ir.sequence"]._insurance_number_vals(vals_list, "insurance.claim")
        claims = super().create(vals_list)
        claims._log_stage(False, self.env._("Claim reported"))
        claims.filtered("is_major")._notify_directors_of_major_case()
        return claims

    def write(self, vals):
        newly_major = self.filtered(lambda claim: not claim.is_major) if vals.get("is_major") else self.browse()
        if "state" not in vals:
            result = super().write(vals)
            newly_major._notify_directors_of_major_case()
            return result
        # finish the pending calculations while the lines may still change
        self.line_ids.mapped("amount")
        before = {claim: claim.state for claim in self}
        result = super().write(vals)
        newly_major._notify_directors_of_major_case()
        self._refresh_benefits_after_state_change(before)
        return result

    # ------------------------------------------------------------------
    # Assessment lines (the calculation itself is in insurance_claim_line.py)
    # ------------------------------------------------------------------
    @api.depends("line_ids.amount")
    def _compute_assessed_amount(self):
        for claim in self:
            claim.assessed_amount = claim.currency_id.round(sum(claim.line_ids.mapped("amount")))

    def _policy_year(self):
        """``(first day, first day of the next)`` of the policy year of the loss, or ``None``."""
        self.ensure_one()
        if not (self.loss_at and self.policy_id.date_start):
            return None
        return benefit.policy_year(self.policy_id.date_start, self.loss_date)

    def _refresh_benefits_after_state_change(self, before):
        # back in assessment (returned by the director, reopened): calculate with today's limits
        reopened = self.filtered(lambda claim: claim.state in EDITABLE_STATES and before[claim] not in EDITABLE_STATES)
        reopened.line_ids._refresh_benefit()
        # a claim whose amounts start or stop counting against its covers changes
        # the remaining limit of the open claims on the same covers
        changed = self.filtered(lambda claim: (claim.state in COUNTED_STATES) != (before[claim] in COUNTED_STATES))
        if changed.line_ids:
            others = self.env["insurance.claim.line"].search(
                [
                    ("coverage_id", "in", changed.line_ids.coverage_id.ids),
                    ("claim_id.state", "in", EDITABLE_STATES),
                ]
            )
            others._refresh_benefit()

    @api.constrains("policy_id", "coverage_id", "insured_id", "loss_at", "reported_at")
    def _check_cover_at_intake(self):
        for claim in self:
            loss_day = claim.loss_date
            if claim.reported_at < claim.loss_at:
                raise ValidationError(
                    self.env._("Claim %(name)s: the loss cannot happen after it was reported.", name=claim.name)
                )
            if not claim.policy_id.is_in_force(loss_day):
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s was not in force on %(day)s (cover %(start)s to %(end)s, status %(state)s).",
                        policy=claim.policy_id.name,
                        day=loss_day,
                        start=claim.policy_id.date_start,
                        end=claim.policy_id.date_end,
                        state=dict(claim.policy_id._fields["state"]._description_selection(self.env))[
                            claim.policy_id.state
                        ],
                    )
                )
            if claim.coverage_id and claim.coverage_id.policy_id != claim.policy_id:
                raise ValidationError(
                    self.env._(
                        "The cover line %(cover)s is not part of policy %(policy)s.",
                        cover=claim.coverage_id.name,
                        policy=claim.policy_id.name,
                    )
                )
            if claim.policy_id.roster_required and not claim.insured_id:
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s insures a roster: name the insured person or object of claim %(name)s.",
                        policy=claim.policy_id.name,
                        name=claim.name,
                    )
                )
            if claim.insured_id:
                if claim.insured_id.policy_id != claim.policy_id:
                    raise ValidationError(
                        self.env._(
                            "%(insured)s is not on the roster of policy %(policy)s.",
                            insured=claim.insured_id.name,
                            policy=claim.policy_id.name,
                        )
                    )
                if not claim.insured_id.is_covered_on(loss_day):
                    raise ValidationError(
                        self.env._(
                            "%(insured)s was not on the insured roster on %(day)s.",
                            insured=claim.insured_id.name,
                            day=loss_day,
                        )
                    )

    @api.depends("policy_id", "coverage_id", "insured_id", "loss_at", "claimed_amount", "estimated_loss")
    def _compute_limit_left(self):
        """The cover limit less the assessed amounts on that cover of the other claims that count against it
        (approved, agreed, paid or closed), as the benefit calculation caps them (``lib/benefit.py``); a
        warning when nothing is left or the claimed (else estimated) amount is above what is left.
        """
        ready = self.filtered(
            lambda claim: claim.policy_id and claim.coverage_id and claim.insured_id and claim.loss_at
        )
        (self - ready).update({"limit_used_amount": 0.0, "limit_left_amount": 0.0, "limit_warning": False})
        if not ready:
            return
        coverages = ready.coverage_id._origin
        # one grouped query for every cover of the batch, by claim so each claim leaves its own lines out
        used_by_claim = self.env["insurance.claim.line"]._read_group(
            [("coverage_id", "in", coverages.ids), ("claim_id.state", "in", COUNTED_STATES)],
            ["coverage_id", "claim_id"],
            ["amount:sum"],
        )
        used = {}
        for coverage, claim, amount in used_by_claim:
            used.setdefault(coverage, []).append((claim, amount))
        for claim in ready:
            coverage = claim.coverage_id._origin
            currency = claim.currency_id
            rounding = benefit.to_decimal(currency.rounding, "rounding") if currency else benefit.CENT
            used_amount = currency.round(
                sum(amount for other, amount in used.get(coverage, ()) if other != claim._origin)
            )
            left = benefit.remaining_limit(coverage.limit_amount, used_amount, rounding)
            claim.limit_used_amount = used_amount
            claim.limit_left_amount = float(left) if left is not None else 0.0
            claim.limit_warning = claim._limit_warning_text(left, used_amount)

    def _limit_warning_text(self, left, used_amount):
        self.ensure_one()
        if left is None:
            return False
        amount = self.claimed_amount or self.estimated_loss
        values = {
            "cover": self.coverage_id.name,
            "limit": self._limit_format(self.coverage_id.limit_amount),
            "used": self._limit_format(used_amount),
            "left": self._limit_format(left),
        }
        if left <= 0:
            return self.env._(
                "The limit of cover %(cover)s is used up: limit %(limit)s, already %(used)s on other claims.",
                **values,
            )
        if amount and benefit.to_decimal(amount, "amount") > left:
            return self.env._(
                "The amount claimed, %(amount)s, is above the limit left on cover %(cover)s: %(left)s "
                "(limit %(limit)s less %(used)s on other claims).",
                amount=self._limit_format(amount),
                **values,
            )
        return False

    def _limit_format(self, amount):
        return benefit.fmt(benefit.to_decimal(amount, "amount"))

    @api.constrains("estimated_loss", "claimed_amount")
    def _check_amounts(self):
        for claim in self:
            if claim.estimated_loss < 0 or claim.claimed_amount < 0:
                raise ValidationError(self.env._("Claim amounts cannot be negative (%(name)s).", name=claim.name))
            limit = claim.policy_id.sum_insured
            if limit and max(claim.estimated_loss, claim.claimed_amount) > limit * 10:
                raise ValidationError(
                    self.env._(
                        "Claim %(name)s: the amount is more than ten times the sum insured of the policy; "
                        "check the figure.",
                        name=claim.name,
                    )
                )

    # ------------------------------------------------------------------
    # Life cycle
    # ------------------------------------------------------------------
    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _workflow_refusal(self, fnames):
        return self.env._(
            "The status of a claim changes only through its buttons: claims staff move it along the normal "
            "path, a claims director approves, returns or reopens it, and accounting marks it paid."
        )

    def _log_stage(self, state_from, note=""):
        # the progress ledger is written by the system only: users may read it, never write it (ACL), so
        # the rows of a transition the user may make are written with sudo(), with the user and time forced
        now = fields.Datetime.now()
        self.env["insurance.claim.stage.log"].sudo().create(
            [
                {
                    "claim_id": claim.id,
                    "state_from": state_from or False,
                    "state_to": claim.state,
                    "note": note,
                    "user_id": self.env.uid,
                    "date": now,
                }
                for claim in self
            ]
        )

    def _move(self, new_state, allowed_from, note=""):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for claim in self:
            if claim.state not in allowed_from:
                raise UserError(
                    self.env._(
                        "Claim %(name)s is %(state)s: it cannot go to %(new)s from there.",
                        name=claim.name,
                        state=labels[claim.state],
                        new=labels[new_state],
                    )
                )
            old = claim.state
            claim._workflow_write({"state": new_state})
            claim._log_stage(old, note)

    def _check_claims_group(self, group, message):
        """A transition button's group; the superuser (install, crons, the portal's one action) passes."""
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(message)

    def _check_claims_staff(self):
        self._check_claims_group(
            "claims_management.group_claims_user",
            self.env._("Only claims staff (Claims / User or Director) move a claim along its stages."),
        )

    def action_next_stage(self):
        self._check_claims_staff()
        for claim in self:
            if claim.state not in NEXT_STATE:
                raise UserError(self.env._("Claim %(name)s has no next stage from here.", name=claim.name))
            if claim.state == "assessment" and not claim.decision:
                raise UserError(self.env._("Record the decision of claim %(name)s first.", name=claim.name))
            if claim.state == "assessment" and claim.decision == "reject" and not claim.rejection_code:
                raise UserError(self.env._("Give the coded reason for rejecting claim %(name)s.", name=claim.name))
            claim._move(NEXT_STATE[claim.state], (claim.state,))
        return True

    def action_acknowledge(self):
        for claim in self:
            if self.env.user != claim.surveyor_id.user_id and not self.env.user.has_group(
                "claims_management.group_claims_director"
            ):
                raise UserError(
                    self.env._("Only the dispatched surveyor acknowledges claim %(name)s.", name=claim.name)
                )
            claim.write({"acknowledged_at": fields.Datetime.now(), "ack_deadline": False})
        return True

    @api.model
    def _cron_escalate_dispatch(self):
        """Claims not acknowledged in time go to the next tier: primary, backup, duty leader."""
        now = fields.Datetime.now()
        late = self.search([("state", "=", "dispatched"), ("ack_deadline", "<", now), ("acknowledged_at", "=", False)])
        for claim in late:
            chain = self.env["duty.shift"].get_escalation_chain(claim.dispatch_post_id, at=now)
            tiers = [tier for tier, _employees in chain]
            later = [
                (tier, employees)
                for tier, employees in chain
                if claim.dispatch_tier not in tiers or tiers.index(tier) > tiers.index(claim.dispatch_tier)
            ]
            if not later:
                claim.ack_deadline = False
                claim._notify_directors_unacknowledged()
                continue
            tier, employees = later[0]
            previous = claim.surveyor_id
            claim._assign_surveyor(claim.dispatch_post_id, tier, employees[:1], now)
            claim.dispatch_escalated_at = now
            claim.message_post(
                body=self.env._(
                    "Not acknowledged by %(previous)s in time: escalated to %(next)s.",
                    previous=previous.name or "-",
                    next=employees[:1].name,
                )
            )

    def _notify_directors_unacknowledged(self):
        self.ensure_one()
        directors = self.env.ref("claims_management.group_claims_director").users.filtered(
            lambda user: self.company_id in user.company_ids and not user.share
        )
        self.message_post(
            body=self.env._("Nobody acknowledged claim %(name)s along the whole duty chain.", name=self.name),
            partner_ids=directors.partner_id.ids,
        )

    def action_director_approve(self):
        self._check_director()
        self._check_not_own_review()
        self._check_cover_limits_at_approval()
        approving = self.filtered(lambda claim: claim.decision != "reject")
        approving.line_ids._check_event_deductible_at_approval(approving)
        for claim in self:
            target = "rejected" if claim.decision == "reject" else "approved"
            claim._move(target, ("review",), self.env._("Approved by the director"))
        return True

    def action_director_return(self):
        self._check_director()
        for claim in self:
            if not claim.review_note:
                raise UserError(
                    self.env._("Write the reasons for returning claim %(name)s in Director's Notes.", name=claim.name)
                )
            claim._move("assessment", ("review",), claim.review_note)
            claim.message_post(body=self.env._("Returned by the director: %(note)s", note=claim.review_note))
        return True

    def action_claimant_agrees(self):
        self._check_claims_staff()
        self._move("agreed", ("approved",), self.env._("The claimant agreed to the settlement"))
        return True

    def action_close(self):
        self._check_claims_staff()
        self._move("closed", ("agreed", "paid", "rejected"))
        return True

    def action_withdraw(self):
        self._check_claims_staff()
        self._move("withdrawn", OPEN_STATES, self.env._("Withdrawn by the claimant"))
        return True

    def action_reopen(self):
        self._check_claims_group(
            "claims_management.group_claims_director", self.env._("Only a claims director reopens a claim.")
        )
        for claim in self:
            claim._move("assessment", ("closed", "rejected", "withdrawn"), self.env._("Reopened"))
            claim._workflow_write({"reopen_count": claim.reopen_count + 1})
        return True

    def _check_director(self):
        self._check_claims_group(
            "claims_management.group_claims_director",
            self.env._("Only a claims director may approve or return a claim."),
        )

    def _check_not_own_review(self):
        """Segregation of duties: a director never approves a claim they handle or sent to review."""
        if self.env.su:
            return
        logs = (
            self.env["insurance.claim.stage.log"]
            .sudo()
            ._read_group([("claim_id", "in", self.ids), ("state_to", "=", "review")], ["claim_id"], ["id:max"])
        )
        last_review = self.env["insurance.claim.stage.log"].sudo().browse([log_id for _claim, log_id in logs])
        sent_by = {log.claim_id: log.user_id for log in last_review}
        for claim in self:
            if self.env.user in (claim.handler_user_id | sent_by.get(claim, self.env["res.users"])):
                raise AccessError(
                    self.env._(
                        "You handled claim %(name)s or sent it to review: another claims director must approve it "
                        "(segregation of duties).",
                        name=claim.name,
                    )
                )

    def _check_cover_limits_at_approval(self):
        """Re-check each cover's limit against the claims already approved on it, under a row lock.

        The cover rows are locked and touched, so a second approval on the same cover in another
        transaction waits, then fails to serialise and is retried; the retry sees this approval.
        """
        lines = self.line_ids.filtered("coverage_id")
        covers = lines.coverage_id.filtered("limit_amount")
        if not covers:
            return
        self.env["insurance.policy.coverage"].flush_model()
        self.env.cr.execute(
            "SELECT id FROM insurance_policy_coverage WHERE id IN %s ORDER BY id FOR UPDATE", [tuple(covers.ids)]
        )
        self.env.cr.execute(
            "UPDATE insurance_policy_coverage SET write_date = write_date WHERE id IN %s", [tuple(covers.ids)]
        )
        self.env["insurance.claim.line"].flush_model(["amount", "coverage_id", "claim_id"])
        self.env["insurance.claim"].flush_model(["state"])
        used = dict(
            self.env["insurance.claim.line"]
            .sudo()
            ._read_group(
                [("coverage_id", "in", covers.ids), ("claim_id.state", "in", COUNTED_STATES)],
                ["coverage_id"],
                ["amount:sum"],
            )
        )
        approving = self.filtered(lambda claim: claim.decision != "reject")
        for cover in covers:
            asked = sum(
                approving.line_ids.filtered(lambda line, cover=cover: line.coverage_id == cover).mapped("amount")
            )
            total = cover.currency_id.round(used.get(cover, 0.0) + asked)
            if cover.currency_id.compare_amounts(total, cover.limit_amount) > 0:
                raise ValidationError(
                    self.env._(
                        "Cover %(cover)s has a limit of %(limit)s: the claims approved on it already use "
                        "%(used)s, so %(asked)s more cannot be approved. Return the claim to the assessment.",
                        cover=cover.display_name,
                        limit=cover.limit_amount,
                        used=used.get(cover, 0.0),
                        asked=asked,
                    )
                )

    def _notify_directors_of_major_case(self):
        directors = self.env.ref("claims_management.group_claims_director").users.filtered(
            lambda user: not user.share and user.active
        )
        for claim in self:
            company_directors = directors.filtered(lambda user, claim=claim: claim.company_id in user.company_ids)
            for director in company_directors:
                claim.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=director.id,
                    summary=self.env._("Major case %(name)s", name=claim.name),
                    note=self.env._("A major case was reported: join it at once."),
                    date_deadline=fields.Date.context_today(claim),
                )
            claim.message_post(
                author_id=self.env.ref("base.partner_root").id,
                body=self.env._("Major case: the claims directors were notified."),
                partner_ids=company_directors.partner_id.ids,
            )

    # ------------------------------------------------------------------
    # Notices to the claimant: receipt, settlement, rejection
    # The button opens the mail composer with the notice's template and the context key
    # ``mark_claim_notice``; posting the message records the sending on the claim
    # (like ``mark_so_as_sent`` on sale orders).
    # ------------------------------------------------------------------
    def _notice_check_state(self, notice):
        states = NOTICES[notice][1]
        for claim in self:
            allowed = claim.is_open if states is None else claim.state in states
            if not allowed:
                raise UserError(
                    self.env._(
                        "This notice cannot be sent for claim %(name)s in its current status (%(state)s).",
                        name=claim.name,
                        state=dict(claim._fields["state"]._description_selection(self.env))[claim.state],
                    )
                )

    def _notice_check_content(self, notice):
        """A settlement or rejection notice needs the settlement or rejection it tells of (printed or sent)."""
        for claim in self:
            if notice == "settlement" and not claim._has_settlement():
                raise UserError(
                    self.env._(
                        "Claim %(name)s has no settlement yet: the settlement notice is printed once the director "
                        "has approved an assessed amount.",
                        name=claim.name,
                    )
                )
            if notice == "rejection" and not claim._has_rejection():
                raise UserError(
                    self.env._(
                        "Claim %(name)s has not been rejected: the rejection notice is printed once the director "
                        "has approved the rejection.",
                        name=claim.name,
                    )
                )

    def _has_settlement(self):
        self.ensure_one()
        return (
            self.decision in ("approve", "partial")
            and self.state in ("approved", "agreed", "paid", "closed")
            and self.currency_id.compare_amounts(self.assessed_amount, 0) > 0
        )

    def _has_rejection(self):
        self.ensure_one()
        return self.decision == "reject" and self.state in ("rejected", "closed") and bool(self.rejection_code)

    def _action_send_notice(self, notice):
        self.ensure_one()
        self._notice_check_state(notice)
        self._notice_check_content(notice)
        template = self.env.ref(NOTICES[notice][0])
        return notice_composer_action(self, template, {"mark_claim_notice": notice})

    def action_send_receipt(self):
        return self._action_send_notice("receipt")

    def action_send_settlement_notice(self):
        return self._action_send_notice("settlement")

    def action_send_rejection_notice(self):
        return self._action_send_notice("rejection")

    def message_post(self, **kwargs):
        notice = self.env.context.get("mark_claim_notice")
        if notice not in NOTICES:
            return super().message_post(**kwargs)
        claims = self.with_context(mark_claim_notice=False)
        message = super(InsuranceClaim, claims).message_post(**kwargs)
        claims._mark_notice_sent(notice)
        return message

    def _mark_notice_sent(self, notice):
        self._notice_check_state(notice)
        self._notice_check_content(notice)
        now = fields.Datetime.now()
        if notice == "receipt":
            self.write({"receipt_sent_at": now})
        elif notice == "settlement":
            self.write({"settlement_notice_at": now})
        else:
            # the first notice stops the Art. 24 clock
            self.filtered(lambda claim: not claim.rejection_notice_at).action_rejection_notice_sent()

    # ------------------------------------------------------------------
    # Report helpers
    # ------------------------------------------------------------------
    @api.model
    def _notice_remedies(self):
        """The claimant's remedies against a rejection, in the reader's language."""
        return [
            self.env._("Ask us to review the decision or file a complaint with our customer service."),
            self.env._("Apply for mediation by an insurance dispute mediation organisation."),
            self.env._("Apply for arbitration, if an arbitration agreement exists."),
            self.env._("Bring a lawsuit before the people's court."),
            self.env._("Complain to the financial regulator: hotline 12378."),
        ]
