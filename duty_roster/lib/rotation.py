"""Who takes which turn of a rotation: pure Python, no ORM.

A rotation is an ordered list of members taking turns of ``turn_length``
applicable days each, ``headcount`` members at a time.  Members can change
from a date on (a new *version*); the order carries on from the member who
was next (or, when that member left, from whoever followed them), so a change
never reshuffles who is up.

The rotation is decided one day at a time from its ``RotationState`` alone:

* a member unavailable (on leave) when their turn comes is skipped and owed
  a turn: they take the next turn they can, ahead of the normal order, and
  the normal order does not move for it;
* a member who becomes unavailable inside a running turn hands the remaining
  days of that turn to the next available member and is owed a turn;
* in ``balance`` mode the available members with the fewest fairness points
  are chosen instead of strict order (the points are part of the state).

Because a day depends only on the state before it, generating a span in
pieces, each piece starting from the state the previous one ended with,
gives exactly what one generation of the whole span gives.  ``rotate`` can
record the state before every day (``checkpoints``) so that a caller can
resume from any day later on.
"""

import bisect
import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Version:
    date_from: object  # datetime.date
    members: tuple  # member ids in rotation order


@dataclass(frozen=True)
class Owed:
    """A turn owed to ``member``, skipped on ``day``."""

    member: object
    day: object


@dataclass
class RotationState:
    """Where a rotation stands between two days."""

    members: tuple = ()  # the member order the state refers to
    next_member: object = None  # member next in order
    current: tuple = ()  # members of a turn still running
    remaining: int = 0  # applicable days left in that turn
    turn_day: int = 0  # days of that turn already done
    owed: list = field(default_factory=list)  # Owed, first skipped first
    points: dict = field(default_factory=dict)  # {member: points} given by this rotation (balance mode)
    last_day: object = None  # last day decided
    previous: tuple = ()  # members of the last turn that ended (balance mode avoids them next)

    def to_json(self):
        """A JSON-serialisable dict (dates as ISO strings)."""
        return {
            "members": list(self.members),
            "next": self.next_member,
            "current": list(self.current),
            "remaining": self.remaining,
            "turn_day": self.turn_day,
            "owed": [[owed.member, owed.day.isoformat()] for owed in self.owed],
            "points": [[member, round(points, 6)] for member, points in self.points.items()],
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "previous": list(self.previous),
        }

    @classmethod
    def from_json(cls, data):
        return cls(
            members=tuple(data["members"]),
            next_member=data["next"],
            current=tuple(data["current"]),
            remaining=data["remaining"],
            turn_day=data["turn_day"],
            owed=[Owed(member, datetime.date.fromisoformat(day)) for member, day in data["owed"]],
            points={member: points for member, points in data["points"]},
            last_day=datetime.date.fromisoformat(data["last_day"]) if data["last_day"] else None,
            previous=tuple(data.get("previous", ())),
        )


def state_before(checkpoints, day):
    """``(key, RotationState)`` of ``checkpoints`` ({ISO day: state json}) for the latest day
    ``key`` not after ``day``; ``(None, None)`` if there is none."""
    keys = sorted(checkpoints)
    index = bisect.bisect_right(keys, day.isoformat()) - 1
    if index < 0:
        return None, None
    key = keys[index]
    return datetime.date.fromisoformat(key), RotationState.from_json(checkpoints[key])


def merge_checkpoints(saved):
    """One ``{ISO day: state json}`` from ``[(first ISO day, checkpoints)]`` oldest first: a newer
    generation replaces the older ones from its first day on."""
    merged = {}
    for first, checkpoints in saved:
        merged = {key: value for key, value in merged.items() if key < first}
        merged.update(checkpoints)
    return merged


@dataclass(frozen=True)
class Assignment:
    day: object
    member: object
    turn_day: int = 1  # day of the turn (1 = first)


@dataclass(frozen=True)
class Skip:
    day: object
    member: object


def _version_at(versions, day):
    dates = [version.date_from for version in versions]
    index = bisect.bisect_right(dates, day) - 1
    return versions[index] if index >= 0 else None


def _successor(old_members, member, new_members):
    """Who is next in ``new_members`` when ``member``, next in ``old_members``, left.

    The first member after ``member`` in the old order (cyclic) who stays, unless newcomers
    stand just before them in the new order (``member`` was replaced in place): then the
    first of those newcomers.
    """
    if not new_members:
        return None
    if member in old_members:
        start = old_members.index(member)
        for offset in range(1, len(old_members) + 1):
            candidate = old_members[(start + offset) % len(old_members)]
            if candidate in new_members:
                index = new_members.index(candidate)
                for _step in range(len(new_members) - 1):
                    if new_members[(index - 1) % len(new_members)] in old_members:
                        break
                    index -= 1
                return new_members[index % len(new_members)]
    return new_members[0]


