"""``pmladder path FROM TO``: the route between two roles and the gap at each step."""

from typing import Annotated

import typer

from ..views.answer import Answer
from . import common, files
from .output import emit


def path(
    ctx: typer.Context,
    source: Annotated[
        str, common.argument("FROM", "The role you start from (id, alias or title).", roles=True)
    ],
    target: Annotated[
        str,
        common.argument("TO", "The role you want to reach (id, alias or title).", roles=True),
    ],
    brief: common.BriefOption = False,
    json: common.JsonOption = False,
    svg: common.SvgOption = None,
) -> None:
    """Show the route between two roles and the gap at each step.

    First the answer: the route, its length in steps and typical years, the
    competencies that grow overall and the frameworks gained (all that --brief
    prints). Then every step: competencies that rise or are new,
    responsibilities added, frameworks first needed, and education and
    experience that change, from / to.

    Routes take the fewest moves; ties go to the lowest total typical years, then
    to the route whose role ids come first alphabetically.
    """
    # The core and the views load when the command runs, never for --help.
    from ..gaps import route
    from ..lookup import find_role

    target_file = files.svg_target(svg, json)
    ladder = common.state(ctx).ladder()
    start = find_role(ladder, source)
    end = find_role(ladder, target)
    emit(ctx, Answer("path", ladder, route(ladder, start, end), brief=brief), json=json,
         svg=target_file)


def register(app: typer.Typer) -> None:
    app.command("path", epilog="Example: pmladder path apm cpo")(path)
