from odoo import api, models


class InsuranceComplaintMonthlyList(models.AbstractModel):
    """The daily cron of the monthly mailings (its scheduled action points here).

    The mechanism, its sent-log and the resend are ``insurance.complaint.mailing``.
    """

    _name = "insurance.complaint.monthly.list"
    _description = "Monthly Complaint List Mailing"

    @api.model
    def _cron_send_monthly_list(self):
        self.env["insurance.complaint.mailing"]._cron_send()
