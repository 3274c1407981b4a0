"""Roles side by side: what differs between two or more roles.

Pure functions over a :class:`~pmladder.index.Ladder`: no I/O, no Typer, no Rich.
:func:`compare_roles` returns a :class:`RoleComparison` that the views render as a table
or as JSON.

What a comparison holds:

- each role's track, level, summary, education and experience;
- one row per competency that any of the roles rates, in catalogue order, with
  each role's rating (``None`` where the role does not rate it) and the roles
  that need the most of it (``highest``: empty when every role needs the same);
- the responsibilities and frameworks only one of the roles has, and those all
  of them share (compared after :func:`~pmladder.names.normalise`);
- the shortest route from each role to each other one (``None`` when no moves
  lead there), by the same rule as ``pmladder path``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .errors import UsageError
from .index import Ladder
from .models import Basis, MoveKind, Role
from .names import normalise
from .ratings import Rating, rating
from .routes import shortest_routes

MIN_ROLES = 2
"""A comparison needs at least this many roles."""

MAX_ROLES = 10
"""The most roles one comparison takes: more make no readable table, and the
routes between them grow with the square of their number."""


@dataclass(frozen=True, slots=True)
class ComparedRole:
    """One compared role's identity and the facts shown side by side."""

    id: str
    title: str
    track: str
    track_name: str
    level: int
    level_name: str
    summary: str
    education: str | None
    experience: str | None
    experience_years: float | None
    experience_years_basis: Basis | None
    """Where ``experience_years`` comes from, when the catalogue says."""
    rated: bool
    """Whether the role rates any competency; when not, what it asks is unknown."""


@dataclass(frozen=True, slots=True)
class CompetencyRow:
    """One competency across the compared roles."""

    competency: str
    """Competency id."""
    name: str
    """Competency name."""
    ratings: tuple[Rating | None, ...]
    """Each role's rating, in the order the roles were given; ``None`` = not rated."""
    highest: tuple[str, ...]
    """Ids of the roles that need the most of it; empty when all need the same."""

    @property
    def differs(self) -> bool:
        """Whether the roles need different proficiencies (or only some rate it)."""
        return bool(self.highest)


@dataclass(frozen=True, slots=True)
class Distinct:
    """Items (responsibilities or frameworks) that set one role apart."""

    role: str
    """Role id."""
    items: tuple[str, ...]
    """What this role has that none of the other compared roles has."""


@dataclass(frozen=True, slots=True)
class Hop:
    """One move of a route between compared roles."""

    source: str
    target: str
    kind: MoveKind
    typical_years: float | None
    basis: Basis | None = None
    typical_years_basis: Basis | None = None


@dataclass(frozen=True, slots=True)
class ComparedRoute:
    """The shortest route from one compared role to another, or none."""

    source: str
    target: str
    hops: tuple[Hop, ...] | None
    """The moves in order, or ``None`` when no sequence of moves leads there."""

    @property
    def found(self) -> bool:
        return self.hops is not None

    @property
    def typical_years(self) -> float | None:
        """Sum of the moves' typical years; ``None`` without a route or when a move states none."""
        if self.hops is None or any(h.typical_years is None for h in self.hops):
            return None
        return sum(h.typical_years or 0 for h in self.hops)


@dataclass(frozen=True, slots=True)
class RoleComparison:
    """Two or more roles side by side."""

    roles: tuple[ComparedRole, ...]
    competencies: tuple[CompetencyRow, ...]
    responsibilities_only: tuple[Distinct, ...]
    """Per role, in the order given: responsibilities no other compared role has."""
    responsibilities_shared: tuple[str, ...]
    """Responsibilities every compared role has (worded as the first role words them)."""
    frameworks_only: tuple[Distinct, ...]
    frameworks_shared: tuple[str, ...]
    routes: tuple[ComparedRoute, ...]
    """Every ordered pair of distinct roles, in the order the roles were given."""


def _distinct(lists: Sequence[Sequence[str]]) -> tuple[list[tuple[str, ...]], tuple[str, ...]]:
    """For each list, the items no other list has; and the items every list has."""
    keys = [{normalise(x) for x in items} for items in lists]
    only: list[tuple[str, ...]] = []
    for i, items in enumerate(lists):
        others: set[str] = set()
        for j, k in enumerate(keys):
            if j != i:
                others |= k
        only.append(tuple(x for x in items if normalise(x) not in others))
    common = set.intersection(*keys) if keys else set()
    seen: set[str] = set()
    shared: list[str] = []
    for x in lists[0] if lists else ():
        key = normalise(x)
        if key in common and key not in seen:
            seen.add(key)
            shared.append(x)
    return only, tuple(shared)


