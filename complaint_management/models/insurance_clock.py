from odoo import api, fields, models

DECISION = "complaint_decision"
CONTACT = "complaint_contact"
RESOLVE = "complaint_resolve"
PROGRESS = "complaint_progress"
COMPLAINT_CLOCKS = (DECISION, CONTACT, RESOLVE, PROGRESS)
COMPLAINT_CLOCK_SELECTION = [
    (DECISION, "Complaint decision (Order 2020 No. 3 Art. 14)"),
    (CONTACT, "Complaint first contact"),
    (RESOLVE, "Complaint resolution target"),
    (PROGRESS, "Complaint progress note"),
]


class InsuranceClock(models.Model):
    """The clocks of a complaint on the deadline engine: the statutory decision (CBIRC Order 2020 No. 3,
    Art. 14: 15 days, 30 or 60 with extensions) and the company targets (first contact, resolution,
    progress notes)."""

    _inherit = "insurance.clock"

    kind = fields.Selection(
        selection_add=COMPLAINT_CLOCK_SELECTION, ondelete={key: "cascade" for key in COMPLAINT_CLOCKS}
    )
    complaint_id = fields.Many2one(
        "insurance.complaint",
        compute="_compute_complaint_id",
        store=True,
        index="btree_not_null",
        ondelete="cascade",
        help="The complaint of the deadline, for the access rules of complaint staff.",
    )

    @api.depends("res_model", "res_id")
    def _compute_complaint_id(self):
        for clock in self:
            clock.complaint_id = clock.res_id if clock.res_model == "insurance.complaint" else False

    def _recompute(self, now=None):
        # A complaint clock that can be counted again (HR entered its year) is alerted again when it falls due:
        # the "calendar missing" alert must not block its due-soon and overdue alerts.
        missing = self.filtered(
            lambda clock: clock.res_model == "insurance.complaint"
            and clock.state == "calendar_missing"
            and clock.alert_level == "calendar_missing"
        )
        result = super()._recompute(now=now)
        counted = missing.filtered(lambda clock: clock.state != "calendar_missing")
        if counted:
            counted.sudo().write({"alert_level": False})
        return result

    def _alert(self, level, now):
        # mail.activity.create subscribes ``browse([id, id])`` twice when one batch holds two activities of the
        # same user on the same complaint (two clocks overdue at once): alert one clock per complaint per batch.
        complaint_clocks = self.filtered(lambda clock: clock.res_model == "insurance.complaint")
        result = None
        if self - complaint_clocks:
            result = super(InsuranceClock, self - complaint_clocks)._alert(level, now)
        remaining = complaint_clocks
        while remaining:
            seen, batch = set(), self.browse()
            for clock in remaining:
                if clock.res_id not in seen:
                    seen.add(clock.res_id)
                    batch |= clock
            result = super(InsuranceClock, batch)._alert(level, now)
            remaining -= batch
        return result
