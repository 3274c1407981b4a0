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

from ..catalog import Ladder
from ..ladder import Change, Fall, FieldChange, Rating, Route, Step, ratings
from ..models import Basis, Criterion, Role
from ..names import normalise
from ..overview import MoveView, TrackEntry, level_label, moves_from, moves_into
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


def marked(shown: str, basis: Basis | None, *, short: bool = False, sep: str = " ") -> str:
    """``shown`` followed by ``(estimate)`` (``est.`` when short) when its basis says so."""
    if not estimated(basis):
        return shown
    return f"{shown}{sep}est." if short else f"{shown}{sep}({ESTIMATE})"


def experience_figure(role: Role) -> str:
    """``typically 5+ years`` with ``, estimate`` when it is one (the caller adds brackets)."""
    mark = f", {ESTIMATE}" if estimated(role.experience_years_basis) else ""
    return f"typically {role.experience_years:g}+ years{mark}"


def typical_time(value: float | None, basis: Basis | None, sep: str = " ") -> str:
    """A move's typical time: ``3 years (estimate)``, or ``unknown`` when none is stated."""
    if value is None:
        return "unknown"
    return marked(years(value), basis, sep=sep)


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
        yield Fitted(_list_table(track), _list_stacked(track), {
            0: max((len(level_label(r.level, r.level_name)) for r in track.roles), default=0),
            1: max((max(len(r.title), len(r.id)) for r in track.roles), default=0),
            2: max((len(f"→ {m.role}") for r in track.roles for m in r.leads_to), default=0),
        })
    if estimates:
        yield legend(short=True)


def _lead(m: MoveView) -> str:
    """``promotion after ~2y``, each part marked ``est.`` when it is an estimate."""
    detail = marked(KIND_LABEL[m.kind], m.basis, short=True)
    if m.typical_years is not None:
        detail += " after " + marked(f"~{m.typical_years:g}y", m.typical_years_basis, short=True)
    return detail


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
        parts.append(Text.assemble(text(role.id, "cyan"), ", level ",
                                   text(level_label(role.level, role.level_name), "dim")))
        if role.leads_to:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column()
            for m in role.leads_to:
                grid.add_row(Text("  →", style="dim"),
                             Text.assemble(text(m.role, "cyan"), (f" {_lead(m)}", "dim")))
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
        wide = options.update(max_width=10_000)
        try:
            for column in columns:
                # Rich measures a no_wrap column by its longest word, yet prints it whole.
                if column.no_wrap:
                    cells = [column.header, *column.cells]
                    column.min_width = max(Measurement.get(console, wide, c).maximum
                                           for c in cells)
            for index, width in self.minimums.items():
                columns[index].min_width = max(width, columns[index].min_width or 0)
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
    """``pm (promotion, ~2y, estimate), pmm (lateral)`` on one wrapping line."""
    out = Text()
    for i, m in enumerate(items):
        if i:
            out.append(", ")
        out.append_text(text(m.role, "cyan"))
        detail = KIND_LABEL[m.kind]
        if m.typical_years is not None:
            detail += f", ~{m.typical_years:g}y"
        if estimated(m.basis) or estimated(m.typical_years_basis):
            detail += f", {ESTIMATE}"
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
        if any(estimated(m.basis) or estimated(m.typical_years_basis) for m in role.moves):
            yield Text()
            yield legend(where=False)
        return
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
            text(m.role, "cyan"),
            marked(KIND_LABEL[m.kind], m.basis, sep="\n"),
            typical_time(m.typical_years, m.typical_years_basis, sep="\n"),
            text(m.note),
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
        self, rising: Sequence[Change], new: Sequence[Change], *, criteria: bool = True,
        person: bool = False,
    ) -> None:
        self.rising = rising
        self.new = new
        #: Whether to show what each step rises to asks.
        self.criteria = criteria
        #: Whether the rises start from a person's level (assess) rather than a role's.
        self.person = person

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        rows = [(c, _before(c, person=self.person)) for c in self.rising]
        rows += [(c, Text("none (you)" if self.person else "new", style="yellow"))
                 for c in self.new]
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
        table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1), show_edge=False)
        table.add_column("Competency")
        table.add_column("From", no_wrap=True)
        table.add_column("", no_wrap=True)
        table.add_column("To", no_wrap=True)
        for change, before in rows:
            table.add_row(text(change.name), before, "→", text(change.after_name, "green"))
        yield table


