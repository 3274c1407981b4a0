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

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..catalog import Ladder
from ..inert import plain, xml
from ..kinds import KINDS
from ..ladder import Change, Fall, Gap, gap, ratings
from ..models import Basis, Role
from ..overview import MoveView, moves_from, moves_into, overview
from ..routes import year_units
from ..search import FIELD_WEIGHTS, fields
from .pictures.svg import svg

h = xml
"""Catalogue text made safe inside HTML text and attribute values."""


def role_url(role_id: str, depth: int) -> str:
    """The URL of a role's page from a page ``depth`` folders below the site's root."""
    return h(f"{'../' * depth}roles/{role_id}.html")


def move_url(source: str, target: str, depth: int) -> str:
    """The URL of the page of the move from ``source`` to ``target``."""
    return h(f"{'../' * depth}moves/{source}/{target}.html")


def years(value: float | None) -> str:
    """``2.5`` -> ``2.5 years``, as the terminal tables write it."""
    if value is None:
        return "not stated"
    return f"{value:g} {'year' if value == 1 else 'years'}"


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


def _list(items: Iterable[str], cls: str = "") -> Iterator[str]:
    attr = f' class="{cls}"' if cls else ""
    yield f"<ul{attr}>"
    for item in items:
        yield f"<li>{h(item)}</li>"
    yield "</ul>"


ESTIMATE = '<span class="estimate">estimate</span>'
"""The mark of a claim that is the catalogue's own estimate, as the CLI marks it."""


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


def marked(shown: str, claim: Basis | None) -> str:
    """``shown`` (already HTML) followed by ``(estimate)`` when its basis says so."""
    return f"{shown} ({ESTIMATE})" if claim is not None and claim.is_estimate else shown


def typical_time(value: float | None, claim: Basis | None) -> str:
    """A move's typical time, ``unknown`` when the catalogue states none."""
    return "unknown" if value is None else marked(h(years(value)), claim)


def _meter(rank: int, steps: int) -> str:
    filled = "●" * rank + "○" * max(steps - rank, 0)
    return f'<span class="meter" aria-hidden="true">{filled}</span>'


# --------------------------------------------------------------------------
# A role


def _moves_table(
    ladder: Ladder, role: Role, items: Sequence[MoveView], *, onward: bool, empty: str
) -> Iterator[str]:
    if not items:
        yield f'<p class="quiet">{empty}</p>'
        return
    yield '<div class="scroll"><table class="stack">'
    yield "<thead><tr><th scope=\"col\">Role</th><th scope=\"col\">Move</th>" \
          "<th scope=\"col\">Typical time</th><th scope=\"col\">Basis</th>" \
          "<th scope=\"col\">Note</th><th scope=\"col\">Gap</th></tr></thead><tbody>"
    for m in items:
        source, target = (role.id, m.role) if onward else (m.role, role.id)
        said = [basis(ladder, m.basis)]
        if m.typical_years is not None and m.typical_years_basis is not None:
            said.append(f"time: {basis(ladder, m.typical_years_basis)}")
        grounds = "<br>".join(x for x in said if x)
        yield (
            f'<tr><td><a href="{role_url(m.role, 1)}">{h(m.title)}</a></td>'
            f'<td data-label="Move">{marked(h(KINDS[m.kind].label), m.basis)}</td>'
            f'<td data-label="Typical time">{typical_time(m.typical_years, m.typical_years_basis)}'
            "</td>"
            f'<td data-label="Basis">{grounds}</td>'
            f"<td>{h(m.note or '')}</td>"
            f'<td><a href="{move_url(source, target, 1)}">what changes'
            f'<span class="vh"> from {h(ladder.roles[source].title)} to '
            f"{h(ladder.roles[target].title)}</span></a></td></tr>"
        )
    yield "</tbody></table></div>"


def _criterion(ladder: Ladder, competency: str, step: str, fallback: str = "") -> str:
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


