"""``pmladder site DIR``: a static website of the active catalogue."""

from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from . import common, messages


def site(
    ctx: typer.Context,
    folder: Annotated[
        str,
        common.argument(
            "DIR", "The folder to write the site into: new, empty, or made by pmladder site."),
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force", "-f",
            help="Write into a folder that is not empty and was not made by pmladder site "
            "(files of the same name are replaced, others are left alone).",
        ),
    ] = False,
) -> None:
    """Build a static website of the catalogue in DIR.

    An index with the ladder picture, the roles by track and level, the scale and
    the competency matrix; a page per role and per move; a search box and a route
    finder that work in the browser from disk, with no server and no network.
    Open DIR/index.html, or publish DIR on an intranet or GitHub Pages.
    """
    # The core and the views load when the command runs, never for --help.
    from ..inert import inert
    from ..site import build, write

    if not folder.strip():
        raise UsageError("site needs a folder name, e.g. pmladder site out")
    ladder = common.state(ctx).ladder()
    try:
        built = write(build(ladder), Path(folder), force=force)
    except KeyboardInterrupt:
        # Not the usual "nothing was saved": some pages were.
        messages.write_stderr(
            f"interrupted; the site in {folder} is unfinished: "
            "run the same command again to finish it"
        )
        raise typer.Exit(130) from None
    removed = f"; removed {built.removed} old" if built.removed else ""
    typer.echo(
        inert(
            f"wrote {built.files} files to {folder} ({built.roles} role pages, "
            f"{built.moves} move pages{removed}); open {Path(folder) / 'index.html'}",
            one_line=True,
        )
    )


def register(app: typer.Typer) -> None:
    app.command(
        "site",
        epilog="Example: pmladder site public && open public/index.html",
    )(site)
