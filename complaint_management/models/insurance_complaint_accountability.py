from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

REGULATOR_LEVELS = [("local", "Local regulator office"), ("national", "National regulator (NFRA)")]
# a complaint counts again for the same complainant within this window
REPEAT_WINDOW_MONTHS = 12


class InsuranceComplaint(models.Model):
    """Accountability (责任追究): the liable employee and line manager of a verified complaint,
    the fines of the penalty schedule when it closes, and the review of agents with repeated
    verified mis-selling complaints."""

    _inherit = ["insurance.complaint"]

    liable_employee_id = fields.Many2one(
        "hr.employee",
        "Directly Liable Employee",
        compute="_compute_liable_employee_id",
        store=True,
        readonly=False,
        tracking=True,
        index="btree_not_null",
        check_company=True,
    )
    liable_manager_id = fields.Many2one(
        "hr.employee",
        "Line Manager (Indirectly Liable)",
        compute="_compute_liable_manager_id",
        store=True,
        readonly=False,
        tracking=True,
        check_company=True,
    )
    accountability_verified = fields.Boolean(
        "Liability Verified", tracking=True, copy=False, help="Set by a complaint manager once the facts are checked."
    )
    regulator_level = fields.Selection(
        REGULATOR_LEVELS, default="local", help="Which regulator transferred the complaint (for the penalty schedule)."
    )
    public_relations_cost = fields.Monetary(
        currency_field="currency_id", copy=False, help="What the company spent on public relations to contain it."
    )
    penalty_ids = fields.One2many("insurance.complaint.penalty", "complaint_id", string="Penalties")
    penalty_total = fields.Monetary(compute="_compute_penalty_total", currency_field="currency_id")

    @api.depends("employee_id")
    def _compute_liable_employee_id(self):
        for complaint in self:
            complaint.liable_employee_id = complaint.employee_id

    @api.depends("liable_employee_id")
    def _compute_liable_manager_id(self):
        for complaint in self:
            complaint.liable_manager_id = complaint.liable_employee_id.parent_id

    @api.depends("penalty_ids.amount")
    def _compute_penalty_total(self):
        for complaint in self:
            complaint.penalty_total = sum(complaint.penalty_ids.mapped("amount"))

    def write(self, vals):
        if "accountability_verified" in vals and not self.env.user.has_group(
            "complaint_management.group_complaint_manager"
        ):
            raise AccessError(self.env._("Only a complaint manager can verify or clear the liability of a complaint."))
        before = {complaint: complaint.state for complaint in self}
        result = super().write(vals)
        closed = self.filtered(lambda complaint: complaint.state == "closed" and before[complaint] != "closed")
        closed._create_penalties()
        if {"accountability_verified", "agent_id", "category_id", "state"} & set(vals):
            self._check_agent_reviews()
        return result

    # ------------------------------------------------------------------
    # Penalties
    # ------------------------------------------------------------------
    def _penalty_source(self):
        self.ensure_one()
        if self.channel == "media":
            return "media"
        if self.channel == "internet":
            return "internet"
        if self.origin == "regulator" or self.channel == "regulator":
            return "regulator_national" if self.regulator_level == "national" else "regulator_local"
        return "repeat"

    def _accountability_repeat_rank(self):
        """How many times the complainant has complained within 12 months, this complaint included
        (1 = first, 2 = second …); about the same claim or policy when the complaint names one."""
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("partner_id", "child_of", self.partner_id.commercial_partner_id.id),
            ("received_at", "<=", self.received_at),
            ("received_at", ">", self.received_at - relativedelta(months=REPEAT_WINDOW_MONTHS)),
            ("state", "!=", "withdrawn"),
            ("id", "!=", self.id),
        ]
        if self.claim_id:
            domain.append(("claim_id", "=", self.claim_id.id))
        elif self.policy_id:
            domain.append(("policy_id", "=", self.policy_id.id))
        # a count only: the closing officer may not see the complainant's other complaints
        return self.sudo().search_count(domain) + 1

    def _penalty_lines(self):
        """``(rule, [(employee, role, amount)], reminders)`` for this complaint."""
        self.ensure_one()
        source = self._penalty_source()
        rank = self._accountability_repeat_rank() if source == "repeat" else 1
        rule = self.env["insurance.complaint.penalty.rule"]._find(self.company_id, source, rank)
        if not rule:
            return rule, [], self.env["hr.employee"]
        lines, reminders = [], self.env["hr.employee"]
        for employee, role, fixed in (
            (self.liable_employee_id, "employee", rule.employee_amount),
            (self.liable_manager_id, "manager", rule.manager_amount),
        ):
            if not employee:
                continue
            amount = fixed
            if rule.cost_share_percent and self.public_relations_cost:
                amount = self.currency_id.round(self.public_relations_cost * rule.cost_share_percent / 100)
            if amount > 0:
                lines.append((employee, role, amount))
            elif role == "employee" or rule.remind_manager:
                reminders |= employee
        return rule, lines, reminders

    def _create_penalties(self):
        """Fine the liable people of the verified, valid complaints just closed (once per complaint); a duplicate
        merged into another case is fined in that case, never twice."""
        Penalty = self.env["insurance.complaint.penalty"]
        for complaint in self.filtered(
            lambda c: c.accountability_verified and c.is_valid and not c.merged_into_id and not c.penalty_ids
        ):
            rule, lines, reminders = complaint._penalty_lines()
            day = complaint.company_id._insurance_local_date(complaint.closed_at or fields.Datetime.now())
            Penalty.create(
                [
                    {
                        "complaint_id": complaint.id,
                        "employee_id": employee.id,
                        "role": role,
                        "rule_id": rule.id,
                        "amount": amount,
                        "date": day,
                    }
                    for employee, role, amount in lines
                ]
            )
            if lines or reminders:
                complaint.message_post(
                    body=self.env._(
                        "Accountability under %(rule)s: %(fines)s; reminded: %(reminded)s.",
                        rule=rule.name,
                        fines=", ".join(
                            f"{employee.name} {complaint.currency_id.symbol or ''}{amount:g}"
                            for employee, _role, amount in lines
                        )
                        or "-",
                        reminded=", ".join(reminders.mapped("name")) if reminders else "-",
                    )
                )

    # ------------------------------------------------------------------
    # Agents with repeated verified mis-selling complaints
    # ------------------------------------------------------------------
    def _check_agent_reviews(self):
        Review = self.env["insurance.complaint.agent.review"]
        for complaint in self.filtered(lambda c: c.agent_id and c.cause == "sales" and c.accountability_verified):
            Review._flag_if_needed(complaint.agent_id, complaint.company_id, complaint.received_at)
