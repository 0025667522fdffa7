"""Regulator complaint statistics: pure arithmetic, no ORM.

The figures follow the Shanghai evaluation rules quoted in statutory.md:

* complaints per ¥100 m premium = complaints ÷ (premium ÷ 100,000,000);
* complaints per 10,000 policies = complaints × 10,000 ÷ (policies in force at
  the previous period end + policies written this period); insured persons alike;
* change rate = (this period − last period) ÷ last period;
* on-time rate = regulator-transferred cases answered on time ÷ such cases
  (on time: the decision clock of the deadline engine was met on time);
* withdrawal-before-transfer rate = cases withdrawn before the regulator's
  formal transfer ÷ cases the regulator sent;
* mediation success rate = complaints mediated with an agreement ÷ complaints
  that went to mediation (agreement or not).

A ratio whose denominator is zero has no value: ``None`` (shown "n/a"), never 0.
"""

import datetime

HUNDRED_MILLION = 100_000_000
TEN_THOUSAND = 10_000
# the breakdown by channel, line and product is due above these counts
BREAKDOWN_THRESHOLDS = {"half_year": 25, "annual": 50}
# report deadlines: (month, day) of the year after the period's end for the annual report
HALF_YEAR_DUE = (7, 20)
ANNUAL_DUE = (1, 25)
AGE_BUCKETS = ((0, 15, "0-15"), (16, 30, "16-30"), (31, 60, "31-60"), (61, None, "60+"))


def _ratio(numerator, denominator, scale=1):
    if not denominator:
        return None
    return numerator * scale / denominator


def per_100m_premium(complaints, premium):
    """Complaints per ¥100 million of premium."""
    return _ratio(complaints, premium, HUNDRED_MILLION)


def per_10k(complaints, base):
    """Complaints per 10,000 policies or insured persons."""
    return _ratio(complaints, base, TEN_THOUSAND)


def exposure(in_force_at_previous_end, new_this_period):
    """The policies (or persons) a ratio is counted on."""
    return in_force_at_previous_end + new_this_period


def change_rate(current, previous):
    """(this period − last period) ÷ last period; None when there was nothing last period."""
    if previous is None or current is None:
        return None
    return _ratio(current - previous, previous)


def rate(part, whole):
    """A share between 0 and 1, or None without cases."""
    return _ratio(part, whole)


def breakdown_required(report_type, complaint_count):
    """The breakdown by channel, line and product: above 25 in a half-year, 50 in a year, always monthly."""
    threshold = BREAKDOWN_THRESHOLDS.get(report_type)
    return threshold is None or complaint_count > threshold


def age_bucket(days):
    """The dashboard's age bucket label of a complaint ``days`` old."""
    for low, high, label in AGE_BUCKETS:
        if days >= low and (high is None or days <= high):
            return label
    return AGE_BUCKETS[0][2]


def _month_end(year, month):
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def period_bounds(report_type, year, month=None):
    """First and last local day of a monthly, half-year (H1) or annual period."""
    if report_type == "monthly":
        return datetime.date(year, month, 1), _month_end(year, month)
    if report_type == "half_year":
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    if report_type == "annual":
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    raise ValueError(f"unknown report type {report_type!r}")


def previous_period(start, end):
    """The period of the same length just before: the previous month, half-year or year."""
    if start.day == 1 and end == _month_end(end.year, end.month):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        first = start.year * 12 + start.month - 1 - months
        last = first + months - 1
        return datetime.date(first // 12, first % 12 + 1, 1), _month_end(last // 12, last % 12 + 1)
    length = end - start + datetime.timedelta(days=1)
    return start - length, start - datetime.timedelta(days=1)


def report_due(report_type, year, month=None):
    """When the report is due: monthly at the start of the next month, 20 July, 25 January."""
    if report_type == "monthly":
        return _month_end(year, month) + datetime.timedelta(days=1)
    if report_type == "half_year":
        return datetime.date(year, *HALF_YEAR_DUE)
    if report_type == "annual":
        return datetime.date(year + 1, *ANNUAL_DUE)
    raise ValueError(f"unknown report type {report_type!r}")


def indicators(current, previous=None):
    """The regulator indicators of a period from its raw counts.

    ``current`` (and ``previous``) are dicts with the keys ``complaints``,
    ``motor_complaints``, ``premium``, ``motor_premium``, ``policies_in_force``
    (at the previous period end), ``policies_new``, ``motor_policies_in_force``,
    ``motor_policies_new``, ``insured_in_force``, ``insured_new``,
    ``regulator_cases``, ``regulator_on_time``, ``regulator_sent``,
    ``withdrawn_before_transfer``, ``mediated``, ``mediated_success``. Missing keys count as 0.
    """
    c = dict.fromkeys(
        (
            "complaints",
            "motor_complaints",
            "premium",
            "motor_premium",
            "policies_in_force",
            "policies_new",
            "motor_policies_in_force",
            "motor_policies_new",
            "insured_in_force",
            "insured_new",
            "regulator_cases",
            "regulator_on_time",
            "regulator_sent",
            "withdrawn_before_transfer",
            "mediated",
            "mediated_success",
        ),
        0,
    )
    c.update(current)
    non_motor = c["complaints"] - c["motor_complaints"]
    policies = exposure(c["policies_in_force"], c["policies_new"])
    motor_policies = exposure(c["motor_policies_in_force"], c["motor_policies_new"])
    result = {
        "complaints": c["complaints"],
        "motor_complaints": c["motor_complaints"],
        "non_motor_complaints": non_motor,
        "premium": c["premium"],
        "motor_premium": c["motor_premium"],
        "non_motor_premium": c["premium"] - c["motor_premium"],
        "policies": policies,
        "non_motor_policies": policies - motor_policies,
        "insured": exposure(c["insured_in_force"], c["insured_new"]),
        "per_100m_premium": per_100m_premium(c["complaints"], c["premium"]),
        "motor_per_100m_premium": per_100m_premium(c["motor_complaints"], c["motor_premium"]),
        "non_motor_per_100m_premium": per_100m_premium(non_motor, c["premium"] - c["motor_premium"]),
        "per_10k_policies": per_10k(c["complaints"], policies),
        "non_motor_per_10k_policies": per_10k(non_motor, policies - motor_policies),
        "per_10k_insured": per_10k(c["complaints"], exposure(c["insured_in_force"], c["insured_new"])),
        "on_time_rate": rate(c["regulator_on_time"], c["regulator_cases"]),
        "withdrawal_before_transfer_rate": rate(c["withdrawn_before_transfer"], c["regulator_sent"]),
        "regulator_cases": c["regulator_cases"],
        "regulator_on_time": c["regulator_on_time"],
        "regulator_sent": c["regulator_sent"],
        "withdrawn_before_transfer": c["withdrawn_before_transfer"],
        "mediated": c["mediated"],
        "mediated_success": c["mediated_success"],
        "mediation_success_rate": rate(c["mediated_success"], c["mediated"]),
    }
    result["change_rate"] = change_rate(c["complaints"], previous.get("complaints") if previous else None)
    return result
