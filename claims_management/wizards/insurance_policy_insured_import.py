import base64

from odoo import fields, models
from odoo.exceptions import UserError

from ..lib import insured_roster
from ..models.insurance_policy_insured import IMPORT_AT_ONCE


class InsurancePolicyInsuredImport(models.TransientModel):
    """Import an insured roster from CSV or XLSX: all rows or none."""

    _name = "insurance.policy.insured.import"
    _description = "Import Insured Roster"

    policy_id = fields.Many2one("insurance.policy", required=True)
    kind = fields.Selection([("person", "Persons"), ("object", "Objects")], default="person", required=True)
    file = fields.Binary(required=True)
    filename = fields.Char()

    def action_import(self):
        self.ensure_one()
        Insured = self.env["insurance.policy.insured"]
        try:
            table = insured_roster.read_table(base64.b64decode(self.file), self.filename or "")
        except ValueError:
            raise UserError(Insured._roster_error("encoding", {})) from None
        rows, errors = insured_roster.parse_rows(table, self.kind)
        key_field = "id_number" if self.kind == "person" else "ear_tag"
        keys = {row[key_field] for _line, row in rows if row.get(key_field)}
        if keys:
            existing = set(
                Insured.with_context(active_test=False)
                .search([("policy_id", "=", self.policy_id.id), (key_field, "in", list(keys))])
                .mapped(key_field)
            )
            for line, row in rows:
                if row.get(key_field) in existing:
                    errors.append((line, "already_insured", {"key": row[key_field]}))
        if errors:
            # every problem with its line, so that the file is corrected in one go
            errors.sort(key=lambda error: error[0])
            lines = [
                self.env._("Line %(line)s: %(error)s", line=line, error=Insured._roster_error(code, params))
                for line, code, params in errors
            ]
            raise UserError(
                self.env._("Nothing was imported: %(count)s problems in the file.", count=len(errors))
                + "\n"
                + "\n".join(lines)
            )
        values = [dict(row, policy_id=self.policy_id.id) for _line, row in rows]
        at_once = int(
            self.env["ir.config_parameter"].sudo().get_param("claims_management.import_at_once", IMPORT_AT_ONCE)
        )
        if len(values) > at_once:
            # the whole file is checked above; the job creates it in committed steps
            job = self.env["insurance.job"]._enqueue(
                self.env._("Import %(count)s insured into %(policy)s", count=len(values), policy=self.policy_id.name),
                Insured._name,
                "_job_import_rows",
                {
                    "policy_id": self.policy_id.id,
                    "file": self.filename or "",
                    "rows": [Insured._json_row(row) for row in values],
                },
            )
            return job._action_queued()
        Insured._import_rows(values)
        self.policy_id.message_post(
            body=self.env._("%(count)s insured imported from %(file)s.", count=len(rows), file=self.filename or "")
        )
        return self.policy_id.action_view_insured()
