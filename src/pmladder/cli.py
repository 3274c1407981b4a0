"""The Typer app: global options, command registration, and the one place
where expected errors become messages and exit codes.

Commands live in :mod:`pmladder.commands`, one module each; they parse
options, call the core, and hand the result to a view.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__
from .commands import assess as assess_cmd
from .commands import common
from .commands import compare as compare_cmd
from .commands import export as export_cmd
from .commands import ladder_cmd as drawing_cmd
from .commands import listing as list_cmd
from .commands import path as path_cmd
from .commands import schema as schema_cmd
from .commands import search as search_cmd
from .commands import show as show_cmd
from .commands import validate as validate_cmd

if TYPE_CHECKING:
    from .errors import PmladderError

BUG_EXIT = 70
"""Exit code of an unexpected error, i.e. a bug in pmladder (EX_SOFTWARE)."""
ISSUES_HINT = "this is a bug in pmladder; please report it with the command you ran and this output"


def report(error: PmladderError) -> None:
    """Print an expected error to stderr: one line, then any hints, never a traceback."""
    from .errors import CatalogError

    lines = [f"error: {error.message}"]
    if isinstance(error, CatalogError):
        for problem in error.problems:
            lines.append(problem.format(error.file))
            lines.extend(problem.context)
        if error.problems and error.file != "bundled catalogue":
            lines.append(f"hint: run 'pmladder validate {error.file}' after fixing the file")
    lines.extend(f"hint: {hint}" for hint in error.hints)
    common.write_stderr("\n".join(lines))


class PmladderGroup(TyperGroup):
    """Maps :class:`PmladderError` to its message and exit code, for every command."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as error:
            # errors.py is imported only when something went wrong, to keep
            # it off the start-up path of every command.
            from .errors import PmladderError

            if not isinstance(error, PmladderError):
                raise
            report(error)
            raise typer.Exit(int(error.exit_code)) from None


app = typer.Typer(
    name="pmladder",
    cls=PmladderGroup,
    help=(
        "Explore the product management career ladder: roles, routes between them, "
        "and the gap to close at each step."
    ),
    epilog="Example: pmladder path apm cpo",
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pmladder {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    catalog: Annotated[
        str | None,
        typer.Option(
            "--catalog",
            metavar="FILE",
            help=(
                "Use this catalogue file instead of the bundled one "
                f"(also: ${common.ENV_VAR}, or a pmladder.toml in this folder or a parent)."
            ),
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Explore the product management career ladder: roles, routes between them,
    and the gap to close at each step.
    """
    ctx.obj = common.State(catalog)


list_cmd.register(app)
show_cmd.register(app)
path_cmd.register(app)
compare_cmd.register(app)
search_cmd.register(app)
drawing_cmd.register(app)
validate_cmd.register(app)
schema_cmd.register(app)
export_cmd.register(app)
assess_cmd.register(app)


def run() -> None:
    """Run the app as a program: handle broken pipes and report bugs."""
    try:
        app(prog_name="pmladder")
    except BrokenPipeError:
        # The reader went away (`pmladder list | head -1`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception:
        traceback.print_exc()
        sys.stderr.write(f"\n{ISSUES_HINT}\n")
        sys.exit(BUG_EXIT)
