import uuid

from odoo import Command, fields
from odoo.addons.insurance_base.tests.common import CommittedTransactionsMixin
from odoo.tools import SQL


class ClaimRaceMixin(CommittedTransactionsMixin):
    """Committed claims for race tests: a claim type, a policy with one cover and claims inserted as
    rows, without the registration's side effects (reserve, dispatch, sequence), in the main company
    (the test's own records are not committed)."""

    def _claim_fixture(self, cr, prefix, claims, limit=None):
        """``claims``: the column values of each claim row (state...) besides the common ones."""
        env = self.superuser_env(cr)
        company = env.ref("base.main_company")
        tag = f"{prefix}-{uuid.uuid4().hex[:10].upper()}"
        claim_type = env["insurance.claim.type"].create({"name": tag, "code": tag, "company_id": company.id})
        cover = {"name": tag, "limit_amount": limit} if limit else {"name": tag}
        policy = env["insurance.policy"].create(
            {
                "name": tag,
                "company_id": company.id,
                "policyholder_id": company.partner_id.id,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "coverage_ids": [Command.create(cover)],
            }
        )
        env.flush_all()
        now = fields.Datetime.now()
        claim_ids = []
        for index, values in enumerate(claims):
            row = dict(
                {
                    "name": f"{tag}-{index}",
                    "company_id": company.id,
                    "claim_type_id": claim_type.id,
                    "policy_id": policy.id,
                    "coverage_id": policy.coverage_ids.id,
                    "claimant_id": company.partner_id.id,
                    "channel": "hotline",
                    "reported_at": now,
                    "loss_at": now,
                },
                **values,
            )
            cr.execute(
                SQL(
                    "INSERT INTO insurance_claim (%s) VALUES %s RETURNING id",
                    SQL(", ").join(SQL.identifier(column) for column in row),
                    tuple(row.values()),
                )
            )
            claim_ids.append(cr.fetchone()[0])
        return {"claims": claim_ids, "policy": policy.id, "type": claim_type.id, "cover": policy.coverage_ids.id}

    def _drop_fixture(self, cr, ids):
        claims = tuple(ids["claims"])
        for table, model_column in (
            ("mail_activity", "res_model"),
            ("mail_message", "model"),
            ("mail_followers", "res_model"),
            ("insurance_clock", "res_model"),
        ):
            cr.execute(
                SQL(
                    "DELETE FROM %s WHERE %s = 'insurance.claim' AND res_id IN %s",
                    SQL.identifier(table),
                    SQL.identifier(model_column),
                    claims,
                )
            )
        for table in ("insurance_claim_stage_log", "insurance_claim_line", "insurance_claim_payout"):
            cr.execute(SQL("DELETE FROM %s WHERE claim_id IN %s", SQL.identifier(table), claims))
        cr.execute("DELETE FROM insurance_claim WHERE id IN %s", [claims])
        cr.execute("DELETE FROM insurance_policy_coverage WHERE policy_id = %s", [ids["policy"]])
        cr.execute("DELETE FROM insurance_policy WHERE id = %s", [ids["policy"]])
        cr.execute("DELETE FROM insurance_claim_type WHERE id = %s", [ids["type"]])
        cr.execute(
            "DELETE FROM mail_followers WHERE (res_model = 'insurance.policy' AND res_id = %s) "
            "OR (res_model = 'insurance.claim.type' AND res_id = %s)",
            [ids["policy"], ids["type"]],
        )
        cr.execute("SELECT count(*) FROM insurance_claim WHERE id IN %s", [claims])
        self.assertEqual(cr.fetchone()[0], 0, "nothing left behind")
