"""Whole-catalogue output: TOML, JSON and Markdown writers, and saving a file safely.

The TOML and JSON writers are faithful: loading what they write gives the
same catalogue back (``tests/test_export.py`` checks it).  The Markdown
writer makes a career framework document for a wiki.  No Rich, no Typer.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..catalog import Ladder, Summary
from ..errors import OutputExistsError, UsageError
from ..ladder import ratings
from ..matrix import Matrix, competency_matrix
from ..models import Basis, Catalog, Role
from ..overview import MoveView, level_label, moves_from, moves_into, overview

FORMATS = ("toml", "json", "markdown", "mermaid", "dot", "svg")
"""Every ``--format`` of ``pmladder export``."""

PICTURE_FORMATS = ("mermaid", "dot", "svg")
"""The formats drawn by :mod:`pmladder.views.pictures`."""

SUFFIXES = {
    "toml": ".toml", "json": ".json", "markdown": ".md",
    "mermaid": ".mmd", "dot": ".dot", "svg": ".svg",
}

# --------------------------------------------------------------------------
# TOML

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# Characters TOML strings must escape, plus the bidirectional controls, which
# are legal but could make the file read differently from what it holds.
_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]')
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n",
                  "\f": "\\f", "\r": "\\r"}
WIDTH = 88
"""Longest line the TOML writer aims for; longer strings are wrapped over lines."""


def _escape(value: str) -> str:
    def one(match: re.Match[str]) -> str:
        char = match.group()
        return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04x}"

    return _ESCAPE.sub(one, value)


def toml_key(key: str) -> str:
    """A key as TOML writes it: bare when it can be, quoted otherwise."""
    return key if _BARE_KEY.fullmatch(key) else f'"{_escape(key)}"'


def toml_string(value: str, indent: int = 0, *, wrap: bool = True) -> str:
    """A string as a TOML literal; long prose wraps over lines.

    Wrapping uses multi-line basic strings with a backslash at the end of each
    line, which TOML removes together with the line break and the next line's
    indentation, so the value is exactly the original.  A break only goes
    where one space separates two words, so no space is lost or added.
    """
    escaped = _escape(value)
    short = len(escaped) + indent + 2 <= WIDTH
    if not wrap or short or value != value.strip() or " " not in value:
        return f'"{escaped}"'
    words = escaped.split(" ")
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        if word and len(current) + 1 + len(word) > WIDTH - 2:
            lines.append(current + " \\")
            current = word
        else:
            current += " " + word
    lines.append(current)
    return '"""\n' + "\n".join(lines) + '"""'


def toml_value(value: Any, indent: int = 0, *, wrap: bool = True) -> str:
    """Any JSON-like value as a TOML value (arrays and inline tables inline)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value, indent, wrap=wrap)
    if isinstance(value, Mapping):
        inner = ", ".join(
            f"{toml_key(str(k))} = {toml_value(v, wrap=False)}" for k, v in value.items()
        )
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, list | tuple):
        # Items stay on one line each: a wrapped string inside a list reads badly.
        items = [toml_value(v, 4, wrap=False) for v in value]
        one_line = "[" + ", ".join(items) + "]"
        if len(one_line) + indent <= WIDTH and "\n" not in one_line:
            return one_line
        return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
    raise TypeError(f"TOML has no way to write {type(value).__name__} values")


def _is_table_array(value: Any) -> bool:
    return (
        isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)
    )


Comment = Callable[[tuple[str, ...], Mapping[str, Any]], str | None]
"""Gives the comment line to write above an item of an array of tables, if any."""


def dumps_toml(
    data: Mapping[str, Any], *, header: Sequence[str] = (), comment: Comment | None = None
) -> str:
    """Write a document as TOML: tables as ``[x]``, lists of tables as ``[[x]]``.

    ``header`` lines become comments at the top of the file.
    """
    out = [f"# {_comment_text(line)}".rstrip() for line in header]
    if out:
        out.append("")
    _write_table(out, (), data, comment)
    return "\n".join(out).strip("\n") + "\n"


