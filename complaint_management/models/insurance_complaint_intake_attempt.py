import datetime

from odoo import api, fields, models

MAX_POSTS = 5
WINDOW_MINUTES = 10


class InsuranceComplaintIntakeAttempt(models.Model):
    """One post of the public complaint form, kept to refuse floods from one address.

    A database table (not worker memory) so that every HTTP worker sees the same
    count; an advisory lock per address serialises concurrent posts.
    """

    _name = "insurance.complaint.intake.attempt"
    _description = "Public Complaint Form Post"
    _order = "id desc"

    ip_address = fields.Char("IP Address", required=True, index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, readonly=True)
    posted_at = fields.Datetime(required=True, default=fields.Datetime.now, index=True, readonly=True)

    @api.model
    def _register_post(self, ip_address, max_posts=MAX_POSTS, window_minutes=WINDOW_MINUTES):
        """Record a post from ``ip_address``; False (and nothing recorded) when it is over the limit."""
        self.env.cr.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"complaint_form:{ip_address}"])
        since = fields.Datetime.now() - datetime.timedelta(minutes=window_minutes)
        recent = self.search_count([("ip_address", "=", ip_address), ("posted_at", ">=", since)])
        if recent >= max_posts:
            return False
        self.create({"ip_address": ip_address})
        return True

    @api.autovacuum
    def _gc_old_attempts(self):
        self.search([("posted_at", "<", fields.Datetime.now() - datetime.timedelta(days=1))]).unlink()
