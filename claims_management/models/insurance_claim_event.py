from odoo import api, fields, models

# insured per catastrophe registration done in the request (a claim takes about 0.1 s to register,
# dispatch and start its clocks); more go to a background job, registering BULK_STEP claims a step
BULK_AT_ONCE = 100
BULK_STEP = 100


class InsuranceClaimEvent(models.Model):
    """A catastrophe or event grouping many claims (雷击、暴雨、洪水...)."""

    _name = "insurance.claim.event"
    _description = "Catastrophe Event"
    _inherit = ["mail.thread"]
    _order = "start_at desc, id desc"
    _check_company_auto = True
    _insurance_job_handlers = ("_job_create_bulk_claims",)

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        [
            ("storm", "Rainstorm"),
            ("flood", "Flood"),
            ("lightning", "Lightning"),
            ("typhoon", "Typhoon"),
            ("snow", "Snow and ice"),
            ("earthquake", "Earthquake"),
            ("other", "Other"),
        ],
        required=True,
        default="storm",
    )
    start_at = fields.Datetime(required=True, default=fields.Datetime.now)
    end_at = fields.Datetime()
    region = fields.Char()
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    claim_ids = fields.One2many("insurance.claim", "event_id", string="Claims")
    claim_count = fields.Integer(compute="_compute_claim_count")
    description = fields.Html()

    @api.depends("claim_ids")
    def _compute_claim_count(self):
        counts = dict(
            self.env["insurance.claim"]._read_group([("event_id", "in", self.ids)], ["event_id"], ["__count"])
        )
        for event in self:
            event.claim_count = counts.get(event, 0)

    # ------------------------------------------------------------------
    # Registering one claim per damaged insured (the bulk wizard, inline or in a background job)
    # ------------------------------------------------------------------
    def _create_bulk_claims(self, policy, claim_type, insureds, loss_at):
        """One claim of this event per insured that has none in it yet; the claims made.

        An insured already claimed in the event (a registration asked twice, a background step
        redone after a crash) is skipped; the unique key on (event, insured) backs this up.
        """
        self.ensure_one()
        Claim = self.env["insurance.claim"]
        claimed = Claim.with_context(active_test=False).search(
            [("event_id", "=", self.id), ("insured_id", "in", insureds.ids)]
        )
        partner = policy.insured_partner_id or policy.policyholder_id
        # the claims are dispatched to the staff on duty by create(), in one batch
        return Claim.create(
            [
                {
                    "event_id": self.id,
                    "policy_id": policy.id,
                    "claim_type_id": claim_type.id,
                    "insured_id": insured.id,
                    "loss_at": loss_at,
                    "loss_place": insured.name,
                    "region": insured.region or self.region,
                    "cause": self.name,
                    "claimant_id": (insured.partner_id or partner).id,
                    "channel": "import",
                }
                for insured in insureds - claimed.insured_id
            ]
        )

    @api.model
    def _job_create_bulk_claims(self, job, limit):
        """Background step: the claims of the next ``limit`` insured of the job's list, and the position
        after them, in one transaction."""
        payload = job.payload
        insured_ids = payload["insured_ids"]
        limit = min(limit, BULK_STEP)
        start = job.cursor or 0
        if not job.total:
            job._advance(total=len(insured_ids))
        chunk = insured_ids[start : start + limit]
        event = self.browse(payload["event_id"])
        claims = event._create_bulk_claims(
            self.env["insurance.policy"].browse(payload["policy_id"]),
            self.env["insurance.claim.type"].browse(payload["claim_type_id"]),
            self.env["insurance.policy.insured"].browse(chunk).exists(),
            payload["loss_at"],
        )
        job._advance(done=len(chunk), cursor=start + len(chunk))
        registered = len(job.result_ids or []) + len(claims)
        job._set_result(
            message=self.env._(
                "%(count)s claims registered for %(event)s.", count=registered, event=event.display_name
            ),
            records=claims,
        )
        return start + len(chunk) >= len(insured_ids)
