"""``pmladder list``: the ladder at a glance."""

import typer

from ..views.answer import Answer
from . import common, files
from .output import emit


def list_roles(
    ctx: typer.Context,
    track: common.TrackOption = None,
    json: common.JsonOption = False,
    svg: common.SvgOption = None,
) -> None:
    """Show the ladder by track and level, each role with where it leads."""
    # The core and the views load when the command runs, never for --help.
    from ..lookup import find_track
    from ..overview import overview

    target = files.svg_target(svg, json)
    ladder = common.state(ctx).ladder()
    tracks = overview(ladder, None if track is None else find_track(ladder, track))
    emit(ctx, Answer("list", ladder, tracks), json=json, svg=target)


def register(app: typer.Typer) -> None:
    app.command(
        "list",
        epilog="Example: pmladder list --track leadership",
    )(list_roles)
