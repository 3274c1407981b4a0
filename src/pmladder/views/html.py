"""The static site's pages as HTML text: the index, a page per role, a page per move.

Plain Python (no Rich, no Typer).  Every piece of catalogue text goes through
:func:`h`, which shows control and bidirectional characters as visible escapes
(as every other output does) and escapes ``& < > " '``; ids only reach URLs
through :func:`role_url` and :func:`move_url`, whose output is escaped too.
The data the browser scripts read is JSON inside a ``<script
type="application/json">`` element, with ``<``, ``>`` and ``&`` written as
``\\u003c``... so no catalogue text can end the element.

Links are relative, so the site works from any folder, any server path, or
straight from disk.  Nothing depends on the time, the machine or the file the
catalogue came from: the same catalogue gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..index import Ladder
from ..inert import xml
from ..models import Basis
from .wording import ESTIMATE as ESTIMATE_WORD

h = xml
"""Catalogue text made safe inside HTML text and attribute values."""


def role_url(role_id: str, depth: int) -> str:
    """The URL of a role's page from a page ``depth`` folders below the site's root."""
    return h(f"{'../' * depth}roles/{role_id}.html")


def move_url(source: str, target: str, depth: int) -> str:
    """The URL of the page of the move from ``source`` to ``target``."""
    return h(f"{'../' * depth}moves/{source}/{target}.html")


def page(ladder: Ladder, title: str, body: Iterable[str], depth: int,
         *, script: bool = False) -> str:
    """A whole HTML document around ``body``, with the site's header and footer."""
    up = "../" * depth
    name = h(ladder.head.name)
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f'<link rel="stylesheet" href="{up}assets/site.css">',
        "</head>",
        "<body>",
        '<a class="skip" href="#main">Skip to the content</a>',
        '<header class="site"><nav aria-label="Site">',
        f'<a class="home" href="{up}index.html">{name}</a>',
        f'<a href="{up}index.html#ladder">Ladder</a>',
        f'<a href="{up}index.html#roles">Roles</a>',
        f'<a href="{up}index.html#competencies">Competencies</a>',
        f'<a href="{up}index.html#find">Search and routes</a>',
        "</nav></header>",
        '<main id="main">',
    ]
    tail = [
        "</main>",
        '<footer class="site"><p>Made with pmladder from the catalogue '
        f"&#8220;{name}&#8221;. Edit the catalogue, not these pages.</p></footer>",
    ]
    if script:
        tail.append(f'<script src="{up}assets/site.js"></script>')
    tail += ["</body>", "</html>", ""]
    return "\n".join([*head, *body, *tail])


def listed(items: Iterable[str]) -> Iterator[str]:
    """Catalogue text as a bulleted list."""
    yield "<ul>"
    for item in items:
        yield f"<li>{h(item)}</li>"
    yield "</ul>"


ESTIMATE = f'<span class="estimate">{ESTIMATE_WORD}</span>'
"""The mark of a claim that is the catalogue's own estimate, as the CLI marks it
(pass it as ``mark`` to :func:`~.wording.marked` and :func:`~.wording.typical_time`)."""


def basis(ladder: Ladder, claim: Basis | None) -> str:
    """Where a claim comes from, worded as ``pmladder show`` words it, estimates marked."""
    if claim is None:
        return ""
    titles = {s.id: s.title for s in ladder.head.sources}
    names = h("; ".join(titles.get(s, s) for s in claim.sources or ()))
    if claim.estimate is not None:
        informed = f" (drawing on {names})" if names else ""
        return f"{ESTIMATE}{informed}: {h(claim.estimate)}"
    return f"stated by {names}"


def criterion(ladder: Ladder, competency: str, step: str, fallback: str = "") -> str:
    """What ``step`` asks in ``competency``: its criterion, else the scale's words."""
    found = ladder.criterion(competency, step)
    if found is None:
        return h(fallback)
    out = h(found.text)
    if found.examples:
        out += '<ul class="examples">' + "".join(
            f"<li>{h(example)}</li>" for example in found.examples) + "</ul>"
    if found.basis is not None:
        out += f'<span class="basis">{basis(ladder, found.basis)}</span>'
    return out


