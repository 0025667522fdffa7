from odoo import api, fields, models
from odoo.exceptions import ValidationError

CLAIM_CLOCK_FIELDS = (
    "claim_decision_days",
    "claim_decision_working_days",
    "claim_payment_days",
    "claim_rejection_notice_days",
    "claim_prepayment_days",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    claim_decision_days = fields.Integer(
        "Decision Deadline, Complex Claims (days)",
        default=30,
        help="Calendar days from complete materials to the coverage decision of a complex claim. "
        "PRC Insurance Law Art. 23: within 30 days unless the contract says otherwise.",
    )
    claim_decision_working_days = fields.Integer(
        "Decision Deadline, Simple Claims (working days)",
        default=5,
        help="Working days (Chinese calendar with make-up days) from complete materials to the decision of a "
        "simple claim; a common contract clause under PRC Insurance Law Art. 23 (compulsory motor: Art. 29 of "
        "the regulation, 5 days).",
    )
    claim_payment_days = fields.Integer(
        "Payment Deadline (days)",
        default=10,
        help="Calendar days from the agreement on the amount to the payment. PRC Insurance Law Art. 23: "
        "within 10 days of the agreement.",
    )
    claim_rejection_notice_days = fields.Integer(
        "Rejection Notice Deadline (days)",
        default=3,
        help="Calendar days from the decision to reject to the written rejection notice with reasons. "
        "PRC Insurance Law Art. 24: within 3 days.",
    )
    claim_prepayment_days = fields.Integer(
        "Prepayment Deadline (days)",
        default=60,
        help="Calendar days from receiving the claim materials after which the amount that can be determined "
        "is prepaid if the total is not settled. PRC Insurance Law Art. 25: 60 days.",
    )
    claim_clock_warning_days = fields.Integer(
        "Deadline Warning (days)",
        default=3,
        help="The claim handler (or the claims director when there is none) gets an activity this many days "
        "before a statutory deadline; overdue claims are escalated to the claims directors.",
    )

    @api.constrains(*CLAIM_CLOCK_FIELDS, "claim_clock_warning_days")
    def _check_claim_clock_days(self):
        for company in self:
            if any(company[name] < 1 for name in CLAIM_CLOCK_FIELDS) or company.claim_clock_warning_days < 0:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the claim deadlines must be at least one day and the warning cannot be negative.",
                        company=company.name,
                    )
                )
