"""A move's page of the static site: its gap, as ``pmladder path`` shows a step."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..gaps import Change, Fall, Gap, gap
from ..index import Ladder
from ..kinds import KINDS
from ..models import Role
from .html import ESTIMATE, basis, h, listed, page, role_url
from .wording import estimated, marked, years


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
        yield from listed(the_gap.responsibilities_added)
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
            shown = [h("not stated") if figure is None
                     else h(years(figure)) + (f", {ESTIMATE}" if estimated(claim) else "")
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
    kind = marked(h(KINDS[move.kind].label), move.basis, mark=ESTIMATE)
    detail = f"Move: <strong>{kind}</strong>"
    if move.typical_years is not None:
        detail += (", typically after "
                   + marked(f"{h(years(move.typical_years))} in role", move.typical_years_basis,
                            mark=ESTIMATE))
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


