from odoo import fields, models, tools

REPEAT_MIN_COMPLAINTS = 2
REPEAT_WINDOW = "12 months"


class InsuranceComplaintRepeatReport(models.Model):
    """Complainants with two or more complaints received in the last 12 months (a SQL view).

    Complainants are counted on their commercial entity (a company and its
    contacts are one complainant); withdrawn and invalid complaints count too,
    merged ones do not (they are in the case they were merged into).
    """

    _name = "insurance.complaint.repeat.report"
    _description = "Repeat Complainants"
    _auto = False
    _order = "complaint_count desc, last_received_at desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", "Complainant", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    complaint_count = fields.Integer("Complaints (12 months)", readonly=True, aggregator="sum")
    open_count = fields.Integer("Open", readonly=True, aggregator="sum")
    first_received_at = fields.Datetime("First Received", readonly=True, aggregator="min")
    last_received_at = fields.Datetime("Last Received", readonly=True, aggregator="max")

    def _search(self, domain, offset=0, limit=None, order=None):
        self.env["insurance.complaint"].flush_model(
            ["partner_id", "company_id", "received_at", "merged_into_id", "is_open"]
        )
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @property
    def _table_query(self):
        return tools.SQL(
            """
            SELECT MIN(c.id) AS id,
                   p.commercial_partner_id AS partner_id,
                   c.company_id AS company_id,
                   COUNT(*) AS complaint_count,
                   COUNT(*) FILTER (WHERE c.is_open) AS open_count,
                   MIN(c.received_at) AS first_received_at,
                   MAX(c.received_at) AS last_received_at
              FROM insurance_complaint c
              JOIN res_partner p ON p.id = c.partner_id
             WHERE c.received_at > (NOW() AT TIME ZONE 'UTC') - %s::interval
               AND c.merged_into_id IS NULL
          GROUP BY p.commercial_partner_id, c.company_id
            HAVING COUNT(*) >= %s
            """,
            REPEAT_WINDOW,
            REPEAT_MIN_COMPLAINTS,
        )
