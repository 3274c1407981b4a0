"""The framework floor: what a Typer + Rich CLI with pmladder's commands costs.

PRODUCT.md defines it: "a minimal Typer app with the same commands that prints
one small Rich table".  So this app has pmladder's twelve commands, each with
the same arguments and options (names, short flags, kinds of value, defaults),
the same one-line summaries and the same global options, written the plain
Typer way: one ``typer.Typer`` with every command registered.  ``show`` prints
a one-row Rich table; every other command does nothing.  The Typer settings
that change start-up or help rendering are pmladder's: ``rich_markup_mode="rich"``,
``-h/--help``, ``no_args_is_help`` and plain exceptions.

There is no catalogue, no models, no group subclass, no completion of role
names and no lazy loading of commands: whatever pmladder costs above this is
its own.  It ends as pmladder does (``pmladder.__main__.leave``: exit handlers,
a flush, no teardown), so that ending is no advantage of pmladder's either.
``tests/test_benchmarks_smoke.py`` checks that its commands and their
parameters stay pmladder's, and that it imports nothing but the framework.

``floor_three.py`` beside it is the first floor (issue 5), from when pmladder
had three commands: ``benchmarks/startup.py`` still prints it for information.

Run it with the same interpreter as pmladder: ``python benchmarks/floor_app.py show x``.
"""

from enum import StrEnum
from typing import Annotated

import typer

app = typer.Typer(
    name="floor",
    help=(
        "Explore the product management career ladder: roles, routes between them, "
        "and the gap to close at each step. The options below work before or after "
        "the command."
    ),
    epilog="Example: floor path apm cpo",
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
Brief = Annotated[bool, typer.Option("--brief", "-b", help="Print only the summary.")]
Svg = Annotated[str | None, typer.Option("--svg", metavar="FILE", help="Also save as SVG.")]
Track = Annotated[str | None, typer.Option("--track", "-t", metavar="TRACK", help="One track.")]
Output = Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", help="Write here.")]
Force = Annotated[bool, typer.Option("--force", "-f", help="Overwrite.")]


Document = StrEnum("Document", "catalog list show path compare search ladder validate assess diff")
ExportFormat = StrEnum("ExportFormat", "toml json markdown mermaid dot svg")
DiffFormat = StrEnum("DiffFormat", "text markdown")


@app.callback()
def main(
    catalog: Annotated[
        str | None,
        typer.Option(
            "--catalog", metavar="FILE",
            help=("Use this catalogue file instead of the bundled one (also: "
                  "$PMLADDER_CATALOG, or a pmladder.toml in this folder or a parent); "
                  ":bundled for the bundled one, whatever is found."),
        ),
    ] = None,
    no_pager: Annotated[
        bool,
        typer.Option("--no-pager", help=("Print long pages straight to the terminal instead "
                                         "of through a pager (also: PMLADDER_PAGER= set empty).")),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", help="Show the version and exit.", is_eager=True)
    ] = False,
) -> None:
    """Explore the product management career ladder."""


@app.command("list")
def list_roles(track: Track = None, json: Json = False, svg: Svg = None) -> None:
    """Show the ladder by track and level, each role with where it leads."""


@app.command("show")
def show(
    role: Annotated[str, typer.Argument(metavar="ROLE")],
    brief: Brief = False, json: Json = False, svg: Svg = None,
) -> None:
    """Show one role in full."""
    from rich.console import Console
    from rich.table import Table

    table = Table("Role", "Title")
    table.add_row(role, "Senior Product Manager")
    Console().print(table)


@app.command("path")
def path(
    source: Annotated[str, typer.Argument(metavar="FROM")],
    target: Annotated[str, typer.Argument(metavar="TO")],
    brief: Brief = False, json: Json = False, svg: Svg = None,
) -> None:
    """Show the route between two roles and the gap at each step."""


@app.command("compare")
def compare(
    roles: Annotated[list[str], typer.Argument(metavar="ROLE")],
    criteria: Annotated[bool, typer.Option("--criteria", help="Also say what each step asks.")]
    = False,
    brief: Brief = False, json: Json = False, svg: Svg = None,
) -> None:
    """Compare two or more roles side by side."""


@app.command("search")
def search(
    query: Annotated[list[str], typer.Argument(metavar="TEXT")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, metavar="N",
                                       help="Show the best N roles.")] = 20,
    json: Json = False, svg: Svg = None,
) -> None:
    """Find the roles that involve a skill, tool or framework."""


@app.command("ladder")
def ladder(track: Track = None, json: Json = False, svg: Svg = None) -> None:
    """Draw the whole ladder: tracks side by side, levels top to bottom."""


@app.command("validate")
def validate(
    file: Annotated[str | None, typer.Argument(metavar="FILE")] = None, json: Json = False
) -> None:
    """Check a catalogue file and report every problem in it."""


@app.command("schema")
def schema(
    document: Annotated[Document, typer.Argument(metavar="DOCUMENT")] = Document.catalog,
    output: Output = None, force: Force = False,
) -> None:
    """Print a JSON Schema (draft 2020-12): of a catalogue file, or of a command's --json."""


@app.command("export")
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-F", metavar="FORMAT",
                                                 help="What to write.")] = ExportFormat.toml,
    output: Output = None, force: Force = False,
) -> None:
    """Write the active catalogue as TOML, JSON, Markdown or a picture."""


@app.command("assess")
def assess(
    profile: Annotated[str | None, typer.Argument(metavar="PROFILE")] = None,
    target: Annotated[str | None, typer.Option("--target", "-t", metavar="ROLE",
                                               help="The role you want.")] = None,
    template: Annotated[bool, typer.Option("--template", help="Print a profile.")] = False,
    interactive: Annotated[bool, typer.Option("--interactive", "-i", help="Ask.")] = False,
    top: Annotated[int, typer.Option("--top", min=1, metavar="N", help="How many.")] = 5,
    json: Json = False, svg: Svg = None,
) -> None:
    """Rate yourself: the roles you fit now and the route to the one you want."""


@app.command("site")
def site(
    folder: Annotated[str, typer.Argument(metavar="DIR")], force: Force = False
) -> None:
    """Build a static website of the catalogue in DIR."""


@app.command("diff")
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD")],
    new: Annotated[str | None, typer.Argument(metavar="NEW")] = None,
    json: Json = False,
    format: Annotated[DiffFormat, typer.Option("--format", "-F", help="text or markdown.")]
    = DiffFormat.text,
) -> None:
    """Show what changed between two catalogues for the people on the ladder."""


if __name__ == "__main__":
    # pmladder skips the interpreter's teardown at exit; the floor ends the same
    # way, so a ratio measures what pmladder does between start and exit.
    from pmladder.__main__ import leave

    try:
        app(prog_name="floor")
    except SystemExit as done:
        leave(done.code)
