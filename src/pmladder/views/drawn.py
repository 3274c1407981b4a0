"""Tables drawn directly: the ratings and moves tables of ``show``, as Rich draws them.

Rich's :class:`~rich.table.Table` wraps every cell in a padding layer, measures
every cell two or three times and reshapes every line; on a page of a dozen
competencies that is most of the cost of printing it.  :class:`Drawn` draws the
one shape pmladder's pages use (a :data:`rich.box.SIMPLE_HEAD` table with a
header, one space of padding each side, no title) from one measurement of each
cell, and hands anything else, or a table that does not fit without squeezing
more than one column, to Rich.  ``tests/test_drawn.py`` checks that both give
the same output, escape codes and all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Column, Table
from rich.text import Text

from .lines import measure, render_lines

_PADDING = (0, 1, 0, 1)
"""The padding the pages give their tables: a space each side of a cell."""


class Drawn:
    """``table`` drawn directly when it has the shape pmladder's pages use."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table)

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType | Segment]:
        table = self.table
        safe = console.safe_box if table.safe_box is None else table.safe_box
        plain = (_plain_shape(table)
                 and box.SIMPLE_HEAD.substitute(options, safe=safe) is box.SIMPLE_HEAD)
        widths = _widths(table, console, options) if plain else None
        if widths is None:
            yield table
            return
        yield from _draw(table, console, options, widths)


def _plain_shape(table: Table) -> bool:
    """Whether ``table`` has only what :func:`_draw` draws."""
    columns_plain = all(
        c.justify == "left" and c.vertical == "top" and c.width is None and c.ratio is None
        and c.min_width is None and not c.footer and not c.header_style
        and c.overflow == "ellipsis" and not c.highlight
        for c in table.columns
    )
    return (
        columns_plain and bool(table.columns)
        and table.box is box.SIMPLE_HEAD
        and table.show_header and table.show_edge
        and not (table.show_footer or table.show_lines or table.expand)
        and table.padding == _PADDING and table.pad_edge and not table.collapse_padding
        and table.width is None and table.min_width is None
        and table.title is None and table.caption is None
        and not table.row_styles and table.style in (None, "", "none")
        and table.border_style is None
        and table.header_style == "table.header" and not table.highlight
        and table.leading in (0, 1)
        and all(row.style is None and not row.end_section for row in table.rows)
        and all(len(list(c.cells)) == len(table.rows) for c in table.columns)
        and all(_plain_cell(cell) for c in table.columns for cell in _cells(c))
    )


def _plain_cell(cell: RenderableType) -> bool:
    """Text, or a name with its criterion under it: what the pages put in cells.

    Other renderables can be measured differently within a cell's padding, or
    place themselves (``vertical``), so their tables go to Rich.
    """
    if isinstance(cell, Group):
        return bool(cell.renderables) and all(isinstance(part, Text) or (isinstance(part, Padding)
                                              and isinstance(part.renderable, Text))
                   for part in cell.renderables)
    return isinstance(cell, str | Text)


def _cells(column: Column) -> list[RenderableType]:
    return [column.header, *column.cells]


def _measure(
    console: Console, options: ConsoleOptions, column: Column, width: int
) -> Measurement:
    """What the table measures of ``column`` within ``width``, padding included."""
    if width < 1:
        return Measurement(0, 0)
    inner = options.update_width(width - 2)
    ranges = [
        Measurement(width, width) if width - 2 < 1
        else measure(console, inner, cell).with_maximum(width - 2)
        for cell in _cells(column)
    ]
    found = Measurement(
        max(r.minimum for r in ranges) + (0 if width - 2 < 1 else 2),
        max(r.maximum for r in ranges) + (0 if width - 2 < 1 else 2),
    ).with_maximum(width)
    return found.clamp(None, None if column.max_width is None else column.max_width + 2)


