from odoo import fields, models

FOLLOWUP_GROUPS = "complaint_management.group_complaint_user,complaint_management.group_complaint_compliance"


class InsuranceComplaint(models.Model):
    """Follow-up visits of a complaint: planned when a valid complaint closes (due within a week), never for
    a duplicate merged into another case."""

    _inherit = ["insurance.complaint"]

    followup_ids = fields.One2many(
        "insurance.customer.followup", "complaint_id", string="Follow-up Visits", groups=FOLLOWUP_GROUPS
    )
    followup_count = fields.Integer(compute="_compute_followup_count", groups=FOLLOWUP_GROUPS)
    source_followup_id = fields.Many2one(
        "insurance.customer.followup", "Opened by Visit", readonly=True, copy=False, index="btree_not_null"
    )

    def _compute_followup_count(self):
        for complaint in self:
            complaint.followup_count = len(complaint.followup_ids)

    def write(self, vals):
        if "state" not in vals:
            return super().write(vals)
        before = {complaint: complaint.state for complaint in self}
        result = super().write(vals)
        # a merged duplicate is visited in its master case, an invalid complaint is no case to visit
        closed = self.filtered(
            lambda complaint: complaint.state == "closed"
            and before[complaint] != "closed"
            and complaint.is_valid
            and not complaint.merged_into_id
        )
        if closed:
            self.env["insurance.customer.followup"]._create_for(closed, "complaint_closed", "user_id")
        return result

    def _art13_enforced(self):
        # registered on the customer's behalf after a visit: completed before validation
        if self.source_followup_id and self.state == "registered":
            return False
        return super()._art13_enforced()

    def action_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_management.insurance_customer_followup_action"
        )
        action["domain"] = [("complaint_id", "=", self.id)]
        action["context"] = {"default_complaint_id": self.id, "default_partner_id": self.partner_id.id}
        return action
