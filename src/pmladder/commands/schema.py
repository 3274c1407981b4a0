"""``pmladder schema``: the JSON Schema of a catalogue file, or of a command's ``--json``."""

from enum import StrEnum
from typing import Annotated

import typer

from .export import ForceOption, OutputOption


class Document(StrEnum):
    """What ``schema`` describes: a catalogue file, or one command's JSON output."""

    catalog = "catalog"
    list = "list"
    show = "show"
    path = "path"
    compare = "compare"
    search = "search"
    ladder = "ladder"
    validate = "validate"
    assess = "assess"
    diff = "diff"


def schema(
    document: Annotated[
        Document,
        typer.Argument(
            help="catalog (the default): the catalogue file format; or a command "
            "(list, show, path, compare, search, ladder, validate, assess, diff): the document "
            "its --json prints.",
            case_sensitive=False,
            show_default=False,
            metavar="DOCUMENT",
        ),
    ] = Document.catalog,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Print a JSON Schema (draft 2020-12): of a catalogue file, or of a command's --json.

    Editors use the catalogue schema to check and complete a catalogue as you
    type: save it next to your pmladder.toml and put
    '#:schema ./pmladder.schema.json' on the file's first line (Taplo, Even
    Better TOML). Scripts use a command's schema to check what they read from
    '--json'. It does not read a catalogue.
    """
    # The core and the views load when the command runs, never for --help.
    from ..views.json_documents import dumps
    from .export import write

    if document is Document.catalog:
        from ..catalog import catalog_schema  # only the schema asked for is built

        published = catalog_schema()
        what = "JSON Schema"
    else:
        from ..output_schemas import output_schema  # likewise

        published = output_schema(document.value)
        what = f"JSON Schema of 'pmladder {document.value} --json'"
    write(dumps(published) + "\n", output, force=force, what=what)


def register(app: typer.Typer) -> None:
    app.command(
        "schema",
        epilog="Example: pmladder schema --output pmladder.schema.json  "
        "(and: pmladder schema path > path.schema.json)",
    )(schema)
