from odoo import api, fields, models
from odoo.exceptions import UserError

ROOT_CAUSES = [
    ("process", "Process or procedure gap"),
    ("training", "Staff knowledge or training"),
    ("attitude", "Service attitude"),
    ("sales_conduct", "Sales conduct"),
    ("product", "Product design or terms"),
    ("system", "IT system"),
    ("third_party", "Partner or third party"),
    ("communication", "Communication or disclosure"),
    ("other", "Other"),
]
ACTION_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("evaluated", "Evaluated"),
]
OPEN_ACTION_STATES = ("planned", "in_progress")
EFFECTS = [
    ("effective", "Effective"),
    ("partial", "Partly effective"),
    ("ineffective", "Not effective"),
]


class InsuranceComplaintAction(models.Model):
    """A root cause found in a complaint and what is done about it (整改): problem, target,
    measures, deadline, owner, supervising department, effect evaluation."""

    _name = "insurance.complaint.action"
    _description = "Complaint Rectification Action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "deadline, id"
    _check_company_auto = True

    name = fields.Char("Problem", required=True, tracking=True)
    complaint_id = fields.Many2one(
        "insurance.complaint", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    category_id = fields.Many2one(related="complaint_id.category_id", store=True, string="Complaint Category")
    cause = fields.Selection(related="complaint_id.cause", store=True, string="Complaint Cause")
    department_id = fields.Many2one(related="complaint_id.department_id", store=True, string="Handling Department")
    root_cause = fields.Selection(ROOT_CAUSES, required=True, tracking=True, index=True)
    root_cause_detail = fields.Text("Root Cause Analysis")
    target = fields.Text(help="What the rectification must achieve, e.g. no repeat of the problem in six months.")
    measures = fields.Html()
    deadline = fields.Date(required=True, tracking=True, index=True)
    owner_id = fields.Many2one(
        "res.users", required=True, tracking=True, domain="[('share', '=', False)]", check_company=True
    )
    supervising_department_id = fields.Many2one("hr.department", check_company=True)
    state = fields.Selection(ACTION_STATES, required=True, default="planned", tracking=True, index=True, copy=False)
    done_date = fields.Date(readonly=True, copy=False)
    effect = fields.Selection(EFFECTS, tracking=True, copy=False)
    evaluation = fields.Text("Effect Evaluation", copy=False)
    evaluated_date = fields.Date(readonly=True, copy=False)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")

    @api.depends("deadline", "state")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = action.state in OPEN_ACTION_STATES and action.deadline and action.deadline < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue rectifications with = or != and True or False only."))
        domain = ["&", ("state", "in", OPEN_ACTION_STATES), ("deadline", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", *domain]

    def action_start(self):
        self._check_state(("planned",))
        self.write({"state": "in_progress"})
        return True

    def action_done(self):
        self._check_state(OPEN_ACTION_STATES)
        for action in self:
            if not action.measures or not action.measures.striptags().strip():
                raise UserError(
                    self.env._("Describe the measures taken for %(problem)s before closing it.", problem=action.name)
                )
        self.write({"state": "done", "done_date": fields.Date.context_today(self)})
        return True

    def action_evaluate(self):
        self._check_state(("done",))
        for action in self:
            if not action.effect or not (action.evaluation or "").strip():
                raise UserError(
                    self.env._(
                        "Record the effect and the evaluation of %(problem)s before closing the evaluation.",
                        problem=action.name,
                    )
                )
        self.write({"state": "evaluated", "evaluated_date": fields.Date.context_today(self)})
        return True

    def action_reset(self):
        self._check_state(("done",))
        self.write({"state": "in_progress", "done_date": False})
        return True

    def _check_state(self, allowed):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for action in self:
            if action.state not in allowed:
                raise UserError(
                    self.env._(
                        "Rectification %(problem)s is %(state)s: this step is not possible.",
                        problem=action.name,
                        state=labels[action.state],
                    )
                )
