"""Employee property-loss compensation (公司财产损失赔偿), free of the ORM.

The rules of the company's property-loss compensation policy (公司财产损失赔偿管理制度):

* force majeure (不可抗力: protecting a person, natural disaster, robbery or
  war) -- the employee owes nothing;
* damaged and repairable -- the repair cost;
* lost, or damaged beyond repair -- purchase price minus depreciation
  (``book``), or, where depreciation is hard to tell, original value times
  remaining life over standard life (``life``);
* cash or cheques lost -- the actual loss.

Some companies then apply a share rule (e.g. the employee bears 40 % of the
loss, at least ¥10 and at most ¥10,000 -- never more than the loss itself).

:func:`deduction_schedule` splits what is still owed into monthly salary
deductions of at most a monthly cap and, by 工资支付暂行规定 Art. 16, at most
20 % of that month's wage, never leaving less than the local minimum wage
(:func:`legal_monthly_cap`).

Like :mod:`.benefit`, results carry language-neutral ``steps`` (codes and
numbers) and a ``formula`` of numbers and operators; bad input raises
:class:`~.benefit.CalculationError`.
"""

import datetime
from decimal import ROUND_DOWN, Decimal

from .benefit import (
    CENT,
    TIMES,
    ZERO,
    CalculationError,
    Result,
    Step,
    _non_negative,
    _percent,
    depreciated,
    fmt,
    fmt_number,
    money,
)

KINDS = ("repairable", "lost", "cash")
BASES = ("book", "life")


def loss_value(
    *,
    kind,
    asset_value,
    repair_cost=0,
    basis="book",
    accumulated_depreciation=0,
    remaining_life=0,
    standard_life=0,
    actual_loss=0,
    rounding=CENT,
):
    """The company's loss by the policy's rules, as a :class:`Result` (no share rule yet).

    ``asset_value`` is the purchase price (``book``), the original value
    (``life``), the value of the repairable asset, or the cash / cheques lost;
    it is required.
    """
    value = money(_non_negative("asset_value", asset_value), rounding)
    if not value:
        raise CalculationError("asset_value_missing", field="asset_value")
    if kind == "repairable":
        cost = money(_non_negative("repair_cost", repair_cost), rounding)
        if cost > value:
            raise CalculationError("repair_above_value", repair_cost=cost, asset_value=value)
        return Result(amount=cost, formula=fmt(cost, rounding), steps=(Step("repair_cost", {"loss": cost}),))
    if kind == "lost":
        if basis not in BASES:
            raise CalculationError("unknown_basis", basis=basis)
        if basis == "book" and money(_non_negative("accumulated_depreciation", accumulated_depreciation)) > value:
            raise CalculationError("depreciation_above_value", depreciation=accumulated_depreciation, asset_value=value)
        return depreciated(
            basis=basis,
            purchase_price=value,
            accumulated_depreciation=accumulated_depreciation,
            original_value=value,
            remaining_life=remaining_life,
            standard_life=standard_life,
            rounding=rounding,
        )
    if kind == "cash":
        loss = money(_non_negative("actual_loss", actual_loss), rounding)
        if loss > value:
            raise CalculationError("loss_above_value", actual_loss=loss, asset_value=value)
        return Result(amount=loss, formula=fmt(loss, rounding), steps=(Step("cash", {"loss": loss}),))
    raise CalculationError("unknown_kind", kind=kind)


def apply_share(result, *, percent=100, min_amount=0, max_amount=0, rounding=CENT):
    """The employee's share of ``result``: ``min(max(loss × percent, min), max, loss)``.

    A ``max_amount`` of 0 is no maximum; the minimum never makes the employee
    pay more than the loss.
    """
    loss = result.amount
    percent = _percent("share_percent", percent)
    floor = money(_non_negative("share_min", min_amount), rounding)
    ceiling = money(_non_negative("share_max", max_amount), rounding)
    if ceiling and floor > ceiling:
        raise CalculationError("share_min_above_max", min=floor, max=ceiling)
    share = money(loss * percent / 100, rounding)
    amount = max(share, floor)
    if ceiling:
        amount = min(amount, ceiling)
    amount = min(amount, loss)
    formula = f"{result.formula}; {fmt(loss, rounding)} {TIMES} {fmt_number(percent)}% = {fmt(share, rounding)}"
    bounds = [f"max({fmt(share, rounding)}, {fmt(floor, rounding)})"]
    if ceiling:
        bounds.append(fmt(ceiling, rounding))
    bounds.append(fmt(loss, rounding))
    formula += f"; min({', '.join(bounds)}) = {fmt(amount, rounding)}"
    step = Step(
        "share",
        {"loss": loss, "percent": percent, "share": share, "min": floor, "max": ceiling, "result": amount},
    )
    return Result(amount=amount, formula=formula, steps=(*result.steps, step))


