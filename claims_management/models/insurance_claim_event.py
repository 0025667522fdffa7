from odoo import api, fields, models


class InsuranceClaimEvent(models.Model):
    """A catastrophe or event grouping many claims (雷击、暴雨、洪水...)."""

    _name = "insurance.claim.event"
    _description = "Catastrophe Event"
    _inherit = ["mail.thread"]
    _order = "start_at desc, id desc"
    _check_company_auto = True

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
