"""``pmladder list``: each track's roles by level, and where each leads."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..index import Ladder
from ..names import normalise
from ..overview import TrackEntry, level_label
from .blocks import (
    Fitted,
    arrow,
    estimate_note,
    grid,
    move_detail,
    moves_legend,
    moves_to,
    source_line,
)
from .terminal import text
from .wording import estimated


def render_list(ladder: Ladder, tracks: Sequence[TrackEntry]) -> Iterator[RenderableType]:
    line = source_line(ladder)
    if line is not None:
        yield line
    estimates = any(
        estimated(m.basis) or estimated(m.typical_years_basis)
        for t in tracks for r in t.roles for m in r.leads_to
    )
    for i, track in enumerate(tracks):
        if i:
            yield Text()
        heading = text(track.name, "bold")
        if normalise(track.id) != normalise(track.name):
            # The id to type after --track, unless the name already is it.
            heading.append_text(Text.assemble(" (", text(track.id, "cyan"), ")"))
        yield heading
        if track.description:
            yield text(track.description, "dim")
        yield Fitted(_list_table(track), partial(_list_stacked, track), {
            0: max((len(level_label(r.level, r.level_name)) for r in track.roles), default=0),
            1: max((max(len(r.title), len(r.id)) for r in track.roles), default=0),
            2: max((len(f"→ {m.role}") for r in track.roles for m in r.leads_to), default=0),
        })
    if any(r.leads_to for t in tracks for r in t.roles):
        yield moves_legend()
    if estimates:
        yield estimate_note()


def _list_table(track: TrackEntry) -> Table:
    levels = [text(level_label(r.level, r.level_name)) for r in track.roles]
    table = Table(box=box.SIMPLE_HEAD, expand=False)
    # Titles and ids never wrap; below the width that holds them and the
    # longest "→ id kind", Fitted shows the stacked form instead.
    table.add_column("Level", no_wrap=True)
    table.add_column("Role (id)", no_wrap=True)
    table.add_column("Leads to")
    for role, level in zip(track.roles, levels, strict=True):
        table.add_row(
            level,
            Text.assemble(text(role.title), "\n", text(role.id, "cyan")),
            moves_to(role.leads_to, "\n") if role.leads_to else Text("-", style="dim"),
        )
    return table


def _list_stacked(track: TrackEntry) -> Group:
    """One entry per role: its title, then id and level, then where it leads."""
    parts: list[RenderableType] = []
    for role in track.roles:
        parts.append(Text())
        parts.append(text(role.title, "bold"))
        parts.append(Text.assemble(text(role.id, "cyan"), ", level ",
                                   text(level_label(role.level, role.level_name), "dim")))
        if role.leads_to:
            leads = grid()
            for m in role.leads_to:
                # The arrow in a column of its own, so a wrapped line hangs under the role.
                leads.add_row(Text.assemble("  ", arrow(m.kind)),
                              Text.assemble(text(m.role, "cyan"), (f" {move_detail(m)}", "dim")))
            parts.append(leads)
    return Group(*parts)
