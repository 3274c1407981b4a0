"""``pmladder show``: one role in full, or its head with ``--brief``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..index import Ladder
from ..models import Role
from ..overview import MoveView, level_label, moves_from, moves_into
from ..ratings import Rating, ratings
from .blocks import (
    CRITERION_WIDTH,
    NARROW,
    Fitted,
    Grid,
    Heading,
    Moves,
    arrow,
    bulleted,
    bullets,
    estimate_note,
    experience,
    grid,
    heading,
    move_detail,
    moves_legend,
    moves_to,
    notation,
    source_line,
    with_criterion,
)
from .drawn import Drawn
from .terminal import text
from .wording import (
    UNRATED,
    basis_text,
    estimated,
    meter,
    typical_time,
    years,
)


def render_role(ladder: Ladder, role: Role, *, brief: bool = False) -> Iterator[RenderableType]:
    """One role: first its level, track and where it leads (all of it with ``brief``)."""
    line = source_line(ladder)
    if line is not None:
        yield line
    yield from _head(ladder, role)
    if brief:
        yield from _legends(bool(role.moves), any(
            estimated(m.basis) or estimated(m.typical_years_basis) for m in role.moves))
        return
    yield heading("\nResponsibilities")
    yield bullets(role.responsibilities)
    yield heading("\nCompetencies")
    if not role.competencies:
        yield Text(f"  {UNRATED}: what it asks is unknown", style="dim")
    else:
        yield _Ratings(ladder, ratings(ladder, role))
    facts = _facts(role)
    if facts.row_count:
        yield Text()
        yield facts
    incoming, onward = moves_into(ladder, role), moves_from(ladder, role)
    yield heading("\nComes from")
    yield _move_table(incoming, "nothing leads here: an entry point")
    yield heading("\nMoves onward")
    yield _move_table(onward, "no moves onward: the top of its ladder")
    yield from _notes_and_sources(ladder, role)
    yield from _legends(bool(incoming or onward), (
        estimated(role.experience_years_basis)
        or any(estimated(m.basis) or estimated(m.typical_years_basis) for m in role.moves)
        or any(estimated(m.basis) or estimated(m.typical_years_basis) for m in incoming)
    ))


def _legends(arrows: bool, estimates: bool) -> Iterator[RenderableType]:
    """What the page's move arrows and estimate marks mean, when it shows any."""
    if arrows or estimates:
        yield Text()
    if arrows:
        yield moves_legend()
    if estimates:
        yield estimate_note(where=False)


def _head(ladder: Ladder, role: Role) -> Iterator[RenderableType]:
    """The title, then level, track, where the role leads and its other names; the summary."""
    yield Heading(Text.assemble(text(role.title, "bold"), (" (", "bold"),
                                text(role.id, "bold cyan"), (")", "bold")))
    head = grid(label_style="bold")
    head.add_row("Level:", text(level_label(role.level, ladder.level_names[role.level])))
    head.add_row("Track:", text(ladder.track_names[role.track]))
    onward = moves_from(ladder, role)
    head.add_row("Leads to:", moves_to(onward, ", ") if onward
                 else Text("nothing: the top of its ladder", style="dim"))
    if role.aliases:
        head.add_row("Also called:", text(", ".join(role.aliases)))
    yield head
    yield Padding(text(role.summary), (1, 0, 0, 0))


def _facts(role: Role) -> Grid:
    """Education, experience and frameworks, those the role states."""
    facts = grid(gap=2, label_style="bold")
    if role.education:
        facts.add_row("Education", text(role.education))
    if role.experience or role.experience_years is not None:
        facts.add_row("Experience", experience(role.experience, role.experience_years,
                                               role.experience_years_basis))
    if role.frameworks:
        facts.add_row("Frameworks", text(", ".join(role.frameworks)))
    return facts


def _notes_and_sources(ladder: Ladder, role: Role) -> Iterator[RenderableType]:
    if role.notes:
        yield heading("\nNotes")
        yield bullets(role.notes)
    bases = list(_bases(role))
    if bases:
        yield heading("\nWhere the figures and moves come from")
        yield bullets(bases)
    if role.sources:
        known = {s.id: s for s in ladder.head.sources}
        yield heading("\nSources")
        yield bullets(
            s if s not in known else
            known[s].title + (f": {known[s].url}" if known[s].url else "")
            for s in role.sources
        )


def _bases(role: Role) -> Iterator[str]:
    """One line per claim of the role that records its basis."""
    if role.experience_years is not None and role.experience_years_basis is not None:
        yield (f"Experience, {role.experience_years:g}+ years: "
               + basis_text(role.experience_years_basis))
    for m in role.moves:
        if m.basis is not None:
            yield f"Move to {m.to}: " + basis_text(m.basis)
        if m.typical_years is not None and m.typical_years_basis is not None:
            yield (f"Time before the move to {m.to}, {years(m.typical_years)}: "
                   + basis_text(m.typical_years_basis))


def _proficiency(rank: int, steps: int, name: str) -> Text:
    return Text.assemble((meter(rank, steps), "green"), " ", text(name))


class _Ratings:
    """A role's competencies, each with its step and what that step asks.

    A table, or one entry per competency on a narrow terminal.
    """

    def __init__(self, ladder: Ladder, rated: Sequence[Rating]) -> None:
        self.rated = rated
        self.steps = len(ladder.head.scale.levels)
        self.scale = ladder.head.scale.name

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        described = any(r.criterion is not None for r in self.rated)
        if options.max_width < NARROW:
            yield bulleted(
                with_criterion(Text.assemble(text(r.name), ": ",
                                             _proficiency(r.rank, self.steps, r.level_name)),
                               r.criterion)
                for r in self.rated
            )
            return
        table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1),
                      leading=1 if described else 0)
        room = options.max_width - 2 * self.steps - 12  # the proficiency column
        table.add_column("Competency", max_width=min(CRITERION_WIDTH, room) if described else None)
        table.add_column(text(self.scale, limit=200), no_wrap=True)
        for r in self.rated:
            table.add_row(with_criterion(text(r.name), r.criterion),
                          _proficiency(r.rank, self.steps, r.level_name))
        yield Drawn(table)


def _moves_stacked(items: Sequence[MoveView]) -> Grid:
    stacked = grid()
    for m in items:
        # The role first: an arrow before it would read as a move to it, wrong for
        # "Comes from"; then the move as list and "Leads to" write it, marks and all.
        entry = Text.assemble(text(m.role, "cyan"), " ", arrow(m.kind), f" {move_detail(m)}")
        if m.note:
            entry.append("\n")
            entry.append_text(text(m.note, "dim"))
        stacked.add_row(" •", Moves.of(entry))
    return stacked


def _moves_table(items: Sequence[MoveView]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1))
    table.add_column("Role", no_wrap=True, style="cyan")
    table.add_column("Move", no_wrap=True)
    table.add_column("Typical time", no_wrap=True)
    table.add_column("Note")
    for m in items:
        table.add_row(
            text(m.role, "cyan"),
            notation(m.kind, m.basis, sep="\n"),
            typical_time(m.typical_years, m.typical_years_basis, sep="\n"),
            text(m.note),
        )
    return table


def _move_table(items: Sequence[MoveView], empty: str) -> RenderableType:
    if not items:
        return Text(f"  {empty}", style="dim")
    # A note squeezed thinner than about 24 columns reads a word a line: stack instead.
    return Fitted(_moves_table(items), partial(_moves_stacked, items), {
        0: max(len(m.role) for m in items),
        3: 24 if any(m.note for m in items) else 0,
    })
