"""A role's page of the static site: everything ``pmladder show`` says about it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..index import Ladder
from ..kinds import KINDS
from ..models import Role
from ..overview import MoveView, moves_from, moves_into
from ..ratings import ratings
from .html import ESTIMATE, basis, criterion, h, listed, move_url, page, role_url
from .wording import marked, meter, typical_time


def _meter(rank: int, steps: int) -> str:
    return f'<span class="meter" aria-hidden="true">{meter(rank, steps)}</span>'


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
        time = typical_time(m.typical_years, m.typical_years_basis, mark=ESTIMATE)
        yield (
            f'<tr><td><a href="{role_url(m.role, 1)}">{h(m.title)}</a></td>'
            f'<td data-label="Move">{marked(h(KINDS[m.kind].label), m.basis, mark=ESTIMATE)}</td>'
            f'<td data-label="Typical time">{time}</td>'
            f'<td data-label="Basis">{grounds}</td>'
            f"<td>{h(m.note or '')}</td>"
            f'<td><a href="{move_url(source, target, 1)}">what changes'
            f'<span class="vh"> from {h(ladder.roles[source].title)} to '
            f"{h(ladder.roles[target].title)}</span></a></td></tr>"
        )
    yield "</tbody></table></div>"


def role_page(ladder: Ladder, role: Role) -> str:
    """Everything ``pmladder show`` says about a role, as a page."""
    track = ladder.track_names[role.track]
    level = ladder.level_names[role.level]
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
    body.extend(listed(role.responsibilities))
    body.extend(_ratings(ladder, role))
    body.extend(_facts(ladder, role))
    body.append("<h2>Comes from</h2>")
    body.extend(_moves_table(ladder, role, moves_into(ladder, role), onward=False,
                             empty="Nothing leads here: an entry point."))
    body.append("<h2>Moves onward</h2>")
    body.extend(_moves_table(ladder, role, moves_from(ladder, role), onward=True,
                             empty="No moves onward: the top of its ladder."))
    if role.notes:
        body.append("<h2>Notes</h2>")
        body.extend(listed(role.notes))
    if role.sources:
        titles = {s.id: s.title for s in ladder.head.sources}
        body.append("<h2>Sources</h2>")
        body.extend(listed(titles.get(s, s) for s in role.sources))
    return page(ladder, f"{h(role.title)} &#8212; {h(ladder.head.name)}", body, 1)




def _ratings(ladder: Ladder, role: Role) -> Iterator[str]:
    """The competencies the role rates: its step of each and what that step asks."""
    if not role.competencies:
        return
    scale = ladder.head.scale
    meaning = {s.id: s.description for s in scale.levels}
    steps = len(scale.levels)
    yield "<h2>Competencies</h2>"
    yield '<div class="scroll"><table class="ratings stack">'
    yield (
        f'<thead><tr><th scope="col">Competency</th><th scope="col">{h(scale.name)}</th>'
        '<th scope="col">What that step means</th></tr></thead><tbody>'
    )
    for r in ratings(ladder, role):
        yield (
            f'<tr><th scope="row">{h(r.name)}</th>'
            f'<td data-label="{h(scale.name)}">{_meter(r.rank, steps)} {h(r.level_name)}'
            f'<span class="vh"> (step {r.rank} of {steps})</span></td>'
            f"<td>{criterion(ladder, r.competency, r.level, meaning.get(r.level, ''))}"
            "</td></tr>"
        )
    yield "</tbody></table></div>"


def _facts(ladder: Ladder, role: Role) -> Iterator[str]:
    """Education, experience (with its figure's basis) and frameworks, those stated."""
    facts: list[str] = []
    if role.education:
        facts.append(f"<dt>Education</dt><dd>{h(role.education)}</dd>")
    if role.experience or role.experience_years is not None:
        text = h(role.experience or "")
        if role.experience_years is not None:
            figure = marked(f"typically {role.experience_years:g}+ years",
                            role.experience_years_basis, mark=ESTIMATE)
            text += f' <span class="quiet">({figure})</span>'
            if role.experience_years_basis is not None:
                text += (f'<span class="basis">'
                         f"{basis(ladder, role.experience_years_basis)}</span>")
        facts.append(f"<dt>Experience</dt><dd>{text}</dd>")
    if role.frameworks:
        facts.append(f"<dt>Frameworks</dt><dd>{h(', '.join(role.frameworks))}</dd>")
    if facts:
        yield "<h2>Education, experience and frameworks</h2>"
        yield f"<dl>{''.join(facts)}</dl>"
