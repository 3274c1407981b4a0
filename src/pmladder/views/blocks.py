"""Rich building blocks the terminal pages share: headings, bulleted lists,
label-and-value grids, and layouts that adapt to the width Rich gives them.

Every piece of catalogue text goes through :func:`~.terminal.text`, so a
summary containing ``[bold]`` or an escape sequence prints as those characters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.containers import Lines
from rich.measure import Measurement
from rich.padding import Padding
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from ..index import Ladder
from ..kinds import KINDS, LEGEND_SEPARATOR
from ..models import Basis, Criterion, MoveKind
from ..overview import MoveView
from .drawn import WIDE, Drawn, narrowest
from .lines import render_lines
from .terminal import text
from .wording import ESTIMATE_MARK, estimated, experience_figure, marked

NARROW = 60
"""Below this width, tables become stacked lists: one entry per competency or move."""

LEGEND = (
    f"{ESTIMATE_MARK} marks the catalogue's own judgement, not a source's statement; "
    "`pmladder show ROLE` gives the reason for each."
)

CRITERION_WIDTH = 64
"""Widest a competency's column grows to make room for its criterion, so ratings stay close."""


def estimate_note(*, where: bool = True) -> Text:
    """The line that explains the estimate mark, once per page."""
    return Text(LEGEND if where else LEGEND.split(";")[0] + ".", style="dim")


def arrow(kind: MoveKind) -> Text:
    """A move's arrow (:data:`pmladder.kinds.KINDS`), in its kind's colour."""
    look = KINDS[kind]
    return Text(look.arrow, style=look.terminal_style)


def towards(kind: MoveKind, role: str) -> Text:
    """A move to ``role``: its arrow, then the role's id (``↑ senior-pm``), as the
    ladder drawing writes it under a role."""
    return Text.assemble(arrow(kind), " ", text(role, "cyan"))


_ARROWS = frozenset(look.arrow for look in KINDS.values())

_GLUE = "\ue000"
"""Stands in for the space after an arrow while a line is divided: not a space,
so Rich never breaks there, and one cell wide, as the space is."""


class Moves(Text):
    """Text of moves that wraps between words but not between a move's arrow and
    the role or label after it (``⇑`` at the end of a line, ``group-pm`` at the
    start of the next, reads as a move to nothing), wherever the two fit on a
    line together; where they don't, it breaks as any text does, never cutting
    a name short.

    Printed, it is the same characters: the space after an arrow is a space.
    """

    @classmethod
    def of(cls, source: Text) -> Moves:
        return cls(source.plain, style=source.style, justify=source.justify,
                   overflow=source.overflow, no_wrap=source.no_wrap, end=source.end,
                   tab_size=source.tab_size, spans=list(source.spans))

    def copy(self) -> Moves:
        return Moves.of(self)

    def _glued(self, width: int) -> Text | None:
        """A copy whose spaces after an arrow are :data:`_GLUE` where the arrow's
        word and the next fit in ``width`` together, or ``None`` when no space is
        glued (or the text holds the stand-in itself)."""
        plain = self.plain
        if _GLUE in plain or not _ARROWS.intersection(plain):
            return None
        chars = list(plain)
        glued = False
        index = 0
        while index < len(chars):
            after = index + 1
            if chars[index] not in _ARROWS or after == len(chars) or chars[after] != " ":
                index += 1
                continue
            while after < len(chars) and chars[after] == " ":
                after += 1
            start, end = index, after
            while start and not chars[start - 1].isspace():  # a glue is no space
                start -= 1
            while end < len(chars) and not chars[end].isspace():
                end += 1
            if end > after and cell_len("".join(chars[start:end])) <= width:
                chars[index + 1:after] = _GLUE * (after - index - 1)
                glued = True
            index = after
        if not glued:
            return None
        copy = Text.copy(self)
        copy.plain = "".join(chars)
        return copy

    def wrap(self, console: Console, width: int, **options: Any) -> Lines:
        glued = self._glued(width)
        if glued is None:
            return super().wrap(console, width, **options)
        lines = glued.wrap(console, width, **options)
        for line in lines:
            line.plain = line.plain.replace(_GLUE, " ")
        return lines


