"""``pmladder diff OLD [NEW]``: what an edit to a ladder changes for the people on it."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..views.answer import Answer
from . import common, messages
from .output import emit

if TYPE_CHECKING:
    from ..index import Ladder


class Format(StrEnum):
    """How ``diff`` prints the changes when not as JSON."""

    text = "text"
    markdown = "markdown"


def _load(name: str) -> "Ladder":
    """The catalogue ``name`` names: a file, or ``:bundled``."""
    # The catalogue and its models load when a command runs, never for --help.
    from ..catalog import BUNDLED_CHOICE, load, named_source

    # A bare "bundled" is what diff took before :bundled; say what to write.
    if name == BUNDLED_CHOICE.lstrip(":") and not Path(name).exists():
        raise UsageError(f"no file named {name!r}",
                         hints=[f"write {BUNDLED_CHOICE} for the bundled catalogue"])
    return load(named_source(name, "argument"))


def diff(
    ctx: typer.Context,
    old: Annotated[
        str,
        common.argument(
            "OLD", "The catalogue before the change: a file, or ':bundled' for the bundled one."),
    ],
    new: Annotated[
        str | None,
        common.argument(
            "NEW", "The catalogue after the change: a file, or ':bundled'; default: the active "
            "catalogue (--catalog, $PMLADDER_CATALOG, pmladder.toml)."),
    ] = None,
    json: common.JsonOption = False,
    format: Annotated[
        Format,
        typer.Option(
            "--format", "-F",
            help="text: tables; markdown: tables to paste into a pull request.",
            case_sensitive=False,
        ),
    ] = Format.text,
) -> None:
    """Show what changed between two catalogues for the people on the ladder.

    Roles added, removed, renamed or re-levelled; aliases; moves added, removed,
    retyped or retimed; ratings that rose or fell; responsibilities; the scale,
    tracks, levels and competencies; and the routes between roles that changed.
    Exits 0 when nothing changed and 1 when something did, as diff does.
    """
    # The core and the views load when the command runs, never for --help.
    from ..diff import diff_catalogs

    if json and format is not Format.text:
        raise UsageError("--json and --format markdown are two outputs; choose one")
    before = _load(old)
    after = common.state(ctx).ladder() if new is None else _load(new)
    messages.write_warnings(before)
    messages.write_warnings(after)
    result = diff_catalogs(before, after)
    if format is Format.markdown:
        from ..views.diff import markdown  # only for --format markdown

        sys.stdout.write(markdown(result))
    else:
        emit(ctx, Answer("diff", after, result), json=json)
    if not result.same:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command(
        "diff",
        epilog="Example: pmladder diff :bundled pmladder.toml --format markdown",
    )(diff)
