"""Regulator complaint statistics: one definition per figure, pure arithmetic, no ORM.

Every figure of the SQL view (``insurance.complaint.analysis``), of the statistics
model, of the Excel reports and of the dashboards is defined here once, with its
source (the Shanghai evaluation rules, CBIRC Order 2020 No. 3):

complaints
    valid complaints that were not merged into another case, counted on the local
    day of receipt in the company's time zone. Merged duplicates are not rows of
    the analysis view at all (``ANALYSIS_ROWS_SQL``), so no dashboard counts them.
premium
    the written premium of the period: the lines of the policies' premium
    schedules (first premium, instalments, renewals) dated in the period, less
    the cancellation refunds dated in it; an instalment a cancelled policy no
    longer owes is not written (``insurance.policy.premium.is_written``). A policy without a schedule writes its premium
    in full on its start day. When the company chooses ``accounting``, the
    premium is the credit balance of the income account of each product line.
policies, insured persons
    in force at the previous period end + new in the period (``exposure``);
    a person counts with their own cover dates on the roster (a person who joins
    a group policy during the period is new); a policy without a roster of
    persons counts one person.
change rate
    year on year (``same_period_last_year``), as the regulator's bulletins
    compare; the period-on-period rate (``previous_period``) is shown beside it.
on-time rate
    regulator transfers whose statutory decision clock (deadline engine, with
    approved extensions and appraisal pauses) was met on time ÷ the regulator
    transfers decided or due by the period end, withdrawn ones left out.
withdrawal-before-transfer rate
    regulator cases withdrawn before the regulator's formal transfer (withdrawn
    while no transfer is recorded, or earlier than the recorded transfer) ÷ the
    regulator cases received in the period (``withdrawn_before_transfer``).
mediation success rate
    complaints mediated with an agreement ÷ complaints that went to mediation.

The ratios: per ¥100 m premium = complaints ÷ (premium ÷ 100,000,000); per
10,000 policies (persons) = complaints × 10,000 ÷ exposure; change rate =
(this period − comparison period) ÷ comparison period. A ratio whose denominator
is zero has no value: ``None`` (shown "n/a"), never 0.
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
# the rows of the analysis view: every complaint but the duplicates merged into another case
ANALYSIS_ROWS_SQL = "c.merged_into_id IS NULL"
# a regulator case withdrawn before the regulator's formal transfer (c: insurance_complaint)
WITHDRAWN_BEFORE_TRANSFER_SQL = (
    "(c.state = 'withdrawn' AND (c.regulator_transferred_at IS NULL OR c.closed_at < c.regulator_transferred_at))"
)
PREMIUM_SOURCES = ("schedule", "accounting")


def counted_domain():
    """The complaints a figure counts, on the analysis view (whose rows are never merged duplicates)."""
    return [("is_valid", "=", True)]


def withdrawn_before_transfer(state, withdrawn_at, transferred_at):
    """Whether a regulator case was withdrawn before the regulator formally transferred it."""
    return state == "withdrawn" and (
        transferred_at is None or (withdrawn_at is not None and withdrawn_at < transferred_at)
    )


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


def same_period_last_year(start, end):
    """The same dates one year earlier (29 February becomes 28 February)."""

    def back(day):
        try:
            return day.replace(year=day.year - 1)
        except ValueError:
            return day.replace(year=day.year - 1, day=28)

    if start.day == 1 and end == _month_end(end.year, end.month):
        return datetime.date(start.year - 1, start.month, 1), _month_end(end.year - 1, end.month)
    return back(start), back(end)


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


def indicators(current, last_year=None, previous=None):
    """The regulator indicators of a period from its raw counts.

    ``last_year`` and ``previous`` hold the ``complaints`` of the same period a year
    earlier (the change rate) and of the period just before (period-on-period).

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
    result["change_rate"] = change_rate(c["complaints"], last_year.get("complaints") if last_year else None)
    result["change_rate_pop"] = change_rate(c["complaints"], previous.get("complaints") if previous else None)
    return result
