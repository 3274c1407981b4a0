"""The human page of each command's answer: Rich renderables, or one line.

Each page imports its own view only when it is drawn: importing every view for
every command would put the pictures, the comparison and the search tables on
the start-up path of a cached ``show``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..assess import Assessment
    from ..catalog import Summary
    from ..compare import RoleComparison
    from ..diff import Diff
    from ..ladder import Route
    from ..models import Role
    from ..overview import TrackEntry
    from ..search import SearchResult
    from .answer import Answer
    from .pictures.layout import Layout

Page = Iterable["RenderableType"] | str
"""Renderables for a page, or a one-line result printed as it is."""


def page(answer: Answer[Any]) -> Page:
    """The page that shows ``answer``."""
    return _PAGES[answer.command](answer)


def _list(answer: Answer[tuple[TrackEntry, ...]]) -> Page:
    from .tables import render_list

    return render_list(answer.ladder, answer.found)


def _show(answer: Answer[Role]) -> Page:
    from .tables import render_role

    return render_role(answer.ladder, answer.found, brief=answer.brief)


def _path(answer: Answer[Route]) -> Page:
    from .tables import render_route

    return render_route(answer.ladder, answer.found, brief=answer.brief)


def _compare(answer: Answer[RoleComparison]) -> Page:
    from .compare import render_comparison

    return render_comparison(answer.ladder, answer.found, criteria=answer.criteria,
                             brief=answer.brief)


def _search(answer: Answer[SearchResult]) -> Page:
    from .search import render_search

    return render_search(answer.ladder, answer.found, answer.limit)


def _ladder(answer: Answer[Layout]) -> Page:
    from .drawing import render_drawing

    return render_drawing(answer.ladder, answer.found)


def _validate(answer: Answer[Summary]) -> Page:
    from .export import validation_line

    return validation_line(answer.ladder.source.label, answer.found)


def _assess(answer: Answer[Assessment]) -> Page:
    from .assess import render_assessment
    from .terminal import console

    return render_assessment(answer.ladder, answer.found, answer.top, console().width)


def _diff(answer: Answer[Diff]) -> Page:
    from .diff import render

    return render(answer.found)


_PAGES: dict[str, Callable[[Answer[Any]], Page]] = {
    "list": _list,
    "show": _show,
    "path": _path,
    "compare": _compare,
    "search": _search,
    "ladder": _ladder,
    "validate": _validate,
    "assess": _assess,
    "diff": _diff,
}
