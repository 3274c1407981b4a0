"""Human output: Rich renderables for each command's result.

Every piece of catalogue text goes through :func:`~.terminal.text`, so a
summary containing ``[bold]`` or an escape sequence prints as those characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..catalog import Ladder, normalise
from ..ladder import (
    Change,
    FieldChange,
    MoveView,
    Rating,
    Route,
    Step,
    TrackEntry,
    level_label,
    moves_from,
    moves_into,
    ratings,
)
from ..models import Criterion, Role
from .terminal import text

NARROW = 60
"""Below this width, tables become stacked lists: one entry per competency or move."""

KIND_LABEL = {
    "promotion": "promotion",
    "lateral": "lateral",
    "specialisation": "specialisation",
    "management": "into management",
}


def years(value: float | None, *, suffix: str = "") -> str:
    """``2.5`` -> ``2.5 years``; whole numbers without decimals; ``None`` -> ``-``."""
    if value is None:
        return "-"
    shown = f"{value:g}"
    unit = "year" if value == 1 else "years"
    return f"{shown} {unit}{suffix}"


def source_line(ladder: Ladder) -> Text | None:
    """The line naming a catalogue file that is not the bundled one."""
    if ladder.source.is_bundled:
        return None
    return Text.assemble(("catalogue: ", "dim"), text(ladder.head.name, "dim"),
                         (" from ", "dim"), text(str(ladder.source.path), "dim"))


class Heading:
    """A title followed by a rule to the right edge; a title too long for the
    width wraps on its own lines instead of being cut, as Rich's Rule would."""

    def __init__(self, title: Text, narrow: RenderableType | None = None) -> None:
        self.title = title
        self.narrow = narrow

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        # Rule keeps one space and at least a short run of line beside the title.
        if self.title.cell_len + 4 <= options.max_width:
            yield Rule(self.title, align="left")
        else:
            yield self.title if self.narrow is None else self.narrow


def _heading(title: str) -> Text:
    return Text(title, style="bold")


def _bullets(items: Iterable[str], style: str = "") -> Table:
    """A bulleted list whose wrapped lines hang under the text, not the bullet."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row(" •", text(item, style))
    return grid


def _moves(items: Sequence[MoveView]) -> Text:
    out = Text()
    for i, m in enumerate(items):
        if i:
            out.append("\n")
        out.append("→ ", style="dim")
        out.append_text(text(m.role, "cyan"))
        detail = KIND_LABEL[m.kind]
        if m.typical_years is not None:
            detail += f" after ~{m.typical_years:g}y"
        out.append(f" {detail}", style="dim")
    return out


CRITERION_WIDTH = 64
"""Widest a competency's column grows to make room for its criterion, so ratings stay close."""


def with_criterion(name: Text, criterion: Criterion | None) -> RenderableType:
    """A competency's name with, below it, what its step asks (when the catalogue says)."""
    if criterion is None:
        return name
    return Group(name, Padding(text(criterion.text, "dim"), (0, 0, 0, 2), expand=False))


# --------------------------------------------------------------------------
# list


def render_list(ladder: Ladder, tracks: Sequence[TrackEntry]) -> Iterator[RenderableType]:
    line = source_line(ladder)
    if line is not None:
        yield line
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
        yield Fitted(_list_table(track), _list_stacked(track), {
            0: max((len(level_label(r.level, r.level_name)) for r in track.roles), default=0),
            1: max((max(len(r.title), len(r.id)) for r in track.roles), default=0),
            2: max((len(f"→ {m.role} {KIND_LABEL[m.kind]}")
                    for r in track.roles for m in r.leads_to), default=0),
        })


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
            _moves(role.leads_to) if role.leads_to else Text("-", style="dim"),
        )
    return table


def _list_stacked(track: TrackEntry) -> Group:
    """One entry per role: its title, then id and level, then where it leads."""
    parts: list[RenderableType] = []
    for role in track.roles:
        parts.append(Text())
        parts.append(text(role.title, "bold"))
        parts.append(Text.assemble(text(role.id, "cyan"), " · ",
                                   text(level_label(role.level, role.level_name), "dim")))
        if role.leads_to:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column()
            for m in role.leads_to:
                detail = KIND_LABEL[m.kind]
                if m.typical_years is not None:
                    detail += f" after ~{m.typical_years:g}y"
                grid.add_row(Text("  →", style="dim"),
                             Text.assemble(text(m.role, "cyan"), (f" {detail}", "dim")))
            parts.append(grid)
    return Group(*parts)


