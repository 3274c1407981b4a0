"""``pmladder export``: the active catalogue as TOML, JSON, Markdown or a picture."""

import sys
from enum import StrEnum
from typing import Annotated

import typer

from ..errors import OutputExistsError
from . import common, files


class Format(StrEnum):
    """What ``export`` can write."""

    toml = "toml"
    json = "json"
    markdown = "markdown"
    mermaid = "mermaid"
    dot = "dot"
    svg = "svg"


OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write to this file instead of the terminal (never over an existing file "
        "unless --force).",
        show_default=False,
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", "-f", help="Overwrite the --output file if it exists.")
]


def export(
    ctx: typer.Context,
    format: Annotated[
        Format,
        typer.Option(
            "--format", "-F",
            metavar="FORMAT",
            help="toml or json: a catalogue file pmladder reads back (start your own "
            "from it); markdown: a career framework page for a wiki; mermaid, dot, svg: "
            "the ladder as a picture.",
            case_sensitive=False,
        ),
    ] = Format.toml,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Write the active catalogue as TOML, JSON, Markdown or a picture.

    Export the bundled catalogue to TOML to start a ladder of your own, then
    point pmladder at it with --catalog, PMLADDER_CATALOG or a pmladder.toml.
    """
    # The core and the views load when the command runs, never for --help.
    from ..views.export import render

    ladder = common.state(ctx).ladder()
    text = render(ladder, format.value)
    write(text, output, force=force, what=f"{format.value} export of {ladder.head.name}")


def write(text: str, output: str | None, *, force: bool, what: str) -> None:
    """Print ``text``, or save it to ``output`` and say so."""
    if output is None:
        sys.stdout.write(text)
        return

    # Loaded only to save a file.
    from ..inert import inert

    files.save_file(files.output_path(output, example="ladder.toml"), text.encode("utf-8"),
                    overwrite=force, exists=OutputExistsError)
    typer.echo(inert(f"wrote {output} ({what})"))


def register(app: typer.Typer) -> None:
    app.command("export", epilog="Example: pmladder export --format toml --output pmladder.toml"
                "\n\nExample: pmladder export --format markdown > ladder.md")(export)
