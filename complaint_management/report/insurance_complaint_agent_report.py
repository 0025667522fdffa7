from odoo import fields, models, tools


class InsuranceComplaintAgentReport(models.Model):
    """Agents and agencies ranked by the complaints against them whose liability was verified (a SQL view)."""

    _name = "insurance.complaint.agent.report"
    _description = "Agents by Verified Complaints"
    _auto = False
    _order = "verified_count desc, verified_12m_count desc, agent_id"
    _rec_name = "agent_id"

    agent_id = fields.Many2one("res.partner", "Agent or Agency", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    verified_count = fields.Integer("Verified Complaints", readonly=True, aggregator="sum")
    verified_12m_count = fields.Integer("Verified (12 months)", readonly=True, aggregator="sum")
    missale_count = fields.Integer("Verified Mis-selling", readonly=True, aggregator="sum")
    complaint_count = fields.Integer("All Complaints", readonly=True, aggregator="sum")
    last_received_at = fields.Datetime("Last Received", readonly=True, aggregator="max")

    def _search(self, domain, offset=0, limit=None, order=None):
        self.env["insurance.complaint"].flush_model(
            ["agent_id", "company_id", "received_at", "accountability_verified", "cause", "merged_into_id"]
        )
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @property
    def _table_query(self):
        return tools.SQL(
            """
            SELECT MIN(c.id) AS id,
                   c.agent_id AS agent_id,
                   c.company_id AS company_id,
                   COUNT(*) FILTER (WHERE c.accountability_verified) AS verified_count,
                   COUNT(*) FILTER (WHERE c.accountability_verified
                                      AND c.received_at > (NOW() AT TIME ZONE 'UTC') - interval '12 months')
                       AS verified_12m_count,
                   COUNT(*) FILTER (WHERE c.accountability_verified AND c.cause = 'sales') AS missale_count,
                   COUNT(*) AS complaint_count,
                   MAX(c.received_at) AS last_received_at
              FROM insurance_complaint c
             WHERE c.agent_id IS NOT NULL
               AND c.merged_into_id IS NULL
          GROUP BY c.agent_id, c.company_id
            HAVING COUNT(*) FILTER (WHERE c.accountability_verified) > 0
            """
        )
