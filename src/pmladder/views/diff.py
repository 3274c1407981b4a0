"""``pmladder diff`` output: Rich tables grouped by kind of change, JSON, Markdown.

All three are made from the same :class:`~pmladder.diff.Diff`, group by group
in the same order (:func:`groups`), so they always say the same things.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..diff import Diff, RouteSummary

KIND = {"promotion": "promotion", "lateral": "lateral", "specialisation": "specialisation",
        "management": "into management"}


def _years(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g} {'year' if value == 1 else 'years'}"


def _route(summary: RouteSummary | None) -> str:
    if summary is None:
        return "no route"
    steps = f"{summary.steps} step{'s' if summary.steps != 1 else ''}"
    if summary.typical_years or not summary.years_known:
        at_least = "" if summary.years_known else "at least "
        steps += f", {at_least}{_years(summary.typical_years)}"
    return f"{steps}: {' → '.join(summary.roles)}"


def _step(name: str | None) -> str:
    return name if name is not None else "not rated"


Row = tuple[str, ...]

ROWS_SHOWN = 50
"""Rows of each table printed as text or Markdown; ``--json`` has them all."""


def _more(shown: int, total: int) -> str | None:
    more = total - shown
    if more <= 0:
        return None
    return f"... and {more} more (pmladder diff --json lists them all)"


def groups(diff: Diff) -> Iterator[tuple[str, Row, list[Row]]]:
    """(title, column headings, rows) for each kind of change that happened."""
    if diff.roles_added:
        yield "Roles added", ("Role", "Title", "Track", "Level", "Moves in", "Moves out"), [
            (r.id, r.title, r.track, str(r.level), ", ".join(r.moves_in) or "-",
             ", ".join(r.moves_out) or "-") for r in diff.roles_added]
    if diff.roles_removed:
        yield "Roles removed", ("Role", "Title", "Track", "Level", "Moves in", "Moves out"), [
            (r.id, r.title, r.track, str(r.level), ", ".join(r.moves_in) or "-",
             ", ".join(r.moves_out) or "-") for r in diff.roles_removed]
    if diff.renamed:
        yield "Roles renamed", ("Role", "Was", "Now"), [
            (r.id, r.before, r.after) for r in diff.renamed]
    if diff.relevelled:
        yield "Roles re-levelled", ("Role", "Was", "Now"), [
            (r.id, f"{r.track_before}, level {r.level_before} {r.level_name_before}",
             f"{r.track_after}, level {r.level_after} {r.level_name_after}")
            for r in diff.relevelled]
    if diff.aliases:
        yield "Aliases", ("Role", "Added", "Removed"), [
            (a.id, ", ".join(a.added) or "-", ", ".join(a.removed) or "-") for a in diff.aliases]
    if diff.moves:
        yield "Moves", ("From", "To", "Change", "Was", "Now"), [
            (m.source, m.target, m.change,
             "-" if m.kind_before is None else f"{KIND[m.kind_before]}, {_years(m.years_before)}",
             "-" if m.kind_after is None else f"{KIND[m.kind_after]}, {_years(m.years_after)}")
            for m in diff.moves]
    if diff.ratings:
        yield "Competency ratings", ("Role", "Competency", "Change", "Was", "Now"), [
            (r.role, r.name, r.change, _step(r.before_name), _step(r.after_name))
            for r in diff.ratings]
    if diff.responsibilities:
        rows: list[Row] = []
        for c in diff.responsibilities:
            rows += [(c.id, "added", item) for item in c.added]
            rows += [(c.id, "removed", item) for item in c.removed]
        yield "Responsibilities", ("Role", "Change", "Responsibility"), rows
    if diff.fields:
        yield "Other changes to roles", ("Role", "Changed"), [
            (f.id, ", ".join(f.fields)) for f in diff.fields]
    if diff.definitions:
        yield "Scale, tracks, levels and competencies", ("What", "Id", "Name", "Change"), [
            (d.what, d.id or "-", d.name,
             d.change + (f" ({', '.join(d.fields)})" if d.fields else ""))
            for d in diff.definitions]
    if diff.routes.total:
        yield "Routes that changed", ("From", "To", "Was", "Now"), [
            (r.source, r.target, _route(r.before), _route(r.after))
            for r in diff.routes.changed]


def headline(diff: Diff) -> str:
    if diff.same:
        return f"no changes for the people on the ladder between {diff.old} and {diff.new}"
    counts = [
        f"{title.lower()}: {diff.routes.total if title == 'Routes that changed' else len(rows)}"
        for title, _, rows in groups(diff)
    ]
    return f"{diff.old} → {diff.new}: " + ", ".join(counts)


def routes_note(diff: Diff) -> str | None:
    """The "and N more" line, and whether the route search stopped early."""
    routes = diff.routes
    parts = []
    more = routes.total - len(routes.changed)
    if more > 0:
        parts.append(f"and {more} more changed route{'s' if more != 1 else ''}")
    if not routes.complete:
        parts.append(
            f"routes were compared from {routes.searched} of the {routes.affected} roles "
            "the changes could affect, to keep diff fast; there may be more"
        )
    return "; ".join(parts) or None


# --------------------------------------------------------------------------


NARROW = 60
"""Below this width each row becomes a few lines instead of a table row."""


NAME_COLUMNS = frozenset({"Role", "From", "To", "Id", "Title", "Track", "Competency", "Name"})
"""Columns of names (a role, move end, track or definition id, a title): never cut
or wrapped. Other columns wrap between words, each keeping its longest word whole."""


WHOLE = {"Roles renamed": frozenset({"Was", "Now"})}
"""Other columns of names, by table: a role's title before and after."""


