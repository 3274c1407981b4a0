"""Warnings about a valid catalogue whose figures or ratings contradict each other along a move.

Along a promotion or a management move up a level, the next role's
experience should be this role's plus the move's typical time, to within
less than a year; along any other move it should be no more than that (a
sideways move may leave the person with more than the next role asks).  A
promotion or management move should not lower or drop a rating unless the
move lists it in ``asks_less``, with a note saying why.  Linear in the size
of the catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..locate import Loc
from ..models import Catalog, Move, Role
from .problems import Findings

FALLS_MATTER: frozenset[str] = frozenset({"promotion", "management"})
"""Move kinds that go up: experience should add up along them, and they should not
lower or drop a rating without saying so."""

YEARS_TOLERANCE = 1.0
"""Experience figures must come within less than this of what a move's typical time implies."""


def warn_contradictions(catalog: Catalog, found: Findings) -> None:
    """Every move whose experience figures or ratings contradict its two roles."""
    roles = {r.id: r for r in catalog.roles}
    rank = {s.id: i for i, s in enumerate(catalog.scale.levels)}
    names = {s.id: s.name for s in catalog.scale.levels}
    for i, role in enumerate(catalog.roles):
        for j, move in enumerate(role.moves):
            loc: Loc = ("roles", i, "moves", j)
            target = roles[move.to]
            _warn_years(role, move, target, loc, found)
            _warn_asks_less(role, move, target, rank, loc, found)
            if move.kind in FALLS_MATTER and target.competencies:
                _warn_falling_ratings(role, move, target, rank, names, loc, found)


def _years(value: float) -> str:
    return f"{value:g} year{'' if value == 1 else 's'}"


def _warn_years(role: Role, move: Move, target: Role, loc: Loc, found: Findings) -> None:
    if (move.typical_years is None or role.experience_years is None
            or target.experience_years is None):
        return
    brings = role.experience_years + move.typical_years
    if move.kind in FALLS_MATTER and target.level > role.level:
        if abs(target.experience_years - brings) >= YEARS_TOLERANCE:
            found.warn((*loc, "typical_years"),
                       f"{role.id} asks {_years(role.experience_years)} of experience and "
                       f"this move comes after {_years(move.typical_years)} more, so "
                       f"{move.to} should ask about {_years(brings)}, but it asks "
                       f"{_years(target.experience_years)}; change one of the three figures",
                       role.id)
    elif target.experience_years - brings >= YEARS_TOLERANCE:
        # A sideways move need not add up (the person may bring more than the
        # next role asks), but it cannot ask more than the person brings.
        found.warn((*loc, "typical_years"),
                   f"{role.id} asks {_years(role.experience_years)} of experience and "
                   f"this {move.kind} move comes after {_years(move.typical_years)} more, "
                   f"so someone making it has about {_years(brings)}, but {move.to} asks "
                   f"{_years(target.experience_years)}; change one of the three figures",
                   role.id)


def _warn_asks_less(role: Role, move: Move, target: Role, rank: Mapping[str, int], loc: Loc,
                    found: Findings) -> None:
    for comp in move.asks_less:
        level = role.competencies.get(comp)
        after = target.competencies.get(comp)
        lower = after is None or rank.get(after, 0) < rank.get(level or "", 0)
        if level is None or not lower:
            found.warn((*loc, "asks_less"),
                       f"asks_less lists {comp!r}, but {move.to} does not ask less of it "
                       f"than {role.id}; remove it from asks_less", role.id)
    if move.asks_less and not move.note:
        found.warn((*loc, "asks_less"),
                   "asks_less needs a note on the move saying why the next role asks less",
                   role.id)


def _warn_falling_ratings(role: Role, move: Move, target: Role, rank: Mapping[str, int],
                          names: Mapping[str, str], loc: Loc, found: Findings) -> None:
    meant = set(move.asks_less)
    for comp, level in role.competencies.items():
        if comp in meant:
            continue
        after = target.competencies.get(comp)
        if after is None:
            found.warn((*loc, "to"),
                       f"{move.to} does not rate {comp!r}, which {role.id} rates "
                       f"{names.get(level, level)}; rate it in {move.to}, or list it in "
                       "this move's asks_less and say why in its note", role.id)
        elif rank.get(after, 0) < rank.get(level, 0):
            found.warn((*loc, "to"),
                       f"{move.kind} to {move.to} lowers {comp!r} from "
                       f"{names.get(level, level)} to {names.get(after, after)}; raise it in "
                       f"{move.to}, or list it in this move's asks_less and say why in its "
                       "note", role.id)