def compensation(*, force_majeure=False, share_rule=None, rounding=CENT, **values):
    """What the employee owes: 0 under force majeure, else the loss (and the share rule, a dict, if any)."""
    result = loss_value(rounding=rounding, **values)
    if force_majeure:
        return Result(
            amount=ZERO,
            formula=f"{result.formula}; {fmt(result.amount, rounding)} {TIMES} 0 = {fmt(ZERO, rounding)}",
            steps=(*result.steps, Step("force_majeure", {"loss": result.amount})),
        )
    if share_rule:
        result = apply_share(result, rounding=rounding, **share_rule)
    return result


def first_of_next_month(day):
    """The first day of the month after ``day``."""
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def add_months(day, months):
    """The first day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def one_month_after(day):
    """The same day one month later, or the last day of that month (31 Jan -> 28/29 Feb)."""
    first = add_months(day, 1)
    last_day = (add_months(day, 2) - datetime.timedelta(days=1)).day
    return first.replace(day=min(day.day, last_day))


def is_overdue_for_deduction(due_date, today):
    """More than one month after the due date (超过赔偿通知规定期限一个月)."""
    return bool(due_date) and today > one_month_after(due_date)


# 工资支付暂行规定 (Provisional Regulations on Wage Payment) Art. 16: a monthly deduction for the
# employee's compensation takes at most 20 % of that month's wage, and what is paid after it is not
# below the local minimum wage.
LEGAL_WAGE_PERCENT = Decimal(20)


def legal_monthly_cap(wage, *, wage_percent=LEGAL_WAGE_PERCENT, minimum_wage=0, rounding=CENT):
    """The most one month's salary deduction may take of ``wage``: ``min(wage × percent, wage − minimum)``.

    Rounded down to the cent so that the percentage is never exceeded; never negative.
    """
    wage = money(_non_negative("wage", wage), rounding)
    percent = _percent("wage_percent", wage_percent)
    if percent > LEGAL_WAGE_PERCENT:
        raise CalculationError("wage_percent_above_law", percent=percent)
    floor = money(_non_negative("minimum_wage", minimum_wage), rounding)
    share = (wage * percent / 100).quantize(rounding, rounding=ROUND_DOWN)
    return max(ZERO, min(share, wage - floor))


def deduction_schedule(
    amount, monthly_cap, first_month, rounding=CENT, *, wage=None, wages=None, wage_percent=20, minimum_wage=0
):
    """Monthly deductions ``[(first day of month, amount), ...]`` summing to ``amount``.

    Each is at most ``monthly_cap`` (0: no company cap) and, when a wage is known, at most the
    legal cap of that month's wage (:func:`legal_monthly_cap`): ``wages`` maps the first day of a
    month to its wage, ``wage`` is the wage of the other months. The schedule lengthens as needed;
    months whose wage leaves nothing to deduct are skipped. Raises ``wage_at_minimum`` when no
    month can take anything.
    """
    total = money(_non_negative("amount", amount), rounding)
    cap = money(_non_negative("monthly_cap", monthly_cap), rounding)
    wages = {month.replace(day=1): value for month, value in (wages or {}).items()}
    if not total:
        return []
    first = first_month.replace(day=1)

    def limit(month_start):
        month_wage = wages.get(month_start, wage)
        if month_wage is None:
            return cap or None
        legal = legal_monthly_cap(month_wage, wage_percent=wage_percent, minimum_wage=minimum_wage, rounding=rounding)
        return min(cap, legal) if cap else legal

    last_known = max(wages, default=first)
    lines = []
    left = total
    month = 0
    while left > 0:
        month_start = add_months(first, month)
        month_cap = limit(month_start)
        part = left if month_cap is None else min(month_cap, left)
        if part > 0:
            lines.append((month_start, part))
            left -= part
        elif month_start not in wages and month_start >= last_known:
            # every later month has the same wage: nothing will ever be deducted
            raise CalculationError("wage_at_minimum", wage=wage, minimum_wage=minimum_wage)
        month += 1
    return lines


def schedule_formula(amount, monthly_cap, rounding=CENT, **limits):
    """The schedule as numbers: ``4,500.00 = 2 × 2,000.00 + 500.00``."""
    lines = deduction_schedule(amount, monthly_cap, datetime.date(2000, 1, 1), rounding, **limits)
    if not lines:
        return fmt(ZERO, rounding)
    same = next((i for i, (_month, part) in enumerate(lines) if part != lines[0][1]), len(lines))
    full = [part for _month, part in lines[:same]]
    rest = [part for _month, part in lines[len(full) :]]
    total = money(_non_negative("amount", amount), rounding)
    text = f"{fmt(total, rounding)} = {len(full)} {TIMES} {fmt(full[0], rounding)}"
    for part in rest:
        text += f" + {fmt(part, rounding)}"
    return text


__all__ = [
    "BASES",
    "KINDS",
    "CalculationError",
    "add_months",
    "apply_share",
    "compensation",
    "deduction_schedule",
    "first_of_next_month",
    "is_overdue_for_deduction",
    "legal_monthly_cap",
    "loss_value",
    "one_month_after",
    "schedule_formula",
]
