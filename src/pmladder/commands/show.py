"""``pmladder show ROLE``: one role in full."""

from __future__ import annotations

import typer

from . import common


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
    from ..lookup import find_role

    target = common.svg_target(svg, json)
    ladder = common.state(ctx).ladder()
    found = find_role(ladder, role)
    if json:
        from ..views.jsonout import role_document

        common.print_json(role_document(ladder, found))
    else:
        from ..views.show import render_role

        common.print_rich(render_role(ladder, found, brief=brief), svg=target,
                          title="pmladder show")


def register(app: typer.Typer) -> None:
    app.command("show", epilog="Example: pmladder show senior-pm")(show)
