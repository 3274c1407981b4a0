"""Where the SVG picture's arrows go, so that they neither cross nor hide each other.

Between neighbouring rows each arrow crosses the band between them along a
channel of its own, ordered like classic channel routing; within a row, moves
arc below it, nested by span; over several rows, they curve out to the side.
The rows' spacing is set here because the arrows are routed through it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...inert import xml
from ...kinds import KINDS
from ...models import MoveKind
from .layout import Layout, PlacedRole, years

COL_GAP = 34
ROW_GAP = 112
MAX_ROUTED = 200
"""Above this many moves between two rows, channels are not ordered (it costs n²)."""
ARC_MIN = 0.12 * ROW_GAP
ARC_MAX = 0.48 * ROW_GAP
"""How far below its row the shallowest and the deepest arc within a row dip."""


@dataclass(frozen=True, slots=True)
class Box:
    """Where a role's box is drawn."""

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


@dataclass(frozen=True, slots=True)
class _Arrow:
    """One arrow: a move, or a pair of same-kind moves made both ways."""

    source: str
    target: str
    kind: MoveKind
    both: bool
    tip: str


def fmt(value: float) -> str:
    """A coordinate as SVG writes it: one decimal at most."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def stroke(kind: MoveKind) -> str:
    """The stroke attributes of an arrow of ``kind``."""
    look = KINDS[kind]
    dash = "" if look.svg_dasharray == "none" else f' stroke-dasharray="{look.svg_dasharray}"'
    return f'stroke="{look.colour}" stroke-width="{look.svg_width}"{dash}'


def arrows(lay: Layout, boxes: dict[str, Box]) -> Iterable[str]:
    """Arrows for the moves between placed roles, as SVG path elements."""
    pairs = _arrows(lay)
    role = {r.id: r for r in lay.roles}
    port = _ports_of(pairs, role, boxes)
    depth_of = _arc_depths(pairs, role, boxes)
    channel = _channels(lay, pairs, role, boxes, port, depth_of)
    out: list[str] = []
    for i, arrow in enumerate(pairs):
        ends = (port[(i, "a")], port[(i, "b")])
        d = _path(role[arrow.source], role[arrow.target], boxes[arrow.source],
                  boxes[arrow.target], ends, depth_of, channel.get(i))
        start = f' marker-start="url(#start-{arrow.kind})"' if arrow.both else ""
        out.append(
            f'<path d="{d}" fill="none" {stroke(arrow.kind)}{start}'
            f' marker-end="url(#end-{arrow.kind})"><title>{xml(arrow.tip)}</title></path>'
        )
    return out


def _arrows(lay: Layout) -> list[_Arrow]:
    """The arrows to draw: a pair of same-kind moves made both ways is one, double-headed."""
    out: list[_Arrow] = []
    seen: set[tuple[str, str, str]] = set()
    kinds = {(e.source, e.target): e for e in lay.edges if e.shown}
    for e in lay.edges:
        if not e.shown or (e.source, e.target, e.kind) in seen:
            continue
        back = kinds.get((e.target, e.source))
        both = back is not None and back.kind == e.kind
        seen.add((e.source, e.target, e.kind))
        label = KINDS[e.kind].label
        tip = f"{e.source} → {e.target}: {label}{years(e.typical_years, e.estimate)}"
        if both and back is not None:
            seen.add((e.target, e.source, e.kind))
            tip += f"; {e.target} → {e.source}: {label}{years(back.typical_years, back.estimate)}"
        out.append(_Arrow(e.source, e.target, e.kind, both, tip))
    return out


def _ports_of(
    pairs: list[_Arrow], role: dict[str, PlacedRole], boxes: dict[str, Box]
) -> dict[tuple[int, str], float]:
    """Where each arrow's ends (``a`` its source, ``b`` its target) meet their boxes.

    Each box edge (top/bottom) spreads its arrows out, ordered by where the
    other end lies, so neighbouring arrows do not cross.
    """

    def side(a: str, b: str) -> str:
        return "top" if role[b].row < role[a].row else "bottom"

    def order(here: str, other: str) -> tuple[int, float]:
        # Along a bottom edge, left to right: arcs to roles on the left (nearest
        # first), then lines to other rows (by where they go), then arcs to roles
        # on the right (farthest first). Arcs then nest instead of crossing, and
        # lines leave from outside the arcs.
        dx = boxes[other].cx - boxes[here].cx
        if role[here].row != role[other].row:
            return 1, boxes[other].cx
        return (0, -dx) if dx < 0 else (2, -dx)

    attach: dict[tuple[str, str], list[tuple[int, float, int, str]]] = {}
    for i, arrow in enumerate(pairs):
        a, b = arrow.source, arrow.target
        attach.setdefault((a, side(a, b)), []).append((*order(a, b), i, "a"))
        attach.setdefault((b, side(b, a)), []).append((*order(b, a), i, "b"))
    port: dict[tuple[int, str], float] = {}
    for (rid, _side), items in attach.items():
        items.sort()
        for x, (_, _, i, end) in zip(_spread(len(items), boxes[rid]), items, strict=True):
            port[(i, end)] = x
    return port


def _spread(count: int, box: Box) -> list[float]:
    """``count`` x positions spread along the middle of a box edge."""
    if count == 1:
        return [box.cx]
    span = min(box.w * 0.75, 26.0 * (count - 1))
    return [box.cx - span / 2 + span * i / (count - 1) for i in range(count)]


def _arc_depths(
    pairs: list[_Arrow], role: dict[str, PlacedRole], boxes: dict[str, Box]
) -> dict[float, float]:
    """How deep an arc within a row dips, by its span: the wider, the deeper, so arcs nest."""
    spans = sorted({abs(boxes[p.target].cx - boxes[p.source].cx) for p in pairs
                    if role[p.source].row == role[p.target].row})
    return {
        span: ARC_MIN + (ARC_MAX - ARC_MIN) * (k / max(len(spans) - 1, 1))
        for k, span in enumerate(spans)
    }


def _channels(
    lay: Layout,
    pairs: list[_Arrow],
    role: dict[str, PlacedRole],
    boxes: dict[str, Box],
    port: dict[tuple[int, str], float],
    depth_of: dict[float, float],
) -> dict[int, float]:
    """The height at which each arrow between neighbouring rows crosses their band.

    Channels lie below any arcs of the upper row, and are ordered so that no
    move's horizontal run cuts through another's rise: the classic constraint
    graph of channel routing.
    """
    arc_depth: dict[int, float] = {}
    bands: dict[int, list[int]] = {}
    for i, p in enumerate(pairs):
        ra, rb = role[p.source], role[p.target]
        if ra.row == rb.row:
            depth = depth_of[abs(boxes[p.target].cx - boxes[p.source].cx)]
            arc_depth[ra.row] = max(arc_depth.get(ra.row, 0.0), depth)
        elif abs(ra.row - rb.row) == 1:
            bands.setdefault(min(ra.row, rb.row), []).append(i)
    channel: dict[int, float] = {}
    for upper_row, members in bands.items():
        # (x at the upper row, x at the lower row) of each arrow in the band
        ends = {
            i: (port[(i, "b")], port[(i, "a")])
            if role[pairs[i].target].row < role[pairs[i].source].row
            else (port[(i, "a")], port[(i, "b")])
            for i in members
        }
        levels = _channel_levels(members, ends)
        top_y = next(boxes[r.id].bottom for r in lay.roles if r.row == upper_row)
        low = top_y + arc_depth.get(upper_row, 0.0) + 10
        high = top_y + ROW_GAP - 12
        if not arc_depth.get(upper_row):
            low = top_y + 16
        deepest = max(levels.values())
        for i, k in levels.items():
            channel[i] = (low + high) / 2 if deepest == 0 else low + (high - low) * k / deepest
    return channel


def _path(
    ra: PlacedRole,
    rb: PlacedRole,
    ba: Box,
    bb: Box,
    ends: tuple[float, float],
    depth_of: dict[float, float],
    channel: float | None,
) -> str:
    """The SVG path data of one arrow from box ``ba`` to box ``bb``."""
    xa, xb = ends
    if ra.row == rb.row:
        y = ba.bottom
        # A rounded U below the row: down, across, up into the other box.
        low = y + depth_of[abs(bb.cx - ba.cx)]
        r = min(8.0, abs(xb - xa) / 2, low - y)
        step = r if xb > xa else -r
        return (
            f"M{fmt(xa)},{fmt(y)} V{fmt(low - r)}"
            f" Q{fmt(xa)},{fmt(low)} {fmt(xa + step)},{fmt(low)}"
            f" H{fmt(xb - step)} Q{fmt(xb)},{fmt(low)} {fmt(xb)},{fmt(low - r)}"
            f" V{fmt(y)}"
        )
    up = rb.row < ra.row
    ya = ba.y if up else ba.bottom
    yb = bb.bottom if up else bb.y
    if abs(ra.row - rb.row) > 1:
        # A move over several levels: curve out to the side of the boxes between.
        bend = (yb - ya) * 0.45
        side_x = max(ba.x + ba.w, bb.x + bb.w) + COL_GAP * 0.45
        return (
            f"M{fmt(xa)},{fmt(ya)} C{fmt(side_x)},{fmt(ya + bend * 0.2)}"
            f" {fmt(side_x)},{fmt(yb - bend * 0.2)} {fmt(xb)},{fmt(yb)}"
        )
    middle = (ya + yb) / 2 if channel is None else channel
    return (
        f"M{fmt(xa)},{fmt(ya)} C{fmt(xa)},{fmt(middle)}"
        f" {fmt(xb)},{fmt(middle)} {fmt(xb)},{fmt(yb)}"
    )


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
