"""Benefit calculation of claim assessment lines, free of the ORM.

Four methods of loss assessment:

* :func:`indemnity` -- assessed loss (or repair cost) minus the deductible,
  times the insurer's share, capped by the remaining limit of the cover;
* :func:`per_diem` -- days minus waiting days, capped by the days left of the
  yearly maximum, times the daily amount;
* :func:`per_head` -- heads times the amount per head of each (weight) class;
* :func:`depreciated` -- purchase price minus depreciation, or original value
  times remaining life over standard life, or the actual loss for cash.

Every method then applies the remaining limit of the cover (limit minus what
was already paid or approved on it; a limit of 0 means no cap).

Money is :class:`decimal.Decimal`, rounded half-up to the currency unit
(0.01 unless told otherwise) at every step that yields money.

Each method returns a :class:`Result`:

* ``amount`` -- the benefit;
* ``steps`` -- the calculation as ``Step(code, params)``: codes and numbers
  only, so the Odoo model renders a sentence per step in the reader's language;
* ``formula`` -- the same calculation as a language-neutral line of numbers and
  operators (``min`` for a cap, ``max(..., 0)`` where a result would go below
  zero), e.g. ``(80,000.00 − 8,000.00) × 100% = 72,000.00; min(72,000.00,
  50,000.00) = 50,000.00``. It needs no translation, so it can be stored.

Bad input raises :class:`CalculationError` with a code and parameters; the model
turns it into a translated message.

Events (the 72-hour clause): losses on one policy whose times fall within the
event window of a cover, counted from the first loss of the event, are one
event (:func:`group_events`). The deductible and the waiting days apply once
per event and cover, whatever the number of lines or claims: the callers pass
what earlier lines of the event already took (``deductible_taken``,
``waiting_taken``) and where (``taken_on``), and each result says what it took
itself. The order of the calculation is always:

1. the loss (or the repair cost; for per diem, the days);
2. the deductible of the event, less what earlier lines of the event took
   (for per diem, the waiting days of the event, less the days already waited);
3. the insurer's share (co-insurance) of what is left;
4. the cap of the remaining limit of the cover (per diem: first the days left of
   the yearly maximum, then the limit).
"""

import dataclasses
import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)
MAX_DAYS = 366  # days of one claim line, waiting days, yearly maximum

MINUS = "\u2212"
TIMES = "\u00d7"
DIVIDE = "\u00f7"


class CalculationError(ValueError):
    """Input the calculation refuses; ``code`` and ``params`` describe why."""

    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclasses.dataclass(frozen=True)
class Step:
    code: str
    params: dict


@dataclasses.dataclass(frozen=True)
class Result:
    amount: Decimal
    formula: str
    steps: tuple
    eligible_days: int = 0  # per diem: the days paid by this result
    deductible_taken: Decimal = Decimal(0)  # indemnity: the part of the event's deductible this line took
    waiting_taken: int = 0  # per diem: the waiting days of the event served on this line


# ----------------------------------------------------------------------
# Numbers
# ----------------------------------------------------------------------
def to_decimal(value, name):
    """``value`` (int, float, str or Decimal) as a Decimal; floats through their shortest repr."""
    if value is None or value is False:
        return ZERO
    if isinstance(value, Decimal):
        number = value
    else:
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise CalculationError("not_a_number", field=name, value=value) from None
    if not number.is_finite():
        raise CalculationError("not_a_number", field=name, value=value)
    return number


def money(value, rounding=CENT):
    """``value`` rounded half-up to ``rounding`` (a power of ten such as 0.01)."""
    return value.quantize(rounding, rounding=ROUND_HALF_UP)


def fmt(value, rounding=CENT):
    """An amount with thousands separators: 72000 -> '72,000.00'."""
    places = max(-rounding.as_tuple().exponent, 0)
    return f"{money(value, rounding):,.{places}f}"


