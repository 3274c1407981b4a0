"""The ladder as a standalone SVG picture, drawn by pmladder itself (no Graphviz needed).

Columns are tracks, rows are levels (most senior at the top), each role a box
with its title and id; :mod:`.svg_arrows` routes the moves between the boxes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ...index import Ladder
from ...inert import plain, xml
from ...kinds import KINDS
from ...overview import level_label
from ..wording import ESTIMATE_MARK
from .layout import Layout, layout
from .svg_arrows import COL_GAP, ROW_GAP, Box, arrows, fmt, stroke

BOX_W = 168
BOX_GAP = 18
LABEL_W = 118
MARGIN = 24
TITLE_H = 64
HEADER_PAD = 10
LINE_H = 16
ID_H = 15
CHAR_W = 7.1
"""Average width of a character of the 13px sans-serif title font, for wrapping."""
MAX_TITLE_LINES = 3
TITLE_CHARS = int((BOX_W - 16) / CHAR_W)
"""How many characters of a role's title fit on a line of its box."""

Href = Callable[[str], str]
"""A role id's URL, for a picture whose boxes are links."""


def wrap(value: str, width_chars: int, max_lines: int = MAX_TITLE_LINES) -> list[str]:
    """Greedy word wrap to ``width_chars``; long words are cut; ``…`` marks lost text."""
    words = plain(value).split() or [""]
    lines: list[str] = []
    current = ""
    for word in words:
        while len(word) > width_chars:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: width_chars - 1] + "-")
            word = word[width_chars - 1 :]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width_chars:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last[: width_chars - 1] if len(last) >= width_chars else last) + "…"
    return lines


@dataclass(frozen=True, slots=True)
class _Grid:
    """Where everything goes: the picture's size, its rows and columns, each role's box."""

    titles: dict[str, list[str]]
    """Each role's title, wrapped to its box."""
    headers: dict[str, list[str]]
    """Each track's name, wrapped to its column."""
    header_h: float
    box_h: float
    col_x: Sequence[float]
    row_y: Sequence[float]
    top: float
    bottom: float
    legend_y: float
    width: float
    height: float
    boxes: dict[str, Box]


def _grid(lay: Layout) -> _Grid:
    titles = {r.id: wrap(r.title, TITLE_CHARS) for r in lay.roles}
    box_h = 14 + max(len(t) for t in titles.values()) * LINE_H + 16
    headers = {t.id: wrap(t.name, int((t.width * (BOX_W + BOX_GAP) - BOX_GAP) / 7.4), 2)
               for t in lay.tracks}
    header_h = max(len(v) for v in headers.values()) * 17 + HEADER_PAD
    col_x: list[float] = []
    x = MARGIN + LABEL_W
    for t in lay.tracks:
        col_x.append(x)
        x += t.width * BOX_W + (t.width - 1) * BOX_GAP + COL_GAP
    grid_w = x - COL_GAP - (MARGIN + LABEL_W)
    top = MARGIN + TITLE_H + header_h
    row_y = [top + i * (box_h + ROW_GAP) for i in range(len(lay.levels))]
    bottom = row_y[-1] + box_h
    cell_size = {(c.track, c.level): len(c.roles) for c in lay.cells}
    boxes: dict[str, Box] = {}
    for r in lay.roles:
        t = lay.tracks[r.column]
        # Centre a cell narrower than its track's widest one.
        offset = (t.width - cell_size[(r.track, r.level)]) * (BOX_W + BOX_GAP) / 2
        bx = col_x[r.column] + offset + r.slot * (BOX_W + BOX_GAP)
        boxes[r.id] = Box(bx, row_y[r.row], BOX_W, box_h)
    return _Grid(
        titles=titles, headers=headers, header_h=header_h, box_h=box_h, col_x=col_x,
        row_y=row_y, top=top, bottom=bottom, legend_y=bottom + 46,
        width=max(MARGIN * 2 + LABEL_W + grid_w, 760), height=bottom + 46 + 70, boxes=boxes,
    )


def svg(ladder: Ladder, track: str | None = None, *, href: Href | None = None) -> str:
    """A standalone SVG picture of the ladder, drawn by pmladder itself.

    Moves are arrows coloured and dashed by kind: between rows they run from
    the top of one box to the bottom of the other; within a row they arc below
    it, nested so arcs from one role never cross. A move made both ways with
    the same kind is one double-headed arrow.

    With ``href`` (role id -> URL), each role's box is a link, for a web page
    that embeds the picture: the picture is then a group of links named by its
    title rather than a single image.
    """
    lay = layout(ladder, track)
    grid = _grid(lay)
    out = [
        *_head(lay.name, grid, linked=href is not None),
        *_track_bands(lay, grid),
        *_level_labels(lay, grid),
        *arrows(lay, grid.boxes),
        *_role_boxes(lay, grid, href),
        *_legend(grid.legend_y),
        "</svg>",
    ]
    return "\n".join(out) + "\n"


def _head(name: str, grid: _Grid, *, linked: bool) -> Iterator[str]:
    """The opening tag, the title, the arrowheads of each kind, the background and heading."""
    width, height = fmt(grid.width), fmt(grid.height)
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    yield (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}"'
        + (' role="group" aria-labelledby="ladder-title"' if linked else ' role="img"')
        + ' font-family="Helvetica, Arial, sans-serif">'
    )
    yield ('<title id="ladder-title">' if linked else "<title>") + f"{xml(name)}</title>"
    yield "<defs>"
    for kind, look in KINDS.items():
        yield (
            f'<marker id="end-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"'
            f' markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{look.colour}"/></marker>'
        )
        yield (
            f'<marker id="start-{kind}" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="7"'
            f' markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M10,0 L0,5 L10,10 z" fill="{look.colour}"/></marker>'
        )
    yield "</defs>"
    yield f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
    yield (
        f'<text x="{MARGIN}" y="{MARGIN + 22}" font-size="20" font-weight="bold"'
        f' fill="#222222">{xml(name)}</text>'
    )
    yield (
        f'<text x="{MARGIN}" y="{MARGIN + 44}" font-size="12" fill="#666666">'
        "Tracks left to right, levels from the top (most senior) down;"
        " arrows are the usual moves between roles.</text>"
    )


