"""What an edit to a ladder changes for the people on it: ``pmladder diff OLD NEW``.

Pure functions over two :class:`~pmladder.index.Ladder` objects: no I/O, no
Typer, no Rich.  :func:`diff_catalogs` returns a :class:`Diff` that the views render
as tables, JSON or Markdown.

Roles are matched by id: a role whose id stays and whose title changes is
*renamed*; a new id is *added*, a missing one *removed*.  Moves are matched by
(from, to).  Moves to or from an added or removed role are listed with that
role, not again as moves.

Routes: for every pair of roles in both catalogues whose shortest route
(:func:`pmladder.routes.routes_from`, the search ``pmladder path`` uses) differs in
its roles or its typical time.  Only roles that can reach a role whose moves changed can have a
changed route, so only those are searched; the search stops after
:data:`ROUTE_WORK` steps of work, and the result then says how far it got.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .index import Ladder
from .models import Move, Role
from .routes import Tree, reachable, route_ids, routes_from, year_units

ROUTES_SHOWN = 20
"""Changed routes listed one by one; the rest are counted."""

ROUTE_WORK = 500_000
"""Moves followed while comparing routes before the comparison stops, to stay bounded."""


@dataclass(frozen=True, slots=True)
class RoleSummary:
    """A role added or removed, with the moves that went with it."""

    id: str
    title: str
    track: str
    level: int
    moves_out: tuple[str, ...]
    """Ids of the roles it moves to."""
    moves_in: tuple[str, ...]
    """Ids of the roles that move to it."""


@dataclass(frozen=True, slots=True)
class Renamed:
    id: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Relevelled:
    """A role that moved to another level or track."""

    id: str
    title: str
    level_before: int
    level_after: int
    level_name_before: str
    level_name_after: str
    track_before: str
    track_after: str


@dataclass(frozen=True, slots=True)
class ListChange:
    """Items added to and removed from one of a role's lists (aliases, responsibilities)."""

    id: str
    title: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MoveChange:
    """A move added, removed, retyped or given a new typical time."""

    source: str
    target: str
    change: str
    """``added``, ``removed``, ``retyped``, ``retimed`` or ``retyped and retimed``."""
    kind_before: str | None
    kind_after: str | None
    years_before: float | None
    years_after: float | None


@dataclass(frozen=True, slots=True)
class RatingChange:
    """A competency whose required step changed for one role."""

    role: str
    title: str
    competency: str
    name: str
    change: str
    """``rose``, ``fell``, ``added`` (newly rated) or ``removed`` (no longer rated)."""
    before: str | None
    after: str | None
    before_name: str | None
    after_name: str | None
    steps: int
    """Scale steps up (positive) or down (negative); from or to nothing counts as one
    step below the lowest."""


@dataclass(frozen=True, slots=True)
class FieldsChanged:
    """Other parts of a role's record that changed (summary, education...)."""

    id: str
    title: str
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RouteOutline:
    """A route as one of the two catalogues has it: its moves, time and roles."""

    steps: int
    typical_years: float
    years_known: bool
    roles: tuple[str, ...]
    """Role ids along the route, first to last."""


@dataclass(frozen=True, slots=True)
class RouteChange:
    source: str
    target: str
    before: RouteOutline | None
    """``None`` when there was no route."""
    after: RouteOutline | None
    """``None`` when there is no route any more."""


@dataclass(frozen=True, slots=True)
class Routes:
    changed: tuple[RouteChange, ...]
    """The first :data:`ROUTES_SHOWN` changed routes, by the new catalogue's role order."""
    total: int
    """How many changed routes were found (shown or not)."""
    complete: bool
    """Whether every role that could have a changed route was searched."""
    searched: int
    """Roles whose routes were compared."""
    affected: int
    """Roles that can reach a changed move, so could have a changed route."""


@dataclass(frozen=True, slots=True)
class Definition:
    """A scale step, track, level or competency added, removed or redefined."""

    what: str
    """``catalogue``, ``scale``, ``scale step``, ``track``, ``level`` or ``competency``."""
    id: str
    name: str
    change: str
    """``added``, ``removed`` or ``redefined``."""
    fields: tuple[str, ...] = ()
    """For ``redefined``: which fields changed."""


