"""``pmladder search TEXT``: which roles involve a skill, tool or framework."""

from typing import Annotated

import typer

from ..views.answer import Answer
from . import common, files
from .output import emit


def search(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        common.argument(
            "TEXT", "Words to look for, e.g. SQL, pricing, RICE, 'user stories'. Case is ignored."),
    ],
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, metavar="N",
            help="Show the best N roles (0: all of them).",
        ),
    ] = 20,
    json: common.JsonOption = False,
    svg: common.SvgOption = None,
) -> None:
    """Find the roles that involve a skill, tool or framework.

    Looks in titles, aliases, frameworks, competencies (name and the role's
    rating), responsibilities, summaries, education and experience. Every word
    must occur in the role; matches are shown in context, best roles first.

    Ranking: a word is worth more in a title or alias than in a framework or
    competency, then a responsibility, then the summary; a whole word counts
    more than the start of a word, which counts more than a match inside a
    word. Ties go to the role with more matching fields, then to catalogue
    order. Nothing found exits 1 and suggests close words.
    """
    # The core and the views load when the command runs, never for --help.
    from ..search import search as run_search

    target = files.svg_target(svg, json)
    ladder = common.state(ctx).ladder()
    result = run_search(ladder, " ".join(query))
    emit(ctx, Answer("search", ladder, result, limit=limit), json=json, svg=target)


def register(app: typer.Typer) -> None:
    app.command("search", epilog='Example: pmladder search "user stories"')(search)
