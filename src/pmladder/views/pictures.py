"""Pictures of the ladder: the layout, and Mermaid, Graphviz DOT and SVG text.

Everything here is plain Python (no Rich), so ``pmladder export`` can import it
cheaply. :func:`layout` places the roles on a grid that every picture shares:
one column per track (catalogue order), one row per level with the most senior
level at the top, roles sharing a cell side by side in catalogue order.

Catalogue text is data in every format:

- SVG: text is XML-escaped (``& < > " '``) and characters XML 1.0 forbids
  (most control characters) are replaced by visible ``\\xNN`` escapes;
- Mermaid: labels are quoted and every character other than letters, digits,
  spaces and plain punctuation becomes an entity code (``#60;``), so nothing
  in a label can close the quote, start HTML or Markdown, or add a statement;
- DOT: labels are double-quoted strings with ``\\`` and ``"`` escaped and line
  breaks written as ``\\n``; node and cluster names are generated, never taken
  from the catalogue.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..catalog import Ladder
from ..errors import UsageError
from ..lookup import close_words
from ..models import MOVE_KINDS, Basis, MoveKind
from ..overview import level_label

KIND_LABEL: dict[str, str] = {
    "promotion": "promotion",
    "lateral": "lateral",
    "specialisation": "specialisation",
    "management": "into management",
}

# --------------------------------------------------------------------------
# Layout


@dataclass(frozen=True, slots=True)
class PlacedRole:
    """A role on the grid."""

    id: str
    title: str
    track: str
    level: int
    column: int
    """Index of its track's column, 0 = leftmost."""
    row: int
    """Index of its level's row, 0 = top (most senior)."""
    slot: int
    """Position among the roles sharing its cell, 0 = leftmost."""


@dataclass(frozen=True, slots=True)
class PlacedTrack:
    id: str
    name: str
    column: int
    width: int
    """How many roles its widest cell holds side by side."""


@dataclass(frozen=True, slots=True)
class PlacedLevel:
    rank: int
    name: str
    row: int


@dataclass(frozen=True, slots=True)
class Cell:
    track: str
    level: int
    roles: tuple[str, ...]
    """Ids of the roles in the cell, in catalogue order."""


@dataclass(frozen=True, slots=True)
class Edge:
    """A move between two placed roles."""

    source: str
    target: str
    kind: MoveKind
    typical_years: float | None
    shown: bool
    """Whether the target is on the picture too (false when a track filter hides it)."""
    estimate: bool = False
    """Whether the move or its typical time is the catalogue's estimate, not a source's."""


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    tracks: tuple[PlacedTrack, ...]
    levels: tuple[PlacedLevel, ...]
    """Rows, top (most senior) first."""
    cells: tuple[Cell, ...]
    roles: tuple[PlacedRole, ...]
    edges: tuple[Edge, ...]
    """Every move out of a placed role, in catalogue order."""



def check_track(ladder: Ladder, track: str | None) -> None:
    """Raise a usage error naming the tracks when ``track`` is not one of them."""
    if track is None or track in ladder.track_names:
        return
    close = close_words(track, list(ladder.track_names))
    hints = [f"did you mean: {', '.join(close)}?"] if close else []
    hints.append("tracks: " + ", ".join(ladder.track_names))
    raise UsageError(f"no track named {track!r}", hints=hints)


