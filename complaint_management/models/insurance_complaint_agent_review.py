from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# verified mis-selling complaints against one agent that trigger a review, and the window
AGENT_REVIEW_THRESHOLD = 2
AGENT_REVIEW_WINDOW_MONTHS = 12


class InsuranceComplaintAgentReview(models.Model):
    """An agent flagged for a review of their policies after repeated verified mis-selling complaints."""

    _name = "insurance.complaint.agent.review"
    _description = "Agent Review after Mis-selling Complaints"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "flagged_at desc, id desc"
    _check_company_auto = True

    agent_id = fields.Many2one("res.partner", "Agent or Agency", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    flagged_at = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    complaint_ids = fields.Many2many("insurance.complaint", string="Verified Mis-selling Complaints", readonly=True)
    complaint_count = fields.Integer(compute="_compute_complaint_count")
    state = fields.Selection(
        [("open", "To Review"), ("done", "Reviewed")], required=True, default="open", tracking=True, index=True
    )
    conclusion = fields.Text(tracking=True)

    @api.depends("complaint_ids")
    def _compute_complaint_count(self):
        for review in self:
            review.complaint_count = len(review.complaint_ids)

    @api.depends("agent_id", "flagged_at")
    def _compute_display_name(self):
        for review in self:
            review.display_name = self.env._("Review of %(agent)s", agent=review.agent_id.name or "")

    @api.model
    def _verified_mis_selling_complaints(self, agent, company, at):
        """The verified mis-selling complaints against ``agent`` received in the 12 months up to ``at``."""
        return self.env["insurance.complaint"].search(
            [
                ("company_id", "=", company.id),
                ("agent_id", "=", agent.id),
                ("cause", "=", "sales"),
                ("accountability_verified", "=", True),
                ("is_valid", "=", True),
                ("received_at", "<=", at),
                ("received_at", ">", at - relativedelta(months=AGENT_REVIEW_WINDOW_MONTHS)),
            ]
        )

    @api.model
    def _flag_if_needed(self, agent, company, at):
        """Open a review of ``agent`` (and notify compliance) at the second verified mis-selling
        complaint within 12 months; an open review only collects the new complaints."""
        # the flag counts every complaint against the agent, whoever handles them
        complaints = self.sudo()._verified_mis_selling_complaints(agent, company, at)
        if len(complaints) < AGENT_REVIEW_THRESHOLD:
            return self.browse()
        review = self.search([("agent_id", "=", agent.id), ("company_id", "=", company.id), ("state", "=", "open")])
        if review:
            review.complaint_ids = [fields.Command.link(complaint.id) for complaint in complaints]
            return review
        review = self.create(
            {"agent_id": agent.id, "company_id": company.id, "complaint_ids": [fields.Command.set(complaints.ids)]}
        )
        review._notify_compliance()
        return review

    def _notify_compliance(self):
        compliance = self.env.ref("complaint_management.group_complaint_compliance").users
        for review in self:
            users = compliance.filtered(lambda user, review=review: review.company_id in user.company_ids)
            note = self.env._(
                "%(agent)s has %(count)s verified mis-selling complaints within 12 months: review their policies.",
                agent=review.agent_id.name,
                count=review.complaint_count,
            )
            for user in users:
                review.activity_schedule("mail.mail_activity_data_todo", note=note, user_id=user.id)
            review.message_post(body=note, partner_ids=users.partner_id.ids)

    def action_done(self):
        self.write({"state": "done"})
        return True
