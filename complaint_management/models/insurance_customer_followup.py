from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..lib import followup_sampling

LEVELS = [("1", "Level 1 (specialist, all)"), ("2", "Level 2 (manager, sample)"), ("3", "Level 3 (director, sample)")]
TRIGGERS = [
    ("complaint_closed", "Complaint closed"),
    ("claim_reported", "Claim reported"),
    ("claim_paid", "Claim paid"),
    ("manual", "Manual"),
]
MANAGER_GROUP = "complaint_management.group_complaint_manager"
FOLLOWUP_CHANNELS = [("phone", "Phone"), ("sms", "SMS"), ("visit", "Visit"), ("questionnaire", "Questionnaire")]
FOLLOWUP_STATES = [
    ("planned", "Planned"),
    ("retry", "Retry Scheduled"),
    ("done", "Done"),
    ("unreachable", "Unreachable"),
    ("cancelled", "Cancelled"),
]
PENDING_STATES = ("planned", "retry")
SCORES = [
    ("1", "1 - Very dissatisfied"),
    ("2", "2 - Dissatisfied"),
    ("3", "3 - Neutral"),
    ("4", "4 - Satisfied"),
    ("5", "5 - Very satisfied"),
]
NEGATIVE_SCORE = 2
# the complaint channel of a complaint opened by a visit
COMPLAINT_CHANNEL = {"phone": "phone", "sms": "sms", "visit": "visit", "questionnaire": "letter"}


