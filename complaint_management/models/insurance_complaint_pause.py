from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PAUSE_REASONS = [
    ("appraisal", "External Appraisal"),
    ("testing", "Testing"),
    ("assessment", "Assessment"),
]


class InsuranceComplaintPause(models.Model):
    """Time of an external appraisal, testing or assessment, not counted in the statutory time limit.

    The complainant is told when the clock stops (CBIRC Order 2020 No. 3, Art. 14).
    """

    _name = "insurance.complaint.pause"
    _description = "Complaint Clock Pause"
    _order = "start_at desc, id desc"
    _check_company_auto = True

    complaint_id = fields.Many2one(
        "insurance.complaint", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    reason = fields.Selection(PAUSE_REASONS, required=True, default="appraisal")
    note = fields.Text("Details", required=True, help="Who appraises what; the complainant is told.")
    start_at = fields.Datetime("Paused On", required=True, default=fields.Datetime.now)
    end_at = fields.Datetime("Resumed On")
    notification_ids = fields.One2many("insurance.complaint.notification", "pause_id", string="Notices Sent")

    @api.constrains("start_at", "end_at")
    def _check_dates(self):
        for pause in self:
            if pause.end_at and pause.end_at < pause.start_at:
                raise ValidationError(self.env._("A pause cannot end before it starts."))

    @api.model_create_multi
    def create(self, vals_list):
        pauses = super().create(vals_list)
        for pause in pauses:
            complaint = pause.complaint_id
            if complaint.state not in ("registered", "validated", "assigned", "investigating", "plan", "approved"):
                raise UserError(
                    self.env._("Complaint %(name)s is not being handled: its clock cannot stop.", name=complaint.name)
                )
            if len(complaint.pause_ids.filtered(lambda other: not other.end_at)) > 1:
                raise UserError(self.env._("The clock of complaint %(name)s is already paused.", name=complaint.name))
            label = dict(pause._fields["reason"]._description_selection(self.env))[pause.reason]
            complaint.message_post(
                body=self.env._("Clock paused for %(reason)s: %(note)s", reason=label, note=pause.note),
                subtype_xmlid="mail.mt_note",
            )
            if not pause.end_at:
                complaint._send_letter("pause", pause=pause)
        return pauses

    def action_resume(self):
        for pause in self:
            if pause.end_at:
                raise UserError(self.env._("This pause has already ended."))
        self.write({"end_at": fields.Datetime.now()})
        for pause in self:
            pause.complaint_id.message_post(
                body=self.env._(
                    "Clock resumed: %(days)s days not counted; decision due on %(date)s.",
                    days=pause.complaint_id.paused_days,
                    date=pause.complaint_id.decision_due_date,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
