"""Human output of ``pmladder compare``: roles side by side, differences marked.

The layout adapts to the width it is given (Rich passes it in ``options``):

- facts (track, level, summary, education, experience) sit side by side while
  each role's column can be at least :data:`MIN_FACT_COLUMN` wide, and are
  stacked role by role below that (four roles at 80 columns, any two at 40);
- competency ratings show the scale level's name when it fits, else a bar of
  dots (``●●●○○``), else the step number; the highest rating of each row is
  marked ``▲`` (and styled), a competency a role does not rate shows ``-``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..compare import ComparedRole, CompetencyRow, RoleComparison
from ..index import Ladder
from ..overview import level_label
from ..ratings import Rating
from .blocks import (
    Grid,
    Heading,
    Packed,
    bulleted,
    bullets,
    estimate_note,
    experience,
    grid,
    moves_legend,
    source_line,
    towards,
)
from .terminal import text
from .wording import UNRATED, estimated, meter, route_time

MIN_FACT_COLUMN = 18
"""Narrowest column worth putting a role's summary in, side by side."""
HIGHEST = "▲"
HIGHEST_STYLE = "bold green"
MISSING = "-"


def _facts_side_by_side(roles: Sequence[ComparedRole], brief: bool, width: int) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1), show_edge=False)
    table.add_column("", style="bold", no_wrap=True)
    # Titles head the columns when each fits on one line; else the ids alone
    # (the titles are in the heading above), never a title broken across lines.
    column = (width - 14) // len(roles) - 3
    titles = all(len(r.title) <= column for r in roles)
    for role in roles:
        head = text(role.id, "cyan")
        if titles:
            head = Text.assemble(text(role.title, "bold"), "\n", head)
        table.add_column(head, ratio=1)
    table.add_row("Track", *(text(r.track_name) for r in roles))
    table.add_row("Level", *(text(level_label(r.level, r.level_name)) for r in roles))
    if brief:
        return table
    table.add_row("Summary", *(text(r.summary) for r in roles))
    # A row of dashes says nothing: a fact no compared role states is left out.
    if any(r.education for r in roles):
        table.add_row("Education", *(_or_dash(r.education) for r in roles))
    if any(r.experience or r.experience_years is not None for r in roles):
        table.add_row("Experience", *(_experience(r) for r in roles))
    return table


def _or_dash(value: str | None) -> Text:
    return text(value) if value else Text(MISSING, style="dim")


def _experience(role: ComparedRole) -> Text:
    out = experience(role.experience, role.experience_years, role.experience_years_basis)
    return out if out.plain else Text(MISSING, style="dim")


def _facts_stacked(roles: Sequence[ComparedRole], brief: bool) -> Iterator[RenderableType]:
    for role in roles:
        yield Heading(Text.assemble(text(role.title, "bold"), " (", text(role.id, "cyan"), ")"))
        facts = grid(gap=2, label_style="bold")
        facts.add_row("Track", text(role.track_name))
        facts.add_row("Level", text(level_label(role.level, role.level_name)))
        if not brief:
            if role.education:
                facts.add_row("Education", text(role.education))
            if role.experience or role.experience_years is not None:
                facts.add_row("Experience", _experience(role))
        yield facts
        if not brief:
            yield text(role.summary)
        yield Text()


def _cell(rating: Rating | None, highest: bool, mode: str, steps: int) -> Text:
    if rating is None:
        return Text(MISSING, style="dim")
    if mode == "name":
        out = text(rating.level_name)
    elif mode == "bar":
        out = Text(meter(rating.rank, steps), style="green")
    else:
        out = Text(str(rating.rank))
    if highest:
        out.stylize(HIGHEST_STYLE)
        out.append(f" {HIGHEST}", style=HIGHEST_STYLE)
    return out


def rating_mode(width: int, comparison: RoleComparison, ladder: Ladder) -> str:
    """The widest form of the ratings that fits ``width``.

    ``name`` (the scale level's name), ``bar`` (``●●●○○``), ``number`` (the
    step, 1 = lowest) or, when not even numbers fit side by side, ``list``
    (one line per competency listing each role's step).
    """
    steps = len(ladder.head.scale.levels)
    first = 16 + 3  # the competency column may wrap down to about 16 characters
    marker = len(HIGHEST) + 1
    ids = [len(r.id) for r in comparison.roles]
    names = max(len(s.name) for s in ladder.head.scale.levels) + marker
    if first + sum(max(names, min(n, 14)) + 3 for n in ids) <= width:
        return "name"
    if steps <= 10 and first + sum(max(steps + marker, n) + 3 for n in ids) <= width:
        return "bar"
    if first + sum(max(len(str(steps)) + marker, n) + 3 for n in ids) <= width:
        return "number"
    return "list"