def role_page(ladder: Ladder, role: Role) -> str:
    """Everything ``pmladder show`` says about a role, as a page."""
    track = ladder.track_names[role.track]
    level = ladder.level_names[role.level]
    scale = ladder.head.scale
    meaning = {s.id: s.description for s in scale.levels}
    body = [
        '<nav class="crumbs" aria-label="Breadcrumb"><a href="../index.html">'
        f"{h(ladder.head.name)}</a> &#8250; "
        f'<a href="../index.html#track-{h(role.track)}">{h(track)}</a></nav>',
        f"<h1>{h(role.title)}</h1>",
        f'<p class="facts"><span>Track: <strong>{h(track)}</strong></span> '
        f"<span>Level: <strong>{role.level} {h(level)}</strong></span> "
        f"<span>Id: <code>{h(role.id)}</code></span></p>",
    ]
    if role.aliases:
        body.append(f'<p class="facts">Also called: {h(", ".join(role.aliases))}</p>')
    body.append(f'<p class="summary">{h(role.summary)}</p>')
    body.append("<h2>Responsibilities</h2>")
    body.extend(_list(role.responsibilities))
    if role.competencies:
        steps = len(scale.levels)
        body.append("<h2>Competencies</h2>")
        body.append('<div class="scroll"><table class="ratings stack">')
        body.append(
            f'<thead><tr><th scope="col">Competency</th><th scope="col">{h(scale.name)}</th>'
            '<th scope="col">What that step means</th></tr></thead><tbody>'
        )
        for r in ratings(ladder, role):
            body.append(
                f'<tr><th scope="row">{h(r.name)}</th>'
                f'<td data-label="{h(scale.name)}">{_meter(r.rank, steps)} {h(r.level_name)}'
                f'<span class="vh"> (step {r.rank} of {steps})</span></td>'
                f"<td>{_criterion(ladder, r.competency, r.level, meaning.get(r.level, ''))}"
                "</td></tr>"
            )
        body.append("</tbody></table></div>")
    facts: list[str] = []
    if role.education:
        facts.append(f"<dt>Education</dt><dd>{h(role.education)}</dd>")
    if role.experience or role.experience_years is not None:
        text = h(role.experience or "")
        if role.experience_years is not None:
            figure = marked(f"typically {role.experience_years:g}+ years",
                            role.experience_years_basis)
            text += f' <span class="quiet">({figure})</span>'
            if role.experience_years_basis is not None:
                text += (f'<span class="basis">'
                         f"{basis(ladder, role.experience_years_basis)}</span>")
        facts.append(f"<dt>Experience</dt><dd>{text}</dd>")
    if role.frameworks:
        facts.append(f"<dt>Frameworks</dt><dd>{h(', '.join(role.frameworks))}</dd>")
    if facts:
        body.append("<h2>Education, experience and frameworks</h2>")
        body.append(f"<dl>{''.join(facts)}</dl>")
    body.append("<h2>Comes from</h2>")
    body.extend(_moves_table(ladder, role, moves_into(ladder, role), onward=False,
                             empty="Nothing leads here: an entry point."))
    body.append("<h2>Moves onward</h2>")
    body.extend(_moves_table(ladder, role, moves_from(ladder, role), onward=True,
                             empty="No moves onward: the top of its ladder."))
    if role.notes:
        body.append("<h2>Notes</h2>")
        body.extend(_list(role.notes))
    if role.sources:
        titles = {s.id: s.title for s in ladder.head.sources}
        body.append("<h2>Sources</h2>")
        body.extend(_list(titles.get(s, s) for s in role.sources))
    return page(ladder, f"{h(role.title)} &#8212; {h(ladder.head.name)}", body, 1)


# --------------------------------------------------------------------------
# A move


def _asks(change: Change) -> str:
    if change.criterion is None:
        return ""
    return f'<span class="basis">{h(change.criterion.text)}</span>'


