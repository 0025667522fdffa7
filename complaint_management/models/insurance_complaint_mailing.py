import base64
import datetime

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..lib import complaint_stats

MANAGER_GROUP = "complaint_management.group_complaint_manager"
COMPLIANCE_GROUP = "complaint_management.group_complaint_compliance"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = [("monthly_list", "Monthly complaint list"), ("penalty_list", "Monthly penalty list")]
# recipients of a month mailed by the cron itself; more go to a background job, in steps
MAILING_AT_ONCE = 200


class InsuranceComplaintMailing(models.Model):
    """The sent-log of the monthly mailings: one row per company, kind, month and recipient.

    One mechanism for both monthly mailings (the complaint list to the managers and
    compliance, the penalty list for HR to the managers), each with its Excel file
    attached. The unique key makes the cron idempotent: run twice, or by two workers
    at once, a month goes to a recipient once. *Send Again* mails the same month
    again to the chosen rows' recipients, saying it is a resend.
    """

    _name = "insurance.complaint.mailing"
    _description = "Monthly Complaint Mailing Sent"
    _order = "period desc, kind, id"
    _check_company_auto = True
    _insurance_job_handlers = ("_job_send_month",)

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    kind = fields.Selection(KINDS, required=True, readonly=True)
    period = fields.Char("Month", required=True, readonly=True, help="YYYY-MM")
    partner_id = fields.Many2one("res.partner", "Recipient", required=True, readonly=True, ondelete="cascade")
    sent_at = fields.Datetime("First Sent", readonly=True)
    mail_id = fields.Many2one("mail.mail", readonly=True, ondelete="set null")
    attachment_id = fields.Many2one("ir.attachment", "Excel File", readonly=True, ondelete="set null")
    resend_count = fields.Integer("Times Resent", readonly=True)
    last_resent_at = fields.Datetime("Last Resent", readonly=True)

    _sql_constraints = [
        (
            "month_recipient_unique",
            "UNIQUE(company_id, kind, period, partner_id)",
            "A monthly mailing goes to a recipient once; use Send Again to resend it.",
        ),
    ]

    # ------------------------------------------------------------------
    # What is sent, to whom
    # ------------------------------------------------------------------
    @api.model
    def _recipients(self, company, kind):
        users = self.env.ref(MANAGER_GROUP).users
        if kind == "monthly_list":
            users |= self.env.ref(COMPLIANCE_GROUP).users
        return (
            users.filtered(
                lambda user: user.active and not user.share and company in user.company_ids and user.partner_id.email
            )
            .sorted("id")
            .partner_id
        )

    @api.model
    def _texts(self, company, kind, year, month):
        """(subject, body) of the month's mail."""
        period = f"{year}-{month:02d}"
        if kind == "monthly_list":
            return (
                self.env._("Monthly complaint list %(period)s — %(company)s", period=period, company=company.name),
                self.env._(
                    "<p>The complaint list of %(period)s is attached (due to the regulator on %(due)s).</p>",
                    period=period,
                    due=complaint_stats.report_due("monthly", year, month),
                ),
            )
        return (
            self.env._("Complaint penalty list %(period)s — %(company)s", period=period, company=company.name),
            self.env._("<p>The complaint penalty list of %(period)s is attached for HR.</p>", period=period),
        )

    @api.model
    def _build(self, company, kind, year, month):
        """(file name, Excel content, subject, body) of the month, or None when there is nothing to send."""
        if kind == "monthly_list":
            wizard = (
                self.env["insurance.complaint.report.wizard"]
                .with_company(company)
                .create({"company_id": company.id, "report_type": "monthly", "year": year, "month": str(month)})
            )
            return (
                f"complaints_monthly_{year}{month:02d}.xlsx",
                wizard._build_workbook(),
                *self._texts(company, kind, year, month),
            )
        export = (
            self.env["insurance.complaint.penalty.export"]
            .with_company(company)
            .create({"company_id": company.id, "month": datetime.date(year, month, 1)})
        )
        if not export._penalties():
            return None
        content = export._build()  # names the file too
        return (export.file_name, content, *self._texts(company, kind, year, month))

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------
    @api.model
    def _pending(self, company, kind, period):
        """The recipients who have not had the month yet (None when it went out before the sent-log existed)."""
        done = self.search([("company_id", "=", company.id), ("kind", "=", kind), ("period", "=", period)])
        legacy = company.complaint_monthly_list_sent
        if kind == "monthly_list" and not done and legacy and legacy >= period:
            return None
        return self._recipients(company, kind) - done.partner_id

    @api.model
    def _send_month(self, company, kind, year, month):
        """Send the month to the recipients who have not had it yet; the log rows first (unique key).

        Above ``complaint_management.mailing_at_once`` recipients (default 200) the sending goes to a
        background job, which mails them in steps.
        """
        period = f"{year}-{month:02d}"
        partners = self._pending(company, kind, period)
        if not partners:
            return self
        at_once = int(
            self.env["ir.config_parameter"].sudo().get_param("complaint_management.mailing_at_once", MAILING_AT_ONCE)
        )
        if len(partners) > at_once:
            labels = dict(self._fields["kind"]._description_selection(self.env))
            self.env["insurance.job"].with_company(company)._enqueue(
                self.env._(
                    "%(mailing)s %(period)s — %(company)s", mailing=labels[kind], period=period, company=company.name
                ),
                self._name,
                "_job_send_month",
                {"company_id": company.id, "kind": kind, "year": year, "month": month},
            )
            return self
        built = self._build(company, kind, year, month)
        if not built:
            return self
        return self._log_and_mail(company, kind, period, partners, built)

    @api.model
    def _log_and_mail(self, company, kind, period, partners, built, attachment=None):
        """The log rows of ``partners`` and one mail to them, in the caller's transaction; an empty
        recordset when another run is logging the same rows right now."""
        now = fields.Datetime.now()
        try:
            with self.env.cr.savepoint():
                logs = self.create(
                    [
                        {
                            "company_id": company.id,
                            "kind": kind,
                            "period": period,
                            "partner_id": partner.id,
                            "sent_at": now,
                        }
                        for partner in partners
                    ]
                )
                logs.flush_recordset()
        except psycopg2.errors.UniqueViolation:
            return self  # another run is sending this month right now
        logs._mail(built, attachment=attachment)
        return logs

    @api.model
    def _job_send_month(self, job, limit):
        """Background step: the next ``limit`` recipients who have not had the month, logged and mailed in
        one transaction; the log rows are the progress marker, so a step redone after a crash mails only
        whoever the lost step had not committed. The Excel file is built once, by the first step."""
        payload = job.payload
        company = self.env["res.company"].browse(payload["company_id"])
        kind, year, month = payload["kind"], payload["year"], payload["month"]
        period = f"{year}-{month:02d}"
        partners = self._pending(company, kind, period) or self.env["res.partner"]
        if not job.total:
            job._advance(total=len(partners))
        if not partners:
            return True
        attachment = self.env["ir.attachment"].browse((job.cursor or {}).get("attachment_id")).exists()
        if not attachment:
            built = self._build(company, kind, year, month)
            if not built:
                return True
            attachment = self._attachment(company, built[0], built[1])
            job._advance(cursor={"attachment_id": attachment.id})
        built = (attachment.name, None, *self._texts(company, kind, year, month))
        batch = partners[:limit]
        logs = self._log_and_mail(company, kind, period, batch, built, attachment=attachment)
        job._advance(done=len(logs))
        if logs:
            job._set_result(
                message=self.env._("Mailed to %(count)s recipients.", count=job.done),
                records=logs,
            )
        return len(partners) <= limit

    @api.model
    def _attachment(self, company, name, content, res_id=False):
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": res_id,
                "company_id": company.id,
                "mimetype": XLSX_MIMETYPE,
            }
        )

    def _mail(self, built, resend=False, attachment=None):
        """One mail with the Excel file (``attachment``, or made of the content of ``built``) to the partners
        of these rows (of one company, kind and month)."""
        name, content, subject, body = built
        company = self.company_id[:1]
        if attachment is None:
            attachment = self._attachment(company, name, content, self[:1].id)
        if resend:
            first = min(self.mapped("sent_at"))
            subject = self.env._("Resent: %(subject)s", subject=subject)
            body = (
                self.env._(
                    "<p>This is a resend of the mailing first sent on %(date)s.</p>",
                    date=company._insurance_local(first).strftime("%Y-%m-%d %H:%M"),
                )
                + body
            )
        mail = self.env["mail.mail"].create(
            {
                "subject": subject,
                "body_html": body,
                "email_from": company.email_formatted or self.env.user.email_formatted,
                "recipient_ids": [fields.Command.set(self.partner_id.ids)],
                "attachment_ids": [fields.Command.set(attachment.ids)],
                "auto_delete": False,
            }
        )
        values = {"mail_id": mail.id, "attachment_id": attachment.id}
        if resend:
            for log in self:
                log.write({**values, "resend_count": log.resend_count + 1, "last_resent_at": fields.Datetime.now()})
        else:
            self.write(values)
        return mail

    @api.model
    def _cron_send(self):
        """Daily: each company's mailings of the month just ended (local), to whoever has not had them yet."""
        for company in self.env["res.company"].search([]):  # every company  # pylint: disable=no-search-all
            today = company._insurance_today()
            month_end = today.replace(day=1) - datetime.timedelta(days=1)
            for kind, _label in KINDS:
                self._send_month(company, kind, month_end.year, month_end.month)

    def action_send_again(self):
        """A manager mails the chosen rows' month again to their recipients, marked as a resend."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a complaint manager can send a monthly mailing again."))
        self.check_access("read")
        groups = {}
        for log in self:
            groups.setdefault((log.company_id, log.kind, log.period), self.browse())
            groups[(log.company_id, log.kind, log.period)] |= log
        for (company, kind, period), logs in groups.items():
            year, month = (int(part) for part in period.split("-"))
            # the log, the Excel file and the mail are the engine's: the manager's right was checked above
            built = self.sudo()._build(company, kind, year, month)
            if built:
                logs.sudo()._mail(built, resend=True)
        return True
