"""The ladder at a glance: tracks, levels, roles and the moves from each.

Pure functions over a :class:`~pmladder.catalog.Ladder`: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from typing import NamedTuple

from .catalog import Ladder
from .errors import UsageError
from .lookup import close_words
from .models import Basis, MoveKind, Role


def level_label(rank: int, name: str) -> str:
    """``2 Mid-level``; a name that already carries its number (``Level 3``,
    ``Level 1 / Grade 7``) is shown alone, so the number is not said twice."""
    return name if str(rank) in name.replace("/", " ").split() else f"{rank} {name}"


class MoveView(NamedTuple):
    """A move seen from one end: the other role and how the move is made."""

    #: Id of the role at the other end.
    role: str
    title: str
    kind: MoveKind
    typical_years: float | None
    note: str | None
    #: Where the move itself comes from; ``None`` when the catalogue does not say.
    basis: Basis | None = None
    #: Where the typical years come from; ``None`` when the catalogue does not say.
    typical_years_basis: Basis | None = None


class RoleEntry(NamedTuple):
    """A role's line in the ladder overview."""

    id: str
    title: str
    level: int
    level_name: str
    leads_to: tuple[MoveView, ...]


class TrackEntry(NamedTuple):
    """One track of the ladder with its roles, most junior first."""

    id: str
    name: str
    description: str | None
    roles: tuple[RoleEntry, ...]


def moves_from(ladder: Ladder, role: Role) -> tuple[MoveView, ...]:
    return tuple(
        MoveView(m.to, ladder.titles[m.to], m.kind, m.typical_years, m.note,
                 m.basis, m.typical_years_basis)
        for m in role.moves
    )


def moves_into(ladder: Ladder, role: Role) -> tuple[MoveView, ...]:
    out = []
    for source_id, index in sorted(ladder.incoming[role.id], key=lambda p: ladder.order[p[0]]):
        move = ladder.roles[source_id].moves[index]
        out.append(
            MoveView(
                source_id, ladder.titles[source_id], move.kind, move.typical_years,
                move.note, move.basis, move.typical_years_basis,
            )
        )
    return tuple(out)


def overview(ladder: Ladder, track: str | None = None) -> tuple[TrackEntry, ...]:
    """The ladder by track (catalogue order) and level (junior first)."""
    if track is not None and track not in ladder.track_names:
        close = close_words(track, list(ladder.track_names))
        hint = [f"did you mean: {', '.join(close)}?"] if close else []
        hint.append("tracks: " + ", ".join(ladder.track_names))
        raise UsageError(f"no track named {track!r}", hints=hint)
    by_track: dict[str, list[str]] = {t.id: [] for t in ladder.head.tracks}
    for role_id in ladder.ids:  # only the roles shown are built
        by_track[ladder.places[role_id][0]].append(role_id)
    out = []
    for t in ladder.head.tracks:
        if track is not None and t.id != track:
            continue
        ids = sorted(by_track[t.id], key=lambda r: (ladder.places[r][1], ladder.order[r]))
        roles = [ladder.roles[role_id] for role_id in ids]
        out.append(
            TrackEntry(
                id=t.id,
                name=t.name,
                description=t.description,
                roles=tuple(
                    RoleEntry(
                        r.id, r.title, r.level, ladder.level_names[r.level],
                        moves_from(ladder, r),
                    )
                    for r in roles
                ),
            )
        )
    return tuple(out)
