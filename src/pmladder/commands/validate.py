"""``pmladder validate [FILE]``: check a catalogue and report every problem at once."""

from typing import Annotated

import typer

from ..views.answer import Answer
from . import common, messages
from .output import emit


def validate(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        common.argument("FILE", "The catalogue to check (TOML, or JSON from 'pmladder export'); "
                        "default: the active catalogue."),
    ] = None,
    json: common.JsonOption = False,
) -> None:
    """Check a catalogue file and report every problem in it.

    A valid catalogue prints a one-line summary and exits 0; warnings go to
    stderr. An invalid one prints every problem with its line and exits 3.

    Warnings include experience figures that contradict the moves: after a
    promotion or a management move up a level, this role's years plus the
    move's should make the next role's; after any other move, they should
    reach at least the next role's (a sideways move need not add up).
    """
    # The core and the views load when the command runs, never for --help.
    from ..catalog import load, named_source, summarise

    ladder = common.state(ctx).ladder() if file is None else load(named_source(file, "argument"))
    messages.write_warnings(ladder)
    emit(ctx, Answer("validate", ladder, summarise(ladder)), json=json)


def register(app: typer.Typer) -> None:
    app.command(
        "validate",
        epilog="Example: pmladder validate pmladder.toml",
    )(validate)
