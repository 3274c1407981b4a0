"""``pmladder ladder``: the whole ladder drawn in the terminal."""

import typer

from ..kinds import legend
from ..views.answer import Answer
from . import common, files
from .output import emit


def ladder(
    ctx: typer.Context,
    track: common.TrackOption = None,
    json: common.JsonOption = False,
    svg: common.SvgOption = None,
) -> None:
    # The core and the views load when the command runs, never for --help.
    from ..lookup import find_track
    from ..views.pictures.layout import layout

    target = files.svg_target(svg, json)
    loaded = common.state(ctx).ladder()
    lay = layout(loaded, None if track is None else find_track(loaded, track))
    emit(ctx, Answer("ladder", loaded, lay), json=json, svg=target)


# Built from the kinds' one legend, so the help is a string here, not a docstring.
HELP = (
    "Draw the whole ladder: tracks side by side, levels top to bottom.\n\n"
    "Each role is a box; the lines under it say where it leads, the move's arrow and "
    f"colour naming its kind ({legend()}). On a narrow terminal the tracks are drawn "
    "one below the other. --json prints the layout (tracks, levels, cells, roles and "
    "edges) that the drawing and 'pmladder export' pictures use."
)


def register(app: typer.Typer) -> None:
    app.command("ladder", help=HELP, epilog="Example: pmladder ladder --track leadership")(ladder)
