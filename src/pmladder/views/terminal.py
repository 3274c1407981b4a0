"""Consoles and inert text: catalogue text is data, never markup or escape codes."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from rich.console import Console
from rich.text import Text

from ..inert import inert

MAX_FIELD = 2000
"""Longest single piece of catalogue text printed in a table cell before it is cut."""


def cell_text(value: str, limit: int | None = MAX_FIELD) -> str:
    """``value`` made inert (see :mod:`pmladder.inert`), cut at ``limit`` for a table cell."""
    return inert(value, limit)


def text(value: str | None, style: str = "", limit: int = MAX_FIELD) -> Text:
    """Catalogue text as a Rich :class:`Text`: printed as the characters it is."""
    return Text(cell_text(value or "", limit), style=style)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # The reader went away (`pmladder list | head -1`): what it wanted was
        # delivered, so stop quietly with success rather than Rich's exit 1.
        self.quiet = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0)


def console(
    *,
    stderr: bool = False,
    file: TextIO | None = None,
    record: bool = False,
    terminal: bool | None = None,
    width: int | None = None,
) -> Console:
    """A console on stdout (or stderr) that never interprets strings as markup.

    Colour follows the terminal: none when piped, none with ``NO_COLOR``.
    ``terminal`` and ``width`` render for a terminal into another ``file``
    (a page for the pager).
    """
    return _Console(
        file=file or (sys.stderr if stderr else sys.stdout),
        markup=False,
        emoji=False,
        highlight=False,
        record=record,
        force_terminal=terminal,
        width=width,
    )
