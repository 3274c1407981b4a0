"""``pmladder ladder``: the whole ladder drawn in the terminal."""

from __future__ import annotations

import typer

from . import common


def ladder(
    ctx: typer.Context,
    track: common.TrackOption = None,
    json: common.JsonOption = False,
    svg: common.SvgOption = None,
) -> None:
    """Draw the whole ladder: tracks side by side, levels top to bottom.

    Each role is a box; the lines under it say where it leads: ↑ promotion,
    → lateral, ↪ specialisation, ⇑ into management. On a narrow terminal the
    tracks are drawn one below the other. --json prints the layout (tracks,
    levels, cells, roles and edges) that the drawing and 'pmladder export'
    pictures use.
    """
    from ..lookup import find_track
    from ..views.pictures.layout import layout

    target = common.svg_target(svg, json)
    loaded = common.state(ctx).ladder()
    lay = layout(loaded, None if track is None else find_track(loaded, track))
    if json:
        from ..views.drawing import layout_document

        common.print_json(layout_document(loaded, lay))
    else:
        from ..views.drawing import render_drawing

        common.print_rich(render_drawing(loaded, lay), svg=target, title="pmladder ladder")


def register(app: typer.Typer) -> None:
    app.command("ladder", epilog="Example: pmladder ladder --track leadership")(ladder)
