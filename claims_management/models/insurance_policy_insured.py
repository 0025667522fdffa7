import datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import insured_roster

# rows of a roster file imported in the request; more go to a background job, in committed steps
IMPORT_AT_ONCE = 500


class InsurancePolicyInsured(models.Model):
    """A person or an object on a policy's insured roster (参保对象)."""

    _name = "insurance.policy.insured"
    _description = "Insured Person or Object"
    _inherit = ["mail.thread"]
    _order = "policy_id, name"
    _check_company_auto = True
    _insurance_job_handlers = ("_job_import_rows",)

    policy_id = fields.Many2one("insurance.policy", required=True, index=True, ondelete="cascade", check_company=True)
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    kind = fields.Selection([("person", "Person"), ("object", "Object")], required=True, default="person")
    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one("res.partner", check_company=True)
    id_number = fields.Char("ID Number", index=True, tracking=True, help="Resident identity card number.")
    birth_date = fields.Date(tracking=True)
    gender = fields.Selection([("male", "Male"), ("female", "Female")], tracking=True)
    phone = fields.Char(tracking=True)
    address = fields.Char(tracking=True)
    region = fields.Char(tracking=True)
    contact_channel = fields.Selection(
        [("phone", "Phone"), ("sms", "SMS"), ("email", "Email"), ("post", "Post")], string="Preferred Contact"
    )
    asset_code = fields.Char(tracking=True)
    ear_tag = fields.Char(index=True, tracking=True)
    description = fields.Char()
    date_from = fields.Date("Covered From", tracking=True, help="Empty: from the policy start.")
    date_to = fields.Date("Covered Until", tracking=True, help="Empty: until the policy end.")
    active = fields.Boolean(default=True, tracking=True)
    period_ids = fields.One2many(
        "insurance.policy.insured.period", "insured_id", string="Roster History", readonly=True
    )

    _sql_constraints = [
        ("id_number_unique", "UNIQUE(policy_id, id_number)", "This person is already on the policy's roster."),
        ("ear_tag_unique", "UNIQUE(policy_id, ear_tag)", "This ear tag is already on the policy's roster."),
    ]

    @api.constrains("kind", "id_number", "birth_date", "gender", "date_from", "date_to")
    def _check_person(self):
        for insured in self:
            if insured.date_from and insured.date_to and insured.date_to < insured.date_from:
                raise ValidationError(self._roster_error("dates_reversed", {}, insured.name))
            if insured.kind != "person":
                continue
            if not insured.id_number:
                raise ValidationError(self._roster_error("no_id", {}, insured.name))
            errors, _facts = insured_roster.check_person(insured.id_number, insured.birth_date, insured.gender)
            if errors:
                raise ValidationError(
                    "\n".join(self._roster_error(code, params, insured.name) for code, params in errors)
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._complete_from_id_number(vals)
        records = super().create(vals_list)
        self.env["insurance.policy.insured.period"]._workflow_create(
            [
                {
                    "insured_id": insured.id,
                    "date_from": insured.date_from,
                    "date_to": insured.date_to,
                    "change": "added",
                }
                for insured in records
                if insured.active
            ]
        )
        return records

    def write(self, vals):
        if vals.get("id_number"):
            self._complete_from_id_number(vals)
        archiving = restoring = self.browse()
        if "active" in vals:
            archiving = self.filtered("active") if not vals["active"] else self.browse()
            restoring = self.filtered(lambda insured: not insured.active) if vals["active"] else self.browse()
        result = super().write(vals)
        if archiving or restoring:
            self._roster_change(archiving, restoring)
        if {"date_from", "date_to"} & set(vals):
            (self - archiving - restoring)._roster_move_last_period()
        return result

    def _roster_change(self, archiving, restoring):
        """Close the open period of ``archiving`` on today's local date, open one for ``restoring``."""
        Period = self.env["insurance.policy.insured.period"]
        for insured in archiving:
            today = insured.company_id._insurance_today()
            last = insured.period_ids[-1:]
            end = min(day for day in (insured.date_to, today) if day)
            if insured.date_from and end < insured.date_from:
                end = insured.date_from - datetime.timedelta(days=1)  # removed before its cover began: no day
            else:
                # past the roster guard of write()
                super(InsurancePolicyInsured, insured).write({"date_to": end})  # pylint: disable=super-method-mismatch
            if last:
                last._workflow_write({"date_to": end, "change": "archived"})
        new_periods = []
        for insured in restoring:
            today = insured.company_id._insurance_today()
            start = max(today, insured.policy_id.date_start)
            super(InsurancePolicyInsured, insured).write(  # pylint: disable=super-method-mismatch
                {"date_from": start, "date_to": False}
            )
            new_periods.append({"insured_id": insured.id, "date_from": start, "date_to": False, "change": "restored"})
        if new_periods:
            Period._workflow_create(new_periods)
        return True

    def _roster_move_last_period(self):
        """The cover dates of an entry changed: its last period takes them (a first entry without periods gets one)."""
        Period = self.env["insurance.policy.insured.period"]
        missing = []
        for insured in self:
            last = insured.period_ids[-1:]
            dates = {"date_from": insured.date_from, "date_to": insured.date_to}
            if last:
                last._workflow_write(dict(dates, change="dates"))
            elif insured.active:
                missing.append(dict(dates, insured_id=insured.id, change="dates"))
        if missing:
            Period._workflow_create(missing)

    @api.model
    def _complete_from_id_number(self, vals):
        """Store the ID number compact, and fill birth date and gender from it."""
        if not vals.get("id_number"):
            return
        facts, _error = insured_roster.id_number_facts(vals["id_number"])
        if facts:
            vals["id_number"], born, sex = facts
            vals.setdefault("birth_date", born)
            vals.setdefault("gender", sex)

    def is_covered_on(self, day):
        """Whether this person or object was on the roster on ``day`` (a local date).

        Judged from the roster's history (``period_ids``), not from whether the entry is active
        today; an entry from before the history was kept falls back on its cover dates.
        """
        self.ensure_one()
        if self.period_ids:
            return self.period_ids._covers(day)
        start = self.date_from or self.policy_id.date_start
        end = self.date_to or self.policy_id.date_end
        return start <= day <= end

    @api.model
    def _roster_error(self, code, params, who=""):
        """Translated text of an error from ``lib/insured_roster``."""
        messages = {
            "id_checksum": lambda: self.env._(
                "ID number %(number)s has a wrong check digit: please check it against the ID card.", **params
            ),
            "id_format": lambda: self.env._(
                "%(number)s is not a valid resident ID number (18 characters, date of birth inside).", **params
            ),
            "id_birth_date": lambda: self.env._(
                "The birth date %(birth_date)s does not match ID number %(number)s, which says %(expected)s.", **params
            ),
            "id_gender": lambda: self.env._("The gender does not match ID number %(number)s.", **params),
            "no_id": lambda: self.env._("An insured person needs an ID number."),
            "no_name": lambda: self.env._("The name is missing."),
            "bad_date": lambda: self.env._("%(value)s is not a date (use YYYY-MM-DD).", **params),
            "bad_gender": lambda: self.env._("%(value)s is not a gender (男/女, male/female).", **params),
            "dates_reversed": lambda: self.env._("The cover ends before it starts."),
            "duplicate": lambda: self.env._(
                "%(key)s appears twice in the file (first on line %(first_line)s).", **params
            ),
            "already_insured": lambda: self.env._("%(key)s is already on the policy's roster.", **params),
            "empty": lambda: self.env._("The file is empty."),
            "missing_columns": lambda: self.env._("The file lacks the columns %(columns)s.", **params),
            "encoding": lambda: self.env._("The file is neither UTF-8 nor GB18030 text nor an XLSX workbook."),
        }
        text = messages[code]()
        return f"{who}: {text}" if who else text

    # ------------------------------------------------------------------
    # Roster import (the import wizard, inline or in a background job)
    # ------------------------------------------------------------------
    @api.model
    def _json_row(self, row):
        """A checked roster row as the job's payload keeps it (dates as ISO strings)."""
        return {key: value.isoformat() if isinstance(value, datetime.date) else value for key, value in row.items()}

    @api.model
    def _import_rows(self, rows):
        return self.with_context(tracking_disable=True, mail_create_nolog=True).create(rows)

    @api.model
    def _job_import_rows(self, job, limit):
        """Background step: the next ``limit`` rows of the checked file and the position after them, in one
        transaction; a row whose person or ear tag is on the roster already (the file imported twice) is
        skipped."""
        payload = job.payload
        rows = payload["rows"]
        start = job.cursor or 0
        if not job.total:
            job._advance(total=len(rows))
        chunk = rows[start : start + limit]
        existing = {}
        for key in ("id_number", "ear_tag"):
            keys = [row[key] for row in chunk if row.get(key)]
            if keys:
                found = self.with_context(active_test=False).search(
                    [("policy_id", "=", payload["policy_id"]), (key, "in", keys)]
                )
                existing[key] = set(found.mapped(key))
        fresh = [
            row for row in chunk if not any(row.get(key) in keys for key, keys in existing.items() if row.get(key))
        ]
        created = self._import_rows(fresh)
        job._advance(done=len(chunk), cursor=start + len(chunk))
        finished = start + len(chunk) >= len(rows)
        imported = len(job.result_ids or []) + len(created)
        job._set_result(
            message=self.env._("%(count)s insured imported from %(file)s.", count=imported, file=payload["file"]),
            records=created,
        )
        if finished:
            self.env["insurance.policy"].browse(payload["policy_id"]).message_post(body=job.result_message)
        return finished
