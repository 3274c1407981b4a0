"""The gap between two roles, and a route with the gap at each step.

Pure functions over a :class:`~pmladder.index.Ladder`: no I/O, no Typer, no Rich.
Results are named tuples that the views render as tables or JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from .errors import NotFoundError
from .index import Ladder
from .models import Basis, Criterion, Move, MoveKind, Role
from .names import normalise
from .ratings import ratings
from .routes import reachable, shortest_route


class Change(NamedTuple):
    """A competency whose required proficiency differs between two roles."""

    #: Competency id.
    competency: str
    #: Competency name.
    name: str
    #: Scale level id required before, or ``None`` when the competency is new.
    before: str | None
    #: Scale level name required before.
    before_name: str | None
    #: Scale level id required after.
    after: str
    #: Scale level name required after.
    after_name: str
    #: How many scale steps it rises (from nothing counts as from below the lowest step).
    steps: int
    #: What the level it rises to asks in this competency, when the catalogue says.
    criterion: Criterion | None = None
    #: Id of the earlier role on the route whose rating ``before`` is, when the role
    #: moved from does not rate the competency; ``None`` when it is that role's own.
    via: str | None = None


class Fall(NamedTuple):
    """A competency the next role asks less of, or does not rate at all."""

    #: Competency id.
    competency: str
    #: Competency name.
    name: str
    #: Scale level id required before.
    before: str
    #: Scale level name required before.
    before_name: str
    #: Scale level id required after, or ``None`` when the next role does not rate it.
    after: str | None
    #: Scale level name required after.
    after_name: str | None
    #: Whether the move lists it in ``asks_less``: the catalogue means it and says why.
    expected: bool = False
    #: In a self-assessment's route: the earlier role on the route whose requirement
    #: ``before`` is, when that is above the person's own rating; else ``None``.
    via: str | None = None


class FieldChange(NamedTuple):
    """A text field (education, experience) that differs between two roles."""

    before: str | None
    after: str | None


class Gap(NamedTuple):
    """What moving from one role to another asks of a person."""

    #: Competencies both roles rate, where the second needs more.
    rising: tuple[Change, ...]
    #: Competencies only the second role rates (and no earlier role on the route).
    new: tuple[Change, ...]
    #: Competencies both roles rate, where the second needs less.
    falling: tuple[Fall, ...]
    #: Competencies the first role rates and the second does not.
    unrated: tuple[Fall, ...]
    #: Whether the second role rates any competency at all; when not, nothing is known
    #: about what it asks, which is not the same as asking nothing.
    rated: bool
    #: Responsibilities the second role has that the first does not.
    responsibilities_added: tuple[str, ...]
    #: Frameworks the second role uses that the first does not.
    frameworks_added: tuple[str, ...]
    #: The education expected, when it changes.
    education: FieldChange | None
    #: The experience expected, when it changes.
    experience: FieldChange | None
    #: Typical minimum years of experience before and after, when they change.
    experience_years: tuple[float | None, float | None] | None
    #: Where the second role's experience figure comes from, when it is given.
    experience_years_basis: Basis | None
    #: Where the first role's experience figure comes from, when it is given.
    experience_years_before_basis: Basis | None
    #: In a self-assessment's route: competencies the next role asks that the
    #: person already meets (``before`` is the person's own step). Empty in ``path``.
    met: tuple[Change, ...] = ()


class Step(NamedTuple):
    """One move of a route, with its gap."""

    number: int
    #: Id of the role moved from.
    source: str
    source_title: str
    #: Id of the role moved to.
    target: str
    target_title: str
    kind: MoveKind
    #: Typical years in the first role before the move; ``None`` when unknown.
    typical_years: float | None
    note: str | None
    gap: Gap
    #: Where the move itself comes from; ``None`` when the catalogue does not say.
    basis: Basis | None
    #: Where the typical years come from; ``None`` when the catalogue does not say.
    typical_years_basis: Basis | None


class Route(NamedTuple):
    """A shortest route between two roles and everything it asks for."""

    source: str
    source_title: str
    target: str
    target_title: str
    steps: tuple[Step, ...]
    #: Sum of the steps' typical years; ``None`` when any step states none (unknown).
    typical_years: float | None
    #: Whether every step states its typical years.
    years_known: bool
    #: Sum of the typical years of the steps that do state one.
    typical_years_stated: float
    #: Whether any step's typical time is the catalogue's estimate.
    years_estimated: bool
    #: Each competency's rise from the first role to the last (rises and new ones).
    overall: tuple[Change, ...]
    #: Every framework the route adds, each once, in the order the steps first need them.
    frameworks_gained: tuple[str, ...] = ()
    #: The education expected, when it differs between the first role and the last.
    education: FieldChange | None = None
    #: The experience expected, when it differs between the first role and the last.
    experience: FieldChange | None = None
    #: Typical minimum years of experience of the first role and the last, when they
    #: differ or the experience itself does.
    experience_years: tuple[float | None, float | None] | None = None
    #: Where the last role's experience figure comes from, when it is given.
    experience_years_basis: Basis | None = None
    #: Where the first role's experience figure comes from, when it is given.
    experience_years_before_basis: Basis | None = None
    #: The first role's experience figure plus the route's typical years: what someone
    #: taking the route brings to the last role; ``None`` when either is unknown. It
    #: exceeds the last role's figure when the route goes sideways.
    experience_years_on_arrival: float | None = None
    #: Whether the last role rates any competency; when not, what the route asks
    #: overall is unknown and ``overall`` says nothing about it.
    target_rated: bool = True


Carried = Mapping[str, tuple[str, str]]
"""Ratings earlier roles on a route gave: competency id -> (scale level id, role id)."""


def competency_changes(
    ladder: Ladder, before: Role, after: Role, carried: Carried | None = None
) -> tuple[tuple[Change, ...], tuple[Change, ...]]:
    """(rising, new) competencies from ``before`` to ``after``, in competency order.

    A competency ``before`` does not rate but an earlier role on the route did
    (``carried``) is measured from that earlier rating, not counted as new.
    """
    rank = ladder.scale_rank
    rising: list[Change] = []
    new: list[Change] = []
    for r in ratings(ladder, after):
        old = before.competencies.get(r.competency)
        via = None
        if old is None and carried and r.competency in carried:
            old, via = carried[r.competency]
        if old is None:
            new.append(
                Change(r.competency, r.name, None, None, r.level, r.level_name, r.rank,
                       r.criterion)
            )
        elif rank[r.level] > rank[old]:
            rising.append(
                Change(
                    r.competency,
                    r.name,
                    old,
                    ladder.scale_names[old],
                    r.level,
                    r.level_name,
                    rank[r.level] - rank[old],
                    r.criterion,
                    via,
                )
            )
    return tuple(rising), tuple(new)


def competency_falls(
    ladder: Ladder, before: Role, after: Role, expected: Iterable[str] = ()
) -> tuple[tuple[Fall, ...], tuple[Fall, ...]]:
    """(falling, unrated): what ``after`` asks less of, or stops rating, in competency order.

    Nothing is reported as unrated when ``after`` rates no competency at all:
    then its ratings are unknown, not absent.
    """
    rank = ladder.scale_rank
    meant = set(expected)
    falling: list[Fall] = []
    unrated: list[Fall] = []
    for r in ratings(ladder, before):
        new = after.competencies.get(r.competency)
        if new is None:
            if after.competencies:
                unrated.append(Fall(r.competency, r.name, r.level, r.level_name, None, None,
                                    r.competency in meant))
        elif rank[new] < rank[r.level]:
            falling.append(Fall(r.competency, r.name, r.level, r.level_name, new,
                                ladder.scale_names[new], r.competency in meant))
    return tuple(falling), tuple(unrated)


def _added(before: Iterable[str], after: Iterable[str]) -> tuple[str, ...]:
    had = {normalise(x) for x in before}
    return tuple(x for x in after if normalise(x) not in had)


def gap(
    ladder: Ladder,
    before: Role,
    after: Role,
    carried: Carried | None = None,
    expected: Iterable[str] = (),
) -> Gap:
    """Everything that changes from ``before`` to ``after``.

    ``carried`` holds the ratings of earlier roles on a route (see
    :func:`competency_changes`); ``expected`` the competencies the move
    deliberately asks less of.
    """
    rising, new = competency_changes(ladder, before, after, carried)
    falling, unrated = competency_falls(ladder, before, after, expected)
    years = None
    # The figures are shown whenever the experience changes, even when they are
    # equal: a changed description with its years dropped reads as "no figure".
    if before.experience_years != after.experience_years or (
        before.experience != after.experience
        and (before.experience_years is not None or after.experience_years is not None)
    ):
        years = (before.experience_years, after.experience_years)
    return Gap(
        rising=rising,
        new=new,
        falling=falling,
        unrated=unrated,
        rated=bool(after.competencies),
        responsibilities_added=_added(before.responsibilities, after.responsibilities),
        frameworks_added=_added(before.frameworks, after.frameworks),
        education=(
            FieldChange(before.education, after.education)
            if before.education != after.education
            else None
        ),
        experience=(
            FieldChange(before.experience, after.experience)
            if before.experience != after.experience
            else None
        ),
        experience_years=years,
        experience_years_basis=after.experience_years_basis if years is not None else None,
        experience_years_before_basis=(
            before.experience_years_basis if years is not None else None
        ),
    )


def route(ladder: Ladder, source: Role, target: Role) -> Route:
    """The shortest route from ``source`` to ``target`` with the gap at every step.

    Raise :class:`NotFoundError` when no sequence of moves connects them,
    suggesting the reverse route when there is one.
    """
    found = shortest_route(ladder, source.id, target.id)
    if found is None:
        raise _no_route(ladder, source, target)
    steps, gained = _steps(ladder, source, found)
    whole = gap(ladder, source, target)
    known = all(s.typical_years is not None for s in steps)
    stated = sum(s.typical_years or 0 for s in steps)
    rising, new = competency_changes(ladder, source, target)
    overall = tuple(
        sorted(rising + new, key=lambda c: ladder.competency_order.get(c.competency, 0))
    )
    return Route(
        source=source.id,
        source_title=source.title,
        target=target.id,
        target_title=target.title,
        steps=tuple(steps),
        typical_years=stated if known else None,
        years_known=known,
        typical_years_stated=stated,
        years_estimated=any(
            s.typical_years is not None
            and s.typical_years_basis is not None
            and s.typical_years_basis.is_estimate
            for s in steps
        ),
        overall=overall,
        frameworks_gained=tuple(gained),
        education=whole.education,
        experience=whole.experience,
        experience_years=whole.experience_years,
        experience_years_basis=whole.experience_years_basis,
        experience_years_before_basis=whole.experience_years_before_basis,
        target_rated=whole.rated,
        experience_years_on_arrival=(
            source.experience_years + stated
            if known and source.experience_years is not None else None
        ),
    )


def _no_route(ladder: Ladder, source: Role, target: Role) -> NotFoundError:
    hints = []
    if shortest_route(ladder, target.id, source.id) is not None:
        hints.append(f"the reverse route exists: pmladder path {target.id} {source.id}")
    if not reachable(ladder, source.id) - {source.id}:
        hints.append(f"{source.id} has no moves onward in this catalogue")
    return NotFoundError(
        f"no route from {source.id} to {target.id}: no sequence of moves in the "
        "catalogue leads there",
        hints=hints,
    )


def _steps(
    ladder: Ladder, source: Role, hops: Iterable[tuple[str, int]]
) -> tuple[list[Step], list[str]]:
    """Each move of a route with its gap, and the frameworks the route adds, in order."""
    steps: list[Step] = []
    carried: dict[str, tuple[str, str]] = {}
    # A framework is named once, at the first step that needs it: a role further
    # on that uses it again adds nothing new for the person.
    seen = {normalise(f) for f in source.frameworks}
    gained: list[str] = []
    for number, (role_id, index) in enumerate(hops, start=1):
        here = ladder.roles[role_id]
        move: Move = here.moves[index]
        there = ladder.roles[move.to]
        for comp, level in here.competencies.items():
            carried[comp] = (level, here.id)
        step_gap = gap(ladder, here, there, carried, move.asks_less)
        added = tuple(f for f in step_gap.frameworks_added if normalise(f) not in seen)
        seen.update(normalise(f) for f in there.frameworks)
        gained.extend(added)
        steps.append(
            Step(
                number=number,
                source=here.id,
                source_title=here.title,
                target=there.id,
                target_title=there.title,
                kind=move.kind,
                typical_years=move.typical_years,
                note=move.note,
                gap=step_gap._replace(frameworks_added=added),
                basis=move.basis,
                typical_years_basis=move.typical_years_basis,
            )
        )
    return steps, gained