@dataclass(frozen=True, slots=True)
class Diff:
    old: str
    """How messages name the old catalogue: its file, or ``bundled catalogue``."""
    new: str
    old_name: str
    new_name: str
    old_file: str | None
    """The old catalogue's file, ``None`` for the bundled one."""
    new_file: str | None
    roles_added: tuple[RoleSummary, ...] = ()
    roles_removed: tuple[RoleSummary, ...] = ()
    renamed: tuple[Renamed, ...] = ()
    relevelled: tuple[Relevelled, ...] = ()
    aliases: tuple[ListChange, ...] = ()
    moves: tuple[MoveChange, ...] = ()
    ratings: tuple[RatingChange, ...] = ()
    responsibilities: tuple[ListChange, ...] = ()
    fields: tuple[FieldsChanged, ...] = ()
    definitions: tuple[Definition, ...] = ()
    routes: Routes = field(default_factory=lambda: Routes((), 0, True, 0, 0))

    @property
    def same(self) -> bool:
        """Whether nothing a person on the ladder would notice changed."""
        return not (
            self.roles_added or self.roles_removed or self.renamed or self.relevelled
            or self.aliases or self.moves or self.ratings or self.responsibilities
            or self.fields or self.definitions or self.routes.total
        )


# --------------------------------------------------------------------------