def _changes_table(
    rising: Sequence[Change], new: Sequence[Change], *, criteria: bool = True,
    person: bool = False,
) -> RenderableType:
    return _Changes(rising, new, criteria=criteria, person=person)


def _before(change: Change, *, person: bool = False) -> Text:
    """The rating a rise starts from, naming the earlier role when it is carried over
    (with ``person``, marking the person's own rating as theirs)."""
    shown = text(change.before_name)
    if change.via is not None:
        shown.append(" (as ", style="dim")
        shown.append_text(text(change.via, "dim"))
        shown.append(")", style="dim")
    elif person:
        shown.append(" (you)", style="dim")
    return shown


def _falls(
    falling: Sequence[Fall], unrated: Sequence[Fall], target: str, *, person: bool = False
) -> Iterator[Text]:
    """What the next role asks less of, quieter than what it asks more of; with
    ``person``, less than the person's level, which ``before`` then is."""
    def was(f: Fall) -> str:
        if not person:
            return f"was {f.before_name}"
        return f"{f.before_name} as {f.via}" if f.via else f"yours {f.before_name}"

    for f in falling:
        line = Text("asks less than your level: " if person else "asks less: ", style="dim")
        line.append_text(text(f"{f.name} {f.before_name}", "dim"))
        if person:
            line.append_text(text(f" (as {f.via})" if f.via else " (you)", "dim"))
        line.append_text(text(f" → {f.after_name}", "dim"))
        if f.expected:
            line.append(" (intended; see the move's note)", style="dim")
        yield line
    if unrated:
        line = Text("not rated by ", style="dim")
        line.append_text(text(target, "dim"))
        line.append(": ", style="dim")
        line.append_text(text(", ".join(f"{f.name} ({was(f)})" for f in unrated),
                              "dim"))
        if all(f.expected for f in unrated):
            line.append(" (intended; see the move's note)", style="dim")
        yield line


def _step(step: Step, *, person: bool = False) -> Iterator[RenderableType]:
    head = Text.assemble(
        (f"Step {step.number}: ", "bold"),
        text(step.source_title, "bold"),
        (" → ", "bold"),
        text(step.target_title, "bold"),
    )
    yield Heading(head, Packed([Text(f"Step {step.number}:", style="bold"),
                                text(step.source_title, "bold"),
                                Text.assemble(("→ ", "bold"), text(step.target_title, "bold"))]))
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
        yield _changes_table(gap.rising, gap.new, person=person)
    elif gap.met:
        yield Text("You already meet every competency this step asks.", style="green")
    else:
        yield Text("No competency needs to rise for this move.", style="dim")
    if gap.met:
        # A self-assessment: what the person's level already covers.
        met = ", ".join(
            f"{c.name} ({f'{c.before_name} as {c.via}' if c.via else f'yours {c.before_name}'}"
            f", asks {c.after_name})" for c in gap.met)
        yield _labelled("Already met", met)
    yield from _falls(gap.falling, gap.unrated, step.target_title, person=person)
    if gap.responsibilities_added:
        yield _heading("Responsibilities added")
        yield _bullets(gap.responsibilities_added)
    if gap.frameworks_added:
        yield _labelled("Frameworks added", ", ".join(gap.frameworks_added))
    yield from _background(gap.education, gap.experience, gap.experience_years,
                           estimated(gap.experience_years_basis),
                           estimated(gap.experience_years_before_basis))
    yield Text()


class _Labelled:
    """``Label: value``, only the label bold, wrapped lines hanging under the
    value; on a narrow terminal the value goes under the label, indented."""

    def __init__(self, label: str, value: str) -> None:
        self.label = label
        self.value = value

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        if options.max_width < NARROW:
            yield Text(f"{self.label}:", style="bold")
            yield Padding(text(self.value), (0, 0, 0, 2))
            return
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column()
        grid.add_row(f"{self.label}:", text(self.value))
        yield grid


def _labelled(label: str, value: str) -> _Labelled:
    return _Labelled(label, value)


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
    estimate: bool = False,
    estimate_before: bool = False,
) -> Iterator[RenderableType]:
    """Education and experience that change, each as ``from`` / ``to`` lines; with
    ``estimate`` (``estimate_before``), the figure the person moves to (from) is marked
    as the catalogue's estimate."""
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
            shown += f", {ESTIMATE}" if (estimate_before, estimate)[i] else ""
            side.append(f"{' ' if side.plain else ''}({shown})", style="dim")
        elif experience_years is not None:
            side.append(f"{' ' if side.plain else ''}(years not stated)", style="dim")
        elif not side.plain:
            side = Text(none, style="dim")
        sides.append(side)
    yield from _from_to("Experience", sides[0], sides[1])


