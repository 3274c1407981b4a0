"""The kinds of move, and how every output shows each: one table, read by every view.

A move is written the same way everywhere, its arrow then its label
(``↑ promotion``), and one legend line names them all.  The pictures style
each kind by the same colour in Mermaid, Graphviz DOT and SVG.  Plain data, so
core code and the cheap start-up paths can read it without Rich or pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .models import MoveKind


class KindLook(NamedTuple):
    """How one kind of move is named and drawn (a NamedTuple: a dataclass would
    cost every start-up about a millisecond to build)."""

    label: str
    """Its name in prose and tables: ``into management``."""
    arrow: str
    """The arrow before its label in the terminal: ``⇑``."""
    terminal_style: str
    """Rich style of its arrow and label in the terminal."""
    colour: str
    """Colour of its arrows in every picture, as ``#rrggbb``."""
    mermaid_arrow: str
    """Mermaid link between two nodes: ``-->``."""
    mermaid_link_style: str
    """Mermaid ``linkStyle`` properties besides the colour."""
    dot_style: str
    """Graphviz edge ``style``."""
    dot_penwidth: str
    """Graphviz edge ``penwidth``."""
    svg_dasharray: str
    """SVG ``stroke-dasharray``: ``none`` for a solid line."""
    svg_width: str
    """SVG ``stroke-width``."""

    @property
    def notation(self) -> str:
        """The move as every output writes it: arrow then label, ``↑ promotion``."""
        return f"{self.arrow} {self.label}"


KINDS: dict[MoveKind, KindLook] = {
    "promotion": KindLook(
        label="promotion", arrow="↑", terminal_style="green", colour="#2e7d32",
        mermaid_arrow="-->", mermaid_link_style="stroke-width:2px",
        dot_style="solid", dot_penwidth="1.2", svg_dasharray="none", svg_width="2",
    ),
    "lateral": KindLook(
        label="lateral", arrow="→", terminal_style="cyan", colour="#1565c0",
        mermaid_arrow="-.->", mermaid_link_style="stroke-width:2px,stroke-dasharray:6 4",
        dot_style="dashed", dot_penwidth="1.2", svg_dasharray="7 4", svg_width="2",
    ),
    "specialisation": KindLook(
        label="specialisation", arrow="↪", terminal_style="magenta", colour="#8e24aa",
        mermaid_arrow="-->", mermaid_link_style="stroke-width:2px,stroke-dasharray:2 3",
        dot_style="dotted", dot_penwidth="1.2", svg_dasharray="2 4", svg_width="2.4",
    ),
    "management": KindLook(
        label="into management", arrow="⇑", terminal_style="bold yellow", colour="#e65100",
        mermaid_arrow="==>", mermaid_link_style="stroke-width:3px",
        dot_style="bold", dot_penwidth="2", svg_dasharray="none", svg_width="3.2",
    ),
}
"""Every kind of move, in the order of :data:`pmladder.models.MOVE_KINDS`."""

LEGEND_SEPARATOR = "  "


def legend() -> str:
    """The one legend line: ``↑ promotion  → lateral  ↪ specialisation  ⇑ into management``."""
    return LEGEND_SEPARATOR.join(look.notation for look in KINDS.values())
