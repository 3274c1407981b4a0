"""``pmladder diff`` on the terminal: a headline, then a table per kind of change.

The rows come from :func:`~.diff.groups`, as the Markdown and JSON outputs' do.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..diff import Diff
from .blocks import grid
from .diff import ROWS_SHOWN, Row, groups, headline, more_line, routes_note
from .terminal import text

NARROW = 60
"""Below this width each row becomes a few lines instead of a table row."""


NAME_COLUMNS = frozenset({"Role", "From", "To", "Id", "Title", "Track", "Competency", "Name"})
"""Columns of names (a role, move end, track or definition id, a title): never cut
or wrapped. Other columns wrap between words, each keeping its longest word whole."""


WHOLE = {"Roles renamed": frozenset({"Was", "Now"})}
"""Other columns of names, by table: a role's title before and after."""


def _longest_word(cell: str) -> int:
    return max((cell_len(word) for word in cell.split()), default=0)


def _widest(cell: str) -> int:
    return max((cell_len(line) for line in cell.splitlines()), default=0)


class _Changes:
    """One kind of change: a table, or on a narrow terminal one block per row."""

    def __init__(self, title: str, columns: Row, rows: list[Row]) -> None:
        self.title, self.columns, self.rows = title, columns, rows

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        shown = self.rows[:ROWS_SHOWN]
        entries = grid()
        for row in shown:
            entries.add_row(" •", text(row[0], "bold"))
            for column, cell in zip(self.columns[1:], row[1:], strict=True):
                entries.add_row("", Text.assemble((f"{column}: ", "dim"), text(cell)))
        stacked = Group(text(self.title, "bold"), entries)
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
        more = more_line(ROWS_SHOWN, len(self.rows))
        if more:
            yield text(more, "dim")


    def _widths(self, rows: list[Row], width: int) -> list[int] | None:
        """Each column's width, or ``None`` when the table can't fit ``width``
        with every name whole and every other column's longest word whole.

        Rich, squeezing a table, narrows its widest columns whatever they
        hold, cutting ids; widths set here keep each column at least that wide.
        """
        whole = NAME_COLUMNS | WHOLE.get(self.title, frozenset())
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


def render(diff: Diff) -> Iterator[RenderableType]:
    """Rich renderables: a headline, then one table per kind of change."""
    yield text(headline(diff), "bold")
    for title, columns, rows in groups(diff):
        yield Text()
        yield _Changes(title, columns, rows)
    note = routes_note(diff)
    if note:
        yield text(note, "dim")