def move_to(m: MoveView) -> Text:
    """A move to another role as list and show write it: :func:`towards` the role,
    then its :func:`move_detail` (dim): ``↑ senior-pm promotion after ~3y``."""
    return Text.assemble(towards(m.kind, m.role), (f" {move_detail(m)}", "dim"))


def move_detail(m: MoveView) -> str:
    """A move's kind and typical time, ``promotion after ~3y``, an estimate marked once,
    after what it is: ``lateral (estimate) after ~2y``, ``lateral after ~2y (estimate)``,
    or ``lateral after ~2y (both estimates)`` when the move and its time both are."""
    move = estimated(m.basis)
    time = m.typical_years is not None and estimated(m.typical_years_basis)
    detail = KINDS[m.kind].label + (f" {ESTIMATE_MARK}" if move and not time else "")
    if m.typical_years is not None:
        detail += f" after ~{m.typical_years:g}y"
    if time:
        detail += " (both estimates)" if move else f" {ESTIMATE_MARK}"
    return detail


def moves_to(items: Sequence[MoveView], separator: str) -> Text:
    """Moves to other roles, each as :func:`move_to` writes it."""
    return Moves.of(Text(separator).join(move_to(m) for m in items))


def notation(kind: MoveKind, basis: Basis | None = None, *, sep: str = " ") -> Text:
    """A move as every page writes it: its arrow, then its label (``↑ promotion``),
    then ``(estimate)`` after ``sep`` when its ``basis`` is the catalogue's estimate."""
    return Text.assemble(arrow(kind), " ", marked(KINDS[kind].label, basis, sep=sep))


def moves_legend() -> Packed:
    """The one legend of the move arrows, :func:`pmladder.kinds.legend` in colour,
    wrapping between kinds, never between an arrow and its label."""
    return Packed([Text(look.notation, style=look.terminal_style) for look in KINDS.values()],
                  separator=LEGEND_SEPARATOR)


def source_line(ladder: Ladder) -> Text | None:
    """The line naming a catalogue file that is not the bundled one."""
    if ladder.source.is_bundled:
        return None
    return Text.assemble(("catalogue: ", "dim"), text(ladder.head.name, "dim"),
                         (" from ", "dim"), text(str(ladder.source.path), "dim"))


def heading(title: str) -> Text:
    """A section's title."""
    return Text(title, style="bold")


def grid(*, gap: int = 1, label_style: str = "") -> Grid:
    """Two borderless columns: a label that never wraps, then a value whose
    wrapped lines hang under the value."""
    return Grid(gap=gap, label_style=label_style)


def bulleted(entries: Iterable[RenderableType]) -> Grid:
    """A bulleted list whose wrapped lines hang under the entry, not the bullet."""
    out = grid()
    for entry in entries:
        out.add_row(" •", entry)
    return out


def bullets(items: Iterable[str], style: str = "") -> Grid:
    """Catalogue text as a bulleted list."""
    return bulleted(text(item, style) for item in items)