def _facts(ladder: Ladder, role: Role) -> ComparedRole:
    return ComparedRole(
        id=role.id,
        title=role.title,
        track=role.track,
        track_name=ladder.track_names.get(role.track, role.track),
        level=role.level,
        level_name=ladder.level_names.get(role.level, str(role.level)),
        summary=role.summary,
        education=role.education,
        experience=role.experience,
        experience_years=role.experience_years,
        experience_years_basis=role.experience_years_basis,
        rated=bool(role.competencies),
    )


def _competency_rows(ladder: Ladder, roles: Sequence[Role]) -> tuple[CompetencyRow, ...]:
    order = ladder.competency_order
    rated = {c for role in roles for c in role.competencies}
    rows = []
    for comp in sorted(rated, key=lambda c: (order.get(c, len(order)), c)):
        cells = tuple(
            rating(ladder, comp, role.competencies[comp]) if comp in role.competencies else None
            for role in roles
        )
        # A role that rates nothing is left out: its needs are unknown, not zero.
        ranks = [
            cell.rank if cell is not None else 0
            for cell, role in zip(cells, roles, strict=True)
            if role.competencies
        ]
        ids = [role.id for role in roles if role.competencies]
        top = max(ranks)
        highest = (
            ()
            if len(set(ranks)) == 1
            else tuple(i for i, r in zip(ids, ranks, strict=True) if r == top)
        )
        rows.append(
            CompetencyRow(
                competency=comp,
                name=ladder.competency_names.get(comp, comp),
                ratings=cells,
                highest=highest,
            )
        )
    return tuple(rows)


def _routes(ladder: Ladder, roles: Sequence[Role]) -> tuple[ComparedRoute, ...]:
    """The route from each role to each other one: one search per role, not per pair."""
    out: list[ComparedRoute] = []
    for a in roles:
        found = shortest_routes(ladder, a.id, [b.id for b in roles if b.id != a.id])
        out.extend(_route(ladder, a, b, found[b.id]) for b in roles if b.id != a.id)
    return tuple(out)


def _route(
    ladder: Ladder, source: Role, target: Role, found: list[tuple[str, int]] | None
) -> ComparedRoute:
    if found is None:
        return ComparedRoute(source.id, target.id, None)
    hops = []
    for role_id, index in found:
        move = ladder.roles[role_id].moves[index]
        hops.append(Hop(role_id, move.to, move.kind, move.typical_years, move.basis,
                        move.typical_years_basis))
    return ComparedRoute(source.id, target.id, tuple(hops))


def check_count(count: int) -> None:
    """Refuse more than :data:`MAX_ROLES` roles, before any work is done."""
    if count > MAX_ROLES:
        raise UsageError(
            f"compare takes at most {MAX_ROLES} roles, not {count:,}",
            hints=["compare a few at a time; 'pmladder list' shows every role"],
        )


def compare_roles(ladder: Ladder, roles: Sequence[Role]) -> RoleComparison:
    """Compare ``roles`` (two or more, all different) side by side.

    Raise :class:`UsageError` when fewer than two roles are given or one role
    is named twice (for example by its id and an alias).
    """
    if len(roles) < MIN_ROLES:
        raise UsageError(
            "compare needs at least two roles",
            hints=["for example: pmladder compare technical-pm growth-pm group-pm"],
        )
    check_count(len(roles))
    seen: set[str] = set()
    for role in roles:
        if role.id in seen:
            raise UsageError(
                f"{role.id!r} is named more than once; compare each role once",
                hints=["an id, an alias and a title of the same role count as the same role"],
            )
        seen.add(role.id)
    resp_only, resp_shared = _distinct([r.responsibilities for r in roles])
    fw_only, fw_shared = _distinct([r.frameworks for r in roles])
    return RoleComparison(
        roles=tuple(_facts(ladder, r) for r in roles),
        competencies=_competency_rows(ladder, roles),
        responsibilities_only=tuple(
            Distinct(r.id, items) for r, items in zip(roles, resp_only, strict=True)
        ),
        responsibilities_shared=resp_shared,
        frameworks_only=tuple(
            Distinct(r.id, items) for r, items in zip(roles, fw_only, strict=True)
        ),
        frameworks_shared=fw_shared,
        routes=_routes(ladder, roles),
    )
