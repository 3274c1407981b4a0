"""The human page of each command's answer: Rich renderables, or one line.

Each page imports its own view only when it is drawn: importing every view for
every command would put the pictures, the comparison and the search tables on
the start-up path of a cached ``show``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .answer import Answer, ByCommand

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..assess import Assessment
    from ..catalog import Summary
    from ..compare import RoleComparison
    from ..diff import Diff
    from ..gaps import Route
    from ..models import Role
    from ..overview import TrackEntry
    from ..search import SearchResult
    from .pictures.layout import Layout

Page = Iterable["RenderableType"] | str
"""Renderables for a page, or a one-line result printed as it is."""

PAGES: ByCommand[Page] = ByCommand()
"""Each command's page, by the function registered for it below."""


@PAGES.of("list")
def _list(answer: Answer[tuple[TrackEntry, ...]]) -> Page:
    from .listing import render_list

    return render_list(answer.ladder, answer.found)


@PAGES.of("show")
def _show(answer: Answer[Role]) -> Page:
    from .show import render_role

    return render_role(answer.ladder, answer.found, brief=answer.brief)


@PAGES.of("path")
def _path(answer: Answer[Route]) -> Page:
    from .path import render_route

    return render_route(answer.ladder, answer.found, brief=answer.brief)


@PAGES.of("compare")
def _compare(answer: Answer[RoleComparison]) -> Page:
    from .compare import render_comparison

    return render_comparison(answer.ladder, answer.found, criteria=answer.criteria,
                             brief=answer.brief)


@PAGES.of("search")
def _search(answer: Answer[SearchResult]) -> Page:
    from .search import render_search

    return render_search(answer.ladder, answer.found, answer.limit)


@PAGES.of("ladder")
def _ladder(answer: Answer[Layout]) -> Page:
    from .drawing import render_drawing

    return render_drawing(answer.ladder, answer.found)


@PAGES.of("validate")
def _validate(answer: Answer[Summary]) -> Page:
    from .validate import validation_line

    return validation_line(answer.ladder.source.label, answer.found)


@PAGES.of("assess")
def _assess(answer: Answer[Assessment]) -> Page:
    from .assess import render_assessment
    from .terminal import console

    return render_assessment(answer.ladder, answer.found, answer.top, console().width)


@PAGES.of("diff")
def _diff(answer: Answer[Diff]) -> Page:
    from .diff_tables import render

    return render(answer.found)
