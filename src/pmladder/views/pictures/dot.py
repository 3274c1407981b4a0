"""The ladder as a Graphviz digraph: render it with ``dot -Tsvg ladder.dot -o ladder.svg``."""

from __future__ import annotations

from collections.abc import Iterator

from ...index import Ladder
from ...inert import dot_string
from ...kinds import KINDS
from .layout import Edge, Layout, in_catalogue_order, layout, node_names, years

HEAD = (
    "  labelloc=t; fontsize=18; fontname=Helvetica;",
    "  rankdir=BT; newrank=true; nodesep=0.35; ranksep=0.6;",
    '  node [shape=box, style="rounded,filled", fillcolor="#f7f7fb", color="#555555",'
    " fontname=Helvetica, fontsize=11];",
    "  edge [fontname=Helvetica, fontsize=9];",
)


def dot(ladder: Ladder, track: str | None = None) -> str:
    """A Graphviz digraph: a cluster per track, one rank per level, edges styled by kind.

    ``rankdir=BT`` puts the most senior roles at the top.
    """
    lay = layout(ladder, track)
    node = node_names(ladder, lay)
    out = ["digraph ladder {", f'  label="{dot_string(lay.name)}";', *HEAD]
    out.extend(_clusters(ladder, lay, node))
    out.extend(_ranks(lay, node))
    out.extend(_edges(lay, node))
    out.append("}")
    return "\n".join(out) + "\n"


def _clusters(ladder: Ladder, lay: Layout, node: dict[str, str]) -> Iterator[str]:
    """A cluster per track, its roles and its title.

    Each track's title is a plain node on a rank of its own below every level,
    not the cluster's label: a label sits where edges leave the cluster, and
    Graphviz draws arrows straight through it.
    """
    for t in lay.tracks:
        yield f"  subgraph cluster_{t.column} {{"
        yield '    label=""; style=rounded; color="#bbbbbb";'
        yield (
            f'    title_{t.column} [label="{dot_string(t.name)}", shape=plaintext, style="",'
            " fontsize=13];"
        )
        for r in in_catalogue_order(ladder, lay):
            if r.track == t.id:
                yield f'    {node[r.id]} [label="{dot_string(r.title)}\\n({dot_string(r.id)})"];'
        yield "  }"


def _ranks(lay: Layout, node: dict[str, str]) -> Iterator[str]:
    """One rank per level, the titles on a rank below them all."""
    titles = " ".join(f"title_{t.column};" for t in lay.tracks)
    yield f"  {{ rank=min; {titles} }}"
    for level in lay.levels:
        members = " ".join(f"{node[r.id]};" for r in lay.roles if r.level == level.rank)
        yield f"  {{ rank=same; {members} }}  // {dot_string(f'{level.rank} {level.name}')}"
    # Keep each title under its own track's lowest role.
    for t in lay.tracks:
        lowest = min((r for r in lay.roles if r.track == t.id), key=lambda r: r.level, default=None)
        if lowest is not None:
            yield f"  title_{t.column} -> {node[lowest.id]} [style=invis];"


def _edges(lay: Layout, node: dict[str, str]) -> Iterator[str]:
    """The moves between shown roles; a pair made both ways with one kind is one edge."""
    shown = [e for e in lay.edges if e.shown]
    pairs = {(e.source, e.target): e for e in shown}
    rank_of = {r.id: r.level for r in lay.roles}
    for e in shown:
        back = pairs.get((e.target, e.source))
        if back is not None and back.kind == e.kind and (e.target, e.source) < (e.source, e.target):
            continue  # drawn once, with arrows both ways, from the other end
        both = back if back is not None and back.kind == e.kind else None
        look = KINDS[e.kind]
        # Moves within one level all run along the same channel, where their
        # labels would print over each other: each goes by its own arrowhead (a
        # head label also spares Graphviz 2.x the labelled flat edges it can give
        # up on). Lateral moves arc over the top, between the boxes.
        where = "headlabel" if rank_of[e.source] == rank_of[e.target] else "label"
        ports = "tailport=n, headport=n, " if e.kind == "lateral" else ""
        yield (
            f'  {node[e.source]} -> {node[e.target]} [{ports}{where}="{_label(e, both)}",'
            f' style={look.dot_style}, color="{look.colour}",'
            f' fontcolor="{look.colour}", penwidth={look.dot_penwidth}'
            f'{", dir=both" if both else ""}];'
        )


def _label(edge: Edge, back: Edge | None) -> str:
    """The kind and typical time of a move, and of the way back when that differs."""
    label = KINDS[edge.kind].label + years(edge.typical_years, edge.estimate)
    if back is not None and (back.typical_years, back.estimate) != (
        edge.typical_years, edge.estimate
    ):
        label += f" / {years(back.typical_years, back.estimate).strip() or 'no typical time'}"
    return dot_string(label)
