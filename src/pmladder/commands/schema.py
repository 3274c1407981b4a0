"""``pmladder schema``: the JSON Schema of a catalogue file, for editors and scripts."""

from __future__ import annotations

import typer

from .export import ForceOption, OutputOption


def schema(output: OutputOption = None, force: ForceOption = False) -> None:
    """Print the JSON Schema (draft 2020-12) of a catalogue file.

    Editors use it to check and complete a catalogue as you type: save it next
    to your pmladder.toml and put '#:schema ./pmladder.schema.json' on the
    file's first line (Taplo, Even Better TOML). It does not read a catalogue.
    """
    from ..catalog import catalog_schema
    from ..views.jsonout import dumps
    from .export import write

    write(dumps(catalog_schema()) + "\n", output, force=force, what="JSON Schema")


def register(app: typer.Typer) -> None:
    app.command(
        "schema",
        epilog="Example: pmladder schema --output pmladder.schema.json",
    )(schema)
