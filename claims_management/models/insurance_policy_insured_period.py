from odoo import fields, models

CHANGES = [
    ("added", "Added to the roster"),
    ("dates", "Cover dates changed"),
    ("archived", "Removed from the roster"),
    ("restored", "Put back on the roster"),
]


class InsurancePolicyInsuredPeriod(models.Model):
    """A period during which a person or object was on a policy's insured roster.

    The roster's change history: each addition or restoration opens a period, each
    removal (archiving) closes the open one on that day, and a change of the cover dates
    moves the last period. Claims judge the cover on the loss day from these periods, so a
    person removed in July stays covered for a loss in March, and a person added in May is
    not covered for one in March. A period ending before it starts covers no day (the entry
    was removed before its cover began). The periods change only through the roster line.
    """

    _name = "insurance.policy.insured.period"
    _description = "Insured Roster Period"
    _order = "insured_id, id"
    _inherit = ["insurance.workflow.guard"]
    _check_company_auto = True
    _workflow_protected_fields = ("insured_id", "date_from", "date_to", "change")

    insured_id = fields.Many2one(
        "insurance.policy.insured", required=True, index=True, ondelete="cascade", readonly=True
    )
    policy_id = fields.Many2one(related="insured_id.policy_id", store=True, index=True)
    company_id = fields.Many2one(related="insured_id.company_id", store=True, index=True)
    date_from = fields.Date("Covered From", readonly=True, help="Empty: from the policy start.")
    date_to = fields.Date("Covered Until", readonly=True, help="Empty: until the policy end.")
    change = fields.Selection(CHANGES, string="Last Change", required=True, readonly=True)

    def _covers(self, day):
        """Whether one of these periods covers ``day`` (the policy's dates fill the open ends)."""
        return any(
            (period.date_from or period.policy_id.date_start) <= day <= (period.date_to or period.policy_id.date_end)
            for period in self
        )