def _comment_text(line: str) -> str:
    # A comment may not hold control characters; show them as escapes.
    return re.sub("[\x00-\x08\x0a-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", line)


def _write_table(
    out: list[str], path: tuple[str, ...], table: Mapping[str, Any], comment: Comment | None
) -> None:
    tables = []
    for key, value in table.items():
        if (isinstance(value, Mapping) and value and not _fits_inline(key, value)) or (
            _is_table_array(value)
        ):
            tables.append((key, value))
        else:
            out.append(f"{toml_key(key)} = {toml_value(value)}")
    for key, value in tables:
        sub = (*path, key)
        name = ".".join(toml_key(k) for k in sub)
        if isinstance(value, Mapping):
            # A table that only holds tables needs no header of its own.
            if not all(isinstance(v, Mapping) and v and not _fits_inline(k, v)
                       for k, v in value.items()):
                out.extend(("", f"[{name}]"))
            _write_table(out, sub, value, comment)
            continue
        for item in value:
            note = comment(sub, item) if comment else None
            out.append("")
            if note:
                out.append(f"# {_comment_text(note)}")
            out.append(f"[[{name}]]")
            _write_table(out, sub, item, comment)


def _fits_inline(key: str, value: Mapping[str, Any]) -> bool:
    """Whether a table reads best inline: a basis, e.g. ``basis = { sources = [...] }``."""
    return (key == "basis" or key.endswith("_basis")) and len(
        f"{toml_key(key)} = {toml_value(value)}"
    ) <= WIDTH


def catalog_data(catalog: Catalog) -> dict[str, Any]:
    """The catalogue as plain data, as a person would write it.

    Unset optional fields and empty lists are left out, and whole numbers of
    years are written ``2`` rather than ``2.0`` (the models read both as 2.0).
    """
    return _tidy(catalog.model_dump(mode="json", exclude_none=True))


