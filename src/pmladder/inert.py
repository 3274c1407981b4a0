"""Text from a file, made safe to show: control characters become visible escapes.

A catalogue, a profile or a file name is data.  Printed raw, an escape
sequence in it could recolour or clear the terminal and a bidirectional
override could make a line lie about its order, so every such character is
shown as ``\\xNN`` or ``\\uNNNN`` instead.  Tab and newline are kept unless
the caller asks for one line.
"""

from __future__ import annotations

import re

# C0 and C1 control characters but tab and newline, DEL, and the Unicode
# bidirectional controls that can reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_OR_NEWLINE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(value: str, limit: int | None = None, *, one_line: bool = False) -> str:
    """``value`` with control and bidi characters shown as escapes, cut at ``limit``.

    With ``one_line`` a newline is escaped too, for file names and quoted lines.
    """
    cleaned = (_UNSAFE_OR_NEWLINE if one_line else _UNSAFE).sub(_escape, value)
    if limit is not None and len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return cleaned
