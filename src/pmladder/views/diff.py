"""``pmladder diff`` output: the rows of each kind of change, as Markdown and JSON.

Every output (and the terminal's tables, :mod:`.diff_tables`) is made from the
same :class:`~pmladder.diff.Diff`, group by group in the same order
(:func:`groups`), so they always say the same things.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from ..diff import Diff, RouteOutline
from ..inert import markdown as markdown_text
from ..kinds import KINDS
from .wording import years_or_dash

if TYPE_CHECKING:
    from ..models import MoveKind


def _route(summary: RouteOutline | None) -> str:
    if summary is None:
        return "no route"
    steps = f"{summary.steps} step{'s' if summary.steps != 1 else ''}"
    if summary.typical_years or not summary.years_known:
        at_least = "" if summary.years_known else "at least "
        steps += f", {at_least}{years_or_dash(summary.typical_years)}"
    return f"{steps}: {' → '.join(summary.roles)}"


def _move(kind: str | None, typical_years: float | None) -> str:
    """A move as one cell: ``promotion, 2 years``, or ``-`` on the side it is missing."""
    if kind is None:
        return "-"
    label = KINDS[cast("MoveKind", kind)].label
    return f"{label}, {years_or_dash(typical_years)}"


def _step(name: str | None) -> str:
    return name if name is not None else "not rated"


Row = tuple[str, ...]

ROWS_SHOWN = 50
"""Rows of each table printed as text or Markdown; ``--json`` has them all."""


def more_line(shown: int, total: int) -> str | None:
    more = total - shown
    if more <= 0:
        return None
    return f"... and {more} more (pmladder diff --json lists them all)"


def groups(diff: Diff) -> Iterator[tuple[str, Row, list[Row]]]:
    """(title, column headings, rows) for each kind of change that happened."""
    if diff.roles_added:
        yield "Roles added", ("Role", "Title", "Track", "Level", "Moves in", "Moves out"), [
            (r.id, r.title, r.track, str(r.level), ", ".join(r.moves_in) or "-",
             ", ".join(r.moves_out) or "-") for r in diff.roles_added]
    if diff.roles_removed:
        yield "Roles removed", ("Role", "Title", "Track", "Level", "Moves in", "Moves out"), [
            (r.id, r.title, r.track, str(r.level), ", ".join(r.moves_in) or "-",
             ", ".join(r.moves_out) or "-") for r in diff.roles_removed]
    if diff.renamed:
        yield "Roles renamed", ("Role", "Was", "Now"), [
            (r.id, r.before, r.after) for r in diff.renamed]
    if diff.relevelled:
        yield "Roles re-levelled", ("Role", "Was", "Now"), [
            (r.id, f"{r.track_before}, level {r.level_before} {r.level_name_before}",
             f"{r.track_after}, level {r.level_after} {r.level_name_after}")
            for r in diff.relevelled]
    if diff.aliases:
        yield "Aliases", ("Role", "Added", "Removed"), [
            (a.id, ", ".join(a.added) or "-", ", ".join(a.removed) or "-") for a in diff.aliases]
    if diff.moves:
        yield "Moves", ("From", "To", "Change", "Was", "Now"), [
            (m.source, m.target, m.change,
             _move(m.kind_before, m.years_before), _move(m.kind_after, m.years_after))
            for m in diff.moves]
    if diff.ratings:
        yield "Competency ratings", ("Role", "Competency", "Change", "Was", "Now"), [
            (r.role, r.name, r.change, _step(r.before_name), _step(r.after_name))
            for r in diff.ratings]
    if diff.responsibilities:
        rows: list[Row] = []
        for c in diff.responsibilities:
            rows += [(c.id, "added", item) for item in c.added]
            rows += [(c.id, "removed", item) for item in c.removed]
        yield "Responsibilities", ("Role", "Change", "Responsibility"), rows
    if diff.fields:
        yield "Other changes to roles", ("Role", "Changed"), [
            (f.id, ", ".join(f.fields)) for f in diff.fields]
    if diff.definitions:
        yield "Scale, tracks, levels and competencies", ("What", "Id", "Name", "Change"), [
            (d.what, d.id or "-", d.name,
             d.change + (f" ({', '.join(d.fields)})" if d.fields else ""))
            for d in diff.definitions]
    if diff.routes.total:
        yield "Routes that changed", ("From", "To", "Was", "Now"), [
            (r.source, r.target, _route(r.before), _route(r.after))
            for r in diff.routes.changed]


def headline(diff: Diff) -> str:
    if diff.same:
        return f"no changes for the people on the ladder between {diff.old} and {diff.new}"
    counts = [
        f"{title.lower()}: {diff.routes.total if title == 'Routes that changed' else len(rows)}"
        for title, _, rows in groups(diff)
    ]
    return f"{diff.old} → {diff.new}: " + ", ".join(counts)


def routes_note(diff: Diff) -> str | None:
    """The "and N more" line, and whether the route search stopped early."""
    routes = diff.routes
    parts = []
    more = routes.total - len(routes.changed)
    if more > 0:
        parts.append(f"and {more} more changed route{'s' if more != 1 else ''}")
    if not routes.complete:
        parts.append(
            f"routes were compared from {routes.searched} of the {routes.affected} roles "
            "the changes could affect, to keep diff fast; there may be more"
        )
    return "; ".join(parts) or None



def _md(value: str) -> str:
    # markdown() escapes "|" too, so a cell can't split its table row.
    return value if value == "-" else markdown_text(value)


def markdown(diff: Diff) -> str:
    """A Markdown summary for a pull request: a heading and a table per kind of change."""
    lines = [f"### Ladder changes: {_md(diff.old)} → {_md(diff.new)}", ""]
    if diff.same:
        lines.append("No changes for the people on the ladder.")
        return "\n".join(lines) + "\n"
    for title, columns, rows in groups(diff):
        lines += [f"#### {title}", "", "| " + " | ".join(columns) + " |",
                  "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(_md(cell) for cell in row) + " |"
                  for row in rows[:ROWS_SHOWN]]
        lines.append("")
        more = more_line(ROWS_SHOWN, len(rows))
        if more:
            lines += [_md(more), ""]
    note = routes_note(diff)
    if note:
        lines += [_md(note[0].upper() + note[1:]) + ".", ""]
    return "\n".join(lines).rstrip("\n") + "\n"