class Fitted:
    """A table when it fits the width with every name whole, else its stacked form.

    ``minimums`` maps column index to the width that keeps its content readable
    (a title or id whole, a move on one line). They count only when deciding:
    Rich honours a column's min_width when measuring but, squeezed, crops the
    rows it rendered wider, so the table itself is rendered without them.
    """

    def __init__(
        self, table: Table, stacked: RenderableType, minimums: dict[int, int] | None = None
    ) -> None:
        self.table = table
        self.stacked = stacked
        self.minimums = minimums or {}

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        columns = self.table.columns
        saved = [c.min_width for c in columns]
        for index, width in self.minimums.items():
            columns[index].min_width = width
        try:
            wide = options.update(max_width=10_000)
            need = Measurement.get(console, wide, self.table).minimum
        finally:
            for column, before in zip(columns, saved, strict=True):
                column.min_width = before
        yield self.table if need <= options.max_width else self.stacked


# --------------------------------------------------------------------------
# show


def _proficiency(rank: int, steps: int, name: str) -> Text:
    bar = "●" * rank + "○" * max(steps - rank, 0)
    return Text.assemble((bar, "green"), " ", text(name))


def _leads_to(items: Sequence[MoveView]) -> Text:
    """``pm (promotion, ~2y), pmm (lateral)`` on one wrapping line."""
    out = Text()
    for i, m in enumerate(items):
        if i:
            out.append(", ")
        out.append_text(text(m.role, "cyan"))
        detail = KIND_LABEL[m.kind]
        if m.typical_years is not None:
            detail += f", ~{m.typical_years:g}y"
        out.append(f" ({detail})", style="dim")
    return out


def render_role(ladder: Ladder, role: Role, *, brief: bool = False) -> Iterator[RenderableType]:
    """One role: first its level, track and where it leads (all of it with ``brief``)."""
    line = source_line(ladder)
    if line is not None:
        yield line
    yield Heading(Text.assemble(text(role.title, "bold"), (" (", "bold"),
                                text(role.id, "bold cyan"), (")", "bold")))
    track = ladder.track_names[role.track]
    level = ladder.level_names[role.level]
    head = Table.grid(padding=(0, 1))
    head.add_column(no_wrap=True, style="bold")
    head.add_column()
    head.add_row("Level:", text(level_label(role.level, level)))
    head.add_row("Track:", text(track))
    onward = moves_from(ladder, role)
    head.add_row("Leads to:", _leads_to(onward) if onward else Text("nothing: the top of its "
                                                                     "ladder", style="dim"))
    if role.aliases:
        head.add_row("Also called:", text(", ".join(role.aliases)))
    yield head
    yield Padding(text(role.summary), (1, 0, 0, 0))
    if brief:
        return
    yield _heading("\nResponsibilities")
    yield _bullets(role.responsibilities)

    if role.competencies:
        yield _heading("\nCompetencies")
        yield _Ratings(ladder, ratings(ladder, role))

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    if role.education:
        facts.add_row("Education", text(role.education))
    if role.experience or role.experience_years is not None:
        exp = text(role.experience)
        if role.experience_years is not None:
            shown = f"{role.experience_years:g}+ years"
            exp.append(f"{' ' if role.experience else ''}(typically {shown})", style="dim")
        facts.add_row("Experience", exp)
    if role.frameworks:
        facts.add_row("Frameworks", text(", ".join(role.frameworks)))
    if facts.row_count:
        yield Text()
        yield facts

    yield _heading("\nComes from")
    yield _move_table(moves_into(ladder, role), "nothing leads here: an entry point")
    yield _heading("\nMoves onward")
    yield _move_table(moves_from(ladder, role), "no moves onward: the top of its ladder")

    if role.notes:
        yield _heading("\nNotes")
        yield _bullets(role.notes)
    if role.sources:
        known = {s.id: s for s in ladder.head.sources}
        yield _heading("\nSources")
        yield _bullets(
            s if s not in known else
            known[s].title + (f": {known[s].url}" if known[s].url else "")
            for s in role.sources
        )


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
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column()
            for r in self.rated:
                line = Text.assemble(text(r.name), ": ",
                                     _proficiency(r.rank, self.steps, r.level_name))
                grid.add_row(" •", with_criterion(line, r.criterion))
            yield grid
            return
        table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1),
                      leading=1 if described else 0)
        room = options.max_width - 2 * self.steps - 12  # the proficiency column
        table.add_column("Competency", max_width=min(CRITERION_WIDTH, room) if described else None)
        table.add_column(self.scale, no_wrap=True)
        for r in self.rated:
            table.add_row(with_criterion(text(r.name), r.criterion),
                          _proficiency(r.rank, self.steps, r.level_name))
        yield table