def _longest_word(cell: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(word) for word in cell.split()), default=0)


def _widest(cell: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in cell.splitlines()), default=0)


class _Changes:
    """One kind of change: a table, or on a narrow terminal one block per row."""

    def __init__(self, title: str, columns: Row, rows: list[Row]) -> None:
        self.title, self.columns, self.rows = title, columns, rows

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        from rich import box
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        from .terminal import text

        shown = self.rows[:ROWS_SHOWN]
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for row in shown:
            grid.add_row(" •", text(row[0], "bold"))
            for column, cell in zip(self.columns[1:], row[1:], strict=True):
                grid.add_row("", Text.assemble((f"{column}: ", "dim"), text(cell)))
        stacked = Group(text(self.title, "bold"), grid)
        widths = self._widths(shown, options.max_width) if options.max_width >= NARROW else None
        if widths is None:
            yield stacked
        else:
            table = Table(title=text(self.title, "bold"), title_justify="left",
                          box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
            for column, width in zip(self.columns, widths, strict=True):
                table.add_column(column, width=width)
            for row in shown:
                table.add_row(*(text(cell) for cell in row))
            yield table
        more = _more(ROWS_SHOWN, len(self.rows))
        if more:
            yield text(more, "dim")


    def _widths(self, rows: list[Row], width: int) -> list[int] | None:
        """Each column's width, or ``None`` when the table can't fit ``width``
        with every name whole and every other column's longest word whole.

        Rich, squeezing a table, narrows its widest columns whatever they
        hold, cutting ids; widths set here keep each column at least that wide.
        """
        whole = NAME_COLUMNS | WHOLE.get(self.title, frozenset())
        from .terminal import text

        # Measured as shown: text() makes control characters visible.
        cells = [[column, *(text(row[i]).plain for row in rows)]
                 for i, column in enumerate(self.columns)]
        most = [max(_widest(c) for c in column) for column in cells]
        least = [m if name in whole else max(_longest_word(c) for c in column)
                 for name, m, column in zip(self.columns, most, cells, strict=True)]
        # Padding either side of each column, and one space between columns.
        room = width - (3 * len(self.columns) - 1)
        if sum(least) > room:
            return None
        widths = list(most)
        excess = sum(widths) - room
        while excess > 0:
            # Narrow the widest column that can still give, a column at a time.
            i = max((i for i in range(len(widths)) if widths[i] > least[i]),
                    key=lambda i: widths[i])
            widths[i] -= 1
            excess -= 1
        return widths


def render(diff: Diff) -> Iterator[Any]:
    """Rich renderables: a headline, then one table per kind of change."""
    from rich.text import Text

    from .terminal import text

    yield text(headline(diff), "bold")
    for title, columns, rows in groups(diff):
        yield Text()
        yield _Changes(title, columns, rows)
    note = routes_note(diff)
    if note:
        yield text(note, "dim")


def _md(value: str) -> str:
    from .export import md

    # md() escapes "|" too, so a cell can't split its table row.
    return value if value == "-" else md(value)


def markdown(diff: Diff) -> str:
    """A Markdown summary for a pull request: a heading and a table per kind of change."""
    lines = [f"### Ladder changes: {_md(diff.old)} → {_md(diff.new)}", ""]
    if diff.same:
        lines.append("No changes for the people on the ladder.")
        return "\n".join(lines) + "\n"
    for title, columns, rows in groups(diff):
        lines += [f"#### {title}", "", "| " + " | ".join(columns) + " |",
                  "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(_md(cell) for cell in row) + " |"
                  for row in rows[:ROWS_SHOWN]]
        lines.append("")
        more = _more(ROWS_SHOWN, len(rows))
        if more:
            lines += [_md(more), ""]
    note = routes_note(diff)
    if note:
        lines += [_md(note[0].upper() + note[1:]) + ".", ""]
    return "\n".join(lines).rstrip("\n") + "\n"

