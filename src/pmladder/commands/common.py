"""What every command shares: its options, and the catalogue they choose."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from .completion import complete_role, complete_track
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
            from ..catalog import find_source, load  # never loaded by --help

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


def argument(metavar: str, help: str, *, roles: bool = False) -> Any:
    """A command's argument as pmladder's help shows it: ``metavar``, ``help``, no
    default; with ``roles``, Tab completes role names."""
    return typer.Argument(metavar=metavar, help=help, show_default=False,
                          autocompletion=complete_role if roles else None)


RoleArgument = Annotated[
    str,
    argument("ROLE", "A role's id, alias or title, in any case: senior-pm, spm, "
             "'Senior Product Manager'.", roles=True),
]
