from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    """Complaint settings of the current company: classification, handling targets, follow-up visits and
    the duty post of the complaint officers."""

    _inherit = "res.config.settings"

    complaint_major_loss = fields.Monetary(related="company_id.complaint_major_loss", readonly=False)
    complaint_premium_source = fields.Selection(related="company_id.complaint_premium_source", readonly=False)
    complaint_company_type = fields.Selection(related="company_id.complaint_company_type", readonly=False)
    complaint_decision_days = fields.Integer(related="company_id.complaint_decision_days", readonly=False)
    complaint_first_extension_days = fields.Integer(related="company_id.complaint_first_extension_days", readonly=False)
    complaint_second_extension_days = fields.Integer(
        related="company_id.complaint_second_extension_days", readonly=False
    )
    complaint_review_days = fields.Integer(related="company_id.complaint_review_days", readonly=False)
    complaint_max_representatives = fields.Integer(related="company_id.complaint_max_representatives", readonly=False)
    complaint_contact_working_days = fields.Integer(related="company_id.complaint_contact_working_days", readonly=False)
    complaint_resolve_working_days = fields.Integer(related="company_id.complaint_resolve_working_days", readonly=False)
    complaint_resolve_major_working_days = fields.Integer(
        related="company_id.complaint_resolve_major_working_days", readonly=False
    )
    complaint_progress_hours = fields.Integer(related="company_id.complaint_progress_hours", readonly=False)
    complaint_clock_warning_days = fields.Integer(related="company_id.complaint_clock_warning_days", readonly=False)
    followup_due_days = fields.Integer(related="company_id.followup_due_days", readonly=False)
    followup_level2_rate = fields.Float(related="company_id.followup_level2_rate", readonly=False)
    followup_level3_rate = fields.Float(related="company_id.followup_level3_rate", readonly=False)
    followup_max_attempts = fields.Integer(related="company_id.followup_max_attempts", readonly=False)
    followup_retry_days = fields.Integer(related="company_id.followup_retry_days", readonly=False)
    followup_on_claim_report = fields.Boolean(related="company_id.followup_on_claim_report", readonly=False)
    followup_level2_user_id = fields.Many2one(related="company_id.followup_level2_user_id", readonly=False)
    followup_level3_user_id = fields.Many2one(related="company_id.followup_level3_user_id", readonly=False)
    complaint_duty_post_id = fields.Many2one(
        "duty.post",
        "Complaint Officer Duty Post",
        domain="[('company_id', '=', company_id)]",
        help="Complaints received out of hours go to whoever is on duty on this post.",
    )

    @api.model
    def get_values(self):
        values = super().get_values()
        post = self.env["duty.post"].search(
            [("is_complaint_officer_post", "=", True), ("company_id", "=", self.env.company.id)], limit=1
        )
        values["complaint_duty_post_id"] = post.id
        return values

    def set_values(self):
        result = super().set_values()
        for settings in self:
            posts = self.env["duty.post"].search(
                [("is_complaint_officer_post", "=", True), ("company_id", "=", settings.company_id.id)]
            )
            chosen = settings.complaint_duty_post_id
            (posts - chosen).write({"is_complaint_officer_post": False})
            if chosen and not chosen.is_complaint_officer_post:
                chosen.is_complaint_officer_post = True
        return result
