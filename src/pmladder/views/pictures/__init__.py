"""Pictures of the ladder as Mermaid, Graphviz DOT and SVG text, for ``pmladder export``.

Everything here is plain Python (no Rich), so ``pmladder export`` can import it
cheaply. :mod:`.layout` places the roles on the grid every picture shares, and
one module per format writes it: :mod:`.mermaid`, :mod:`.dot`, :mod:`.svg`
(with the arrows routed by :mod:`.svg_arrows`).

Catalogue text is data in every format, made inert by :mod:`pmladder.inert`:
SVG text is XML-escaped, Mermaid labels are quoted with anything unusual as an
entity code, and DOT labels are escaped double-quoted strings. Node and
cluster names are generated, never taken from the catalogue.
"""

from __future__ import annotations

from ...index import Ladder
from . import dot, mermaid, svg


def draw(ladder: Ladder, fmt: str, track: str | None = None) -> str:
    """The picture of ``ladder`` (or of one ``track``) in ``fmt``: mermaid, dot or svg."""
    drawers = {"mermaid": mermaid.mermaid, "dot": dot.dot, "svg": svg.svg}
    return drawers[fmt](ladder, track)
