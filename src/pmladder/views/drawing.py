"""``pmladder ladder``: the whole ladder drawn in the terminal.

Tracks are columns, levels are rows with the most senior at the top, each
role a small box with its title and id. Under each box, one line per move
says where the role leads, its arrow and colour showing the kind of move
(the legend at the bottom repeats them), so the drawing reads without colour.

The drawing adapts to the width Rich gives it: when every track's column can
be at least :data:`MIN_COLUMN` characters wide, tracks sit side by side;
otherwise (many tracks, or a narrow terminal) the tracks are drawn one below
the other, each still with its levels from the top down. No line is ever
wider than the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..catalog import Ladder
from ..kinds import KINDS
from ..models import MoveKind
from ..overview import level_label
from .blocks import moves_legend, source_line
from .pictures.layout import Layout
from .terminal import cell_text, text

MIN_COLUMN = 15
"""Narrowest track column drawn side by side: fits a box around ``product-owner``."""
MAX_BOX = 32
"""Widest box: on a wide terminal with few tracks, boxes stay compact."""
GAP = 1
"""Spaces between track columns."""

def _move_line(kind: MoveKind, target: str, width: int) -> Text:
    look = KINDS[kind]
    line = Text(f"{look.arrow} ", style=look.terminal_style)
    line.append_text(text(target, look.terminal_style))
    line.truncate(width, overflow="ellipsis")
    return line


def wrap_title(title: str, width: int) -> list[str]:
    """Word-wrap ``title`` to ``width``, breaking long words after ``/`` or ``-`` first.

    A width below one is taken as one: on a one-column terminal the box's
    inside is narrower than nothing, and each cut must still make progress.
    """
    width = max(width, 1)
    pieces: list[str] = []
    for word in title.split():
        while len(word) > width:
            cut = max(word.rfind("/", 0, width), word.rfind("-", 0, width))
            cut = cut + 1 if cut > 0 else width
            pieces.append(word[:cut])
            word = word[cut:]
        pieces.append(word)
    lines: list[str] = []
    for piece in pieces:
        joined = f"{lines[-1]} {piece}" if lines and not lines[-1].endswith(("/", "-")) else None
        if lines and lines[-1].endswith(("/", "-")) and len(lines[-1]) + len(piece) <= width:
            lines[-1] += piece
        elif joined is not None and len(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(piece)
    return lines or [""]


def _role_block(lay: Layout, role_id: str, ladder: Ladder, width: int) -> RenderableType:
    role = ladder.roles[role_id]
    inside = Text()
    for line in wrap_title(cell_text(role.title, 200), width - 2):
        inside.append(line + "\n", style="bold")
    inside.append_text(text(role.id, "cyan"))
    inside.no_wrap = True
    inside.overflow = "ellipsis"
    panel = Panel(inside, box=box.ROUNDED, padding=(0, 0), width=width, expand=True)
    lines: list[RenderableType] = [panel]
    for move in role.moves:
        lines.append(_move_line(move.kind, move.to, width))
    return Group(*lines)


class LadderDrawing:
    """The ladder as a grid of boxes, laid out for the width Rich gives it."""

    def __init__(self, ladder: Ladder, lay: Layout) -> None:
        self.ladder = ladder
        self.layout = lay

    def column_width(self, width: int) -> int:
        """Width of each track's column when every track gets the same."""
        count = len(self.layout.tracks)
        return min((width - GAP * (count - 1)) // count, MAX_BOX)

    def slot_width(self, width: int) -> int:
        """Width of one box when roles sharing a cell sit side by side, 0 if none fits."""
        slots = sum(t.width for t in self.layout.tracks)
        slot = min((width - GAP * (slots - 1)) // slots, MAX_BOX)
        return slot if slot >= MIN_COLUMN else 0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        line = source_line(self.ladder)
        if line is not None:
            yield line
        yield text(self.layout.name, "bold")
        if self.slot_width(width):
            yield from self._side_by_side(width, self.slot_width(width))
        elif self.column_width(width) >= MIN_COLUMN:
            yield from self._side_by_side(width, 0)
        else:
            yield from self._stacked(width)
        yield Text()
        yield moves_legend()
        yield Text("pmladder show ROLE for a role in full; pmladder path FROM TO for the gaps.",
                   style="dim")

    @staticmethod
    def _grid(widths: list[int]) -> Table:
        grid = Table.grid(padding=(0, GAP, 0, 0))
        for w in widths:
            grid.add_column(width=w, max_width=w, vertical="top")
        return grid

    def _side_by_side(self, width: int, slot: int) -> Iterator[RenderableType]:
        """Tracks as columns; with ``slot``, roles sharing a cell sit side by side too."""
        lay = self.layout
        if slot:
            widths = [t.width * slot + (t.width - 1) * GAP for t in lay.tracks]
        else:
            widths = [self.column_width(width)] * len(lay.tracks)
        header = self._grid(widths)
        header.add_row(*(text(t.name, "bold underline") for t in lay.tracks))
        yield header
        cells = {(c.track, c.level): c for c in lay.cells}
        for level in lay.levels:
            yield Rule(text(level_label(level.rank, level.name), "dim"), align="left", style="dim")
            grid = self._grid(widths)
            row: list[RenderableType] = []
            for t, column in zip(lay.tracks, widths, strict=True):
                cell = cells.get((t.id, level.rank))
                if cell is None:
                    row.append(Text(""))
                    continue
                if slot:
                    inner = self._grid([slot] * len(cell.roles))
                    inner.add_row(
                        *(_role_block(lay, rid, self.ladder, slot) for rid in cell.roles)
                    )
                    row.append(inner)
                else:
                    row.append(
                        Group(*(_role_block(lay, rid, self.ladder, column) for rid in cell.roles))
                    )
            grid.add_row(*row)
            yield grid

    def _stacked(self, width: int) -> Iterator[RenderableType]:
        lay = self.layout
        cells = {(c.track, c.level): c for c in lay.cells}
        box_width = min(width, 40)
        for t in lay.tracks:
            yield Text()
            yield Rule(text(t.name, "bold"), align="left")
            for level in lay.levels:
                cell = cells.get((t.id, level.rank))
                if cell is None:
                    continue
                yield text(level_label(level.rank, level.name), "dim")
                for rid in cell.roles:
                    yield _role_block(lay, rid, self.ladder, box_width)


def render_drawing(ladder: Ladder, lay: Layout) -> Iterator[RenderableType]:
    yield LadderDrawing(ladder, lay)
