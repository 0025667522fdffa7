from odoo import api, fields, models


class DutyHandover(models.Model):
    """The claims received on the post during the duty, and those escalated on it, listed on its log."""

    _inherit = "duty.handover"

    claim_link_ids = fields.One2many("duty.handover.claim", "handover_id", string="Claims", readonly=True)
    claim_open_count = fields.Integer("Open Claims", compute="_compute_claim_open_count")

    @api.depends("claim_link_ids.is_open", "claim_link_ids.signed_off_by_id")
    def _compute_claim_open_count(self):
        for handover in self:
            handover.claim_open_count = len(handover.claim_link_ids.filtered("is_open"))

    def _handover_link_fields(self):
        return [*super()._handover_link_fields(), "claim_link_ids"]

    def _refresh_links(self):
        result = super()._refresh_links()
        self._refresh_claim_links()
        return result

    def _claim_post_ids(self, claims):
        """``{claim id: post id}``: the post a claim is received on (where it was dispatched, else the post
        of its region, else its type's surveyor post)."""
        posts = self.env["duty.post"].search_fetch(
            [("claim_region", "!=", False), ("company_id", "in", claims.company_id.ids)], ["claim_region", "company_id"]
        )
        by_region = {(post.company_id.id, post.claim_region): post.id for post in posts}
        return {
            claim.id: claim.dispatch_post_id.id
            or by_region.get((claim.company_id.id, claim.region))
            or claim.claim_type_id.surveyor_post_id.id
            for claim in claims
        }

    def _refresh_claim_links(self):
        """List on each log not signed yet the claims reported on its post during its duty and those
        escalated on it then: one search for the whole batch."""
        handovers = self.filtered(lambda handover: handover.state != "signed" and handover.start and handover.end)
        if not handovers:
            return
        start, end = min(handovers.mapped("start")), max(handovers.mapped("end"))
        # The outgoing and incoming officers need not be claims staff: the log lists which claims came
        # in on their post (references only; a claim opens under the claims rules), so the claims of
        # these companies in the window are read without the claims rules, their routing fields only.
        claims = (
            self.env["insurance.claim"]
            .sudo()
            .search_fetch(
                [
                    ("company_id", "in", handovers.company_id.ids),
                    "|",
                    "&",
                    ("reported_at", ">=", start),
                    ("reported_at", "<", end),
                    "&",
                    ("dispatch_escalated_at", ">=", start),
                    ("dispatch_escalated_at", "<", end),
                ],
                [
                    "reported_at",
                    "dispatch_escalated_at",
                    "dispatch_post_id",
                    "region",
                    "claim_type_id",
                    "company_id",
                ],
            )
        )
        post_of = self._claim_post_ids(claims)
        wanted = {}
        for handover in handovers:
            for claim in claims:
                if claim.company_id != handover.company_id:
                    continue
                if post_of[claim.id] == handover.post_id.id and handover.start <= claim.reported_at < handover.end:
                    wanted[(handover.id, claim.id, "received")] = claim.reported_at
                escalated = claim.dispatch_escalated_at
                if (
                    escalated
                    and claim.dispatch_post_id == handover.post_id
                    and handover.start <= escalated < handover.end
                ):
                    wanted[(handover.id, claim.id, "escalated")] = escalated
        # the links are written by the log only (duty.handover.claim refuses any other writer)
        Link = self.env["duty.handover.claim"].sudo()
        existing = Link.search([("handover_id", "in", handovers.ids)])
        have = {(link.handover_id.id, link.claim_id.id, link.kind): link for link in existing}
        stale = Link.browse([link.id for key, link in have.items() if key not in wanted and not link.signed_off_by_id])
        stale.unlink()
        Link.create(
            [
                {"handover_id": handover_id, "claim_id": claim_id, "kind": kind, "received_at": at}
                for (handover_id, claim_id, kind), at in wanted.items()
                if (handover_id, claim_id, kind) not in have
            ]
        )
