from odoo import fields, models

from .insurance_complaint import OPEN_STATES


class DutyHandoverComplaint(models.Model):
    """A complaint received on the complaint officer post during one duty, or escalated to the managers
    then, listed on that duty's handover log.

    Written by the handover itself (``duty.handover._refresh_complaint_links``), never by hand."""

    _name = "duty.handover.complaint"
    _inherit = "duty.handover.link"
    _description = "Complaint Of A Handover"
    _handover_link_field = "complaint_id"

    complaint_id = fields.Many2one("insurance.complaint", required=True, index=True, ondelete="cascade")
    complaint_name = fields.Char(related="complaint_id.name", string="Complaint Reference")
    complaint_state = fields.Selection(related="complaint_id.state", string="Complaint Status")

    _sql_constraints = [
        (
            "handover_complaint_kind_unique",
            "UNIQUE(handover_id, complaint_id, kind)",
            "A complaint is listed once per handover.",
        ),
    ]

    def _handover_link_open_states(self):
        return OPEN_STATES

    def _handover_link_refusal(self):
        return self.env._("The complaints of a handover log are listed automatically from its duty.")