def _track_bands(lay: Layout, grid: _Grid) -> Iterator[str]:
    """A shaded band behind each track's column, its name at the top."""
    for t in lay.tracks:
        tw = t.width * BOX_W + (t.width - 1) * BOX_GAP
        bx = grid.col_x[t.column] - COL_GAP / 2 + 4
        shade = "#f4f6fa" if t.column % 2 == 0 else "#fbfbfd"
        yield (
            f'<rect x="{fmt(bx)}" y="{fmt(grid.top - grid.header_h - 6)}"'
            f' width="{fmt(tw + COL_GAP - 8)}"'
            f' height="{fmt(grid.bottom - grid.top + grid.header_h + 20)}" rx="10"'
            f' fill="{shade}" stroke="#e1e5ee"/>'
        )
        for i, line in enumerate(grid.headers[t.id]):
            hy = grid.top - grid.header_h + 12 + i * 17
            yield (
                f'<text x="{fmt(grid.col_x[t.column] + tw / 2)}" y="{fmt(hy)}"'
                f' font-size="13" font-weight="bold" fill="#333333" text-anchor="middle">'
                f"{xml(line)}</text>"
            )


def _level_labels(lay: Layout, grid: _Grid) -> Iterator[str]:
    """Level labels and row guides: "Level 3" over the name, or a name carrying its number."""
    for level in lay.levels:
        middle = grid.row_y[level.row] + grid.box_h / 2
        named = level_label(level.rank, level.name) == level.name
        heading, rest = (level.name, "") if named else (f"Level {level.rank}", level.name)
        yield (
            f'<line x1="{MARGIN}" y1="{fmt(middle)}" x2="{fmt(MARGIN + LABEL_W - 14)}"'
            f' y2="{fmt(middle)}" stroke="#dddddd"/>'
        )
        yield (
            f'<text x="{MARGIN}" y="{fmt(middle - 6)}" font-size="12" fill="#555555"'
            f' font-weight="bold">{xml(heading)}</text>'
        )
        for i, line in enumerate(wrap(rest, 15, 2)):
            yield (
                f'<text x="{MARGIN}" y="{fmt(middle + 14 + i * 14)}" font-size="12"'
                f' fill="#555555">{xml(line)}</text>'
            )


def _role_boxes(lay: Layout, grid: _Grid, href: Href | None) -> Iterator[str]:
    """Each role's box with its title and id; a link with ``href``."""
    for r in lay.roles:
        b = grid.boxes[r.id]
        group = "g" if href is None else f'a href="{xml(href(r.id))}"'
        yield f"<{group}><title>{xml(r.title)} ({xml(r.id)})</title>"
        yield (
            f'<rect x="{fmt(b.x)}" y="{fmt(b.y)}" width="{fmt(b.w)}" height="{fmt(b.h)}"'
            ' rx="8" fill="#ffffff" stroke="#5c6b8a" stroke-width="1.4"/>'
        )
        lines = grid.titles[r.id]
        # Centre the title lines and the id line below them as one block.
        first = b.y + (b.h - (len(lines) * LINE_H + ID_H)) / 2 + 12
        for i, line in enumerate(lines):
            yield (
                f'<text x="{fmt(b.cx)}" y="{fmt(first + i * LINE_H)}" font-size="13"'
                f' font-weight="bold" fill="#1f2937" text-anchor="middle">{xml(line)}</text>'
            )
        yield (
            f'<text x="{fmt(b.cx)}" y="{fmt(first + len(lines) * LINE_H + 3)}" font-size="11"'
            ' fill="#2563eb"'
            f' text-anchor="middle" font-family="Menlo, Consolas, monospace">'
            f"{xml(wrap(r.id, TITLE_CHARS + 2, 1)[0])}</text>"
        )
        yield "</g>" if href is None else "</a>"


def _legend(y: float) -> Iterator[str]:
    """A sample arrow of each kind with its label, and how to read the picture."""
    yield (
        f'<text x="{MARGIN}" y="{fmt(y)}" font-size="12" font-weight="bold" fill="#333333">'
        "Moves</text>"
    )
    x: float = MARGIN + 60
    for kind, look in KINDS.items():
        yield (
            f'<path d="M{fmt(x)},{fmt(y - 4)} L{fmt(x + 44)},{fmt(y - 4)}" fill="none"'
            f' {stroke(kind)} marker-end="url(#end-{kind})"/>'
        )
        yield (
            f'<text x="{fmt(x + 52)}" y="{fmt(y)}" font-size="12" fill="#333333">'
            f"{look.label}</text>"
        )
        x += 52 + math.ceil(len(look.label) * 7.0) + 30
    notes = (
        "A double-headed arrow is a move made both ways; hover an arrow for its typical years; "
        f"{ESTIMATE_MARK} marks the catalogue's estimate, not a source's.",
        "pmladder show ROLE has the details of a role; pmladder path FROM TO the gap at each step.",
    )
    for i, note in enumerate(notes):
        yield (
            f'<text x="{MARGIN}" y="{fmt(y + 24 + i * 16)}" font-size="11" fill="#666666">'
            f"{note}</text>"
        )