class Grid:
    """Rows of a label and a value, laid out exactly as Rich's ``Table.grid``
    lays out two columns (the label never wrapping), but drawn directly.

    A page is mostly such grids (bullets, label-and-value heads), and a table
    measures every cell twice and pads it through three layers: drawing them
    directly takes less than half the time (``benchmarks/startup.py``).  When
    a row is not plain text or the labels leave no room, the table draws it;
    ``tests/test_blocks.py`` checks both give the same lines.
    """

    def __init__(self, *, gap: int = 1, label_style: str = "") -> None:
        self.gap = gap
        self.label_style = label_style
        self.rows: list[tuple[RenderableType, RenderableType]] = []

    def add_row(self, label: RenderableType, value: RenderableType) -> None:
        self.rows.append((label, value))

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def table(self) -> Table:
        """The same rows as Rich's two-column grid."""
        out = Table.grid(padding=(0, self.gap))
        out.add_column(no_wrap=True, style=self.label_style)
        out.add_column()
        for label, value in self.rows:
            out.add_row(label, value)
        return out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table())

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType | Segment]:
        labels = [
            # As a table cell turns a string into text: with the console's markup.
            console.render_str(label, markup=options.markup, highlight=False)
            if isinstance(label, str) else label
            for label, _ in self.rows
        ]
        plain = all(isinstance(label, Text) and len(label.plain.splitlines()) < 2
                    for label in labels)
        plain = plain and all(isinstance(value, Text) for _, value in self.rows)
        label_width = max((label.cell_len for label in labels if isinstance(label, Text)),
                          default=0)
        room = options.max_width - label_width - self.gap
        if not self.rows or not plain or room < 1 or label_width < 1:
            yield self.table()
            return
        values = [value for _, value in self.rows if isinstance(value, Text)]
        # A table sizes the value column to its longest line, squeezed to the room left.
        widest = max((cell_len(line) for v in values for line in v.plain.splitlines()),
                     default=0)
        width = min(widest or 1, room)
        # What the table gives each value cell (a Column's defaults).
        value_options = options.update(width=width, justify="left", no_wrap=False,
                                       overflow="ellipsis", height=None, highlight=False)
        label_options = value_options.update(width=label_width, no_wrap=True)
        style = console.get_style(self.label_style)
        drawn = [render_lines(console, label, label_options, style) for label in labels]
        if any(len(lines) != 1 for lines in drawn):  # a label the table would wrap
            yield self.table()
            return
        gap = Segment(" " * self.gap, style)
        blank = Segment(" " * (label_width + self.gap), style)
        new_line = Segment.line()
        for label_lines, value in zip(drawn, values, strict=True):
            lines = render_lines(console, value, value_options)
            yield from label_lines[0]
            yield gap
            yield from lines[0] if lines else [Segment(" " * width)]
            yield new_line
            for line in lines[1:]:
                yield blank
                yield from line
                yield new_line


def experience(words: str | None, value: float | None, basis: Basis | None) -> Text:
    """What a role asks of experience, then its figure (dim) when it states one."""
    out = text(words)
    if value is not None:
        out.append(f"{' ' if words else ''}({experience_figure(value, basis)})", style="dim")
    return out


def with_criterion(name: Text, criterion: Criterion | None) -> RenderableType:
    """A competency's name with, below it, what its step asks (when the catalogue says)."""
    if criterion is None:
        return name
    return Group(name, Padding(text(criterion.text, "dim"), (0, 0, 0, 2), expand=False))


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


class Labelled:
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
        pair = grid(label_style="bold")
        pair.add_row(f"{self.label}:", text(self.value))
        yield pair


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


class Fitted:
    """A table when it fits the width with every name whole, else its stacked form.

    ``stacked`` makes the stacked form, only when it is the one printed.
    ``minimums`` maps column index to the width that keeps its content readable
    (a title or id whole, a move on one line). They count only when deciding:
    Rich honours a column's min_width when measuring but, squeezed, crops the
    rows it rendered wider, so the table itself is rendered without them.
    """

    def __init__(
        self, table: Table, stacked: Callable[[], RenderableType],
        minimums: dict[int, int] | None = None,
    ) -> None:
        self.table = table
        self.stacked = stacked
        self.minimums = minimums or {}

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        need = narrowest(self.table, console, options, self.minimums)
        if need is None:
            need = measured_narrowest(self.table, console, options, self.minimums)
        yield Drawn(self.table) if need <= options.max_width else self.stacked()


def measured_narrowest(
    table: Table, console: Console, options: ConsoleOptions, minimums: Mapping[int, int]
) -> int:
    """What :func:`~.drawn.narrowest` works out, measured by Rich itself: the
    columns' ``min_width`` set for the measurement, then put back."""
    columns = table.columns
    saved = [c.min_width for c in columns]
    wide = options.update(max_width=WIDE)
    try:
        for column in columns:
            # Rich measures a no_wrap column by its longest word, yet prints it whole.
            if column.no_wrap:
                cells = [column.header, *column.cells]
                column.min_width = max(Measurement.get(console, wide, c).maximum
                                       for c in cells)
        for index, width in minimums.items():
            columns[index].min_width = max(width, columns[index].min_width or 0)
        return Measurement.get(console, wide, table).minimum
    finally:
        for column, before in zip(columns, saved, strict=True):
            column.min_width = before