class Packed:
    """Pieces of text on as few lines as the width allows, breaking only between
    pieces (a piece wider than a line wraps between its words)."""

    def __init__(self, pieces: Sequence[Text], separator: str = " ") -> None:
        self.pieces = pieces
        self.separator = separator

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        width = options.max_width
        line = Text()
        for piece in self.pieces:
            if line.cell_len and line.cell_len + len(self.separator) + piece.cell_len > width:
                yield line
                line = Text()
            if line.cell_len:
                line.append(self.separator)
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


def _route_summary(
    ladder: Ladder, route: Route, overall: bool, person: bool = False
) -> Iterator[RenderableType]:
    """The answer: where the route goes, how long it is and, with ``overall``,
    what grows along it (a one-step route shows that in its step, just below)."""
    count = len(route.steps)
    length = f"{count} step{'s' if count != 1 else ''}, "
    if route.typical_years is None:
        length += "typical time " + _route_years(route)
    else:
        length += "typically " + years(route.typical_years)
        length += f", {ESTIMATE}" if route.years_estimated else ""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column()
    grid.add_row("Route:", Packed([text(route.source_title, "bold"),
                                   Text.assemble(("→ ", "bold"), text(route.target_title, "bold")),
                                   Text(f"({length})")]))
    grid.add_row("", _chain(route))
    arrival = _arrival(ladder, route)
    if arrival is not None:
        grid.add_row("", arrival)
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
            person=person,
        )
    if not route.target_rated:
        # What the last role asks is unknown, which is not the same as nothing.
        rest = "beyond these " if route.overall else "overall "
        yield Text.assemble((f"{UNRATED.capitalize()} (", "dim"), text(route.target_title, "dim"),
                            (f"): what the route asks {rest}is unknown.", "dim"))
    elif not route.overall:
        yield Text("No competency needs to rise along this route.", style="dim")
    if route.frameworks_gained:
        yield _labelled("Frameworks gained", ", ".join(route.frameworks_gained))


def _arrival(ladder: Ladder, route: Route) -> Text | None:
    """Why the route's time is not the difference of its ends' experience figures,
    when it is not: sideways moves add years the next role does not ask for."""
    source, target = ladder.roles[route.source], ladder.roles[route.target]
    brings, asks = route.experience_years_on_arrival, target.experience_years
    if brings is None or asks is None or source.experience_years is None:
        return None
    if abs(brings - asks) < 1e-9:  # 0.1 + 0.2 years make 0.3, as on paper
        return None
    start = f"{source.experience_years:g}+ years"
    start += f" ({ESTIMATE})" if estimated(source.experience_years_basis) else ""
    end = f"{asks:g}+" + (f", {ESTIMATE}" if estimated(target.experience_years_basis) else "")
    line = Text.assemble(("Experience: ", "bold"), text(source.title), f" asks {start}; ")
    line.append(f"{source.experience_years:g} years plus the route's "
                f"{route.typical_years_stated:g} make {brings:g}, ")
    if brings > asks:
        line.append("more than ")
        line.append_text(text(target.title))
        line.append(f" asks ({end}): sideways moves need not add up.")
    else:
        line.append("fewer than ")
        line.append_text(text(target.title))
        line.append(f" asks ({end}): the catalogue's figures disagree "
                    "(see `pmladder validate`).")
    line.stylize("dim", len("Experience: "))
    return line


def render_route(
    ladder: Ladder, route: Route, *, brief: bool = False, person: bool = False
) -> Iterator[RenderableType]:
    """The route: its summary first (all of it with ``brief``), then each step; with
    ``person`` (assess), its gaps are measured from a person's level, not a role's."""
    line = source_line(ladder)
    if line is not None:
        yield line
    if not route.steps:
        yield Text.assemble(text(route.source_title, "bold"), " and ",
                            text(route.target_title, "bold"),
                            " are the same role: there is nothing to close.")
        return
    yield from _route_summary(ladder, route, brief or len(route.steps) > 1, person)
    if brief:
        if route.years_estimated:
            yield Text()
            yield legend()
        return
    yield Text()
    for step in route.steps:
        yield from _step(step, person=person)
    if route.years_estimated or any(
        estimated(s.basis) or estimated(s.gap.experience_years_basis) for s in route.steps
    ):
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
