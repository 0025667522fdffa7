from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _post_load_data(self, template_code, company, template_data):
        result = super()._post_load_data(template_code, company, template_data)
        company = company or self.env.company
        company._employee_compensation_setup()
        # a chart loaded after the install: its claims accounts (by code where the chart has insurance ones)
        company._claims_create_default_accounting()
        return result
