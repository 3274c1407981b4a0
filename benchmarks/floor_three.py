"""Issue 5's framework floor, from when pmladder had three commands (``floor_app.py``
is the floor now; ``benchmarks/startup.py`` prints this one for information).

Three commands with the same names and arities as pmladder's (``list``,
``show NAME``, ``path A B``), each with a docstring; ``show`` prints a one-row
Rich table and the others do nothing.  The Typer settings that change start-up
or help rendering are pmladder's: ``rich_markup_mode="rich"``, ``-h/--help``,
``no_args_is_help`` and plain exceptions.  There is no catalogue, no models,
no group subclass and no global options: whatever pmladder costs above this
is pmladder's own.

Run it with the same interpreter as pmladder: ``python benchmarks/floor_three.py show x``.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="floor",
    help="The framework floor: a minimal Typer app shaped like pmladder.",
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.command("list")
def list_roles() -> None:
    """Show the ladder by track and level."""


@app.command("show")
def show(name: str) -> None:
    """Show one role in full."""
    from rich.console import Console
    from rich.table import Table

    table = Table("Role", "Title")
    table.add_row(name, "Senior Product Manager")
    Console().print(table)


@app.command("path")
def path(source: str, target: str) -> None:
    """Show the route between two roles and the gap at each step."""


if __name__ == "__main__":
    # pmladder skips the interpreter's teardown at exit; the floor ends the same
    # way, so a ratio measures what pmladder does between start and exit.
    from pmladder.__main__ import leave

    try:
        app(prog_name="floor")
    except SystemExit as done:
        leave(done.code)
