"""The grid every picture of the ladder shares, and what the pictures say about a move.

:func:`layout` places the roles on a grid: one column per track (catalogue
order), one row per level with the most senior level at the top, roles sharing
a cell side by side in catalogue order. The terminal drawing, the three picture
formats and ``pmladder ladder --json`` all read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...index import Ladder
from ...lookup import find_track
from ...models import MoveKind
from ..wording import ESTIMATE_MARK, estimated


@dataclass(frozen=True, slots=True)
class PlacedRole:
    """A role on the grid."""

    id: str
    title: str
    track: str
    level: int
    column: int
    """Index of its track's column, 0 = leftmost."""
    row: int
    """Index of its level's row, 0 = top (most senior)."""
    slot: int
    """Position among the roles sharing its cell, 0 = leftmost."""


@dataclass(frozen=True, slots=True)
class PlacedTrack:
    id: str
    name: str
    column: int
    width: int
    """How many roles its widest cell holds side by side."""


@dataclass(frozen=True, slots=True)
class PlacedLevel:
    rank: int
    name: str
    row: int


@dataclass(frozen=True, slots=True)
class Cell:
    track: str
    level: int
    roles: tuple[str, ...]
    """Ids of the roles in the cell, in catalogue order."""


@dataclass(frozen=True, slots=True)
class Edge:
    """A move between two placed roles."""

    source: str
    target: str
    kind: MoveKind
    typical_years: float | None
    shown: bool
    """Whether the target is on the picture too (false when a track filter hides it)."""
    estimate: bool = False
    """Whether the move or its typical time is the catalogue's estimate, not a source's."""


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    tracks: tuple[PlacedTrack, ...]
    levels: tuple[PlacedLevel, ...]
    """Rows, top (most senior) first."""
    cells: tuple[Cell, ...]
    roles: tuple[PlacedRole, ...]
    edges: tuple[Edge, ...]
    """Every move out of a placed role, in catalogue order."""


def layout(ladder: Ladder, track: str | None = None) -> Layout:
    """Place the roles of ``ladder`` (or of one ``track``, by id or name) on the grid.

    An unknown ``track`` is a usage error naming the tracks.
    """
    track = None if track is None else find_track(ladder, track)
    if track is None:
        roles = list(ladder.every_role())
    else:  # the index knows each role's track: build only this track's roles
        roles = [ladder.roles[r] for r in ladder.ids if ladder.places[r][0] == track]
    track_ids = [t.id for t in ladder.head.tracks if any(r.track == t.id for r in roles)]
    ranks = sorted({r.level for r in roles}, reverse=True)
    column = {t: i for i, t in enumerate(track_ids)}
    row = {rank: i for i, rank in enumerate(ranks)}
    cells: dict[tuple[str, int], list[str]] = {}
    for role in roles:
        cells.setdefault((role.track, role.level), []).append(role.id)
    slot = {rid: i for members in cells.values() for i, rid in enumerate(members)}
    placed = [
        PlacedRole(id=role.id, title=role.title, track=role.track, level=role.level,
                   column=column[role.track], row=row[role.level], slot=slot[role.id])
        for role in roles
    ]
    widest: dict[str, int] = {}
    for (t, _rank), members in cells.items():
        widest[t] = max(widest.get(t, 0), len(members))
    shown = {r.id for r in roles}
    edges = tuple(
        Edge(role.id, move.to, move.kind, move.typical_years, move.to in shown,
             estimated(move.basis) or estimated(move.typical_years_basis))
        for role in roles
        for move in role.moves
    )
    return Layout(
        name=ladder.head.name,
        tracks=tuple(
            PlacedTrack(id=t, name=ladder.track_names[t], column=column[t], width=widest[t])
            for t in track_ids
        ),
        levels=tuple(
            PlacedLevel(rank, ladder.level_names.get(rank, str(rank)), row[rank])
            for rank in ranks
        ),
        cells=tuple(
            Cell(t, rank, tuple(cells[(t, rank)]))
            for rank in ranks
            for t in track_ids
            if (t, rank) in cells
        ),
        roles=tuple(sorted(placed, key=lambda p: (p.row, p.column, p.slot))),
        edges=edges,
    )


def in_catalogue_order(ladder: Ladder, lay: Layout) -> list[PlacedRole]:
    """The placed roles in the order the catalogue lists them."""
    return sorted(lay.roles, key=lambda r: ladder.order[r.id])


def node_names(ladder: Ladder, lay: Layout) -> dict[str, str]:
    """Generated node names (``r0``, ``r1``... in catalogue order): ids never reach the syntax."""
    return {r.id: f"r{i}" for i, r in enumerate(in_catalogue_order(ladder, lay))}


def years(value: float | None, estimate: bool = False) -> str:
    """`` ~2y`` for a typical time, `` ~2y (estimate)`` when the move or its time is one."""
    mark = f" {ESTIMATE_MARK}" if estimate else ""
    return ("" if value is None else f" ~{value:g}y") + mark