def _moves_stacked(items: Sequence[MoveView]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for m in items:
        entry = Text.assemble(text(m.role, "cyan"), f" {KIND_LABEL[m.kind]}")
        if m.typical_years is not None:
            entry.append(f", {years(m.typical_years)}")
        if m.note:
            entry.append("\n")
            entry.append_text(text(m.note, "dim"))
        grid.add_row(" →", entry)
    return grid


def _moves_table(items: Sequence[MoveView]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1))
    table.add_column("Role", no_wrap=True, style="cyan")
    table.add_column("Move", no_wrap=True)
    table.add_column("Typical time", no_wrap=True)
    table.add_column("Note")
    for m in items:
        table.add_row(
            text(m.role, "cyan"), KIND_LABEL[m.kind], years(m.typical_years), text(m.note)
        )
    return table


def _move_table(items: Sequence[MoveView], empty: str) -> RenderableType:
    if not items:
        return Text(f"  {empty}", style="dim")
    # A note squeezed thinner than about 24 columns reads a word a line: stack instead.
    return Fitted(_moves_table(items), _moves_stacked(items), {
        0: max(len(m.role) for m in items),
        3: 24 if any(m.note for m in items) else 0,
    })


# --------------------------------------------------------------------------
# path


class _Changes:
    """Competencies that rise or are new: a table, or one line each on a narrow terminal."""

    def __init__(
        self, rising: Sequence[Change], new: Sequence[Change], *, criteria: bool = True
    ) -> None:
        self.rising = rising
        self.new = new
        #: Whether to show what each step rises to asks.
        self.criteria = criteria

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        rows = [(c, text(c.before_name)) for c in self.rising]
        rows += [(c, Text("new", style="yellow")) for c in self.new]
        asks = {c.competency: c.criterion for c, _ in rows if self.criteria}
        described = any(criterion is not None for criterion in asks.values())
        # With criteria, a list reads as a to-do list and leaves the criteria room.
        if options.max_width < NARROW or described:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column()
            for change, before in rows:
                line = Text.assemble(text(change.name), ": ", before, " → ",
                                     text(change.after_name, "green"))
                criterion = asks.get(change.competency)
                grid.add_row(" •", with_criterion(line, criterion))
            yield grid
            return
        table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1), show_edge=False)
        table.add_column("Competency")
        table.add_column("From", no_wrap=True)
        table.add_column("", no_wrap=True)
        table.add_column("To", no_wrap=True)
        for change, before in rows:
            table.add_row(text(change.name), before, "→", text(change.after_name, "green"))
        yield table


def _changes_table(
    rising: Sequence[Change], new: Sequence[Change], *, criteria: bool = True
) -> RenderableType:
    return _Changes(rising, new, criteria=criteria)


def _step(step: Step) -> Iterator[RenderableType]:
    head = Text.assemble(
        (f"Step {step.number}: ", "bold"),
        text(step.source_title, "bold"),
        (" → ", "bold"),
        text(step.target_title, "bold"),
    )
    yield Heading(head, Packed([Text(f"Step {step.number}:", style="bold"),
                                text(step.source_title, "bold"),
                                Text.assemble(("→ ", "bold"), text(step.target_title, "bold"))]))
    detail = Text.assemble(("Move: ", "bold"), KIND_LABEL[step.kind])
    if step.typical_years is not None:
        detail.append(f", typically after {years(step.typical_years)} in role")
    yield detail
    if step.note:
        yield text(step.note, "dim")
    gap = step.gap
    if gap.rising or gap.new:
        yield _heading("Competencies to grow")
        yield _changes_table(gap.rising, gap.new)
    elif gap.met:
        yield Text("You already meet every competency this step asks.", style="green")
    else:
        yield Text("No competency needs to rise for this move.", style="dim")
    if gap.met:
        # A self-assessment: what the person's own ratings already cover.
        met = ", ".join(f"{c.name} (yours {c.before_name}, asks {c.after_name})" for c in gap.met)
        yield _labelled("Already met", met)
    if gap.responsibilities_added:
        yield _heading("Responsibilities added")
        yield _bullets(gap.responsibilities_added)
    if gap.frameworks_added:
        yield _labelled("Frameworks added", ", ".join(gap.frameworks_added))
    yield from _background(gap.education, gap.experience, gap.experience_years)
    yield Text()


