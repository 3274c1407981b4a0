"""The one output path: every command's answer printed as JSON, as a Rich page
(through the pager when it is long) or as one line, and saved as SVG with ``--svg``."""

from __future__ import annotations

import io
import os
import shutil
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from . import common
from .files import write_new_file
from .messages import write_stderr
from .pager import pager_command, run_pager

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..views.answer import Answer


def emit(
    ctx: typer.Context, answer: Answer[Any], *, json: bool, svg: Path | None = None
) -> None:
    """Print ``answer`` as its ``--json`` document, or as its page (saved in ``svg``
    too, and paged unless the command line said ``--no-pager``).

    The views are imported here, on the branch that needs them: a JSON answer
    never loads Rich's tables, and a page never loads the JSON builders.
    """
    if json:
        from ..views.json_documents import DOCUMENTS, dumps  # no Rich table for JSON

        sys.stdout.write(dumps(DOCUMENTS.show(answer)) + "\n")
        return
    from ..views.pages import PAGES  # no JSON builders for a page

    shown = PAGES.show(answer)
    if isinstance(shown, str):
        _echo_line(shown)
    else:
        _print_rich(shown, svg=svg, title=f"pmladder {answer.command}",
                   paging=common.state(ctx).pager)


def _echo_line(line: str) -> None:
    """Print a one-line result: whole when piped (for grep), wrapped between
    words with a hanging indent on a terminal narrower than the line."""
    if sys.stdout.isatty():
        width = shutil.get_terminal_size().columns
        if len(line) > width:
            line = "\n".join(textwrap.wrap(line, width=max(width, 20), subsequent_indent="  ",
                                           break_long_words=False, break_on_hyphens=False))
    sys.stdout.write(line + "\n")


def _print_rich(
    renderables: Iterable[RenderableType], *, svg: Path | None, title: str, paging: bool
) -> None:
    """Print to stdout, through a pager when the page is taller than the terminal
    (and ``paging``); with ``svg``, also save exactly what was printed as an SVG."""
    # Rich is loaded for a page only, never for --json.
    from rich.console import Group

    from ..views.terminal import console

    pager = pager_command(os.environ, terminal=sys.stdout.isatty(), enabled=paging)
    if pager is None:
        out = console(record=svg is not None)
        out.print(Group(*renderables))
    else:
        screen = console()
        buffer = io.StringIO()
        out = console(file=buffer, record=svg is not None, terminal=True, width=screen.width)
        out.print(Group(*renderables))
        page = buffer.getvalue()
        if page.count("\n") < screen.height or not run_pager(pager, page):
            sys.stdout.write(page)
            sys.stdout.flush()
    if svg is not None:
        write_new_file(svg, out.export_svg(title=title))
        write_stderr(f"saved {svg}")
