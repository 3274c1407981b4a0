"""What every command shares: its options, and the catalogue they choose."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..inert import inert
from .completion import complete_role, complete_track
from .files import output_path, shown_free_name
from .messages import write_stderr

if TYPE_CHECKING:
    from ..catalog import Ladder

ENV_VAR = "PMLADDER_CATALOG"

JsonOption = Annotated[
    bool,
    typer.Option(
        "--json",
        help="Print JSON instead of tables; 'pmladder schema COMMAND' prints its JSON Schema.",
    ),
]

BriefOption = Annotated[
    bool,
    typer.Option("--brief", "-b", help="Print only the summary at the top of the page."),
]

SvgOption = Annotated[
    str | None,
    typer.Option(
        "--svg",
        metavar="FILE",
        help=(
            "Also save the output, exactly as printed, as an SVG picture in FILE. "
            "Never overwrites: an existing FILE is refused. Not with --json."
        ),
        show_default=False,
    ),
]


class State:
    """Global options, and the catalogue once a command has loaded it."""

    __slots__ = ("_ladder", "catalog_option", "pager")

    def __init__(self, catalog_option: str | None, *, pager: bool = True) -> None:
        self.catalog_option = catalog_option
        self.pager = pager
        self._ladder: Ladder | None = None

    def ladder(self) -> Ladder:
        """The active catalogue, read and validated on first use."""
        if self._ladder is None:
            from ..catalog import find_source, load

            source = find_source(self.catalog_option)
            if source.skipped:
                write_stderr(f"warning: {source.skipped}")
            self._ladder = load(source)
        return self._ladder


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = ctx.find_root().obj = State(None)
    return obj


TrackOption = Annotated[
    str | None,
    typer.Option(
        "--track",
        "-t",
        metavar="TRACK",
        help="Only this track: its id (shown by 'pmladder list') or its name, in any case.",
        autocompletion=complete_track,
        show_default=False,
    ),
]


RoleArgument = Annotated[
    str,
    typer.Argument(
        metavar="ROLE",
        help="A role's id, alias or title, in any case: senior-pm, spm, 'Senior Product Manager'.",
        autocompletion=complete_role,
        show_default=False,
    ),
]


def svg_target(svg: str | None, json: bool) -> Path | None:
    """Check ``--svg FILE`` before any work is done: the file to write, or ``None``.

    Refuse (usage error) with ``--json``, an empty name, a missing folder, or a
    file that already exists: pmladder never overwrites a file.
    """
    from ..errors import UsageError  # errors.py stays off the start-up path

    if svg is None:
        return None
    if json:
        raise UsageError(
            "--svg saves the printed tables as a picture and cannot be combined with --json",
            hints=["drop --json to save an SVG, or drop --svg to print JSON"],
        )
    if not svg.strip():
        raise UsageError("--svg needs a file name, e.g. --svg ladder.svg")
    path = output_path(svg, example="ladder.svg")
    shown = inert(svg, one_line=True)
    try:
        exists = path.is_file()  # a device or /dev/stdout is written through, a file never replaced
        folder = path.is_dir()
        parent_ok = path.parent.is_dir()
    except OSError as error:  # a name too long, a loop of links...
        raise UsageError(f"cannot save {shown}: {error.strerror or error}") from None
    if exists:
        raise UsageError(
            f"{shown} already exists; pmladder never overwrites a file",
            hints=[f"choose another name, e.g. --svg {shown_free_name(path)}"],
        )
    if folder:
        raise UsageError(f"{shown} is a folder; give a file name, e.g. --svg {path / 'ladder.svg'}")
    if not parent_ok:
        raise UsageError(
            f"cannot save {shown}: the folder {inert(repr(str(path.parent)), one_line=True)} "
            "does not exist"
        )
    return path