def _list_change(before: Sequence[str], after: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    had, has = set(before), set(after)
    return tuple(x for x in after if x not in had), tuple(x for x in before if x not in has)


def _summary(ladder: Ladder, role: Role) -> RoleSummary:
    return RoleSummary(
        id=role.id, title=role.title, track=role.track, level=role.level,
        moves_out=tuple(m.to for m in role.moves),
        moves_in=tuple(source for source, _ in ladder.incoming[role.id]),
    )


def _moves(old: Role, new: Role, gone: set[str], arrived: set[str]) -> Iterable[MoveChange]:
    before = {m.to: m for m in reversed(old.moves)}
    after = {m.to: m for m in reversed(new.moves)}
    for target, m in ((m.to, m) for m in new.moves):
        if target in arrived or after[target] is not m:
            continue
        was: Move | None = before.get(target)
        if was is None:
            yield MoveChange(new.id, target, "added", None, m.kind, None, m.typical_years)
            continue
        retyped, retimed = was.kind != m.kind, was.typical_years != m.typical_years
        if retyped or retimed:
            change = " and ".join(w for w, b in (("retyped", retyped), ("retimed", retimed)) if b)
            yield MoveChange(new.id, target, change, was.kind, m.kind, was.typical_years,
                             m.typical_years)
    for m in old.moves:
        if m.to not in after and m.to not in gone and before[m.to] is m:
            yield MoveChange(new.id, m.to, "removed", m.kind, None, m.typical_years, None)


def _ratings(old_ladder: Ladder, new_ladder: Ladder, old: Role, new: Role
             ) -> Iterable[RatingChange]:
    rank_before, rank_after = old_ladder.scale_rank, new_ladder.scale_rank
    order = new_ladder.competency_order
    ids = sorted(set(old.competencies) | set(new.competencies),
                 key=lambda c: (order.get(c, len(order)), c))
    for comp in ids:
        a, b = old.competencies.get(comp), new.competencies.get(comp)
        if a == b:
            continue
        ra = rank_before[a] if a is not None else -1
        rb = rank_after[b] if b is not None else -1
        if a is not None and b is not None and ra == rb:
            continue  # the same step under a new id is a scale change, reported there
        change = "added" if a is None else "removed" if b is None else \
            "rose" if rb > ra else "fell"
        name = new_ladder.competency_names.get(comp) or old_ladder.competency_names.get(comp, comp)
        yield RatingChange(
            role=new.id, title=new.title, competency=comp, name=name, change=change,
            before=a, after=b,
            before_name=None if a is None else old_ladder.scale_names[a],
            after_name=None if b is None else new_ladder.scale_names[b],
            steps=rb - ra,
        )


def _move_details(role: Role) -> dict[str, object]:
    """Each move's note and bases, by the role it leads to."""
    out: dict[str, object] = {}
    for m in role.moves:
        out.setdefault(m.to, (m.note, m.basis, m.typical_years_basis))
    return out


_ROLE_FIELDS = ("summary", "education", "experience", "experience_years", "frameworks",
                "notes", "sources", "experience_years_basis")


def _definitions(old: Ladder, new: Ladder) -> Iterable[Definition]:
    a, b = old.head, new.head
    changed = tuple(f for f in ("name", "description") if getattr(a, f) != getattr(b, f))
    if changed:
        yield Definition("catalogue", "", b.name, "redefined", changed)
    scale = tuple(f for f in ("name", "description") if getattr(a.scale, f) != getattr(b.scale, f))
    if scale:
        yield Definition("scale", "", b.scale.name, "redefined", scale)
    old_steps = [s.id for s in a.scale.levels]
    new_steps = [s.id for s in b.scale.levels]
    groups: list[tuple[str, Mapping[str, object], Mapping[str, object], tuple[str, ...]]] = [
        ("scale step", {s.id: s for s in a.scale.levels}, {s.id: s for s in b.scale.levels},
         ("name", "description")),
        ("track", {t.id: t for t in a.tracks}, {t.id: t for t in b.tracks},
         ("name", "description")),
        ("level", {str(lv.rank): lv for lv in a.levels}, {str(lv.rank): lv for lv in b.levels},
         ("name", "description")),
        ("competency", {c.id: c for c in a.competencies}, {c.id: c for c in b.competencies},
         ("name", "description", "criteria")),
    ]
    for what, before, after, names in groups:
        for key, item in after.items():
            if key not in before:
                yield Definition(what, key, str(getattr(item, "name", key)), "added")
                continue
            diffs = tuple(f for f in names if getattr(before[key], f) != getattr(item, f))
            if what == "scale step" and old_steps.index(key) != new_steps.index(key):
                diffs += ("position",)
            if diffs:
                yield Definition(what, key, str(getattr(item, "name", key)), "redefined", diffs)
        for key, item in before.items():
            if key not in after:
                yield Definition(what, key, str(getattr(item, "name", key)), "removed")


# --------------------------------------------------------------------------
# Routes


def _route_outline(ladder: Ladder, tree: Tree, target: str) -> RouteOutline:
    ids = route_ids(tree, target)
    total = 0.0
    known = True
    for here, there in itertools.pairwise(ids):
        # The move the search took: the first among the quickest to ``there``.
        moves = [m for m in ladder.roles[here].moves if m.to == there]
        move = min(moves, key=lambda m: m.typical_years or 0)
        if move.typical_years is None:
            known = False
        total += move.typical_years or 0
    return RouteOutline(steps=len(ids) - 1, typical_years=total, years_known=known, roles=ids)


def _routes(old: Ladder, new: Ladder, shared: Sequence[str], limit: int, work: int) -> Routes:
    shared_set = set(shared)
    changed_tails = [
        role_id for role_id in shared
        if old.edges.get(role_id) != new.edges.get(role_id)
    ]
    for role_id in old.order:
        if role_id not in shared_set:
            changed_tails.append(role_id)
    for role_id in new.order:
        if role_id not in shared_set:
            changed_tails.append(role_id)
    affected = reachable(old, *(r for r in changed_tails if r in old.edges), backwards=True)
    affected |= reachable(new, *(r for r in changed_tails if r in new.edges), backwards=True)
    sources = [r for r in shared if r in affected]
    _, units = year_units(
        years for ladder in (old, new) for moves in ladder.edges.values() for _, years in moves
    )
    budget = [work]
    shown: list[RouteChange] = []
    total = searched = 0
    for source in sources:
        if budget[0] <= 0:
            break
        before = routes_from(old.edges, source, budget, units)
        after = routes_from(new.edges, source, budget, units)
        searched += 1
        # A route is unchanged when its last move and everything before it are.
        same = {source: True}
        for role in after.order[1:]:
            up = after.parent[role]
            same[role] = (
                before.parent.get(role) == up
                and before.total[role] == after.total[role]
                and same[up]
            )
        for target in shared:
            if target == source or same.get(target):
                continue
            was, now = target in before.total, target in after.total
            if not was and not now:
                continue
            total += 1
            if len(shown) < limit:
                shown.append(RouteChange(
                    source, target,
                    _route_outline(old, before, target) if was else None,
                    _route_outline(new, after, target) if now else None,
                ))
    return Routes(tuple(shown), total, searched == len(sources), searched, len(sources))


# --------------------------------------------------------------------------


@dataclass(slots=True)
class _RoleChanges:
    """What changed in the roles both catalogues have, gathered role by role."""

    renamed: list[Renamed] = field(default_factory=list)
    relevelled: list[Relevelled] = field(default_factory=list)
    aliases: list[ListChange] = field(default_factory=list)
    moves: list[MoveChange] = field(default_factory=list)
    ratings: list[RatingChange] = field(default_factory=list)
    responsibilities: list[ListChange] = field(default_factory=list)
    fields: list[FieldsChanged] = field(default_factory=list)

    def add(self, old: Ladder, new: Ladder, a: Role, b: Role, gone: set[str],
            arrived: set[str]) -> None:
        """Record what changed from ``a`` (in ``old``) to ``b`` (in ``new``): one role."""
        if a.title != b.title:
            self.renamed.append(Renamed(b.id, a.title, b.title))
        if a.level != b.level or a.track != b.track:
            self.relevelled.append(Relevelled(
                b.id, b.title, a.level, b.level, old.level_names[a.level],
                new.level_names[b.level], a.track, b.track,
            ))
        added, removed = _list_change(a.aliases, b.aliases)
        if added or removed:
            self.aliases.append(ListChange(b.id, b.title, added, removed))
        self.moves.extend(_moves(a, b, gone, arrived))
        self.ratings.extend(_ratings(old, new, a, b))
        added, removed = _list_change(a.responsibilities, b.responsibilities)
        if added or removed:
            self.responsibilities.append(ListChange(b.id, b.title, added, removed))
        others = tuple(f for f in _ROLE_FIELDS if getattr(a, f) != getattr(b, f))
        details_a, details_b = _move_details(a), _move_details(b)
        if any(details_a[t] != details_b[t] for t in details_a.keys() & details_b.keys()):
            others += ("notes or bases of moves",)
        if others:
            self.fields.append(FieldsChanged(b.id, b.title, others))


def diff_catalogs(old: Ladder, new: Ladder, *, routes_shown: int = ROUTES_SHOWN,
                  route_work: int = ROUTE_WORK) -> Diff:
    """Everything that changed from ``old`` to ``new``, grouped by kind of change."""
    gone = {r for r in old.order if r not in new.roles}
    arrived = {r for r in new.order if r not in old.roles}
    shared = [r for r in new.order if r in old.roles]
    changes = _RoleChanges()
    for role_id in shared:
        # Two catalogues from the cache: compare the records before building roles.
        record = old.roles.record(role_id)
        if record is not None and record == new.roles.record(role_id):
            continue
        a, b = old.roles[role_id], new.roles[role_id]
        if a != b:
            changes.add(old, new, a, b, gone, arrived)
    return Diff(
        old=old.source.label,
        new=new.source.label,
        old_name=old.head.name,
        new_name=new.head.name,
        old_file=None if old.source.path is None else str(old.source.path),
        new_file=None if new.source.path is None else str(new.source.path),
        roles_added=tuple(_summary(new, new.roles[r]) for r in new.order if r in arrived),
        roles_removed=tuple(_summary(old, old.roles[r]) for r in old.order if r in gone),
        renamed=tuple(changes.renamed),
        relevelled=tuple(changes.relevelled),
        aliases=tuple(changes.aliases),
        moves=tuple(changes.moves),
        ratings=tuple(changes.ratings),
        responsibilities=tuple(changes.responsibilities),
        fields=tuple(changes.fields),
        definitions=tuple(_definitions(old, new)),
        routes=_routes(old, new, shared, routes_shown, route_work),
    )
