"""The ladder as a Mermaid flowchart, for a wiki or a Markdown page that renders Mermaid."""

from __future__ import annotations

from ...index import Ladder
from ...inert import mermaid_label
from ...kinds import KINDS
from .layout import in_catalogue_order, layout, node_names, years


def mermaid(ladder: Ladder, track: str | None = None) -> str:
    """A Mermaid flowchart: one subgraph per track, edges labelled and styled by kind.

    The chart runs bottom to top, so the most senior roles are at the top.
    """
    lay = layout(ladder, track)
    node = node_names(ladder, lay)
    lines = [
        "%% " + mermaid_label(lay.name) + " - drawn by pmladder",
        "flowchart BT",
    ]
    for t in lay.tracks:
        lines.append(f'  subgraph t{t.column}["{mermaid_label(t.name)}"]')
        lines.append("    direction BT")
        for r in in_catalogue_order(ladder, lay):
            if r.track == t.id:
                lines.append(
                    f'    {node[r.id]}["{mermaid_label(r.title)}<br/>({mermaid_label(r.id)})"]'
                )
        lines.append("  end")
    styles: list[str] = []
    for e in lay.edges:
        if not e.shown:
            continue
        look = KINDS[e.kind]
        label = mermaid_label(look.label + years(e.typical_years, e.estimate))
        lines.append(f'  {node[e.source]} {look.mermaid_arrow}|"{label}"| {node[e.target]}')
        styles.append(f"  linkStyle {len(styles)} stroke:{look.colour},{look.mermaid_link_style}")
    lines.extend(styles)
    return "\n".join(lines) + "\n"