def _widths(table: Table, console: Console, options: ConsoleOptions) -> list[int] | None:
    """Each column's width as the table works it out, or ``None`` when only
    Rich's own squeezing of several columns would do."""
    room = options.max_width - (2 + len(table.columns) - 1)
    widths = [_measure(console, options, c, room).maximum or 1 for c in table.columns]
    excess = sum(widths) - room
    if excess <= 0:
        return widths if min(widths) >= 3 else None
    wrapping = [i for i, c in enumerate(table.columns) if not c.no_wrap]
    if len(wrapping) != 1 or widths[wrapping[0]] <= excess:
        return None
    index = wrapping[0]
    widths[index] -= excess
    # The table measures again within the narrower width.
    widths[index] = _measure(console, options, table.columns[index], widths[index]).maximum
    return widths if min(widths) >= 3 else None


def narrowest(
    table: Table, console: Console, options: ConsoleOptions, minimums: Mapping[int, int]
) -> int | None:
    """The least width ``table`` takes with its no_wrap columns whole and each column
    in ``minimums`` at least that wide, as Rich measures it with those columns'
    ``min_width`` set; ``None`` when the table is not of the drawn shape."""
    if not _plain_shape(table):
        return None
    extra = 2 + len(table.columns) - 1
    wide = options.update(max_width=WIDE)
    need = extra
    for index, column in enumerate(table.columns):
        found = _measure(console, wide, column, WIDE - extra)
        least = max(found.minimum, found.maximum if column.no_wrap else 0,
                    minimums[index] + 2 if index in minimums else 0)
        need += least if column.max_width is None else min(least, column.max_width + 2)
    return need


WIDE = 10_000
"""A width no table reaches: measuring within it finds a table's natural widths."""


def _draw(
    table: Table, console: Console, options: ConsoleOptions, widths: Sequence[int]
) -> Iterator[Segment]:
    simple = box.SIMPLE_HEAD
    new_line = Segment.line()
    null = Style.null()
    header_style = console.get_style("table.header")
    styles = [console.get_style(c.style or "") for c in table.columns]
    yield Segment(simple.get_top(list(widths)), null)
    yield new_line
    rows = [[c.header for c in table.columns],
            *(list(row) for row in zip(*(list(c.cells) for c in table.columns), strict=True))]
    for index, row in enumerate(rows):
        first, last = index == 0, index == len(rows) - 1
        cells = [
            _cell(console, options, column, cell, width,
                  header_style if first else style)
            for column, cell, width, style in zip(table.columns, row, widths, styles,
                                                  strict=True)
        ]
        height = max(len(lines) for lines in cells)  # each plain cell draws a line at least
        for cell, width, style in zip(cells, widths, styles, strict=True):
            blank = [Segment(" " * width, header_style if first else style)]
            # Headers sit on the bottom line of their row, cells on the top one.
            at = 0 if first else len(cell)
            cell[at:at] = [blank] * (height - len(cell))
        left, right, divider = (
            (simple.head_left, simple.head_right, simple.head_vertical) if first
            else (simple.foot_left, simple.foot_right, simple.foot_vertical) if last
            else (simple.mid_left, simple.mid_right, simple.mid_vertical)
        )
        for line_no in range(height):
            yield Segment(left, null)
            for column_index, lines in enumerate(cells):
                if column_index:
                    yield Segment(divider, null)
                yield from lines[line_no]
            yield Segment(right, null)
            yield new_line
        if first:
            yield Segment(simple.get_row(list(widths), "head", edge=True), null)
            yield new_line
        elif table.leading and not last:
            yield Segment(simple.get_row(list(widths), "mid", edge=True), null)
            yield new_line
    yield Segment(simple.get_bottom(list(widths)), null)
    yield new_line


def _cell(
    console: Console, options: ConsoleOptions, column: Column, cell: RenderableType,
    width: int, style: Style,
) -> list[list[Segment]]:
    """One cell's lines, a space each side, every line ``width`` wide, in ``style``."""
    inner = options.update(width=max(width - 2, 0), justify=column.justify,
                           no_wrap=column.no_wrap, overflow=column.overflow, height=None,
                           highlight=column.highlight)
    pad = Segment(" ", style)
    return [
        [pad, *Segment.apply_style(line, style), pad]
        for line in render_lines(console, cell, inner)
    ]
