from odoo import api, fields, models


class DutyHandover(models.Model):
    """The complaints received on the complaint officer post during the duty, and those escalated to the
    managers then, listed on its log."""

    _inherit = "duty.handover"

    complaint_link_ids = fields.One2many("duty.handover.complaint", "handover_id", string="Complaints", readonly=True)
    complaint_open_count = fields.Integer("Open Complaints", compute="_compute_complaint_open_count")

    @api.depends("complaint_link_ids.is_open")
    def _compute_complaint_open_count(self):
        for handover in self:
            handover.complaint_open_count = len(handover.complaint_link_ids.filtered("is_open"))

    def _handover_link_fields(self):
        return [*super()._handover_link_fields(), "complaint_link_ids"]

    def _refresh_links(self):
        result = super()._refresh_links()
        self._refresh_complaint_links()
        return result

    def _refresh_complaint_links(self):
        """List on each log of a complaint officer post, not signed yet, the complaints received during
        its duty and those escalated to the managers then: one search for the whole batch."""
        handovers = self.filtered(
            lambda handover: handover.state != "signed"
            and handover.start
            and handover.end
            and handover.post_id.is_complaint_officer_post
        )
        if not handovers:
            return
        start, end = min(handovers.mapped("start")), max(handovers.mapped("end"))
        # The duty officers need not be complaint staff: the log lists which complaints came in on their
        # duty (references only; a complaint opens under the complaint rules), so the complaints of these
        # companies in the window are read without the complaint rules, their dates only.
        complaints = (
            self.env["insurance.complaint"]
            .sudo()
            .search_fetch(
                [
                    ("company_id", "in", handovers.company_id.ids),
                    "|",
                    "&",
                    ("received_at", ">=", start),
                    ("received_at", "<", end),
                    "&",
                    ("manager_alerted_at", ">=", start),
                    ("manager_alerted_at", "<", end),
                ],
                ["received_at", "manager_alerted_at", "company_id"],
            )
        )
        wanted = {}
        for handover in handovers:
            for complaint in complaints:
                if complaint.company_id != handover.company_id:
                    continue
                if handover.start <= complaint.received_at < handover.end:
                    wanted[(handover.id, complaint.id, "received")] = complaint.received_at
                alerted = complaint.manager_alerted_at
                if alerted and handover.start <= alerted < handover.end:
                    wanted[(handover.id, complaint.id, "escalated")] = alerted
        # the links are written by the log only (duty.handover.complaint refuses any other writer)
        Link = self.env["duty.handover.complaint"].sudo()
        existing = Link.search([("handover_id", "in", handovers.ids)])
        have = {(link.handover_id.id, link.complaint_id.id, link.kind): link for link in existing}
        Link.browse([link.id for key, link in have.items() if key not in wanted and not link.signed_off_by_id]).unlink()
        Link.create(
            [
                {"handover_id": handover_id, "complaint_id": complaint_id, "kind": kind, "received_at": at}
                for (handover_id, complaint_id, kind), at in wanted.items()
                if (handover_id, complaint_id, kind) not in have
            ]
        )
