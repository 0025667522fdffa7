"""Emergency reinforcement: who of a post's emergency pool can be called in now.

Pure Python over ``rules.Duty`` values: a candidate is skipped when the new
duty would double-book them (already on duty), cut their rest (resting after a
duty or a run of nights) or make a run of duty days or nights too long; the
others are called in, fewest fairness points first, tier by tier.
"""

from . import rules as rules_lib

TIER_ORDER = ("primary", "backup", "leader")
# which rule broken by the new duty means what for the person called in
SKIP_REASONS = {
    "double_booking": "on_duty",
    "min_rest": "resting",
    "rest_after_nights": "resting",
    "max_consecutive": "too_many_days",
    "max_nights": "too_many_days",
}


def skip_reason(candidate, new_duty, duties, rules_for):
    """Why ``candidate`` cannot take ``new_duty`` given their other ``duties``, or ``None``.

    :param new_duty: a ``rules.Duty`` with ``employee = candidate``
    :param rules_for: ``f(duty) -> rules.Rules``
    """
    own = [duty for duty in duties if duty.employee == candidate] + [new_duty]
    found = rules_lib.check_employee_rules(own, rules_for)
    reasons = [SKIP_REASONS[violation.rule] for violation in found if new_duty.key in violation.duties]
    for reason in ("on_duty", "resting", "too_many_days"):
        if reason in reasons:
            return reason
    return None


def pick(candidates, headcounts, new_duty_for, duties, rules_for, on_leave=(), points=None):
    """Call in ``headcounts`` (``{tier: n}``) people of ``candidates`` (in pool order).

    :param new_duty_for: ``f(candidate, tier) -> rules.Duty`` the reinforcement duty of one person
    :param on_leave: candidates on leave during the window
    :param points: ``{candidate: fairness points}``; fewer points are called first
    :return: ``({tier: [candidates]}, {candidate: reason})`` the people called in and those skipped
    """
    points = points or {}
    skipped = {}
    available = []
    for candidate in candidates:
        if candidate in on_leave:
            skipped[candidate] = "on_leave"
            continue
        reason = skip_reason(candidate, new_duty_for(candidate, TIER_ORDER[0]), duties, rules_for)
        if reason:
            skipped[candidate] = reason
        else:
            available.append(candidate)
    order = {candidate: index for index, candidate in enumerate(candidates)}
    available.sort(key=lambda candidate: (points.get(candidate, 0.0), order[candidate]))
    called = {}
    for tier in TIER_ORDER:
        wanted = headcounts.get(tier, 0)
        called[tier], available = available[:wanted], available[wanted:]
    return called, skipped