def _changes(rising: Sequence[Change], new: Sequence[Change]) -> Iterator[str]:
    yield '<div class="scroll"><table class="changes stack">'
    yield ('<thead><tr><th scope="col">Competency</th><th scope="col">From</th>'
           '<th scope="col">To, and what it asks</th></tr></thead><tbody>')
    for c in rising:
        yield (f'<tr><th scope="row">{h(c.name)}</th>'
               f'<td data-label="From">{h(c.before_name or "")}</td>'
               f'<td data-label="To"><strong>{h(c.after_name)}</strong>{_asks(c)}</td></tr>')
    for c in new:
        yield (f'<tr><th scope="row">{h(c.name)}</th><td data-label="From" class="new">new</td>'
               f'<td data-label="To"><strong>{h(c.after_name)}</strong>{_asks(c)}</td></tr>')
    yield "</tbody></table></div>"


INTENDED = " (intended; see the move&#8217;s note)"


def _falls(falling: Sequence[Fall], unrated: Sequence[Fall], target: str) -> Iterator[str]:
    """What the next role asks less of, as ``pmladder path`` lists it."""
    if not falling and not unrated:
        return
    yield "<h2>What the next role asks less of</h2>"
    yield "<ul>"
    for f in falling:
        yield (f"<li>{h(f.name)}: {h(f.before_name)} &#8594; {h(f.after_name or '')}"
               f"{INTENDED if f.expected else ''}</li>")
    if unrated:
        names = ", ".join(f"{h(f.name)} (was {h(f.before_name)})" for f in unrated)
        intended = INTENDED if all(f.expected for f in unrated) else ""
        yield f"<li>Not rated by {h(target)}: {names}{intended}</li>"
    yield "</ul>"


def _gap(ladder: Ladder, the_gap: Gap, target: str) -> Iterator[str]:
    yield "<h2>Competencies to grow</h2>"
    if not the_gap.rated:
        yield (f'<p class="quiet">No competencies rated for this role ({h(target)}): '
               "what it asks is unknown.</p>")
    elif the_gap.rising or the_gap.new:
        yield from _changes(the_gap.rising, the_gap.new)
    else:
        yield '<p class="quiet">No competency needs to rise for this move.</p>'
    yield from _falls(the_gap.falling, the_gap.unrated, target)
    if the_gap.responsibilities_added:
        yield "<h2>Responsibilities added</h2>"
        yield from _list(the_gap.responsibilities_added)
    facts: list[str] = []
    if the_gap.frameworks_added:
        facts.append(f"<dt>Frameworks added</dt><dd>{h(', '.join(the_gap.frameworks_added))}</dd>")
    if the_gap.education is not None:
        facts.append(
            f"<dt>Education</dt><dd>{h(the_gap.education.before or 'none stated')} &#8594; "
            f"{h(the_gap.education.after or 'none stated')}</dd>"
        )
    if the_gap.experience is not None or the_gap.experience_years is not None:
        text = ""
        if the_gap.experience is not None:
            text = h(the_gap.experience.after or "none stated")
        if the_gap.experience_years is not None:
            # Each side carries its own mark: either figure may be the estimate.
            sides = zip(the_gap.experience_years,
                        (the_gap.experience_years_before_basis, the_gap.experience_years_basis),
                        strict=True)
            shown = [h(years(figure)) + (f", {ESTIMATE}" if figure is not None and claim is not None
                                         and claim.is_estimate else "")
                     for figure, claim in sides]
            text += f' <span class="quiet">({shown[0]} &#8594; {shown[1]})</span>'
        facts.append(f"<dt>Experience</dt><dd>{text.strip()}</dd>")
    if facts:
        yield "<h2>Education, experience and frameworks</h2>"
        yield f"<dl>{''.join(facts)}</dl>"