def _tidy(table: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        if value == [] or value == {}:
            continue
        if isinstance(value, dict):
            value = _tidy(value)
        elif isinstance(value, list):
            value = [_tidy(v) if isinstance(v, dict) else v for v in value]
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        out[key] = value
    return out


def _role_comment(path: tuple[str, ...], item: Mapping[str, Any]) -> str | None:
    if path == ("roles",):
        return f"--- {item.get('title', item.get('id', ''))} " + "-" * 40
    return None


def _origin(ladder: Ladder) -> str:
    return "the bundled catalogue" if ladder.source.is_bundled else str(ladder.source.path)


def to_toml(ladder: Ladder) -> str:
    """The catalogue as a TOML file that pmladder reads back unchanged."""
    header = (
        ladder.head.name,
        f"Exported by pmladder {__version__} from {_origin(ladder)}.",
        "Check it after every change with:  pmladder validate FILE",
        "Every field is described in its JSON Schema: pmladder schema > pmladder.schema.json",
    )
    return dumps_toml(catalog_data(ladder.whole_catalog()), header=header, comment=_role_comment)


def to_json(ladder: Ladder) -> str:
    """The catalogue as JSON (the same data as the TOML), readable back by pmladder."""
    return json.dumps(catalog_data(ladder.whole_catalog()), indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------
# Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")
_MD_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def md(value: str | None) -> str:
    """Catalogue text as Markdown that shows the characters it is.

    Markdown and HTML syntax is escaped, so a summary containing ``*`` or
    ``<script>`` prints as written; line breaks become spaces so the text stays
    inside its paragraph, list item or table cell.
    """
    if not value:
        return ""
    flat = _MD_SPECIAL.sub(r"\\\1", " ".join(value.split()))
    # Shown as escapes, like the terminal shows them (a backslash before a
    # letter is printed as it is in Markdown).
    flat = _MD_CONTROL.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
        else f"\\u{ord(m.group()):04x}",
        flat,
    )
    # A paragraph starting with these would become a heading, list or quote.
    if re.match(r"[-+=]|\d+[.)]", flat):
        flat = "\\" + flat
    return flat


def _anchor(role: Role) -> str:
    return f"role-{role.id}"


def _years(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g} year" + ("" if value == 1 else "s")


_KIND = {"promotion": "promotion", "lateral": "lateral move", "specialisation": "specialisation",
         "management": "into management"}


def _estimate(basis: Basis | None) -> str:
    return " *(estimate)*" if basis is not None and basis.is_estimate else ""


def _basis(basis: Basis) -> str:
    """Where a claim comes from, as Markdown: the sources, or the estimate and its reason."""
    names = ", ".join(md(s) for s in basis.sources or ())
    if basis.estimate:
        return f"estimate{f' (drawing on {names})' if names else ''}: {md(basis.estimate)}"
    return f"stated by {names}"


def _move(move: MoveView) -> str:
    details = [_KIND[move.kind] + _estimate(move.basis)]
    if move.typical_years is not None:
        details.append(f"typically after {_years(move.typical_years)}"
                       + _estimate(move.typical_years_basis))
    else:
        details.append("typical time unknown")
    line = f"[{md(move.title)}](#role-{move.role}) ({', '.join(details)})"
    if move.note:
        line += f": {md(move.note)}"
    return line


def to_markdown(ladder: Ladder) -> str:
    """The ladder as a career framework document: overview tables, then every role."""
    return "\n".join(_markdown(ladder)).rstrip("\n") + "\n"


def _markdown(ladder: Ladder) -> Iterator[str]:
    catalog = ladder.whole_catalog()
    tracks = overview(ladder)
    yield f"# {md(catalog.name)}"
    yield ""
    if catalog.description:
        yield md(catalog.description)
        yield ""
    yield (
        f"{_count(len(catalog.roles), 'role')} on {_count(len(catalog.tracks), 'track')} and "
        f"{_count(len(catalog.levels), 'level')}. Generated by pmladder {__version__}; "
        "edit the catalogue file, not this page."
    )
    yield ""
    if any(
        _estimate(b)
        for r in catalog.roles
        for b in (r.experience_years_basis, *(x for m in r.moves
                                              for x in (m.basis, m.typical_years_basis)))
    ):
        yield ("Figures and moves marked *(estimate)* are the catalogue's own judgement, not "
               "a source's statement; each role says why under *Where the figures and moves "
               "come from*.")
        yield ""
    yield "## The ladder"
    yield ""
    for track in tracks:
        yield f"### {md(track.name)}"
        yield ""
        if track.description:
            yield md(track.description)
            yield ""
        yield "| Level | Role | Leads to |"
        yield separator(2, 3, 5)
        for entry in track.roles:
            leads = ", ".join(f"[{md(m.title)}](#role-{m.role})" for m in entry.leads_to)
            yield (
                f"| {md(level_label(entry.level, entry.level_name))} "
                f"| [{md(entry.title)}](#role-{entry.id}) | {leads or '-'} |"
            )
        yield ""
    yield "## Levels"
    yield ""
    yield "| Rank | Level | Scope |"
    yield separator(1, 2, 7)
    for level in sorted(catalog.levels, key=lambda lv: lv.rank):
        yield f"| {level.rank} | {md(level.name)} | {md(level.description)} |"
    yield ""
    yield f"## {md(catalog.scale.name)} scale"
    yield ""
    if catalog.scale.description:
        yield md(catalog.scale.description)
        yield ""
    yield "| Step | Meaning |"
    yield separator(2, 8)
    for step, scale_level in enumerate(catalog.scale.levels, start=1):
        yield f"| {step}. {md(scale_level.name)} | {md(scale_level.description)} |"
    yield ""
    if catalog.competencies:
        yield "## Competencies"
        yield ""
        yield "| Competency | What it covers |"
        yield separator(3, 7)
        for comp in catalog.competencies:
            yield f"| {md(comp.name)} | {md(comp.description)} |"
        yield ""
    matrix = competency_matrix(ladder)
    if matrix.described:
        yield "## Competency matrix"
        yield ""
        yield from matrix_markdown(matrix)
    yield "## Roles"
    yield ""
    sources = {s.id: s for s in catalog.sources}
    for track in tracks:
        for entry in track.roles:
            yield from _role_section(ladder, ladder.roles[entry.id], sources)
    if catalog.sources:
        yield "## Sources"
        yield ""
        for source in catalog.sources:
            line = f"- **{md(source.title)}**"
            if source.publisher:
                line += f", {md(source.publisher)}"
            if source.description:
                line += f". {md(source.description)}"
            if source.url:
                line += f" {_link(source.url)}"
            yield line
        yield ""


_WEB_ADDRESS = re.compile(r"https?://[^\s<>\\`|]+")


def _link(locator: str) -> str:
    """A source's locator: a link when it is a plain web address, else its text."""
    if _WEB_ADDRESS.fullmatch(locator):
        return f"<{locator}>"
    return md(locator)


ESTIMATE_MARK = "†"
"""Marks a criterion whose basis is the catalogue's own reading."""


def separator(*weights: int) -> str:
    """A table's header separator whose dashes give each column its share of the
    page: pandoc sizes wrapped columns by them (``|---|---|`` splits evenly);
    GitHub ignores them."""
    return "|" + "|".join("-" * (4 * w) for w in weights) + "|"


def matrix_markdown(matrix: Matrix) -> Iterator[str]:
    """The competency matrix as one Markdown table, with a line on how to read it.

    One table for the whole catalogue, not one per track: criteria belong to
    competencies, which every track shares, so per-track tables would repeat
    the same rows. Cells hold the criterion and its examples; empty cells are
    steps the catalogue does not describe.
    """
    steps = " | ".join(f"{s.rank}. {md(s.name)}" for s in matrix.steps)
    estimated = any(
        c.criterion is not None and c.criterion.basis is not None and c.criterion.basis.is_estimate
        for row in matrix.rows
        for c in row.cells
    )
    yield (
        f"What each step of the {md(matrix.scale)} scale asks in each competency, lowest "
        "step first: read a row to see how a competency grows."
        + (f" {ESTIMATE_MARK} marks a criterion that is the catalogue's own reading rather "
           "than something its sources describe." if estimated else "")
    )
    yield ""
    yield f"| Competency | {steps} |"
    # Relative widths for pandoc: the criteria need more room than the names.
    yield "|" + "-" * 3 + "|" + "|".join("-" * 5 for _ in matrix.steps) + "|"
    for row in matrix.rows:
        cells = []
        for cell in row.cells:
            criterion = cell.criterion
            if criterion is None:
                cells.append(" ")
                continue
            shown = md(criterion.text)
            if criterion.basis is not None and criterion.basis.is_estimate:
                shown += f" {ESTIMATE_MARK}"
            if criterion.examples:
                shown += "<br>*For example:* " + "; ".join(md(e) for e in criterion.examples)
            cells.append(shown)
        yield f"| **{md(row.name)}** | " + " | ".join(cells) + " |"
    yield ""


def _role_section(ladder: Ladder, role: Role, sources: Mapping[str, Any]) -> Iterator[str]:
    yield f'<a id="{_anchor(role)}"></a>'
    yield ""
    yield f"### {md(role.title)}"
    yield ""
    facts = [
        f"**{md(ladder.track_names[role.track])}**",
        f"level {md(level_label(role.level, ladder.level_names[role.level]))}",
        f"id `{role.id}`",
    ]
    yield " · ".join(facts)
    if role.aliases:
        yield ""
        yield "Also called: " + ", ".join(md(a) for a in role.aliases)
    yield ""
    yield md(role.summary)
    yield ""
    yield "#### Responsibilities"
    yield ""
    yield from (f"- {md(item)}" for item in role.responsibilities)
    yield ""
    rated = ratings(ladder, role)
    if not rated:
        yield "#### Competencies"
        yield ""
        yield "No competencies rated for this role: what it asks is unknown."
        yield ""
    if rated:
        yield "#### Competencies"
        yield ""
        described = any(r.criterion is not None for r in rated)
        yield f"| Competency | {md(ladder.head.scale.name)} |" + (
            " What it asks |" if described else "")
        yield separator(3, 2, 7) if described else separator(3, 2)
        for r in rated:
            row = f"| {md(r.name)} | {md(r.level_name)} ({r.rank} of {len(ladder.scale_rank)}) |"
            if described:
                row += f" {md(r.criterion.text) if r.criterion else ''} |"
            yield row
        yield ""
    background = [
        ("Education", role.education),
        ("Experience", role.experience),
        ("Years of experience", _years(role.experience_years) or None),
        ("Frameworks and tools", ", ".join(role.frameworks) or None),
    ]
    shown = [(label, value) for label, value in background if value]
    if shown:
        yield "#### Background"
        yield ""
        mark = {"Years of experience": _estimate(role.experience_years_basis)}
        yield from (f"- **{label}:** {md(value)}{mark.get(label, '')}" for label, value in shown)
        yield ""
    into, onward = moves_into(ladder, role), moves_from(ladder, role)
    if into or onward:
        yield "#### Moves"
        yield ""
        yield from (f"- From {_move(m)}" for m in into)
        yield from (f"- To {_move(m)}" for m in onward)
        yield ""
    if role.notes:
        yield "#### Notes"
        yield ""
        yield from (f"- {md(note)}" for note in role.notes)
        yield ""
    bases = []
    if role.experience_years is not None and role.experience_years_basis is not None:
        bases.append(f"Years of experience: {_basis(role.experience_years_basis)}")
    for m in role.moves:
        if m.basis is not None:
            bases.append(f"Move to `{m.to}`: {_basis(m.basis)}")
        if m.typical_years is not None and m.typical_years_basis is not None:
            bases.append(f"Time before the move to `{m.to}`: {_basis(m.typical_years_basis)}")
    if bases:
        yield "#### Where the figures and moves come from"
        yield ""
        yield from (f"- {line}" for line in bases)
        yield ""
    if role.sources:
        titles = [md(sources[s].title) if s in sources else md(s) for s in role.sources]
        yield "Sources: " + "; ".join(titles)
        yield ""


# --------------------------------------------------------------------------
# Writing the result


def render(ladder: Ladder, fmt: str) -> str:
    """The catalogue in one of :data:`FORMATS`."""
    if fmt == "toml":
        return to_toml(ladder)
    if fmt == "json":
        return to_json(ladder)
    if fmt == "markdown":
        return to_markdown(ladder)
    if fmt in PICTURE_FORMATS:
        # Drawing needs more code than the other formats: load it only when asked.
        from .pictures import draw

        drawn = draw(ladder, fmt)
        return drawn if drawn.endswith("\n") else drawn + "\n"
    raise UsageError(f"unknown format {fmt!r}", hints=[f"use one of: {', '.join(FORMATS)}"])


def save(text: str, path: Path, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` by pmladder's one file policy; replace a file only if ``force``.

    See :func:`pmladder.textfile.write_file`: whole or nothing, no temporary
    file left behind, special files written through, links followed.
    """
    from ..errors import OutputError
    from ..inert import inert
    from ..textfile import WriteFailed, WriteRefused, write_file

    shown = inert(str(path), one_line=True)
    try:
        write_file(path, text.encode("utf-8"), overwrite=force)
    except WriteRefused as error:
        if error.exists:
            raise OutputExistsError(shown) from None
        raise UsageError(f"cannot write {shown}: {error.message}") from None
    except WriteFailed as error:
        raise OutputError(f"cannot write {shown}: {error.message}") from None


# --------------------------------------------------------------------------
# What `pmladder validate` reports


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def validation_line(label: str, summary: Summary) -> str:
    """The one-line summary of a valid catalogue."""
    from .terminal import inert

    line = (
        f'{label}: valid catalogue "{inert(summary.name, 200)}": '
        f"{_count(summary.roles, 'role')} on {_count(summary.tracks, 'track')} and "
        f"{_count(summary.levels, 'level')}, {_count(summary.moves, 'move')}, "
        f"{_count(summary.competencies, 'competency', 'competencies')}"
    )
    if summary.warnings:
        line += f" ({_count(summary.warnings, 'warning')})"
    return line
