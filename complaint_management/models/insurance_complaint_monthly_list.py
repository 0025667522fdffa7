import base64
import datetime

from odoo import api, fields, models

MANAGER_GROUP = "complaint_management.group_complaint_manager"
COMPLIANCE_GROUP = "complaint_management.group_complaint_compliance"


class InsuranceComplaintMonthlyList(models.AbstractModel):
    """The monthly complaint list, mailed on the 1st to the complaint managers and compliance.

    A daily cron sends each company the list of the month just ended, the first
    time it runs in a new (local) month, and remembers the month sent on the
    company: running again the same month sends nothing.
    """

    _name = "insurance.complaint.monthly.list"
    _description = "Monthly Complaint List Mailing"

    @api.model
    def _recipients(self, company):
        users = self.env.ref(MANAGER_GROUP).users | self.env.ref(COMPLIANCE_GROUP).users
        return users.filtered(
            lambda user: user.active and not user.share and company in user.company_ids and user.partner_id.email
        ).sorted("id")

    @api.model
    def _cron_send_monthly_list(self):
        for company in self.env["res.company"].search([]):
            today = company._insurance_today()
            month_end = today.replace(day=1) - datetime.timedelta(days=1)
            key = f"{month_end:%Y-%m}"
            if company.complaint_monthly_list_sent and company.complaint_monthly_list_sent >= key:
                continue
            self._send_list(company, month_end.year, month_end.month)
            company.complaint_monthly_list_sent = key

    @api.model
    def _send_list(self, company, year, month):
        recipients = self._recipients(company)
        wizard = (
            self.env["insurance.complaint.report.wizard"]
            .with_company(company)
            .create({"company_id": company.id, "report_type": "monthly", "year": year, "month": str(month)})
        )
        content = wizard._build_workbook()
        name = f"complaints_monthly_{year}{month:02d}.xlsx"
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(content),
                "res_model": "res.company",
                "res_id": company.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        if not recipients:
            return self.env["mail.mail"]
        period = f"{year}-{month:02d}"
        return self.env["mail.mail"].create(
            {
                "subject": self.env._(
                    "Monthly complaint list %(period)s — %(company)s", period=period, company=company.name
                ),
                "body_html": self.env._(
                    "<p>The complaint list of %(period)s is attached (due to the regulator on %(due)s).</p>",
                    period=period,
                    due=wizard.due_date,
                ),
                "email_from": company.email_formatted or self.env.user.email_formatted,
                "recipient_ids": [fields.Command.set(recipients.partner_id.ids)],
                "attachment_ids": [fields.Command.set(attachment.ids)],
                "auto_delete": False,
            }
        )
