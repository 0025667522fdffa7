"""Who takes which turn of a rotation: pure Python, no ORM.

A rotation is an ordered list of members taking turns of ``turn_length``
applicable days each, ``headcount`` members at a time.  Members can change
from a date on (a new *version*); the order carries on from the member who
was next, so a change never reshuffles who is up.  A member unavailable for
a turn (on leave) is skipped and owed a turn: they take the next turn they
can, ahead of the normal order.  In ``balance`` mode the available members
with the fewest fairness points are chosen instead of strict order.
"""

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Version:
    date_from: object  # datetime.date
    members: tuple  # member ids in rotation order


@dataclass
class RotationState:
    """Where a rotation stands between two generations."""

    next_member: object = None  # id of the member next in order
    current: tuple = ()  # members of a turn still running
    remaining: int = 0  # applicable days left in that turn
    owed: list = field(default_factory=list)  # skipped members, first skipped first


@dataclass(frozen=True)
class Assignment:
    day: object
    member: object


@dataclass(frozen=True)
class Skip:
    day: object
    member: object


def _version_at(versions, day):
    dates = [version.date_from for version in versions]
    index = bisect.bisect_right(dates, day) - 1
    return versions[index] if index >= 0 else None


def _carry_over(state, old_members, new_members):
    """Map the state of a rotation onto a new member list."""
    if state.next_member not in new_members:
        successor = None
        if state.next_member in old_members:
            start = old_members.index(state.next_member)
            for offset in range(1, len(old_members) + 1):
                candidate = old_members[(start + offset) % len(old_members)]
                if candidate in new_members:
                    successor = candidate
                    break
        state.next_member = successor if successor is not None else (new_members[0] if new_members else None)
    if any(member not in new_members for member in state.current):
        state.current, state.remaining = (), 0
    state.owed = [member for member in state.owed if member in new_members]


def _order_from(members, first):
    if first not in members:
        return list(members)
    start = members.index(first)
    return list(members[start:]) + list(members[:start])


def rotate(
    days, versions, turn_length=1, headcount=1, is_unavailable=None, state=None, points=None, weight=None, balance=False
):
    """Assign members to ``days``.

    :param days: sorted dates the rotation applies on
    :param versions: ``Version`` list sorted by ``date_from``
    :param is_unavailable: ``f(member, day) -> bool``
    :param state: ``RotationState`` to continue from (it is updated)
    :param points: ``{member: points}`` carried over, updated as duties are given (balance mode)
    :param weight: ``f(day) -> points`` of one duty on that day (balance mode)
    :return: ``(assignments, skips, state)``
    """
    if turn_length < 1 or headcount < 1:
        raise ValueError("turn_length and headcount must be at least 1")
    is_unavailable = is_unavailable or (lambda member, day: False)
    points = points if points is not None else {}
    weight = weight or (lambda day: 1.0)
    state = state or RotationState()
    assignments, skips = [], []
    members, index = None, 0
    while index < len(days):
        day = days[index]
        version = _version_at(versions, day)
        if version is None or not version.members:
            index += 1
            continue
        if members is None:
            members = version.members
            if state.next_member not in members:
                _carry_over(state, (), members)
        elif version.members != members:
            _carry_over(state, members, version.members)
            members = version.members
        # the days of this turn: up to the turn's end or the next version
        next_versions = [v.date_from for v in versions if v.date_from > day]
        limit = min(next_versions) if next_versions else None
        length = state.remaining if state.current else turn_length
        turn_days = []
        while index < len(days) and len(turn_days) < length and (limit is None or days[index] < limit):
            turn_days.append(days[index])
            index += 1
        if state.current:
            team = [member for member in state.current if not any(is_unavailable(member, d) for d in turn_days)]
            for member in state.current:
                if member not in team:
                    skips.append(Skip(turn_days[0], member))
                    if member not in state.owed:
                        state.owed.append(member)
        else:
            team = _pick_team(members, turn_days, headcount, is_unavailable, state, points, weight, balance, skips)
        for d in turn_days:
            for member in team:
                assignments.append(Assignment(d, member))
                points[member] = points.get(member, 0.0) + weight(d)
        state.remaining = length - len(turn_days)
        state.current = tuple(team) if state.remaining else ()
    return assignments, skips, state


def _pick_team(members, turn_days, headcount, is_unavailable, state, points, weight, balance, skips):
    def available(member):
        return not any(is_unavailable(member, d) for d in turn_days)

    team = []
    # owed members first, in the order they were skipped
    for member in list(state.owed):
        if len(team) < headcount and member in members and available(member):
            team.append(member)
            state.owed.remove(member)
    in_order = _order_from(members, state.next_member)
    if balance:
        ranked = sorted(
            (member for member in in_order if member not in team),
            key=lambda member: (points.get(member, 0.0), in_order.index(member)),
        )
        for member in ranked:
            if len(team) >= headcount:
                break
            if available(member):
                team.append(member)
            elif member not in state.owed:
                skips.append(Skip(turn_days[0], member))
        last = max((in_order.index(member) for member in team), default=-1)
        state.next_member = in_order[(last + 1) % len(in_order)] if in_order else None
        return team
    position = 0
    while len(team) < headcount and position < len(in_order):
        member = in_order[position]
        position += 1
        if member in team:
            continue
        if available(member):
            team.append(member)
        else:
            skips.append(Skip(turn_days[0], member))
            if member not in state.owed:
                state.owed.append(member)
    state.next_member = in_order[position % len(in_order)] if in_order else None
    return team
