"""A role's ratings: each competency it rates, at which step of the scale,
with what that step asks.

Apart from :mod:`pmladder.gaps` because ``show`` needs only this: a cached
``show`` then never builds the route and gap types.
"""

from __future__ import annotations

from typing import NamedTuple

from .index import Ladder
from .models import Criterion, Role


class Rating(NamedTuple):
    """A competency at a proficiency."""

    #: Competency id.
    competency: str
    #: Competency name.
    name: str
    #: Scale level id.
    level: str
    #: Scale level name.
    level_name: str
    #: Position of the level on the scale, 1 = lowest.
    rank: int
    #: What this level asks in this competency, when the catalogue says.
    criterion: Criterion | None = None


def rating(ladder: Ladder, competency: str, level: str) -> Rating:
    """``competency`` at the scale level ``level``, named as the catalogue names them."""
    return Rating(
        competency=competency,
        name=ladder.competency_names.get(competency, competency),
        level=level,
        level_name=ladder.scale_names.get(level, level),
        rank=ladder.scale_rank.get(level, -1) + 1,
        criterion=ladder.criterion(competency, level),
    )


def ratings(ladder: Ladder, role: Role) -> list[Rating]:
    """A role's ratings in the catalogue's competency order."""
    order = ladder.competency_order
    items = sorted(role.competencies.items(), key=lambda kv: order.get(kv[0], len(order)))
    return [rating(ladder, comp, level) for comp, level in items]
