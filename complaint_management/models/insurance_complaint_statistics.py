import datetime

import pytz

from odoo import api, models

from ..lib import complaint_stats

DEFAULT_TZ = "Asia/Shanghai"
WRITTEN_STATES = ("active", "expired", "cancelled")


class InsuranceComplaintStatistics(models.AbstractModel):
    """The regulator figures of a period, counted in SQL (read_group), never record by record.

    Counts run on ``insurance.complaint.analysis`` under the user's record rules;
    the denominators come from ``insurance.policy`` and its insured roster.
    """

    _name = "insurance.complaint.statistics"
    _description = "Complaint Statistics"

    # ------------------------------------------------------------------
    # Periods
    # ------------------------------------------------------------------
    @api.model
    def _company_tz(self, company):
        return pytz.timezone(company.partner_id.tz or self.env.context.get("tz") or DEFAULT_TZ)

    @api.model
    def _utc_bounds(self, company, date_from, date_to):
        """UTC naive datetimes of the first instant of ``date_from`` and the day after ``date_to``, locally."""
        tz = self._company_tz(company)

        def to_utc(day):
            local = tz.localize(datetime.datetime.combine(day, datetime.time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return to_utc(date_from), to_utc(date_to + datetime.timedelta(days=1))

    @api.model
    def _complaint_domain(self, company, date_from, date_to):
        start, stop = self._utc_bounds(company, date_from, date_to)
        return [
            ("company_id", "=", company.id),
            ("received_at", ">=", start),
            ("received_at", "<", stop),
            ("is_valid", "=", True),
        ]

    # ------------------------------------------------------------------
    # Denominators
    # ------------------------------------------------------------------
    @api.model
    def _policy_domains(self, company, date_from, date_to):
        """(in force at the previous period end, written this period)."""
        previous_end = date_from - datetime.timedelta(days=1)
        in_force = [
            ("company_id", "=", company.id),
            ("state", "in", WRITTEN_STATES),
            ("date_start", "<=", previous_end),
            ("date_end", ">=", previous_end),
            "|",
            ("state", "!=", "cancelled"),
            "|",
            ("cancel_date", "=", False),
            ("cancel_date", ">", previous_end),
        ]
        new = [
            ("company_id", "=", company.id),
            ("state", "in", WRITTEN_STATES),
            ("date_start", ">=", date_from),
            ("date_start", "<=", date_to),
        ]
        return in_force, new

    @api.model
    def _insured_count(self, policy_domain):
        """Insured persons on the roster of these policies; a policy without a roster counts one person."""
        on_roster = self.env["insurance.policy.insured"].search_count(
            [("kind", "=", "person"), ("policy_id", "any", policy_domain)]
        )
        without_roster = self.env["insurance.policy"].search_count(
            [*policy_domain, ("insured_ids", "not any", [("kind", "=", "person")])]
        )
        return on_roster + without_roster

    @api.model
    def _raw_counts(self, company, date_from, date_to):
        Analysis = self.env["insurance.complaint.analysis"]
        Policy = self.env["insurance.policy"]
        domain = self._complaint_domain(company, date_from, date_to)
        by_motor = dict(Analysis._read_group(domain, ["is_motor"], ["__count"]))
        regulator = dict(Analysis._read_group([*domain, ("is_regulator", "=", True)], ["state"], ["__count"]))
        # regulator cases that can be judged: decided, or already due by the end of the period
        judged = dict(
            Analysis._read_group(
                [
                    *domain,
                    ("is_regulator", "=", True),
                    ("state", "!=", "withdrawn"),
                    "|",
                    ("decision_sent_at", "!=", False),
                    ("decision_due_date", "<=", date_to),
                ],
                ["answered_on_time"],
                ["__count"],
            )
        )
        mediation = dict(
            Analysis._read_group([*domain, ("mediation_outcome", "!=", "none")], ["mediation_outcome"], ["__count"])
        )
        in_force, new = self._policy_domains(company, date_from, date_to)
        premium = dict(Policy._read_group(new, ["product_line"], ["premium:sum"]))
        motor = [("product_line", "=", "motor")]
        return {
            "complaints": sum(by_motor.values()),
            "motor_complaints": by_motor.get(True, 0),
            "premium": sum(premium.values()),
            "motor_premium": premium.get("motor", 0.0),
            "policies_in_force": Policy.search_count(in_force),
            "policies_new": Policy.search_count(new),
            "motor_policies_in_force": Policy.search_count(in_force + motor),
            "motor_policies_new": Policy.search_count(new + motor),
            "insured_in_force": self._insured_count(in_force),
            "insured_new": self._insured_count(new),
            "regulator_cases": sum(judged.values()),
            "regulator_on_time": judged.get(True, 0),
            "regulator_sent": sum(regulator.values()),
            "withdrawn_before_transfer": regulator.get("withdrawn", 0),
            "mediated": sum(mediation.values()),
            "mediated_success": mediation.get("success", 0),
        }

    # ------------------------------------------------------------------
    # Entry points (private: the wizard and the benchmark call them)
    # ------------------------------------------------------------------
    @api.model
    def _compute_indicators(self, company, date_from, date_to):
        """The indicators of a period, its change against the period just before, and the raw counts."""
        current = self._raw_counts(company, date_from, date_to)
        prev_from, prev_to = complaint_stats.previous_period(date_from, date_to)
        previous_count = self.env["insurance.complaint.analysis"].search_count(
            self._complaint_domain(company, prev_from, prev_to)
        )
        result = complaint_stats.indicators(current, {"complaints": previous_count})
        result.update(previous_complaints=previous_count, previous_from=prev_from, previous_to=prev_to)
        return result

    @api.model
    def _breakdown(self, company, date_from, date_to, groupby):
        """[(label, count)] of the period's complaints grouped by one analysis field, largest first."""
        Analysis = self.env["insurance.complaint.analysis"]
        field = Analysis._fields[groupby]
        rows = Analysis._read_group(self._complaint_domain(company, date_from, date_to), [groupby], ["__count"])
        if field.type == "selection":
            labels = dict(field._description_selection(self.env))
            named = [(labels.get(value, value) if value else False, count) for value, count in rows]
        elif field.type == "many2one":
            named = [(value.display_name if value else False, count) for value, count in rows]
        else:
            named = rows
        unknown = self.env._("Not recorded")
        return sorted(((label or unknown, count) for label, count in named), key=lambda row: (-row[1], row[0]))