def layout(ladder: Ladder, track: str | None = None) -> Layout:
    """Place the roles of ``ladder`` (or of one ``track``) on the track x level grid."""
    check_track(ladder, track)
    roles = [r for r in ladder.every_role() if track is None or r.track == track]
    track_ids = [t.id for t in ladder.head.tracks if any(r.track == t.id for r in roles)]
    ranks = sorted({r.level for r in roles}, reverse=True)
    column = {t: i for i, t in enumerate(track_ids)}
    row = {rank: i for i, rank in enumerate(ranks)}
    cells: dict[tuple[str, int], list[str]] = {}
    for role in roles:
        cells.setdefault((role.track, role.level), []).append(role.id)
    slot = {rid: i for members in cells.values() for i, rid in enumerate(members)}
    placed = []
    for role in roles:
        placed.append(
            PlacedRole(
                id=role.id,
                title=role.title,
                track=role.track,
                level=role.level,
                column=column[role.track],
                row=row[role.level],
                slot=slot[role.id],
            )
        )
    widest: dict[str, int] = {}
    for (t, _rank), members in cells.items():
        widest[t] = max(widest.get(t, 0), len(members))
    shown = {r.id for r in roles}
    edges = tuple(
        Edge(role.id, move.to, move.kind, move.typical_years, move.to in shown,
             _estimated(move.basis) or _estimated(move.typical_years_basis))
        for role in roles
        for move in role.moves
    )
    return Layout(
        name=ladder.head.name,
        tracks=tuple(
            PlacedTrack(
                id=t,
                name=ladder.track_names[t],
                column=column[t],
                width=widest[t],
            )
            for t in track_ids
        ),
        levels=tuple(
            PlacedLevel(rank, ladder.level_names.get(rank, str(rank)), row[rank])
            for rank in ranks
        ),
        cells=tuple(
            Cell(t, rank, tuple(cells[(t, rank)]))
            for rank in ranks
            for t in track_ids
            if (t, rank) in cells
        ),
        roles=tuple(sorted(placed, key=lambda p: (p.row, p.column, p.slot))),
        edges=edges,
    )


# --------------------------------------------------------------------------
# Text safety

# Characters XML 1.0 does not allow, plus DEL/C1 controls and the Unicode
# bidirectional controls that can make displayed text lie about its order.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ufffe\uffff\ud800-\udfff]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def plain(value: str) -> str:
    """``value`` with control characters shown as escapes and white space runs collapsed."""
    return " ".join(_UNSAFE.sub(_visible, value).split())