def move_page(ladder: Ladder, source: Role, index: int) -> str:
    """The gap of one move, exactly as ``pmladder path`` shows a step."""
    move = source.moves[index]
    target = ladder.roles[move.to]
    title = f"{h(source.title)} &#8594; {h(target.title)}"
    detail = f"Move: <strong>{marked(h(KINDS[move.kind].label), move.basis)}</strong>"
    if move.typical_years is not None:
        detail += (", typically after "
                   + marked(f"{h(years(move.typical_years))} in role", move.typical_years_basis))
    else:
        detail += ", typical time unknown"
    body = [
        '<nav class="crumbs" aria-label="Breadcrumb"><a href="../../index.html">'
        f"{h(ladder.head.name)}</a> &#8250; "
        f'<a href="{role_url(source.id, 2)}">{h(source.title)}</a></nav>',
        f"<h1>{title}</h1>",
        f'<p class="facts">From <a href="{role_url(source.id, 2)}">{h(source.title)}</a> '
        f'to <a href="{role_url(target.id, 2)}">{h(target.title)}</a>. {detail}.</p>',
    ]
    if move.note:
        body.append(f'<p class="summary">{h(move.note)}</p>')
    if move.basis is not None:
        body.append(f'<p class="facts">Basis of the move: {basis(ladder, move.basis)}</p>')
    if move.typical_years is not None and move.typical_years_basis is not None:
        body.append(
            f'<p class="facts">Basis of the time: {basis(ladder, move.typical_years_basis)}</p>'
        )
    the_gap = gap(ladder, source, target, None, move.asks_less)
    body.extend(_gap(ladder, the_gap, target.title))
    return page(ladder, f"{title} &#8212; {h(ladder.head.name)}", body, 2)


# --------------------------------------------------------------------------
# The index


def _json_script(element_id: str, data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
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
    return {"roles": roles, "weights": FIELD_WEIGHTS, "kinds": kinds}


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
    # The search box and route finder need the script; without it they stay hidden.
    options = list(_role_options(ladder))
    body += [
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
    ]
    picture = svg(ladder, href=lambda role_id: f"roles/{role_id}.html")
    picture = picture.split("\n", 1)[1] if picture.startswith("<?xml") else picture
    # Never drawn larger than pmladder drew it: a small ladder stays small.
    natural = re.search(r'<svg [^>]*width="([0-9.]+)"', picture)
    width = f' style="--width: {natural.group(1)}px"' if natural else ""
    body += [
        '<section id="ladder" aria-labelledby="ladder-heading">',
        '<h2 id="ladder-heading">The ladder</h2>',
        f'<figure><div class="scroll picture"{width}>',
        picture.rstrip("\n"),
        "</div><figcaption>Tracks run left to right and levels from the most senior at "
        "the top; arrows are the usual moves. Select a role to open its page; the table "
        "below lists the same roles.</figcaption></figure>",
        "</section>",
    ]
    body += list(_roles_table(ladder))
    body += list(_scale(ladder))
    body += list(_matrix(ladder))
    if catalog.sources:
        body.append('<section id="sources" aria-labelledby="sources-heading">')
        body.append('<h2 id="sources-heading">Sources</h2><ul>')
        for s in catalog.sources:
            by = f" ({h(s.publisher)})" if s.publisher else ""
            about = f": {h(s.description)}" if s.description else ""
            body.append(f"<li><strong>{h(s.title)}</strong>{by}{about}</li>")
        body.append("</ul></section>")
    body.append(_json_script("site-data", site_data(ladder)))
    return page(ladder, h(catalog.name), body, 0, script=True)


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
    from ..matrix import competency_matrix

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
            said = _criterion(ladder, row.competency, cell.step)
            criterion = f'<span class="criteria">{said}</span>' if said else ""
            links = ", ".join(
                f'<a href="{role_url(r, 0)}">{h(ladder.roles[r].title)}</a>' for r in cell.roles
            )
            asked = f'<span class="who">Asked of</span>{links}' if links else ""
            yield f"<td>{criterion}{asked}</td>"
        yield "</tr>"
    yield "</tbody></table></div></section>"
