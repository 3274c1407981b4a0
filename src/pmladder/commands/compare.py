"""``pmladder compare ROLE ROLE [ROLE...]``: roles side by side, differences visible."""

from typing import Annotated

import typer

from ..views.answer import Answer
from . import common, files
from .output import emit


def compare(
    ctx: typer.Context,
    roles: Annotated[
        list[str],
        common.argument(
            "ROLE", "Two to ten roles: ids, aliases or titles, e.g. technical-pm growth-pm "
            "group-pm.", roles=True),
    ],
    criteria: Annotated[
        bool,
        typer.Option(
            "--criteria",
            help="Also say what each role's step asks in each competency.",
        ),
    ] = False,
    brief: common.BriefOption = False,
    json: common.JsonOption = False,
    svg: common.SvgOption = None,
) -> None:
    """Compare two or more roles side by side.

    Track, level, summary, education and experience; each competency's
    proficiency with the highest of each row marked ▲ and '-' where a role does
    not rate it; the responsibilities and frameworks only one of them has; and
    the shortest route from each role to each other one ("no route" when no
    moves lead there). With --criteria, what each role's step asks in each
    competency (--json always carries it).
    """
    # The core and the views load when the command runs, never for --help.
    from ..compare import check_count, compare_roles
    from ..lookup import find_role

    check_count(len(roles))  # before loading, or resolving thousands of names
    target = files.svg_target(svg, json)
    ladder = common.state(ctx).ladder()
    result = compare_roles(ladder, [find_role(ladder, name) for name in roles])
    emit(ctx, Answer("compare", ladder, result, brief=brief, criteria=criteria), json=json,
         svg=target)


def register(app: typer.Typer) -> None:
    app.command(
        "compare",
        epilog="Example: pmladder compare technical-pm growth-pm group-pm",
    )(compare)
