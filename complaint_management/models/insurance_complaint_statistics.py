import datetime

import pytz

from odoo import api, models

from ..lib import complaint_stats

DEFAULT_TZ = "Asia/Shanghai"
WRITTEN_STATES = ("active", "expired", "cancelled")


class InsuranceComplaintStatistics(models.AbstractModel):
    """The regulator figures of a period, counted in SQL (read_group), never record by record.

    Each figure is defined in ``lib/complaint_stats``. Counts run on
    ``insurance.complaint.analysis`` under the user's record rules; the
    denominators come from ``insurance.policy``, its premium schedule and its
    insured roster (or the accounting income accounts, when the company says so).
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
        """The complaints a figure counts (``complaint_stats.counted_domain``), received in the local period."""
        start, stop = self._utc_bounds(company, date_from, date_to)
        return [
            ("company_id", "=", company.id),
            ("received_at", ">=", start),
            ("received_at", "<", stop),
            *complaint_stats.counted_domain(),
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
    def _insured_counts(self, company, date_from, date_to):
        """(persons in force at the previous period end, persons new in the period), each on their cover dates.

        A person is covered from their roster date (or the policy start) to their roster end (or the policy
        end) while the policy is in force; a policy without a roster of persons counts one person.
        """
        Insured = self.env["insurance.policy.insured"]
        Policy = self.env["insurance.policy"]
        previous_end = date_from - datetime.timedelta(days=1)
        in_force, new = self._policy_domains(company, date_from, date_to)
        persons = [("kind", "=", "person")]
        covered_then = [
            *persons,
            ("policy_id", "any", in_force),
            "|",
            ("date_from", "=", False),
            ("date_from", "<=", previous_end),
            "|",
            ("date_to", "=", False),
            ("date_to", ">=", previous_end),
        ]
        written = [
            ("company_id", "=", company.id),
            ("state", "in", WRITTEN_STATES),
            ("date_start", "<=", date_to),
            ("date_end", ">=", date_from),
        ]
        joined = [
            *persons,
            ("policy_id", "any", written),
            "|",
            "&",
            ("date_from", ">=", date_from),
            ("date_from", "<=", date_to),
            "&",
            ("date_from", "=", False),
            ("policy_id", "any", new),
        ]
        without_roster = [("insured_ids", "not any", persons)]
        return (
            Insured.search_count(covered_then) + Policy.search_count([*in_force, *without_roster]),
            Insured.search_count(joined) + Policy.search_count([*new, *without_roster]),
        )

    @api.model
    def _premium_by_line(self, company, date_from, date_to):
        """{product line: written premium of the period} (see ``complaint_stats``: premium)."""
        if company.complaint_premium_source == "accounting":
            return company._complaint_premium_from_accounting(date_from, date_to)
        lines = self.env["insurance.policy.premium"]._read_group(
            [
                ("company_id", "=", company.id),
                ("is_written", "=", True),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ],
            ["product_line"],
            ["signed_amount:sum"],
        )
        _in_force, new = self._policy_domains(company, date_from, date_to)
        unscheduled = self.env["insurance.policy"]._read_group(
            [*new, ("premium_schedule_ids", "=", False)], ["product_line"], ["premium:sum"]
        )
        premium = {}
        for line, amount in lines + unscheduled:
            premium[line] = premium.get(line, 0.0) + amount
        return premium

    @api.model
    def _raw_counts(self, company, date_from, date_to):
        Analysis = self.env["insurance.complaint.analysis"]
        Policy = self.env["insurance.policy"]
        domain = self._complaint_domain(company, date_from, date_to)
        by_motor = dict(Analysis._read_group(domain, ["is_motor"], ["__count"]))
        regulator = dict(
            Analysis._read_group([*domain, ("is_regulator", "=", True)], ["withdrawn_before_transfer"], ["__count"])
        )
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
        premium = self._premium_by_line(company, date_from, date_to)
        motor = [("product_line", "=", "motor")]
        insured_in_force, insured_new = self._insured_counts(company, date_from, date_to)
        return {
            "complaints": sum(by_motor.values()),
            "motor_complaints": by_motor.get(True, 0),
            "premium": sum(premium.values()),
            "motor_premium": premium.get("motor", 0.0),
            "policies_in_force": Policy.search_count(in_force),
            "policies_new": Policy.search_count(new),
            "motor_policies_in_force": Policy.search_count(in_force + motor),
            "motor_policies_new": Policy.search_count(new + motor),
            "insured_in_force": insured_in_force,
            "insured_new": insured_new,
            "regulator_cases": sum(judged.values()),
            "regulator_on_time": judged.get(True, 0),
            "regulator_sent": sum(regulator.values()),
            "withdrawn_before_transfer": regulator.get(True, 0),
            "mediated": sum(mediation.values()),
            "mediated_success": mediation.get("success", 0),
        }

    # ------------------------------------------------------------------
    # Entry points (private: the wizard and the benchmark call them)
    # ------------------------------------------------------------------
    @api.model
    def _compute_indicators(self, company, date_from, date_to):
        """The indicators of a period, its change year on year and against the period just before, the counts."""
        current = self._raw_counts(company, date_from, date_to)
        Analysis = self.env["insurance.complaint.analysis"]
        year_from, year_to = complaint_stats.same_period_last_year(date_from, date_to)
        prev_from, prev_to = complaint_stats.previous_period(date_from, date_to)
        last_year_count = Analysis.search_count(self._complaint_domain(company, year_from, year_to))
        previous_count = Analysis.search_count(self._complaint_domain(company, prev_from, prev_to))
        result = complaint_stats.indicators(current, {"complaints": last_year_count}, {"complaints": previous_count})
        result.update(
            last_year_complaints=last_year_count,
            last_year_from=year_from,
            last_year_to=year_to,
            previous_complaints=previous_count,
            previous_from=prev_from,
            previous_to=prev_to,
        )
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