def _competencies(
    ladder: Ladder, comparison: RoleComparison, width: int
) -> Iterator[RenderableType]:
    rows: Sequence[CompetencyRow] = comparison.competencies
    unrated = [r for r in comparison.roles if not r.rated]
    if not rows:
        yield Text("None of these roles rates any competency.", style="dim")
        return
    for role in unrated:
        yield Text.assemble(text(role.id, "cyan"), (f": {UNRATED}; what it asks is unknown",
                                                     "dim"))
    mode = rating_mode(width, comparison, ladder)
    steps = len(ladder.head.scale.levels)
    if mode == "list":
        yield from _competency_list(comparison, rows, width)
        yield from _legend(ladder, mode, comparison)
        return
    table = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1), show_edge=False)
    table.add_column("Competency", min_width=12)
    for role in comparison.roles:
        table.add_column(text(role.id, "cyan"), no_wrap=mode != "name", overflow="fold")
    for row in rows:
        name = text(row.name, "" if row.differs else "dim")
        table.add_row(
            name,
            *(
                _cell(r, role.id in row.highest, mode, steps)
                for r, role in zip(row.ratings, comparison.roles, strict=True)
            ),
        )
    yield table
    yield from _legend(ladder, mode, comparison)


def _competency_list(
    comparison: RoleComparison, rows: Sequence[CompetencyRow], width: int
) -> Iterator[RenderableType]:
    """Each competency on its own line, then ``role step`` entries packed to ``width``."""
    for row in rows:
        yield text(row.name, "bold" if row.differs else "dim")
        entries = []
        for r, role in zip(row.ratings, comparison.roles, strict=True):
            entry = text(role.id, "cyan")
            entry.append(" ")
            entry.append_text(_cell(r, role.id in row.highest, "number", 0))
            entries.append(entry)
        line = Text("  ")
        for entry in entries:
            if line.cell_len > 2 and line.cell_len + 2 + entry.cell_len > width:
                yield line
                line = Text("  ")
            if line.cell_len > 2:
                line.append("  ")
            line.append_text(entry)
        yield line


def _legend(ladder: Ladder, mode: str, comparison: RoleComparison) -> Iterator[RenderableType]:
    """Explain only the marks the table shows."""
    keys = []
    if any(row.highest for row in comparison.competencies):
        keys.append(f"{HIGHEST} needs the most of the compared roles")
    if any(r is None for row in comparison.competencies for r in row.ratings):
        keys.append(f"{MISSING} not rated")
    legend = Text("   ".join(keys), style="dim")
    if mode == "bar":
        legend.append_text(text(f"   ● one step of {ladder.head.scale.name}", "dim"))
    if mode != "name":
        scale = ", ".join(f"{i} {s.name}" for i, s in enumerate(ladder.head.scale.levels, 1))
        if legend.plain:
            legend.append("\n")
        legend.append_text(text(f"{ladder.head.scale.name}: {scale}", "dim"))
    if legend.plain:
        yield legend


def _distinct(comparison: RoleComparison) -> Iterator[RenderableType]:
    titles = {r.id: r.title for r in comparison.roles}
    for resp, fw in zip(comparison.responsibilities_only, comparison.frameworks_only,
                        strict=True):
        yield Text.assemble(("Only ", "bold"), text(titles[resp.role], "bold"),
                            " (", text(resp.role, "cyan"), ")")
        if resp.items:
            yield bullets(resp.items)
        else:
            yield Text("  no responsibility of its own", style="dim")
        if fw.items:
            yield _labelled("Frameworks", ", ".join(fw.items))
    if comparison.responsibilities_shared:
        yield Text("Shared by all", style="bold")
        yield bullets(comparison.responsibilities_shared)
    if comparison.frameworks_shared:
        yield _labelled("Frameworks shared by all", ", ".join(comparison.frameworks_shared))


def _labelled(label: str, value: str) -> Grid:
    """``label: value`` with the value's wrapped lines hanging under the value."""
    pair = grid(label_style="bold")
    pair.add_row(f"  {label}:", text(value))
    return pair