def xml(value: str) -> str:
    """``value`` safe inside SVG/XML text and attribute values."""
    return (
        plain(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


_MERMAID_SAFE = re.compile(r"[A-Za-z0-9 ,.:/()+~-]")


def mermaid_text(value: str) -> str:
    """``value`` for inside a quoted Mermaid label: anything unusual as ``#code;``."""
    return "".join(ch if _MERMAID_SAFE.fullmatch(ch) else f"#{ord(ch)};" for ch in plain(value))


def dot_text(value: str) -> str:
    """``value`` for inside a double-quoted DOT string."""
    return plain(value).replace("\\", "\\\\").replace('"', '\\"')


# --------------------------------------------------------------------------
# Mermaid

MERMAID_ARROW: dict[str, str] = {
    "promotion": "-->",
    "lateral": "-.->",
    "specialisation": "-->",
    "management": "==>",
}
COLOURS: dict[str, str] = {
    "promotion": "#2e7d32",
    "lateral": "#1565c0",
    "specialisation": "#8e24aa",
    "management": "#e65100",
}
"""Colour of each kind of move, shared by every picture."""


def _in_catalogue_order(ladder: Ladder, lay: Layout) -> list[PlacedRole]:
    return sorted(lay.roles, key=lambda r: ladder.order[r.id])


def _node_names(ladder: Ladder, lay: Layout) -> dict[str, str]:
    """Generated node names (``r0``, ``r1``... in catalogue order): ids never reach the syntax."""
    return {r.id: f"r{i}" for i, r in enumerate(_in_catalogue_order(ladder, lay))}


def _years(value: float | None, estimate: bool = False) -> str:
    """`` ~2y`` for a typical time, `` ~2y est.`` when the move or its time is an estimate."""
    mark = f" {ESTIMATE_MARK}" if estimate else ""
    return ("" if value is None else f" ~{value:g}y") + mark


def _estimated(basis: Basis | None) -> bool:
    return basis is not None and basis.is_estimate


ESTIMATE_MARK = "est."
"""How a picture marks a move or time that is the catalogue's estimate, not a source's."""


def mermaid(ladder: Ladder, track: str | None = None) -> str:
    """A Mermaid flowchart: one subgraph per track, edges labelled and styled by kind.

    The chart runs bottom to top, so the most senior roles are at the top.
    """
    lay = layout(ladder, track)
    node = _node_names(ladder, lay)
    lines = [
        "%% " + mermaid_text(lay.name) + " - drawn by pmladder",
        "flowchart BT",
    ]
    for t in lay.tracks:
        lines.append(f'  subgraph t{t.column}["{mermaid_text(t.name)}"]')
        lines.append("    direction BT")
        for r in _in_catalogue_order(ladder, lay):
            if r.track == t.id:
                lines.append(
                    f'    {node[r.id]}["{mermaid_text(r.title)}<br/>({mermaid_text(r.id)})"]'
                )
        lines.append("  end")
    styles = []
    count = 0
    for e in lay.edges:
        if not e.shown:
            continue
        label = mermaid_text(KIND_LABEL[e.kind] + _years(e.typical_years, e.estimate))
        lines.append(f'  {node[e.source]} {MERMAID_ARROW[e.kind]}|"{label}"| {node[e.target]}')
        dash = ",stroke-dasharray:6 4" if e.kind == "lateral" else ""
        dash = ",stroke-dasharray:2 3" if e.kind == "specialisation" else dash
        width = "3px" if e.kind == "management" else "2px"
        styles.append(f"  linkStyle {count} stroke:{COLOURS[e.kind]},stroke-width:{width}{dash}")
        count += 1
    lines.extend(styles)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Graphviz DOT

DOT_STYLE: dict[str, str] = {
    "promotion": "solid",
    "lateral": "dashed",
    "specialisation": "dotted",
    "management": "bold",
}


def dot(ladder: Ladder, track: str | None = None) -> str:
    """A Graphviz digraph: a cluster per track, one rank per level, edges styled by kind.

    ``rankdir=BT`` puts the most senior roles at the top. Render it with
    ``dot -Tsvg ladder.dot -o ladder.svg``.
    """
    lay = layout(ladder, track)
    node = _node_names(ladder, lay)
    out = [
        "digraph ladder {",
        f'  label="{dot_text(lay.name)}";',
        "  labelloc=t; fontsize=18; fontname=Helvetica;",
        "  rankdir=BT; newrank=true; nodesep=0.35; ranksep=0.6;",
        '  node [shape=box, style="rounded,filled", fillcolor="#f7f7fb", color="#555555",'
        " fontname=Helvetica, fontsize=11];",
        "  edge [fontname=Helvetica, fontsize=9];",
    ]
    # Each track's title is a plain node on a rank of its own below every level,
    # not the cluster's label: a label sits where edges leave the cluster, and
    # Graphviz draws arrows straight through it.
    for t in lay.tracks:
        out.append(f"  subgraph cluster_{t.column} {{")
        out.append('    label=""; style=rounded; color="#bbbbbb";')
        out.append(
            f'    title_{t.column} [label="{dot_text(t.name)}", shape=plaintext, style="",'
            " fontsize=13];"
        )
        for r in _in_catalogue_order(ladder, lay):
            if r.track == t.id:
                out.append(f'    {node[r.id]} [label="{dot_text(r.title)}\\n({dot_text(r.id)})"];')
        out.append("  }")
    titles = " ".join(f"title_{t.column};" for t in lay.tracks)
    out.append(f"  {{ rank=min; {titles} }}")
    for level in lay.levels:
        members = " ".join(f"{node[r.id]};" for r in lay.roles if r.level == level.rank)
        out.append(f"  {{ rank=same; {members} }}  // {dot_text(f'{level.rank} {level.name}')}")
    # Keep each title under its own track's lowest role.
    for t in lay.tracks:
        lowest = min((r for r in lay.roles if r.track == t.id), key=lambda r: r.level, default=None)
        if lowest is not None:
            out.append(f"  title_{t.column} -> {node[lowest.id]} [style=invis];")
    shown = [e for e in lay.edges if e.shown]
    pairs = {(e.source, e.target): e for e in shown}
    rank_of = {r.id: r.level for r in lay.roles}
    for e in shown:
        back = pairs.get((e.target, e.source))
        if back is not None and back.kind == e.kind and (e.target, e.source) < (e.source, e.target):
            continue  # drawn once, with arrows both ways, below
        both = back is not None and back.kind == e.kind
        label = KIND_LABEL[e.kind] + _years(e.typical_years, e.estimate)
        if both and back is not None and (back.typical_years, back.estimate) != (
            e.typical_years, e.estimate
        ):
            label += f" / {_years(back.typical_years, back.estimate).strip() or 'no typical time'}"
        width = 2 if e.kind == "management" else 1.2
        extra = ", dir=both" if both else ""
        # Moves within one level all run along the same channel, where their
        # labels would print over each other: each goes by its own arrowhead (a
        # head label also spares Graphviz 2.x the labelled flat edges it can give
        # up on). Lateral moves arc over the top, between the boxes.
        where = "headlabel" if rank_of[e.source] == rank_of[e.target] else "label"
        ports = "tailport=n, headport=n, " if e.kind == "lateral" else ""
        out.append(
            f'  {node[e.source]} -> {node[e.target]} [{ports}{where}="{dot_text(label)}",'
            f' style={DOT_STYLE[e.kind]}, color="{COLOURS[e.kind]}",'
            f' fontcolor="{COLOURS[e.kind]}", penwidth={width}{extra}];'
        )
    out.append("}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# SVG

SVG_DASH: dict[str, str] = {
    "promotion": "",
    "lateral": "7 4",
    "specialisation": "2 4",
    "management": "",
}
SVG_WIDTH: dict[str, float] = {
    "promotion": 2.0,
    "lateral": 2.0,
    "specialisation": 2.4,
    "management": 3.2,
}

BOX_W = 168
BOX_GAP = 18
COL_GAP = 34
ROW_GAP = 112
LABEL_W = 118
MARGIN = 24
TITLE_H = 64
HEADER_PAD = 10
LINE_H = 16
ID_H = 15
CHAR_W = 7.1
"""Average width of a character of the 13px sans-serif title font, for wrapping."""
MAX_TITLE_LINES = 3
MAX_ROUTED = 200
"""Above this many moves between two rows, channels are not ordered (it costs n²)."""
ARC_MIN = 0.12 * ROW_GAP
ARC_MAX = 0.48 * ROW_GAP
"""How far below its row the shallowest and the deepest arc within a row dip."""


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
class _Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def bottom(self) -> float:
        return self.y + self.h


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _ports(count: int, box: _Box) -> list[float]:
    """``count`` x positions spread along the middle of a box edge."""
    if count == 1:
        return [box.cx]
    span = min(box.w * 0.75, 26.0 * (count - 1))
    return [box.cx - span / 2 + span * i / (count - 1) for i in range(count)]


def svg(
    ladder: Ladder, track: str | None = None, *, href: Callable[[str], str] | None = None
) -> str:
    """A standalone SVG picture of the ladder, drawn by pmladder itself.

    Columns are tracks, rows are levels (most senior at the top), each role a
    box with its title and id. Moves are arrows coloured and dashed by kind:
    between rows they run from the top of one box to the bottom of the other;
    within a row they arc below it, nested so arcs from one role never cross.
    A move made both ways with the same kind is one double-headed arrow.

    With ``href`` (role id -> URL), each role's box is a link, for a web page
    that embeds the picture: the picture is then a group of links named by its
    title rather than a single image.
    """
    lay = layout(ladder, track)
    chars = int((BOX_W - 16) / CHAR_W)
    titles = {r.id: wrap(r.title, chars) for r in lay.roles}
    title_lines = max(len(t) for t in titles.values())
    box_h = 14 + title_lines * LINE_H + 16
    header_lines = {t.id: wrap(t.name, int((t.width * (BOX_W + BOX_GAP) - BOX_GAP) / 7.4), 2)
                    for t in lay.tracks}
    header_h = max(len(v) for v in header_lines.values()) * 17 + HEADER_PAD
    col_x: list[float] = []
    x = MARGIN + LABEL_W
    for t in lay.tracks:
        col_x.append(x)
        x += t.width * BOX_W + (t.width - 1) * BOX_GAP + COL_GAP
    grid_w = x - COL_GAP - (MARGIN + LABEL_W)
    top = MARGIN + TITLE_H + header_h
    row_y = [top + i * (box_h + ROW_GAP) for i in range(len(lay.levels))]
    grid_bottom = row_y[-1] + box_h
    legend_y = grid_bottom + 46
    width = max(MARGIN * 2 + LABEL_W + grid_w, 760)
    height = legend_y + 70

    cell_size = {(c.track, c.level): len(c.roles) for c in lay.cells}
    boxes: dict[str, _Box] = {}
    for r in lay.roles:
        t = lay.tracks[r.column]
        # Centre a cell narrower than its track's widest one.
        offset = (t.width - cell_size[(r.track, r.level)]) * (BOX_W + BOX_GAP) / 2
        bx = col_x[r.column] + offset + r.slot * (BOX_W + BOX_GAP)
        boxes[r.id] = _Box(bx, row_y[r.row], BOX_W, box_h)

    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_fmt(width)}" height="{_fmt(height)}"'
        f' viewBox="0 0 {_fmt(width)} {_fmt(height)}"'
        + (' role="img"' if href is None else ' role="group" aria-labelledby="ladder-title"')
        + ' font-family="Helvetica, Arial, sans-serif">',
        ("<title>" if href is None else '<title id="ladder-title">') + f"{xml(lay.name)}</title>",
        "<defs>",
    ]
    for kind in MOVE_KINDS:
        colour = COLOURS[kind]
        out.append(
            f'<marker id="end-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"'
            f' markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
        out.append(
            f'<marker id="start-{kind}" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="7"'
            f' markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M10,0 L0,5 L10,10 z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")
    out.append(f'<rect width="{_fmt(width)}" height="{_fmt(height)}" fill="#ffffff"/>')
    out.append(
        f'<text x="{MARGIN}" y="{MARGIN + 22}" font-size="20" font-weight="bold"'
        f' fill="#222222">{xml(lay.name)}</text>'
    )
    out.append(
        f'<text x="{MARGIN}" y="{MARGIN + 44}" font-size="12" fill="#666666">'
        "Tracks left to right, levels from the top (most senior) down;"
        " arrows are the usual moves between roles.</text>"
    )

    # Track bands and headers.
    for t in lay.tracks:
        tw = t.width * BOX_W + (t.width - 1) * BOX_GAP
        bx = col_x[t.column] - COL_GAP / 2 + 4
        shade = "#f4f6fa" if t.column % 2 == 0 else "#fbfbfd"
        out.append(
            f'<rect x="{_fmt(bx)}" y="{_fmt(top - header_h - 6)}" width="{_fmt(tw + COL_GAP - 8)}"'
            f' height="{_fmt(grid_bottom - top + header_h + 20)}" rx="10" fill="{shade}"'
            ' stroke="#e1e5ee"/>'
        )
        for i, line in enumerate(header_lines[t.id]):
            hy = top - header_h + 12 + i * 17
            out.append(
                f'<text x="{_fmt(col_x[t.column] + tw / 2)}" y="{_fmt(hy)}"'
                f' font-size="13" font-weight="bold" fill="#333333" text-anchor="middle">'
                f"{xml(line)}</text>"
            )
    # Level labels and row guides: "Level 3" over the name, or a name that
    # already carries its number alone.
    for level in lay.levels:
        y = row_y[level.row]
        named = level_label(level.rank, level.name) == level.name
        heading, rest = (level.name, "") if named else (f"Level {level.rank}", level.name)
        out.append(
            f'<line x1="{MARGIN}" y1="{_fmt(y + box_h / 2)}" x2="{_fmt(MARGIN + LABEL_W - 14)}"'
            f' y2="{_fmt(y + box_h / 2)}" stroke="#dddddd"/>'
        )
        out.append(
            f'<text x="{MARGIN}" y="{_fmt(y + box_h / 2 - 6)}" font-size="12" fill="#555555"'
            f' font-weight="bold">{xml(heading)}</text>'
        )
        for i, line in enumerate(wrap(rest, 15, 2)):
            out.append(
                f'<text x="{MARGIN}" y="{_fmt(y + box_h / 2 + 14 + i * 14)}" font-size="12"'
                f' fill="#555555">{xml(line)}</text>'
            )

    out.extend(_svg_edges(lay, boxes))

    for r in lay.roles:
        b = boxes[r.id]
        group = "g" if href is None else f'a href="{xml(href(r.id))}"'
        out.append(f"<{group}><title>{xml(r.title)} ({xml(r.id)})</title>")
        out.append(
            f'<rect x="{_fmt(b.x)}" y="{_fmt(b.y)}" width="{_fmt(b.w)}" height="{_fmt(b.h)}"'
            ' rx="8" fill="#ffffff" stroke="#5c6b8a" stroke-width="1.4"/>'
        )
        lines = titles[r.id]
        # Centre the title lines and the id line below them as one block.
        block = len(lines) * LINE_H + ID_H
        first = b.y + (b.h - block) / 2 + 12
        for i, line in enumerate(lines):
            out.append(
                f'<text x="{_fmt(b.cx)}" y="{_fmt(first + i * LINE_H)}" font-size="13"'
                f' font-weight="bold" fill="#1f2937" text-anchor="middle">{xml(line)}</text>'
            )
        out.append(
            f'<text x="{_fmt(b.cx)}" y="{_fmt(first + len(lines) * LINE_H + 3)}" font-size="11"'
            ' fill="#2563eb"'
            f' text-anchor="middle" font-family="Menlo, Consolas, monospace">'
            f"{xml(wrap(r.id, chars + 2, 1)[0])}</text>"
        )
        out.append("</g>" if href is None else "</a>")

    out.extend(_svg_legend(legend_y))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _svg_edges(lay: Layout, boxes: dict[str, _Box]) -> Iterable[str]:
    """Arrows for the moves between placed roles, as SVG path elements."""
    # Merge a pair of same-kind moves made both ways into one double-headed arrow.
    pairs: list[tuple[str, str, str, bool, str]] = []
    seen: set[tuple[str, str, str]] = set()
    kinds = {(e.source, e.target): e for e in lay.edges if e.shown}
    for e in lay.edges:
        if not e.shown or (e.source, e.target, e.kind) in seen:
            continue
        back = kinds.get((e.target, e.source))
        both = back is not None and back.kind == e.kind
        seen.add((e.source, e.target, e.kind))
        if both:
            seen.add((e.target, e.source, e.kind))
        tip = (f"{e.source} → {e.target}: "
               f"{KIND_LABEL[e.kind]}{_years(e.typical_years, e.estimate)}")
        if both and back is not None:
            tip += (f"; {e.target} → {e.source}: "
                    f"{KIND_LABEL[e.kind]}{_years(back.typical_years, back.estimate)}")
        pairs.append((e.source, e.target, e.kind, both, tip))

    role = {r.id: r for r in lay.roles}
    # Attachment points: each box edge (top/bottom) spreads its arrows out,
    # ordered by where the other end lies, so neighbouring arrows do not cross.
    attach: dict[tuple[str, str], list[tuple[int, float, int, str]]] = {}

    def side(a: str, b: str) -> str:
        ra, rb = role[a], role[b]
        if ra.row == rb.row:
            return "bottom"
        return "top" if rb.row < ra.row else "bottom"

    def order(here: str, other: str) -> tuple[int, float]:
        # Along a bottom edge, left to right: arcs to roles on the left (nearest
        # first), then lines to other rows (by where they go), then arcs to roles
        # on the right (farthest first). Arcs then nest instead of crossing, and
        # lines leave from outside the arcs.
        dx = boxes[other].cx - boxes[here].cx
        if role[here].row != role[other].row:
            return 1, boxes[other].cx
        return (0, -dx) if dx < 0 else (2, -dx)

    for i, (a, b, _kind, _both, _tip) in enumerate(pairs):
        attach.setdefault((a, side(a, b)), []).append((*order(a, b), i, "a"))
        attach.setdefault((b, side(b, a)), []).append((*order(b, a), i, "b"))
    port: dict[tuple[int, str], float] = {}
    for (rid, _side), items in attach.items():
        items.sort()
        for x, (_, _, i, end) in zip(_ports(len(items), boxes[rid]), items, strict=True):
            port[(i, end)] = x
    # Arcs within a row nest: the farther apart their ends, the deeper they dip.
    spans = sorted({abs(boxes[b].cx - boxes[a].cx) for a, b, *_ in pairs
                    if role[a].row == role[b].row})
    depth_of = {
        span: ARC_MIN + (ARC_MAX - ARC_MIN) * (k / max(len(spans) - 1, 1))
        for k, span in enumerate(spans)
    }
    arc_depth: dict[int, float] = {}
    for a, b, *_ in pairs:
        if role[a].row == role[b].row:
            depth = depth_of[abs(boxes[b].cx - boxes[a].cx)]
            arc_depth[role[a].row] = max(arc_depth.get(role[a].row, 0.0), depth)

    # Moves between neighbouring rows cross the band between them along their
    # own channel (a height in the band), below any arcs of the upper row. The
    # channels are ordered so that no move's horizontal run cuts through
    # another's rise: the classic constraint graph of channel routing.
    bands: dict[int, list[int]] = {}
    for i, (a, b, *_rest) in enumerate(pairs):
        if abs(role[a].row - role[b].row) == 1:
            bands.setdefault(min(role[a].row, role[b].row), []).append(i)
    channel: dict[int, float] = {}
    for upper_row, members in bands.items():
        ends: dict[int, tuple[float, float]] = {}
        for i in members:
            a, b = pairs[i][0], pairs[i][1]
            up_end, low_end = (b, a) if role[b].row < role[a].row else (a, b)
            ends[i] = (
                port[(i, "b" if up_end == b else "a")],
                port[(i, "a" if low_end == a else "b")],
            )
        levels = _channel_levels(members, ends)
        top_y = next(boxes[r.id].bottom for r in lay.roles if r.row == upper_row)
        low = top_y + arc_depth.get(upper_row, 0.0) + 10
        high = top_y + ROW_GAP - 12
        if not arc_depth.get(upper_row):
            low = top_y + 16
        deepest = max(levels.values())
        for i, k in levels.items():
            channel[i] = (low + high) / 2 if deepest == 0 else low + (high - low) * k / deepest

    back_layer: list[str] = []
    for i, (a, b, kind, both, tip) in enumerate(pairs):
        ba, bb = boxes[a], boxes[b]
        ra, rb = role[a], role[b]
        xa, xb = port[(i, "a")], port[(i, "b")]
        if ra.row == rb.row:
            y = ba.bottom
            # A rounded U below the row: down, across, up into the other box.
            low = y + depth_of[abs(bb.cx - ba.cx)]
            r = min(8.0, abs(xb - xa) / 2, low - y)
            step = r if xb > xa else -r
            d = (
                f"M{_fmt(xa)},{_fmt(y)} V{_fmt(low - r)}"
                f" Q{_fmt(xa)},{_fmt(low)} {_fmt(xa + step)},{_fmt(low)}"
                f" H{_fmt(xb - step)} Q{_fmt(xb)},{_fmt(low)} {_fmt(xb)},{_fmt(low - r)}"
                f" V{_fmt(y)}"
            )
        else:
            up = rb.row < ra.row
            ya = ba.y if up else ba.bottom
            yb = bb.bottom if up else bb.y
            bend = (yb - ya) * 0.45
            middle = channel.get(i, (ya + yb) / 2)
            d = (
                f"M{_fmt(xa)},{_fmt(ya)} C{_fmt(xa)},{_fmt(middle)}"
                f" {_fmt(xb)},{_fmt(middle)} {_fmt(xb)},{_fmt(yb)}"
            )
            if abs(ra.row - rb.row) > 1:
                # A move over several levels: curve out to the side of the boxes between.
                side_x = max(ba.x + ba.w, bb.x + bb.w) + COL_GAP * 0.45
                d = (
                    f"M{_fmt(xa)},{_fmt(ya)} C{_fmt(side_x)},{_fmt(ya + bend * 0.2)}"
                    f" {_fmt(side_x)},{_fmt(yb - bend * 0.2)} {_fmt(xb)},{_fmt(yb)}"
                )
        dash = f' stroke-dasharray="{SVG_DASH[kind]}"' if SVG_DASH[kind] else ""
        start = f' marker-start="url(#start-{kind})"' if both else ""
        back_layer.append(
            f'<path d="{d}" fill="none" stroke="{COLOURS[kind]}"'
            f' stroke-width="{_fmt(SVG_WIDTH[kind])}"{dash}{start}'
            f' marker-end="url(#end-{kind})"><title>{xml(tip)}</title></path>'
        )
    return back_layer


def _channel_levels(
    members: list[int], ends: dict[int, tuple[float, float]]
) -> dict[int, int]:
    """The channel of each edge of one band: 0 is the top one.

    Edges whose runs do not overlap share a channel; overlapping ones are
    stacked in the order :func:`_channel_order` finds.
    """
    if len(members) > MAX_ROUTED:
        return {i: k for k, i in enumerate(members)}
    order = _channel_order(members, ends)
    level: dict[int, int] = {}
    for k, i in enumerate(order):
        lo, hi = sorted(ends[i])
        level[i] = 0
        for j in order[:k]:
            jlo, jhi = sorted(ends[j])
            if jlo <= hi and lo <= jhi:
                level[i] = max(level[i], level[j] + 1)
    return level


def _channel_order(members: list[int], ends: dict[int, tuple[float, float]]) -> list[int]:
    """Edges of one band, top channel first.

    ``ends[i]`` is (x at the upper row, x at the lower row). If the lower end of
    B lies under A's horizontal run, B's channel must be below A's; if B's upper
    end does, above. Cycles cannot be avoided and are broken by catalogue order.
    """

    def within(x: float, i: int) -> bool:
        lo, hi = sorted(ends[i])
        return lo < x < hi

    below: dict[int, set[int]] = {i: set() for i in members}  # i -> edges that must be below i
    for a in members:
        for b in members:
            if a == b:
                continue
            if within(ends[b][1], a):
                below[a].add(b)
            if within(ends[b][0], a):
                below[b].add(a)
    above_count = dict.fromkeys(members, 0)
    for i in members:
        for j in below[i]:
            above_count[j] += 1
    order: list[int] = []
    left = list(members)
    while left:
        ready = [i for i in left if above_count[i] == 0] or [left[0]]
        pick = ready[0]
        order.append(pick)
        left.remove(pick)
        for j in below[pick]:
            above_count[j] -= 1
    return order


def _svg_legend(y: float) -> Sequence[str]:
    out = [
        f'<text x="{MARGIN}" y="{_fmt(y)}" font-size="12" font-weight="bold" fill="#333333">'
        "Moves</text>"
    ]
    x = MARGIN + 60
    for kind in MOVE_KINDS:
        dash = f' stroke-dasharray="{SVG_DASH[kind]}"' if SVG_DASH[kind] else ""
        out.append(
            f'<path d="M{_fmt(x)},{_fmt(y - 4)} L{_fmt(x + 44)},{_fmt(y - 4)}" fill="none"'
            f' stroke="{COLOURS[kind]}" stroke-width="{_fmt(SVG_WIDTH[kind])}"{dash}'
            f' marker-end="url(#end-{kind})"/>'
        )
        label = KIND_LABEL[kind]
        out.append(
            f'<text x="{_fmt(x + 52)}" y="{_fmt(y)}" font-size="12" fill="#333333">{label}</text>'
        )
        x += 52 + math.ceil(len(label) * 7.0) + 30
    notes = (
        "A double-headed arrow is a move made both ways; hover an arrow for its typical years "
        f"({ESTIMATE_MARK} marks the catalogue's estimate, not a source's).",
        "pmladder show ROLE has the details of a role; pmladder path FROM TO the gap at each step.",
    )
    for i, note in enumerate(notes):
        out.append(
            f'<text x="{MARGIN}" y="{_fmt(y + 24 + i * 16)}" font-size="11" fill="#666666">'
            f"{note}</text>"
        )
    return out
