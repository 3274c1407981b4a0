"""``pmladder export``: the catalogue in the format asked for.

Each format has its own module: :mod:`.catalog_file` (TOML, JSON),
:mod:`.markdown`, and the pictures (Mermaid, DOT, SVG).  Saving the result
is the command's job (:mod:`pmladder.textfile` is the one file writer).
"""

from __future__ import annotations

from collections.abc import Callable

from ..index import Ladder
from .catalog_file import to_json, to_toml
from .markdown import to_markdown

WRITERS: dict[str, Callable[[Ladder], str]] = {
    "toml": to_toml,
    "json": to_json,
    "markdown": to_markdown,
}
"""The formats written as text; the others (``mermaid``, ``dot``, ``svg``) are drawn."""


def render(ladder: Ladder, fmt: str) -> str:
    """The catalogue as ``fmt``, one of ``pmladder export --format``'s choices."""
    writer = WRITERS.get(fmt)
    if writer is not None:
        return writer(ladder)
    # Drawing needs more code than the other formats: load it only when asked.
    from .pictures import draw

    drawn = draw(ladder, fmt)
    return drawn if drawn.endswith("\n") else drawn + "\n"