def _carry_over(state, new_members):
    """Map the state of a rotation onto a new member order."""
    if state.next_member not in new_members:
        state.next_member = _successor(state.members, state.next_member, new_members)
    if any(member not in new_members for member in state.current):
        state.current, state.remaining, state.turn_day = (), 0, 0
    state.owed = [owed for owed in state.owed if owed.member in new_members]
    # a newcomer starts level with the average of those who stay, not at 0 (balance mode)
    staying = [state.points[member] for member in new_members if member in state.members and member in state.points]
    if staying:
        for member in new_members:
            if member not in state.members and member not in state.points:
                state.points[member] = sum(staying) / len(staying)
    state.members = tuple(new_members)


def _order_from(members, first):
    if first not in members:
        return list(members)
    start = members.index(first)
    return list(members[start:]) + list(members[:start])


def _owe(state, member, day):
    if all(owed.member != member for owed in state.owed):
        state.owed.append(Owed(member, day))


def rotate(
    days,
    versions,
    turn_length=1,
    headcount=1,
    is_unavailable=None,
    state=None,
    points=None,
    weight=None,
    balance=False,
    checkpoints=None,
):
    """Assign members to ``days``.

    :param days: sorted dates the rotation applies on
    :param versions: ``Version`` list sorted by ``date_from``
    :param is_unavailable: ``f(member, day) -> bool``
    :param state: ``RotationState`` to continue from (it is updated)
    :param points: ``{member: points}`` to start from instead of the state's (updated as duties are given)
    :param weight: ``f(day) -> points`` of one duty on that day (balance mode)
    :param checkpoints: dict filled with ``{day: state before that day, as to_json()}``
    :return: ``(assignments, skips, state)``
    """
    if turn_length < 1 or headcount < 1:
        raise ValueError("turn_length and headcount must be at least 1")
    is_unavailable = is_unavailable or (lambda member, day: False)
    weight = weight or (lambda day: 1.0)
    state = state or RotationState()
    if points is not None:
        state.points = points
    assignments, skips = [], []
    for day in days:
        if checkpoints is not None:
            checkpoints[day] = state.to_json()
        state.last_day = day
        version = _version_at(versions, day)
        if version is None or not version.members:
            continue
        if tuple(version.members) != state.members:
            _carry_over(state, version.members)
        picker = _Picker(state, day, is_unavailable, balance, skips)
        if state.current:
            team = list(state.current)
            away = [member for member in team if is_unavailable(member, day)]
            if away:
                for member in away:
                    skips.append(Skip(day, member))
                    _owe(state, member, day)
                team = [member for member in team if member not in away]
            # seats left empty (by a leave, today or when the turn began) go to the next available members
            team += picker.pick(headcount - len(team), exclude=team + away)
        else:
            team = picker.pick(headcount)
            state.turn_day, state.remaining = 0, turn_length
        if not team:
            state.current, state.remaining, state.turn_day = (), 0, 0
            continue
        state.turn_day += 1
        for member in team:
            assignments.append(Assignment(day, member, state.turn_day))
            if balance:
                state.points[member] = state.points.get(member, 0.0) + weight(day)
        state.remaining -= 1
        if state.remaining:
            state.current = tuple(team)
        else:
            state.current, state.turn_day, state.previous = (), 0, tuple(team)
    return assignments, skips, state


class _Picker:
    """Chooses the members of a new turn (or of the rest of a turn) on one day."""

    def __init__(self, state, day, is_unavailable, balance, skips):
        self.state, self.day, self.balance, self.skips = state, day, balance, skips
        self.is_unavailable = is_unavailable

    def available(self, member):
        return not self.is_unavailable(member, self.day)

    def pick(self, count, exclude=()):
        state, team = self.state, []
        if count <= 0:
            return team
        in_order = _order_from(state.members, state.next_member)
        if self.balance:
            # fewest points first; those of the turn just ended last, so nobody works two turns in a row
            # while someone else can
            ranked = sorted(
                (member for member in in_order if member not in exclude),
                key=lambda member: (member in state.previous, state.points.get(member, 0.0), in_order.index(member)),
            )
            for member in ranked:
                if len(team) >= count:
                    break
                if self.available(member):
                    team.append(member)
                else:
                    self.skips.append(Skip(self.day, member))
            if team:
                last = max(in_order.index(member) for member in team)
                state.next_member = in_order[(last + 1) % len(in_order)]
            return team
        # owed members first, in the order they were skipped; the normal order does not move for them
        for owed in list(state.owed):
            if len(team) >= count:
                break
            if owed.member not in exclude and self.available(owed.member):
                team.append(owed.member)
                state.owed.remove(owed)
        position = 0
        while len(team) < count and position < len(in_order):
            member = in_order[position]
            position += 1
            if member in team or member in exclude:
                continue
            if self.available(member):
                team.append(member)
            else:
                self.skips.append(Skip(self.day, member))
                _owe(state, member, self.day)
        if in_order:
            state.next_member = in_order[position % len(in_order)]
        return team