def _labelled(label: str, value: str) -> Table:
    """``Label: value``, only the label bold, wrapped lines hanging under the value."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column()
    grid.add_row(f"{label}:", text(value))
    return grid


def _from_to(label: str, before: Text, after: Text) -> Iterator[RenderableType]:
    """A change of text as a heading, then ``from`` and ``to`` on lines of their own."""
    yield _heading(label)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column()
    grid.add_row("  from", before)
    grid.add_row("  to", after)
    yield grid


def _background(
    education: FieldChange | None,
    experience: FieldChange | None,
    experience_years: tuple[float | None, float | None] | None,
) -> Iterator[RenderableType]:
    """Education and experience that change, each as ``from`` / ``to`` lines."""
    none = "none stated"
    if education is not None:
        yield from _from_to("Education", text(education.before or none),
                            text(education.after or none))
    if experience is None and experience_years is None:
        return
    texts = (experience.before, experience.after) if experience is not None else ("", "")
    sides: list[Text] = []
    for i, words in enumerate(texts):
        side = text(words) if experience is not None else Text()
        figure = experience_years[i] if experience_years is not None else None
        if figure is not None:
            shown = f"typically {figure:g}+ years" if figure else "no experience expected"
            side.append(f"{' ' if side.plain else ''}({shown})", style="dim")
        elif not side.plain:
            side = Text(none, style="dim")
        sides.append(side)
    yield from _from_to("Experience", sides[0], sides[1])


class Packed:
    """Pieces of text on as few lines as the width allows, breaking only between
    pieces (a piece wider than a line wraps between its words)."""

    def __init__(self, pieces: Sequence[Text]) -> None:
        self.pieces = pieces

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        width = options.max_width
        line = Text()
        for piece in self.pieces:
            if line.cell_len and line.cell_len + 1 + piece.cell_len > width:
                yield line
                line = Text()
            if line.cell_len:
                line.append(" ")
            line.append_text(piece)
        yield line


def _chain(route: Route) -> Packed:
    """``apm —promotion→ pm —promotion→ senior-pm``, wrapped between moves, never inside one."""
    pieces = [text(route.source, "cyan")]
    for step in route.steps:
        piece = Text(f"—{KIND_LABEL[step.kind]}→ ", style="dim")
        piece.append_text(text(step.target, "cyan"))
        pieces.append(piece)
    return Packed(pieces)


def _route_summary(ladder: Ladder, route: Route, overall: bool) -> Iterator[RenderableType]:
    """The answer: where the route goes, how long it is and, with ``overall``,
    what grows along it (a one-step route shows that in its step, just below)."""
    count = len(route.steps)
    length = f"{count} step{'s' if count != 1 else ''}"
    if route.typical_years:
        length += f", typically {'at least ' if not route.years_known else ''}"
        length += years(route.typical_years)
    elif not route.years_known:
        length += ", typical time unknown"
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column()
    grid.add_row("Route:", Packed([text(route.source_title, "bold"),
                                   Text.assemble(("→ ", "bold"), text(route.target_title, "bold")),
                                   Text(f"({length})")]))
    grid.add_row("", _chain(route))
    yield grid
    if not overall:
        return
    yield Text()
    if route.overall:
        yield _heading("Competencies to grow overall")
        # The steps below say what each rise asks; the summary stays short.
        yield _changes_table(
            [c for c in route.overall if c.before is not None],
            [c for c in route.overall if c.before is None],
            criteria=False,
        )
    else:
        yield Text("No competency needs to rise along this route.", style="dim")
    if route.frameworks_gained:
        yield _labelled("Frameworks gained", ", ".join(route.frameworks_gained))


def render_route(ladder: Ladder, route: Route, *, brief: bool = False) -> Iterator[RenderableType]:
    """The route: its summary first (all of it with ``brief``), then each step."""
    line = source_line(ladder)
    if line is not None:
        yield line
    if not route.steps:
        yield Text.assemble(text(route.source_title, "bold"), " and ",
                            text(route.target_title, "bold"),
                            " are the same role: there is nothing to close.")
        return
    yield from _route_summary(ladder, route, brief or len(route.steps) > 1)
    if brief:
        return
    yield Text()
    for step in route.steps:
        yield from _step(step)
