"""The static site's index: the ladder, the roles, the scale, the competency matrix,
and the data the search box and route finder read."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ..index import Ladder
from ..inert import plain, script_json
from ..kinds import KINDS
from ..matrix import competency_matrix
from ..overview import overview
from ..routes import year_units
from ..search import FIELD_WEIGHTS, fields
from .html import criterion, h, page, role_url
from .pictures.svg import svg
from .wording import ESTIMATE


def _json_script(element_id: str, data: Any) -> str:
    text = script_json(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True))
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def site_data(ladder: Ladder) -> dict[str, Any]:
    """What the search box and the route finder need, computed here once.

    ``roles`` in catalogue order, each with its searchable fields exactly as
    ``pmladder search`` reads them and its moves as ``[to, typical years in
    exact units (a decimal string, for BigInt), kind, typical years, whether the
    move is an estimate, whether its time is]`` in file order, which the route
    finder needs to break ties as ``pmladder path`` does.
    """
    every = list(ladder.every_role())
    _, units = year_units(m.typical_years or 0 for r in every for m in r.moves)
    roles = []
    for role in every:
        roles.append({
            "id": role.id,
            "title": plain(role.title),
            "fields": [[f, plain(text)] for f, _index, text in fields(ladder, role)],
            "moves": [
                [m.to, str(units[m.typical_years or 0]), m.kind, m.typical_years,
                 m.basis is not None and m.basis.is_estimate,
                 m.typical_years_basis is not None and m.typical_years_basis.is_estimate]
                for m in role.moves
            ],
        })
    kinds = {kind: look.label for kind, look in KINDS.items()}
    return {"roles": roles, "weights": FIELD_WEIGHTS, "kinds": kinds, "estimate": ESTIMATE}


def _role_options(ladder: Ladder) -> Iterator[str]:
    for track in overview(ladder):
        yield f'<optgroup label="{h(track.name)}">'
        for r in track.roles:
            yield f'<option value="{h(r.id)}">{h(r.title)}</option>'
        yield "</optgroup>"


def index_page(ladder: Ladder) -> str:
    """The catalogue at a glance, with the search box and the route finder."""
    catalog = ladder.head
    roles = ladder.ids
    body = [f"<h1>{h(catalog.name)}</h1>"]
    if catalog.description:
        body.append(f'<p class="summary">{h(catalog.description)}</p>')
    body.append(
        f'<p class="facts">{len(roles)} roles on {len(catalog.tracks)} tracks and '
        f"{len(catalog.levels)} levels, rated on {len(catalog.competencies)} competencies.</p>"
    )
    body += list(_tools(ladder))
    body += list(_picture(ladder))
    body += list(_roles_table(ladder))
    body += list(_scale(ladder))
    body += list(_matrix(ladder))
    body += list(_sources(ladder))
    body.append(_json_script("site-data", site_data(ladder)))
    return page(ladder, h(catalog.name), body, 0, script=True)


def _tools(ladder: Ladder) -> Iterator[str]:
    """The search box and the route finder, hidden until the script shows them."""
    options = list(_role_options(ladder))
    yield from (
        '<section id="find" class="tools" aria-labelledby="find-heading" hidden>',
        '<h2 id="find-heading">Search and routes</h2>',
        '<div class="pair"><div class="tool"><form id="search-form" role="search">',
        '<h3><label for="search-input">Find roles by skill, tool or framework</label></h3>',
        '<input id="search-input" type="search" autocomplete="off" '
        'placeholder="e.g. SQL, RICE, roadmap">',
        '<button type="submit">Search</button>',
        "</form>",
        '<p id="search-status" class="quiet" aria-live="polite"></p>',
        '<ol id="search-results" class="results"></ol></div>',
        '<div class="tool"><form id="route-form">',
        "<h3>Find a route between two roles</h3>",
        '<p><label for="route-from">From</label> <select id="route-from">',
        *options,
        '</select></p><p><label for="route-to">To</label> <select id="route-to">',
        *options,
        '</select></p><button type="submit">Show the route</button>',
        "</form>",
        '<p id="route-status" aria-live="polite"></p>',
        '<ol id="route-steps" class="results"></ol></div></div>',
        "</section>",
    )


def _picture(ladder: Ladder) -> Iterator[str]:
    """The ladder drawn as SVG, each role linking to its page."""
    picture = svg(ladder, href=lambda role_id: f"roles/{role_id}.html")
    picture = picture.split("\n", 1)[1] if picture.startswith("<?xml") else picture
    # Never drawn larger than pmladder drew it: a small ladder stays small.
    natural = re.search(r'<svg [^>]*width="([0-9.]+)"', picture)
    width = f' style="--width: {natural.group(1)}px"' if natural else ""
    yield from (
        '<section id="ladder" aria-labelledby="ladder-heading">',
        '<h2 id="ladder-heading">The ladder</h2>',
        f'<figure><div class="scroll picture"{width}>',
        picture.rstrip("\n"),
        "</div><figcaption>Tracks run left to right and levels from the most senior at "
        "the top; arrows are the usual moves. Select a role to open its page; the table "
        "below lists the same roles.</figcaption></figure>",
        "</section>",
    )


def _sources(ladder: Ladder) -> Iterator[str]:
    sources = ladder.head.sources
    if not sources:
        return
    yield '<section id="sources" aria-labelledby="sources-heading">'
    yield '<h2 id="sources-heading">Sources</h2><ul>'
    for s in sources:
        by = f" ({h(s.publisher)})" if s.publisher else ""
        about = f": {h(s.description)}" if s.description else ""
        yield f"<li><strong>{h(s.title)}</strong>{by}{about}</li>"
    yield "</ul></section>"


def _roles_table(ladder: Ladder) -> Iterator[str]:
    tracks = overview(ladder)
    yield '<section id="roles" aria-labelledby="roles-heading">'
    yield '<h2 id="roles-heading">Roles by track and level</h2>'
    yield '<div class="scroll"><table class="grid">'
    yield "<caption>The most senior level first; each role links to its page.</caption>"
    yield '<thead><tr><th scope="col">Level</th>'
    for t in tracks:
        yield f'<th scope="col" id="track-{h(t.id)}">{h(t.name)}</th>'
    yield "</tr></thead><tbody>"
    for level in sorted(ladder.head.levels, key=lambda lv: -lv.rank):
        cells = []
        for t in tracks:
            here = [r for r in t.roles if r.level == level.rank]
            links = "<br>".join(f'<a href="{role_url(r.id, 0)}">{h(r.title)}</a>' for r in here)
            cells.append(f"<td>{links}</td>")
        yield (f'<tr><th scope="row">{level.rank} {h(level.name)}</th>{"".join(cells)}</tr>')
    yield "</tbody></table></div>"
    described = [t for t in ladder.head.tracks if t.description]
    if described:
        yield "<dl>"
        for track in described:
            yield f"<dt>{h(track.name)}</dt><dd>{h(track.description or '')}</dd>"
        yield "</dl>"
    yield "</section>"


def _scale(ladder: Ladder) -> Iterator[str]:
    scale = ladder.head.scale
    yield '<section id="scale" aria-labelledby="scale-heading">'
    yield f'<h2 id="scale-heading">The scale: {h(scale.name)}</h2>'
    if scale.description:
        yield f"<p>{h(scale.description)}</p>"
    yield '<ol class="scale">'
    for step in scale.levels:
        yield f"<li><strong>{h(step.name)}</strong>: {h(step.description)}</li>"
    yield "</ol></section>"


def _matrix(ladder: Ladder) -> Iterator[str]:
    """The competency matrix (:mod:`pmladder.matrix`): each competency at each
    step, with what the step asks and the roles that ask for it."""

    matrix = competency_matrix(ladder)
    yield '<section id="competencies" aria-labelledby="competencies-heading">'
    yield '<h2 id="competencies-heading">Competencies</h2>'
    if not matrix.rows:
        yield '<p class="quiet">This catalogue defines no competencies.</p></section>'
        return
    yield ("<p>Each competency at each step of the scale: what the step asks, where the "
           "catalogue says, and the roles that ask for it.</p>")
    yield '<div class="scroll"><table class="matrix">'
    yield '<thead><tr><th scope="col">Competency</th>'
    for step in matrix.steps:
        yield f'<th scope="col">{h(step.name)}</th>'
    yield "</tr></thead><tbody>"
    for row in matrix.rows:
        yield (f'<tr><th scope="row"><strong>{h(row.name)}</strong>'
               f'<span class="about">{h(row.description)}</span></th>')
        for cell in row.cells:
            said = criterion(ladder, row.competency, cell.step)
            asks = f'<span class="criteria">{said}</span>' if said else ""
            links = ", ".join(
                f'<a href="{role_url(r, 0)}">{h(ladder.roles[r].title)}</a>' for r in cell.roles
            )
            asked = f'<span class="who">Asked of</span>{links}' if links else ""
            yield f"<td>{asks}{asked}</td>"
        yield "</tr>"
    yield "</tbody></table></div></section>"