def fmt_number(value):
    """A percentage, a number of years or days without trailing zeros: 12.50 -> '12.5'."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{value.to_integral_value():,f}"
    return f"{value.normalize():,f}"


def _non_negative(name, value):
    number = to_decimal(value, name)
    if number < 0:
        raise CalculationError("negative", field=name, value=number)
    return number


def _percent(name, value):
    number = to_decimal(value, name)
    if not ZERO <= number <= HUNDRED:
        raise CalculationError("percent_range", field=name, value=number)
    return number


def _days(name, value):
    number = to_decimal(value, name)
    if number != number.to_integral_value():
        raise CalculationError("whole_days", field=name, value=number)
    if number < 0:
        raise CalculationError("negative", field=name, value=number)
    if number > MAX_DAYS:
        raise CalculationError("days_range", field=name, value=int(number), max=MAX_DAYS)
    return int(number)


# ----------------------------------------------------------------------
# The cap shared by every method
# ----------------------------------------------------------------------
def remaining_limit(limit_amount, used_amount, rounding=CENT):
    """What is left of a cover's limit after ``used_amount``, never below 0; ``None`` for no limit (0).

    The same figure as the cap of every method (:func:`_cap`), for the intake warning.
    """
    limit = money(_non_negative("limit_amount", limit_amount), rounding)
    if not limit:
        return None
    used = money(_non_negative("used_amount", used_amount), rounding)
    return money(max(limit - used, ZERO), rounding)


def _cap(amount, limit_amount, used_amount, rounding):
    """``(capped amount, step, formula part)``; a limit of 0 is no cap."""
    amount = money(amount, rounding)
    limit = money(_non_negative("limit_amount", limit_amount), rounding)
    used = money(_non_negative("used_amount", used_amount), rounding)
    if not limit:
        return amount, None, ""
    remaining = money(max(limit - used, ZERO), rounding)
    capped = min(amount, remaining)
    step = Step(
        "cap",
        {
            "amount": amount,
            "limit": limit,
            "used": used,
            "remaining": remaining,
            "result": capped,
            "capped": capped < amount,
        },
    )
    if used:
        if limit - used < 0:
            bound = f"max({fmt(limit, rounding)} {MINUS} {fmt(used, rounding)}, 0)"
        else:
            bound = f"{fmt(limit, rounding)} {MINUS} {fmt(used, rounding)}"
    else:
        bound = fmt(limit, rounding)
    return capped, step, f"; min({fmt(amount, rounding)}, {bound}) = {fmt(capped, rounding)}"


# ----------------------------------------------------------------------
# Events
# ----------------------------------------------------------------------
def group_events(losses, window_hours):
    """The event of each loss: ``{key: key of the first loss of its event}``.

    ``losses`` is an iterable of ``(key, datetime)``. An event starts with the
    earliest loss not yet in one and takes every later loss at most
    ``window_hours`` after that first loss; the next loss starts a new event.
    Equal times are ordered by key, so the grouping does not depend on the input order.
    """
    hours = to_decimal(window_hours, "event_window_hours")
    if hours <= 0:
        raise CalculationError("event_window", field="event_window_hours", value=hours)
    window = datetime.timedelta(hours=float(hours))
    events = {}
    first_key = first_time = None
    for key, when in sorted(losses, key=lambda loss: (loss[1], loss[0])):
        if first_time is None or when - first_time > window:
            first_key, first_time = key, when
        events[key] = first_key
    return events


# ----------------------------------------------------------------------
# The four methods
# ----------------------------------------------------------------------
def indemnity(
    assessed_loss=0,
    *,
    is_repairable=False,
    repair_cost=0,
    deductible_amount=0,
    deductible_percent=0,
    coinsurance_percent=100,
    limit_amount=0,
    used_amount=0,
    event_loss=0,
    deductible_taken=0,
    taken_on="",
    rounding=CENT,
):
    """Loss minus what is left of the event's deductible, times the insurer's share, capped by the remaining limit.

    The deductible of the event is the higher of the fixed amount and ``deductible %``
    of the event's loss on the cover (``event_loss``, the losses of its earlier lines,
    plus this loss). ``deductible_taken`` of it was taken by earlier lines of the event
    (``taken_on`` says which); this line deducts the rest and takes at most its loss,
    so what a small line cannot absorb is left for the next line of the event.
    Repairable damage takes the repair cost as the loss.
    """
    if is_repairable:
        loss = money(_non_negative("repair_cost", repair_cost), rounding)
        steps = [Step("repair_cost", {"loss": loss})]
    else:
        loss = money(_non_negative("assessed_loss", assessed_loss), rounding)
        steps = [Step("loss", {"loss": loss})]
    fixed = money(_non_negative("deductible_amount", deductible_amount), rounding)
    percent = _percent("deductible_percent", deductible_percent)
    share_percent = _percent("coinsurance_percent", coinsurance_percent)
    before = money(_non_negative("event_loss", event_loss), rounding)
    taken = money(_non_negative("deductible_taken", deductible_taken), rounding)

    base = before + loss
    from_percent = money(base * percent / HUNDRED, rounding)
    deductible = max(fixed, from_percent)
    formula = ""
    if percent:
        base_text = f"({fmt(before, rounding)} + {fmt(loss, rounding)})" if before else fmt(loss, rounding)
        formula = (
            f"max({fmt(fixed, rounding)}, {base_text} {TIMES} {fmt_number(percent)}%) = {fmt(deductible, rounding)}; "
        )
    steps.append(
        Step("deductible", {"fixed": fixed, "percent": percent, "from_percent": from_percent, "deductible": deductible})
    )
    due = deductible
    if taken:
        due = money(max(deductible - taken, ZERO), rounding)
        steps.append(
            Step("deductible_event", {"deductible": deductible, "taken": taken, "taken_on": taken_on, "due": due})
        )
        where = f" [{taken_on}]" if taken_on else ""
        difference = f"{fmt(deductible, rounding)} {MINUS} {fmt(taken, rounding)}{where}"
        formula += (
            f"max({difference}, 0) = {fmt(due, rounding)}; "
            if taken > deductible
            else f"{difference} = {fmt(due, rounding)}; "
        )

    net = money(max(loss - due, ZERO), rounding)
    steps.append(Step("after_deductible", {"loss": loss, "deductible": due, "net": net}))
    share = money(net * share_percent / HUNDRED, rounding)
    steps.append(Step("coinsurance", {"net": net, "percent": share_percent, "share": share}))
    difference = f"{fmt(loss, rounding)} {MINUS} {fmt(due, rounding)}"
    difference = f"max({difference}, 0)" if loss < due else f"({difference})"
    formula += f"{difference} {TIMES} {fmt_number(share_percent)}% = {fmt(share, rounding)}"

    amount, cap_step, cap_formula = _cap(share, limit_amount, used_amount, rounding)
    if cap_step:
        steps.append(cap_step)
    return Result(amount=amount, formula=formula + cap_formula, steps=tuple(steps), deductible_taken=min(due, loss))


def per_diem(
    days=0,
    daily_amount=0,
    *,
    waiting_days=0,
    max_days_per_year=0,
    used_days=0,
    limit_amount=0,
    used_amount=0,
    waiting_taken=0,
    taken_on="",
    rounding=CENT,
):
    """Days minus waiting days, capped by the yearly maximum left, times the daily amount.

    ``used_days`` are the days already paid to the same insured in the policy
    year; a yearly maximum of 0 is no maximum. The waiting days run once per
    event: ``waiting_taken`` of them were served on earlier lines of the event
    (``taken_on`` says which), this line waits the rest.
    """
    days = _days("days", days)
    waiting_all = _days("waiting_days", waiting_days)
    served = _days("waiting_taken", waiting_taken)
    waiting = max(waiting_all - served, 0)
    max_days = _days("max_days_per_year", max_days_per_year)
    used = _non_negative("used_days", used_days)
    if used != used.to_integral_value():
        raise CalculationError("whole_days", field="used_days", value=used)
    used = int(used)  # may exceed MAX_DAYS over several claims
    daily = money(_non_negative("daily_amount", daily_amount), rounding)

    eligible = max(days - waiting, 0)
    steps = []
    parts = []
    if served:
        steps.append(
            Step("waiting_event", {"waiting": waiting_all, "taken": served, "taken_on": taken_on, "due": waiting})
        )
        where = f" [{taken_on}]" if taken_on else ""
        difference = f"{waiting_all} {MINUS} {served}{where}"
        parts.append(f"max({difference}, 0) = 0" if served > waiting_all else f"{difference} = {waiting}")
    steps.append(Step("waiting", {"days": days, "waiting": waiting, "eligible": eligible}))
    if waiting:
        parts.append(
            f"{days} {MINUS} {waiting} = {eligible}" if days >= waiting else f"max({days} {MINUS} {waiting}, 0) = 0"
        )
    paid_days = eligible
    if max_days:
        remaining_days = max(max_days - used, 0)
        paid_days = min(eligible, remaining_days)
        steps.append(
            Step(
                "yearly_max",
                {
                    "eligible": eligible,
                    "max_days": max_days,
                    "used_days": used,
                    "remaining_days": remaining_days,
                    "result": paid_days,
                    "capped": paid_days < eligible,
                },
            )
        )
        if used:
            bound = f"{max_days} {MINUS} {used}" if used <= max_days else f"max({max_days} {MINUS} {used}, 0)"
        else:
            bound = f"{max_days}"
        parts.append(f"min({eligible}, {bound}) = {paid_days}")
    subtotal = money(daily * paid_days, rounding)
    steps.append(Step("daily", {"days": paid_days, "daily": daily, "amount": subtotal}))
    parts.append(f"{paid_days} {TIMES} {fmt(daily, rounding)} = {fmt(subtotal, rounding)}")
    formula = "; ".join(parts)

    amount, cap_step, cap_formula = _cap(subtotal, limit_amount, used_amount, rounding)
    if cap_step:
        steps.append(cap_step)
    return Result(
        amount=amount,
        formula=formula + cap_formula,
        steps=tuple(steps),
        eligible_days=paid_days,
        waiting_taken=min(waiting, days),
    )


def per_head(classes, *, limit_amount=0, used_amount=0, rounding=CENT):
    """Sum over the classes of heads × amount per head, capped by the remaining limit.

    ``classes`` is an iterable of ``(label, heads, amount_per_head)``.
    """
    steps = []
    parts = []
    total = ZERO
    for label, heads, amount_per_head in classes:
        count = _non_negative("heads", heads)
        if count != count.to_integral_value():
            raise CalculationError("whole_heads", field="heads", value=count)
        price = money(_non_negative("amount_per_head", amount_per_head), rounding)
        subtotal = money(count * price, rounding)
        total += subtotal
        steps.append(
            Step("head_class", {"label": label or "", "heads": int(count), "per_head": price, "subtotal": subtotal})
        )
        parts.append(f"{int(count)} {TIMES} {fmt(price, rounding)}")
    steps.append(Step("heads_total", {"total": total}))
    formula = f"{' + '.join(parts) or '0'} = {fmt(total, rounding)}"
    amount, cap_step, cap_formula = _cap(total, limit_amount, used_amount, rounding)
    if cap_step:
        steps.append(cap_step)
    return Result(amount=amount, formula=formula + cap_formula, steps=tuple(steps))


def depreciated(
    *,
    basis="book",
    purchase_price=0,
    accumulated_depreciation=0,
    original_value=0,
    remaining_life=0,
    standard_life=0,
    assessed_loss=0,
    limit_amount=0,
    used_amount=0,
    rounding=CENT,
):
    """The value of a lost item, never negative, capped by the remaining limit.

    ``basis``: ``book`` (purchase price − accumulated depreciation), ``life``
    (original value × remaining life ÷ standard life, in years) or ``cash``
    (the actual loss, ``assessed_loss``).
    """
    if basis == "book":
        price = money(_non_negative("purchase_price", purchase_price), rounding)
        depreciation = money(_non_negative("accumulated_depreciation", accumulated_depreciation), rounding)
        value = money(max(price - depreciation, ZERO), rounding)
        steps = [Step("book_value", {"price": price, "depreciation": depreciation, "value": value})]
        difference = f"{fmt(price, rounding)} {MINUS} {fmt(depreciation, rounding)}"
        formula = f"max({difference}, 0)" if depreciation > price else difference
        formula += f" = {fmt(value, rounding)}"
    elif basis == "life":
        original = money(_non_negative("original_value", original_value), rounding)
        remaining = _non_negative("remaining_life", remaining_life)
        standard = _non_negative("standard_life", standard_life)
        if not standard:
            raise CalculationError("standard_life_zero", field="standard_life")
        if remaining > standard:
            raise CalculationError("remaining_life_above_standard", remaining=remaining, standard=standard)
        value = money(original * remaining / standard, rounding)
        steps = [
            Step(
                "life_value",
                {"original": original, "remaining_years": remaining, "standard_years": standard, "value": value},
            )
        ]
        formula = (
            f"{fmt(original, rounding)} {TIMES} {fmt_number(remaining)} {DIVIDE} {fmt_number(standard)} "
            f"= {fmt(value, rounding)}"
        )
    elif basis == "cash":
        value = money(_non_negative("assessed_loss", assessed_loss), rounding)
        steps = [Step("cash", {"loss": value})]
        formula = fmt(value, rounding)
    else:
        raise CalculationError("unknown_basis", basis=basis)
    amount, cap_step, cap_formula = _cap(value, limit_amount, used_amount, rounding)
    if cap_step:
        steps.append(cap_step)
    return Result(amount=amount, formula=formula + cap_formula, steps=tuple(steps))


METHODS = ("indemnity", "per_diem", "per_head", "depreciated")


def policy_year(policy_start, day):
    """``(first day, first day of the next)`` of the policy year of ``policy_start`` containing ``day``.

    Policy years run from the anniversaries of the start (29 February: 28 February
    in other years). Days before the start fall into the first policy year.
    """
    years = max(day.year - policy_start.year, 0)
    start = _anniversary(policy_start, years)
    if start > day and years:
        years -= 1
        start = _anniversary(policy_start, years)
    return start, _anniversary(policy_start, years + 1)


def _anniversary(start, years):
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)