class CustomerFollowup(models.Model):
    """A follow-up visit (回访) to a customer after a complaint is closed or a claim is paid.

    The customer's satisfaction score is an Odoo rating (``rating.mixin``): the customer rates the
    visitor, and the score appears in the chatter and in Odoo's rating reports.
    """

    _name = "insurance.customer.followup"
    _description = "Customer Follow-up Visit"
    _inherit = ["rating.mixin", "mail.activity.mixin"]  # rating.mixin is a mail.thread
    _order = "due_date, level, id"
    _check_company_auto = True

    name = fields.Char("Reference", required=True, copy=False, readonly=True, default="/")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    complaint_id = fields.Many2one(
        "insurance.complaint", index="btree_not_null", ondelete="cascade", check_company=True
    )
    claim_id = fields.Many2one("insurance.claim", index="btree_not_null", ondelete="cascade", check_company=True)
    partner_id = fields.Many2one("res.partner", "Customer", required=True, index=True)
    phone = fields.Char(related="partner_id.phone")
    department_id = fields.Many2one(
        "hr.department", "Unit", compute="_compute_department_id", store=True, readonly=False, check_company=True
    )
    trigger = fields.Selection(TRIGGERS, required=True, default="manual", readonly=True)
    level = fields.Selection(LEVELS, required=True, default="1", index=True)
    sample_number = fields.Integer(readonly=True, help="Rank of the visit among the company's level-1 visits.")
    user_id = fields.Many2one(
        "res.users", "Visitor", tracking=True, index=True, domain="[('share', '=', False)]", check_company=True
    )
    due_date = fields.Date(required=True, index=True, tracking=True)
    channel = fields.Selection(FOLLOWUP_CHANNELS, required=True, default="phone")
    state = fields.Selection(FOLLOWUP_STATES, required=True, default="planned", tracking=True, index=True)
    outcome = fields.Selection([("reached", "Reached"), ("not_reached", "Not Reached")], readonly=True, copy=False)
    attempt_count = fields.Integer("Attempts", readonly=True, copy=False)
    max_attempts = fields.Integer(default=lambda self: self.env.company.followup_max_attempts, required=True)
    next_attempt_date = fields.Date(readonly=True, copy=False)
    satisfaction = fields.Selection(SCORES, tracking=True, copy=False)
    is_dissatisfied = fields.Boolean("Dissatisfied", tracking=True, copy=False)
    comments = fields.Text(copy=False)
    done_date = fields.Date(readonly=True, copy=False, index=True)
    is_negative = fields.Boolean(compute="_compute_is_negative", store=True)
    is_late = fields.Boolean(compute="_compute_is_late", search="_search_is_late")
    opened_complaint_id = fields.Many2one("insurance.complaint", "Complaint Opened", readonly=True, copy=False)

    _sql_constraints = [
        ("max_attempts_positive", "CHECK(max_attempts >= 1)", "A follow-up visit needs at least one attempt."),
    ]

    @api.constrains("complaint_id", "claim_id", "partner_id")
    def _check_subject(self):
        for followup in self:
            if bool(followup.complaint_id) == bool(followup.claim_id):
                raise ValidationError(self.env._("A follow-up visit is about one complaint or one claim."))
            complaint = followup.complaint_id
            if complaint and (complaint.merged_into_id or not complaint.is_valid):
                raise ValidationError(
                    self.env._(
                        "Complaint %(name)s is merged into another case or not valid: it gets no follow-up visit "
                        "(the customer would be called twice, or about nothing).",
                        name=complaint.name,
                    )
                )

    @api.depends("complaint_id.department_id", "claim_id.department_id")
    def _compute_department_id(self):
        for followup in self:
            followup.department_id = followup.complaint_id.department_id or followup.claim_id.department_id

    @api.depends("satisfaction", "is_dissatisfied", "state")
    def _compute_is_negative(self):
        for followup in self:
            followup.is_negative = followup.state == "done" and (
                followup.is_dissatisfied or (followup.satisfaction and int(followup.satisfaction) <= NEGATIVE_SCORE)
            )

    @api.depends("due_date", "done_date", "state")
    @api.depends_context("tz")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for followup in self:
            followup.is_late = bool(followup.due_date) and (
                (followup.state in PENDING_STATES and followup.due_date < today)
                or (followup.state == "done" and followup.done_date > followup.due_date)
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search late visits with = or != and True or False only."))
        self.flush_model(["state", "due_date", "done_date"])
        self.env.cr.execute(
            SQL(
                """SELECT id FROM insurance_customer_followup
                    WHERE (state IN %s AND due_date < %s) OR (state = 'done' AND done_date > due_date)""",
                PENDING_STATES,
                fields.Date.context_today(self),
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        return [("id", "in" if (operator == "=") == value else "not in", ids)]

    @api.model_create_multi
    def create(self, vals_list):
        self.env["ir.sequence"]._insurance_number_vals(vals_list, "insurance.customer.followup")
        return super().create(vals_list)

    def write(self, vals):
        if "satisfaction" in vals and any(followup.state == "done" for followup in self):
            raise UserError(
                self.env._("The satisfaction score of a finished follow-up visit is the customer's rating: it stays.")
            )
        return super().write(vals)

    def _rating_record(self):
        """The customer's score as an Odoo rating of the visitor (rating.rating), with their comments."""
        ratings = self.env["rating.rating"].create(
            [
                {
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": followup.id,
                    "partner_id": followup.partner_id.id,
                    "rated_partner_id": followup.user_id.partner_id.id,
                    "is_internal": False,
                }
                for followup in self
            ]
        )
        for followup, rating in zip(self, ratings, strict=True):
            followup.rating_apply(
                int(followup.satisfaction), rating=rating, feedback=followup.comments, subtype_xmlid="mail.mt_note"
            )

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for followup in self:
            followup.display_name = f"{followup.name} {followup.partner_id.name or ''}".strip()

    # ------------------------------------------------------------------
    # Creation on events, with the level 2 and 3 samples
    # ------------------------------------------------------------------
    @api.model
    def _create_for(self, records, trigger, user_field):
        """Level-1 visits for closed complaints or paid claims (``records``), and the level-2 and
        level-3 visits of the deterministic sample, due ``followup_due_days`` after today."""
        vals_list = []
        now = fields.Datetime.now()
        subject = "complaint_id" if records._name == "insurance.complaint" else "claim_id"
        for record in records:
            company = record.company_id
            partner = record.partner_id if subject == "complaint_id" else record.claimant_id
            # a rank among all the company's visits: counted whoever may see them
            number = (
                self.sudo().search_count([("company_id", "=", company.id), ("level", "=", "1")])
                + sum(1 for vals in vals_list if vals["company_id"] == company.id and vals["level"] == "1")
                + 1
            )
            rates = {"2": company.followup_level2_rate, "3": company.followup_level3_rate}
            due = company._insurance_local_date(now) + relativedelta(days=company.followup_due_days)
            visitors = {"1": record[user_field], **self._sample_visitors(company)}
            for level in followup_sampling.levels(number, rates):
                vals_list.append(
                    {
                        "company_id": company.id,
                        subject: record.id,
                        "partner_id": partner.id,
                        "trigger": trigger,
                        "level": level,
                        "sample_number": number if level == "1" else 0,
                        "user_id": visitors[level].id,
                        "due_date": due,
                        "max_attempts": company.followup_max_attempts,
                    }
                )
        return self.create(vals_list)

    @api.model
    def _sample_visitors(self, company):
        """``{"2": user, "3": user}``: who makes the sampled visits of ``company``.

        Level 2 (manager): the company's level-2 visitor, else its first complaint manager (lowest id).
        Level 3 (head): the company's level-3 visitor, else the line manager of the level-2 visitor
        (their employee's manager, if a user of the company), else the level-2 visitor.
        """

        def usable(user):
            return user if user and user.active and not user.share and company in user.company_ids else None

        # the group's members are read whoever closes the case (an officer, a claims handler)
        managers = self.env.ref(MANAGER_GROUP).sudo().users.filtered(usable).sorted("id")
        level2 = usable(company.followup_level2_user_id) or managers[:1]
        level3 = usable(company.followup_level3_user_id)
        if not level3 and level2:
            employee = level2.sudo().employee_ids.filtered(lambda emp: emp.company_id == company)[:1]
            level3 = usable(employee.parent_id.user_id)
        no_one = self.env["res.users"]
        return {"2": (level2 or no_one).sudo(False), "3": (level3 or level2 or no_one).sudo(False)}

    # ------------------------------------------------------------------
    # Results
    # ------------------------------------------------------------------
    def _check_pending(self):
        for followup in self:
            if followup.state not in PENDING_STATES:
                raise UserError(self.env._("Follow-up visit %(name)s is already finished.", name=followup.name))

    def action_reached(self):
        self._check_pending()
        for followup in self:
            if not followup.satisfaction and not followup.is_dissatisfied:
                raise UserError(
                    self.env._(
                        "Record the satisfaction score (1 to 5) of follow-up visit %(name)s.", name=followup.name
                    )
                )
        self.write(
            {
                "state": "done",
                "outcome": "reached",
                "done_date": fields.Date.context_today(self),
                "next_attempt_date": False,
            }
        )
        for followup in self:
            followup.attempt_count += 1
        self.filtered("satisfaction")._rating_record()
        self.activity_unlink(["mail.mail_activity_data_call"])
        self.filtered("is_negative")._handle_negative()
        return True

    def action_not_reached(self):
        self._check_pending()
        today = fields.Date.context_today(self)
        for followup in self:
            attempts = followup.attempt_count + 1
            if attempts >= followup.max_attempts:
                followup.write(
                    {
                        "attempt_count": attempts,
                        "outcome": "not_reached",
                        "state": "unreachable",
                        "next_attempt_date": False,
                    }
                )
                followup.message_post(
                    body=self.env._("Customer not reached after %(count)s attempts: visit given up.", count=attempts)
                )
                continue
            retry = today + relativedelta(days=followup.company_id.followup_retry_days)
            followup.write(
                {"attempt_count": attempts, "outcome": "not_reached", "state": "retry", "next_attempt_date": retry}
            )
            if followup.user_id:
                followup.activity_schedule(
                    "mail.mail_activity_data_call",
                    date_deadline=retry,
                    summary=self.env._("Call the customer again (attempt %(n)s)", n=attempts + 1),
                    user_id=followup.user_id.id,
                )
        return True

    def action_cancel(self):
        self._check_pending()
        self.write({"state": "cancelled"})
        return True

    def _handle_negative(self):
        """A dissatisfied customer: the complaint goes back to investigation, or a claim's customer
        gets a new complaint linked to this visit."""
        for followup in self:
            if followup.complaint_id:
                followup._reopen_complaint()
            elif followup.claim_id and not followup.opened_complaint_id:
                followup._open_complaint()

    def _reopen_complaint(self):
        self.ensure_one()
        complaint = self.complaint_id
        note = self.env._(
            "Follow-up visit %(name)s found the customer dissatisfied (score %(score)s): %(comments)s",
            name=self.name,
            score=self.satisfaction or "-",
            comments=self.comments or "-",
        )
        if complaint.state == "closed":
            complaint._move("investigating", ("closed",))
            note = self.env._("Reopened: %(note)s", note=note)
        complaint.message_post(body=note)
        self.message_post(body=note)

    def _open_complaint(self):
        self.ensure_one()
        claim = self.claim_id
        demand = self.comments or self.env._("Dissatisfied with the handling of claim %(claim)s.", claim=claim.name)
        # intake on the customer's behalf (like the public form): claims staff may not hold complaint rights
        complaint = (
            self.env["insurance.complaint"]
            .sudo()
            .create(
                {
                    "company_id": claim.company_id.id,
                    "partner_id": self.partner_id.id,
                    "claim_id": claim.id,
                    "policy_id": claim.policy_id.id,
                    "channel": COMPLAINT_CHANNEL[self.channel],
                    "origin": "self",
                    "demand": demand,
                    "source_followup_id": self.id,
                }
            )
        )
        self.opened_complaint_id = complaint.id
        self.message_post(
            body=self.env._("The customer is dissatisfied: complaint %(complaint)s opened.", complaint=complaint.name)
        )

    # ------------------------------------------------------------------
    # Coverage KPI
    # ------------------------------------------------------------------
    @api.model
    def _coverage(self, domain):
        """``{"due", "done", "rate"}`` of the visits falling due in ``domain`` (cancelled ones left out):
        done ÷ due in percent."""
        groups = self._read_group(domain + [("state", "!=", "cancelled")], ["state"], ["__count"])
        due = sum(count for _state, count in groups)
        done = sum(count for state, count in groups if state == "done")
        return {"due": due, "done": done, "rate": round(100.0 * done / due, 2) if due else 0.0}
