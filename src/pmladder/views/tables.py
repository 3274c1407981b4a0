"""Human output: Rich renderables for each command's result.

Every piece of catalogue text goes through :func:`~.terminal.text`, so a
summary containing ``[bold]`` or an escape sequence prints as those characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..catalog import Ladder, normalise
from ..ladder import (
    Change,
    Fall,
    MoveView,
    Rating,
    Route,
    Step,
    TrackEntry,
    moves_from,
    moves_into,
    ratings,
)
from ..models import Basis, Criterion, Role
from .terminal import text

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


ESTIMATE = "estimate"
"""The mark after a number or move that is the catalogue's estimate, not a source's."""

LEGEND = (
    "(estimate) marks the catalogue's own judgement, not a source's statement; "
    "`pmladder show ROLE` gives the reason for each."
)

UNRATED = "no competencies rated for this role"


def estimated(basis: Basis | None) -> bool:
    """Whether output must mark the claim this basis belongs to as an estimate."""
    return basis is not None and basis.is_estimate


def marked(shown: str, basis: Basis | None, *, short: bool = False) -> str:
    """``shown`` followed by ``(estimate)`` (``est.`` when short) when its basis says so."""
    if not estimated(basis):
        return shown
    return f"{shown} est." if short else f"{shown} ({ESTIMATE})"


def experience_figure(role: Role) -> str:
    """``typically 5+ years`` with ``, estimate`` when it is one (the caller adds brackets)."""
    mark = f", {ESTIMATE}" if estimated(role.experience_years_basis) else ""
    return f"typically {role.experience_years:g}+ years{mark}"


def typical_time(value: float | None, basis: Basis | None) -> str:
    """A move's typical time: ``3 years (estimate)``, or ``unknown`` when none is stated."""
    if value is None:
        return "unknown"
    return marked(years(value), basis)


def basis_text(basis: Basis, titles: dict[str, str] | None = None) -> str:
    """``sources: a, b`` and/or ``estimate: reason``, for one line of output."""
    names = "; ".join(titles.get(s, s) if titles else s for s in basis.sources or ())
    if basis.estimate:
        informed = f" (drawing on {names})" if names else ""
        return f"{ESTIMATE}{informed}: {basis.estimate}"
    return f"stated by {names}"


def legend(*, where: bool = True, short: bool = False) -> Text:
    """The line that explains the estimate mark, once per page."""
    line = LEGEND if where else LEGEND.split(";")[0] + "."
    if short:
        line = line.replace(f"({ESTIMATE}) marks", "est. marks")
    return Text(line, style="dim")


def source_line(ladder: Ladder) -> Text | None:
    """The line naming a catalogue file that is not the bundled one."""
    if ladder.source.is_bundled:
        return None
    return Text.assemble(("catalogue: ", "dim"), text(ladder.head.name, "dim"),
                         (" from ", "dim"), text(str(ladder.source.path), "dim"))


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
        detail = marked(KIND_LABEL[m.kind], m.basis, short=True)
        if m.typical_years is not None:
            detail += " after " + marked(f"~{m.typical_years:g}y", m.typical_years_basis,
                                         short=True)
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
        table = Table(box=box.SIMPLE_HEAD, expand=False)
        table.add_column("Level")
        table.add_column("Role (id)")
        table.add_column("Leads to")
        for role in track.roles:
            table.add_row(
                text(f"{role.level} {role.level_name}"),
                Text.assemble(text(role.title), "\n", text(role.id, "cyan")),
                _moves(role.leads_to) if role.leads_to else Text("-", style="dim"),
            )
        yield table
    if estimates:
        yield legend(short=True)


# --------------------------------------------------------------------------
# show


def _proficiency(rank: int, steps: int, name: str) -> Text:
    bar = "●" * rank + "○" * max(steps - rank, 0)
    return Text.assemble((bar, "green"), " ", text(name))


