"""Messages on stderr: errors, warnings and hints in pmladder's one style."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..index import Ladder

_PREFIXES = {"error:": "1;31", "warning:": "1;33", "hint:": "2"}


def format_error_lines(lines: Sequence[str], width: int | None, colour: bool) -> str:
    """Error, warning and hint lines in pmladder's one style, for stderr.

    With a ``width``, each ``error:``/``warning:``/``hint:`` line is wrapped
    between words with a hanging indent; other lines (a catalogue problem's
    ``file:line:column:`` line, the offending source line and its caret) stay
    as they are, for editors and for the caret to point right. With
    ``colour``, the prefix is coloured.
    """
    out: list[str] = []
    for line in lines:
        prefix = next((p for p in _PREFIXES if line.startswith(p + " ")), None)
        if prefix is None:
            out.append(line)
            continue
        wrapped = [line]
        if width is not None and len(line) > width:
            wrapped = textwrap.wrap(line, width=max(width, 20), subsequent_indent="  ",
                                    break_long_words=False, break_on_hyphens=False)
        if colour:
            wrapped[0] = f"\x1b[{_PREFIXES[prefix]}m{prefix}\x1b[0m{wrapped[0][len(prefix):]}"
        out.extend(wrapped)
    return "\n".join(out) + "\n"


def write_error(lines: Sequence[str]) -> None:
    """Print error lines to stderr: wrapped and coloured when stderr is a terminal."""
    from ..inert import inert  # loaded only when there is something to say

    stream = sys.stderr
    terminal = stream.isatty()
    width = _error_width(stream, terminal)
    colour = (terminal and "NO_COLOR" not in os.environ
              and os.environ.get("TERM", "") != "dumb")
    # A file name, a role name from argv or a key from a file may hold escape
    # sequences: every line is shown inert, whatever built it.
    safe = [inert(part, one_line=True) for line in lines for part in line.split("\n")]
    _write(stream, format_error_lines(safe, width, colour))


def _error_width(stream: Any, terminal: bool) -> int | None:
    """The width to wrap error lines to on a terminal (``COLUMNS`` first, as
    for the output); none when stderr is a file or a pipe, kept whole for grep.

    Measured on stderr itself: with the output going to a file or a pipe
    (``pmladder show x > out.txt``) stdout has no width to ask, and every
    line used to be wrapped at 80 whatever the terminal.
    """
    if not terminal:
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return shutil.get_terminal_size().columns


def write_stderr(message: str) -> None:
    """Write a plain message to stderr, each line inert (see :mod:`pmladder.inert`)."""
    from ..inert import inert  # loaded only when there is something to say

    lines = message.rstrip("\n").split("\n")
    _write(sys.stderr, "\n".join(inert(line, one_line=True) for line in lines) + "\n")


def _write(stream: Any, text: str) -> None:
    """Write ``text`` to stderr, if it can be written at all.

    A message that cannot be shown (``2>/dev/full``, a closed descriptor) has
    nowhere else to go: the exit code still says what happened, and failing
    here would only replace it with a crash.
    """
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError):
        pass


def write_warnings(ladder: Ladder) -> None:
    """Print the catalogue's warnings, each with its file and line."""
    for warning in ladder.warnings:
        write_stderr(warning.format(ladder.source.label))
