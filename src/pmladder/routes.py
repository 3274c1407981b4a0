"""Routes between roles: one search from a role to every role it reaches.

Pure functions over a ladder's moves (``Ladder.edges``): no role is built to
search.  ``pmladder path`` and ``compare`` take their routes from
:func:`routes_from`, and so does ``pmladder diff`` when it compares every
route of two catalogues; all break ties by :data:`TIE_BREAK_RULE`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .index import Ladder

Edges = Mapping[str, Sequence[tuple[str, float]]]
"""Each role's moves in order: (role id moved to, typical years; 0 when not given)."""

TIE_BREAK_RULE = (
    "fewest moves; among routes with as many moves, the lowest total typical years "
    "(a move without one counts as 0); then the route whose role ids, step by step, "
    "come first alphabetically"
)


def exact_years(years: float) -> int:
    """``years`` as a whole number of 10**-330 years: the decimal the file wrote, exactly.

    Sums of these never round, so 0.1 + 0.2 ties with 0.3 as it does on paper,
    and 0.01 years still tells two routes apart.
    """
    return int(Decimal(repr(years)).scaleb(330))


class ExactYears(dict[float, int]):
    """Typical years in :func:`exact_years` units, each worked out once when first used."""

    def __missing__(self, years: float) -> int:
        self[years] = exact = exact_years(years)
        return exact


def year_units(values: Iterable[float]) -> tuple[int, dict[float, int]]:
    """Typical years as exact whole numbers, for code that adds them up.

    Returns the number of decimal places used and each value in those units:
    the fewest places that write every value exactly as the file did, so sums
    compare as :func:`routes_from` compares them (``0.1 + 0.2`` ties with
    ``0.3``) while staying small enough for a browser's BigInt.
    """
    exact = {value: Decimal(repr(float(value))) for value in set(values)}
    places = max((max(0, -int(d.as_tuple().exponent)) for d in exact.values()), default=0)
    return places, {value: int(d.scaleb(places)) for value, d in exact.items()}


class Tree(NamedTuple):
    """The best route from one role to every role it reaches, as a tree."""

    total: dict[str, int]
    """Total typical years (in the search's exact units) to each role reached."""
    parent: dict[str, str]
    """The role before each one on its route (the start has none)."""
    order: list[str]
    """Roles reached, nearest first: a role always comes after its parent."""


def routes_from(
    edges: Edges,
    source: str,
    budget: list[int] | None = None,
    units: Mapping[float, int] | None = None,
    *,
    stop_at: str | None = None,
) -> Tree:
    """The best route from ``source`` to every role it reaches, by :data:`TIE_BREAK_RULE`.

    Fewest moves means breadth first, one layer of roles per move.  Within a
    layer a route's ids compare as its parent's rank in the layer before,
    then its own id, so one integer rank per role stands for its whole route
    and each role keeps only its predecessor: memory stays linear in the
    catalogue.  Typical years add up exactly in ``units`` (default: each
    value's :func:`exact_years`).  ``budget[0]``, when given, is decreased by
    the moves followed; with ``stop_at``, the search ends once that role's
    route is known.
    """
    units = ExactYears() if units is None else units
    total = {source: 0}
    parent: dict[str, str] = {}
    rank = {source: 0}
    order = [source]
    layer = [source]
    work = 0
    while layer and stop_at not in parent:
        found: dict[str, tuple[int, int, str]] = {}
        for here in layer:
            base, position = total[here], rank[here]
            moves = edges.get(here, ())
            work += len(moves)
            for there, years in moves:
                if there in total:
                    continue
                candidate = (base + units[years], position, here)
                known = found.get(there)
                if known is None or candidate[:2] < known[:2]:
                    found[there] = candidate
        layer = sorted(found, key=lambda role: (found[role][1], role))
        for position, role in enumerate(layer):
            total[role], _, parent[role] = found[role]
            rank[role] = position
        order.extend(layer)
    if budget is not None:
        budget[0] -= work
    return Tree(total, parent, order)


def route_ids(tree: Tree, target: str) -> tuple[str, ...]:
    """The role ids along the tree's route to ``target``, first to last."""
    out = [target]
    while out[-1] in tree.parent:
        out.append(tree.parent[out[-1]])
    return tuple(reversed(out))


def hops(edges: Edges, tree: Tree, target: str) -> list[tuple[str, int]] | None:
    """The tree's route to ``target`` as (role id, move index) pairs; ``None`` if unreached.

    Where a role has several moves to the next, the route takes the first of
    the quickest, as the search counted it.
    """
    if target not in tree.total:
        return None
    out = []
    for here, there in pairwise(route_ids(tree, target)):
        moves = edges[here]
        out.append((here, min((i for i, (to, _) in enumerate(moves) if to == there),
                              key=lambda i: moves[i][1])))
    return out


def shortest_route(ladder: Ladder, source: str, target: str) -> list[tuple[str, int]] | None:
    """The moves of the best route from ``source`` to ``target``, or ``None`` when
    no moves lead there."""
    if source == target:
        return []
    return hops(ladder.edges, routes_from(ladder.edges, source, stop_at=target), target)


def shortest_routes(
    ladder: Ladder, source: str, targets: Iterable[str]
) -> dict[str, list[tuple[str, int]] | None]:
    """:func:`shortest_route` from ``source`` to each of ``targets``, with one search."""
    tree = routes_from(ladder.edges, source)
    return {t: ([] if t == source else hops(ladder.edges, tree, t)) for t in targets}


def reachable(ladder: Ladder, *sources: str, backwards: bool = False) -> set[str]:
    """Every role reachable from any of ``sources`` by moves (including themselves).

    With ``backwards``, every role from which one of ``sources`` can be reached.
    """
    links: Mapping[str, Sequence[tuple[str, object]]] = (
        ladder.incoming if backwards else ladder.edges
    )
    seen = set(sources)
    stack = list(seen)
    while stack:
        for other, _ in links.get(stack.pop(), ()):
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return seen