def render_role(ladder: Ladder, role: Role) -> Iterator[RenderableType]:
    line = source_line(ladder)
    if line is not None:
        yield line
    yield Rule(text(f"{role.title} ({role.id})", "bold"), align="left")
    track = ladder.track_names[role.track]
    level = ladder.level_names[role.level]
    yield Text.assemble(("Track: ", "bold"), text(track), "   ",
                        ("Level: ", "bold"), text(f"{role.level} {level}"))
    if role.aliases:
        yield Text.assemble(("Also called: ", "bold"), text(", ".join(role.aliases)))
    yield Padding(text(role.summary), (1, 0, 0, 0))
    yield _heading("\nResponsibilities")
    yield _bullets(role.responsibilities)

    if not role.competencies:
        yield _heading("\nCompetencies")
        yield Text(f"  {UNRATED}: what it asks is unknown", style="dim")
    else:
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
            exp.append(f"{' ' if role.experience else ''}({experience_figure(role)})",
                       style="dim")
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
    bases = list(_bases(role))
    if bases:
        yield _heading("\nWhere the figures and moves come from")
        yield _bullets(bases)
    if role.sources:
        known = {s.id: s for s in ladder.head.sources}
        yield _heading("\nSources")
        yield _bullets(
            s if s not in known else
            known[s].title + (f": {known[s].url}" if known[s].url else "")
            for s in role.sources
        )

    incoming = moves_into(ladder, role)
    if (
        estimated(role.experience_years_basis)
        or any(estimated(m.basis) or estimated(m.typical_years_basis) for m in role.moves)
        or any(estimated(m.basis) or estimated(m.typical_years_basis) for m in incoming)
    ):
        yield Text()
        yield legend(where=False)


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
        table.add_column(text(self.scale, limit=200), no_wrap=True)
        for r in self.rated:
            table.add_row(with_criterion(text(r.name), r.criterion),
                          _proficiency(r.rank, self.steps, r.level_name))
        yield table


def _move_table(items: Sequence[MoveView], empty: str) -> RenderableType:
    if not items:
        return Text(f"  {empty}", style="dim")
    table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1))
    table.add_column("Role", no_wrap=True, style="cyan")
    table.add_column("Move", no_wrap=True)
    table.add_column("Typical time", no_wrap=True)
    table.add_column("Note")
    for m in items:
        table.add_row(
            text(m.role, "cyan"),
            marked(KIND_LABEL[m.kind], m.basis),
            typical_time(m.typical_years, m.typical_years_basis),
            text(m.note),
        )
    return table


# --------------------------------------------------------------------------
# path


NARROW = 60
"""Below this width, tables of changes become one line per competency."""


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
        rows = [(c, _before(c)) for c in self.rising]
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
            if described:
                yield Text()  # the criteria make a block; set it off as the table was
            return
        table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1))
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


def _before(change: Change) -> Text:
    """The rating a rise starts from, naming the earlier role when it is carried over."""
    shown = text(change.before_name)
    if change.via is not None:
        shown.append(" (as ", style="dim")
        shown.append_text(text(change.via, "dim"))
        shown.append(")", style="dim")
    return shown


def _falls(falling: Sequence[Fall], unrated: Sequence[Fall], target: str) -> Iterator[Text]:
    """What the next role asks less of, quieter than what it asks more of."""
    for f in falling:
        line = Text("asks less: ", style="dim")
        line.append_text(text(f"{f.name} {f.before_name} → {f.after_name}", "dim"))
        if f.expected:
            line.append(" (intended; see the move's note)", style="dim")
        yield line
    if unrated:
        line = Text("not rated by ", style="dim")
        line.append_text(text(target, "dim"))
        line.append(": ", style="dim")
        line.append_text(text(", ".join(f"{f.name} (was {f.before_name})" for f in unrated),
                              "dim"))
        if all(f.expected for f in unrated):
            line.append(" (intended; see the move's note)", style="dim")
        yield line


