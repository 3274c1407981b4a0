"""``pmladder show ROLE``: one role in full."""

import typer

from ..views.answer import Answer
from . import common, files
from .output import emit


def show(
    ctx: typer.Context,
    role: common.RoleArgument,
    brief: common.BriefOption = False,
    json: common.JsonOption = False,
    svg: common.SvgOption = None,
) -> None:
    """Show one role in full.

    Summary, responsibilities, competencies with their proficiency, education,
    experience, frameworks, where people come from and go next, notes and sources.
    """
    # The core and the views load when the command runs, never for --help.
    from ..lookup import find_role

    target = files.svg_target(svg, json)
    ladder = common.state(ctx).ladder()
    emit(ctx, Answer("show", ladder, find_role(ladder, role), brief=brief), json=json, svg=target)


def register(app: typer.Typer) -> None:
    app.command("show", epilog="Example: pmladder show senior-pm")(show)
