import datetime

from odoo import api, fields, models

MAX_POSTS = 5
WINDOW_MINUTES = 10


class InsuranceComplaintIntakeAttempt(models.Model):
    """One complaint received from outside (public form, portal, mail alias), kept to refuse floods.

    ``ip_address`` holds the key the limit counts on: the client address for the public
    form, ``portal:<user id>`` for the portal and ``mail:<sender address>`` for the alias. A database table (not worker
    memory) so that every HTTP worker sees the same count.
    """

    _name = "insurance.complaint.intake.attempt"
    _description = "Public Complaint Form Post"
    _order = "id desc"

    ip_address = fields.Char("IP Address", required=True, index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, readonly=True)
    posted_at = fields.Datetime(required=True, default=fields.Datetime.now, index=True, readonly=True)

    @api.model
    def _register_post(self, ip_address, max_posts=MAX_POSTS, window_minutes=WINDOW_MINUTES):
        """Record a post from ``ip_address``; False (and nothing recorded) when it is over the limit.

        The check and the record are made in their own short transaction, committed before
        the caller's work: the caller's transaction took its snapshot when the request
        began, so a count made there cannot see the posts that concurrent requests
        committed meanwhile. Here the transaction reads committed data, and its first
        statement takes an advisory lock per key, so the count after it sees every post
        recorded by the requests that held the lock before. The attempt stays recorded
        even when the caller's work fails afterwards: the limit counts posts.
        """
        now = fields.Datetime.now()
        since = now - datetime.timedelta(minutes=window_minutes)
        company_id = self.env.company.id
        registry = self.env.registry
        with registry.cursor() as cr:
            if registry.test_cr is None:
                # a real transaction of its own; in test mode the cursor is a savepoint of the test
                # transaction and requests are serialised by the test lock anyway
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            cr.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"complaint_intake:{ip_address}"])
            cr.execute(
                "SELECT count(*) FROM insurance_complaint_intake_attempt WHERE ip_address = %s AND posted_at >= %s",
                [ip_address, since],
            )
            if cr.fetchone()[0] >= max_posts:
                return False
            cr.execute(
                """INSERT INTO insurance_complaint_intake_attempt
                       (ip_address, company_id, posted_at, create_uid, write_uid, create_date, write_date)
                   VALUES (%s, %s, %s, %s, %s, %s, %s)""",
                [ip_address, company_id, now, self.env.uid, self.env.uid, now, now],
            )
        return True

    @api.autovacuum
    def _gc_old_attempts(self):
        self.search([("posted_at", "<", fields.Datetime.now() - datetime.timedelta(days=1))]).unlink()