def _step(step: Step) -> Iterator[RenderableType]:
    head = Text.assemble(
        (f"Step {step.number}: ", "bold"),
        text(step.source_title, "bold"),
        (" → ", "bold"),
        text(step.target_title, "bold"),
    )
    yield Rule(head, align="left")
    detail = Text.assemble(("Move: ", "bold"), marked(KIND_LABEL[step.kind], step.basis))
    if step.typical_years is not None:
        detail.append(", typically after "
                      + marked(f"{years(step.typical_years)} in role", step.typical_years_basis))
    else:
        detail.append(", typical time unknown")
    yield detail
    if step.note:
        yield text(step.note, "dim")
    if step.basis is not None:
        yield text("Basis of the move: " + basis_text(step.basis), "dim")
    if step.typical_years is not None and step.typical_years_basis is not None:
        yield text("Basis of the time: " + basis_text(step.typical_years_basis), "dim")
    gap = step.gap
    if not gap.rated:
        yield Text.assemble((f"{UNRATED.capitalize()} (", "dim"), text(step.target_title, "dim"),
                            ("): what it asks is unknown.", "dim"))
    elif gap.rising or gap.new:
        yield _heading("Competencies to grow")
        yield _changes_table(gap.rising, gap.new)
    else:
        yield Text("No competency needs to rise for this move.", style="dim")
    yield from _falls(gap.falling, gap.unrated, step.target_title)
    if gap.responsibilities_added:
        yield _heading("Responsibilities added")
        yield _bullets(gap.responsibilities_added)
    if gap.frameworks_added:
        yield Text.assemble(("Frameworks added: ", "bold"), text(", ".join(gap.frameworks_added)))
    if gap.education is not None:
        yield Text.assemble(("Education: ", "bold"), text(gap.education.before or "none stated"),
                            " → ", text(gap.education.after or "none stated"))
    if gap.experience is not None or gap.experience_years is not None:
        exp = Text("Experience:", style="bold")
        if gap.experience is not None:
            exp.append(" ")
            exp.append_text(text(gap.experience.after or "none stated"))
        if gap.experience_years is not None:
            before, after = gap.experience_years
            mark = f", {ESTIMATE}" if estimated(gap.experience_years_basis) else ""
            shown = [years(y) if y is not None else "not stated" for y in (before, after)]
            exp.append(f" ({shown[0]} → {shown[1]}{mark})", style="dim")
        yield exp
    yield Text()


def render_route(ladder: Ladder, route: Route) -> Iterator[RenderableType]:
    line = source_line(ladder)
    if line is not None:
        yield line
    if not route.steps:
        yield Text.assemble(text(route.source_title, "bold"), " and ",
                            text(route.target_title, "bold"),
                            " are the same role: there is nothing to close.")
        return
    count = len(route.steps)
    total = f"{count} step{'s' if count != 1 else ''}, "
    if route.typical_years is None:
        total += "typical time unknown"
    else:
        total += "typically " + years(route.typical_years)
        total += f", {ESTIMATE}" if route.years_estimated else ""
    yield Text.assemble(("Route: ", "bold"), text(route.source_title, "bold"), (" → ", "bold"),
                        text(route.target_title, "bold"), f" ({total})")
    chain = Text("  ")
    chain.append_text(text(route.source, "cyan"))
    for s in route.steps:
        chain.append(f" —{KIND_LABEL[s.kind]}→ ", style="dim")
        chain.append_text(text(s.target, "cyan"))
    yield chain
    yield Text()
    for step in route.steps:
        yield from _step(step)
    yield Rule(Text("Total", style="bold"), align="left")
    yield Text(f"Steps: {count}")
    yield Text(f"Typical time: {_route_years(route)}")
    if route.overall:
        yield _heading("Competencies overall")
        # The steps above say what each rise asks; the total stays a summary.
        yield _changes_table(
            [c for c in route.overall if c.before is not None],
            [c for c in route.overall if c.before is None],
            criteria=False,
        )
    if route.years_estimated or any(
        estimated(s.basis) or estimated(s.gap.experience_years_basis) for s in route.steps
    ):
        yield Text()
        yield legend()


def _route_years(route: Route) -> str:
    """``17 years (estimate)``, or ``unknown`` and what is known when a move states no time."""
    mark = f" ({ESTIMATE})" if route.years_estimated else ""
    if route.typical_years is not None:
        return years(route.typical_years) + mark
    if not route.typical_years_stated:
        return "unknown: no move on the route states one"
    return (f"unknown: some moves state none; the others add up to "
            f"{years(route.typical_years_stated)}{mark}")