def _routes(comparison: RoleComparison) -> Iterator[RenderableType]:
    routes = Table.grid(padding=(0, 2))
    routes.add_column(no_wrap=False, min_width=12)
    routes.add_column()
    missing = Text()
    for route in comparison.routes:
        # "to", not an arrow: the moves' arrows follow on the same line, and → is a lateral one.
        pair = Text.assemble(text(route.source, "cyan"), " to ", text(route.target, "cyan"))
        if route.hops is None:
            if missing:
                missing.append(", ")
            missing.append_text(pair)
            continue
        count = len(route.hops)
        detail = Text(f"{count} move{'s' if count != 1 else ''}")
        if route.typical_years is not None:
            est = any(estimated(h.typical_years_basis) for h in route.hops)
            detail.append(", " + route_time(route.typical_years, est))
        else:
            detail.append(", typical time unknown")
        detail.append(":")
        # Wrapped between moves, never between an arrow and the role it leads to.
        pieces = [detail, text(route.source, "cyan")]
        for hop in route.hops:
            pieces.append(towards(hop.kind, hop.target))
        routes.add_row(pair, Packed(pieces))
    if missing:
        routes.add_row(Text("no route", style="bold"), missing)
    yield routes
    yield moves_legend()
    found = [r for r in comparison.routes if r.found]
    if found:
        yield Text(
            f"pmladder path {found[0].source} {found[0].target} shows the gap at each step.",
            style="dim",
        )


class ComparisonView:
    """The whole comparison, laid out for the width Rich gives it."""

    def __init__(
        self, ladder: Ladder, comparison: RoleComparison, *, criteria: bool = False,
        brief: bool = False,
    ) -> None:
        self.ladder = ladder
        self.comparison = comparison
        #: Whether to say what each role's step asks in each competency.
        self.criteria = criteria
        #: Only track, level, competencies and routes.
        self.brief = brief

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        comparison = self.comparison
        count = len(comparison.roles)
        line = source_line(self.ladder)
        if line is not None:
            yield line
        heading = Text("Comparing ", style="bold")
        for i, role in enumerate(comparison.roles):
            if i:
                heading.append(", " if i < count - 1 else " and ")
            heading.append_text(text(role.title, "bold"))
        yield heading
        yield Text()
        facts = _facts_side_by_side(comparison.roles, self.brief, width)
        need = Measurement.get(console, options.update(max_width=10_000), facts).minimum
        if (width - 14) // count - 3 >= MIN_FACT_COLUMN and need <= width:
            yield facts
        else:
            yield from _facts_stacked(comparison.roles, self.brief)
        yield Rule(Text("Competencies", style="bold"), align="left")
        yield from _competencies(self.ladder, comparison, width)
        yield Text()
        if self.criteria:
            yield Rule(Text("What each step asks", style="bold"), align="left")
            yield from _criteria(comparison)
            yield Text()
        if not self.brief:
            yield Rule(Text("What sets each apart", style="bold"), align="left")
            yield from _distinct(comparison)
            yield Text()
        yield Rule(Text("Routes between them", style="bold"), align="left")
        yield from _routes(comparison)
        if any(estimated(r.experience_years_basis) for r in comparison.roles) or any(
            estimated(h.typical_years_basis) or estimated(h.basis)
            for route in comparison.routes for h in route.hops or ()
        ):
            yield estimate_note()


def _criteria(comparison: RoleComparison) -> Iterator[RenderableType]:
    """For each competency, each step the compared roles need and what it asks.

    Roles at the same step share one entry, so the differences stand out.
    """
    ids = [r.id for r in comparison.roles]
    for row in comparison.competencies:
        steps: dict[str, tuple[Rating, list[str]]] = {}
        for role_id, rated in zip(ids, row.ratings, strict=True):
            if rated is not None:
                steps.setdefault(rated.level, (rated, []))[1].append(role_id)
        lines = []
        for rated, roles in sorted(steps.values(), key=lambda item: item[0].rank):
            line = Text.assemble(text(rated.level_name, "bold"), " (",
                                 text(", ".join(roles), "cyan"), ")")
            if rated.criterion is not None:
                line.append(": ")
                line.append_text(text(rated.criterion.text))
            lines.append(line)
        yield text(row.name, "bold")
        yield bulleted(lines)


def render_comparison(
    ladder: Ladder, comparison: RoleComparison, *, criteria: bool = False, brief: bool = False
) -> Iterator[RenderableType]:
    """The comparison; with ``brief``, only track, level, competencies and routes."""
    yield ComparisonView(ladder, comparison, criteria=criteria, brief=brief)
