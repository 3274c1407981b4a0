"""Text from a file, made safe for where it goes: one table of dangerous characters.

A catalogue, a profile or a file name is data.  Printed raw, an escape
sequence in it could recolour or clear the terminal, a bidirectional override
could make a line lie about its order, and a quote or a bracket could end a
string or a label in a file pmladder writes.  So every output shows such
characters as visible escapes (``\\xNN`` or ``\\uNNNN``) and escapes the syntax
of its format.  One function per destination:

- :func:`inert`: the terminal (tab and newline kept, or one line);
- :func:`plain`: one line for a picture or a page, white space collapsed;
- :func:`xml`: XML, SVG and HTML text and attribute values;
- :func:`dot_string`: inside a double-quoted Graphviz DOT string;
- :func:`mermaid_label`: inside a quoted Mermaid label;
- :func:`markdown`: Markdown text and table cells;
- :func:`toml_basic`: inside a TOML basic string (``"..."``), read back exactly;
- :func:`toml_quoted`: a whole TOML basic string, quotes and all;
- :func:`toml_key`: a TOML key, bare when it can be (also how a problem names a path);
- :func:`toml_comment`: after ``#`` in a TOML file;
- :func:`script_json`: JSON text inside an HTML ``<script>`` element;
- :func:`menu_line`: a shell completion's description, on one line and cut short.

Which characters are dangerous is decided once, by the groups below; each
destination names the groups it escapes and the characters it keeps.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

Ranges = tuple[tuple[int, int], ...]
"""Inclusive ranges of code points."""

C0: Ranges = ((0x00, 0x1F),)
"""The C0 control characters, tab, newline and carriage return among them."""
DEL: Ranges = ((0x7F, 0x7F),)
C1: Ranges = ((0x80, 0x9F),)
"""The C1 control characters: a terminal may act on them as it does on escape sequences."""
BIDI: Ranges = ((0x061C, 0x061C), (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069))
"""Bidirectional marks, embeddings, overrides and isolates: they reorder what is shown."""
NOT_XML: Ranges = ((0xD800, 0xDFFF), (0xFFFE, 0xFFFF))
"""Lone surrogates and the two non-characters, which XML 1.0 forbids besides C0."""


def _kept_out(low: int, high: int, keep: str) -> Iterator[tuple[int, int]]:
    """The range ``low..high`` with the code points of ``keep`` taken out."""
    for code in sorted(ord(ch) for ch in keep):
        if low <= code <= high:
            if low < code:
                yield low, code - 1
            low = code + 1
    if low <= high:
        yield low, high


def _characters(
    *groups: Ranges, keep: str = "", also: str = ""
) -> Callable[[], re.Pattern[str]]:
    """The pattern matching one character of ``groups`` (but ``keep``) or of ``also``,
    compiled when first asked for: a command uses one or two of them, and compiling
    them all would cost every start-up a millisecond or two."""

    @functools.cache
    def compiled() -> re.Pattern[str]:
        parts = [re.escape(ch) for ch in also]
        for group in groups:
            for low, high in group:
                for a, b in _kept_out(low, high, keep):
                    parts.append(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}")
        return re.compile("[" + "".join(parts) + "]")

    return compiled


def _visible(match: re.Match[str]) -> str:
    """The matched character as a visible escape: ``\\xNN`` or ``\\uNNNN``."""
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _regex(pattern: str) -> Callable[[], re.Pattern[str]]:
    """``pattern`` compiled when first asked for, like :func:`_characters`."""
    return functools.cache(lambda: re.compile(pattern))


_TERMINAL = _characters(C0, DEL, C1, BIDI, keep="\t\n")
_ONE_LINE = _characters(C0, DEL, C1, BIDI, keep="\t")
# Tab, newline and carriage return are kept only to be collapsed into a space;
# the other C0 characters are escaped first, though str.split() sees some as space.
_PICTURE = _characters(C0, DEL, C1, BIDI, NOT_XML, keep="\t\n\r")
_MARKDOWN = _characters(C0, DEL, C1, BIDI)
_MARKDOWN_SYNTAX = _regex(r"([\\`*_\[\]<>|#~&])")
_MARKDOWN_BLOCK_START = _regex(r"[-+=]|\d+[.)]")
_MERMAID_SAFE = _regex(r"[A-Za-z0-9 ,.:/()+~-]")
# TOML forbids C0 and DEL in basic strings; the bidirectional controls are
# legal but could make the file read differently from what it holds.
_TOML = _characters(C0, DEL, BIDI, also='"\\')
_TOML_BARE_KEY = _regex(r"[A-Za-z0-9_-]+")
# Inside <script> the HTML parser ends the element at "</script" whatever the
# JSON says; U+2028 and U+2029 end a line in older JavaScript.
_SCRIPT = "&<>\u2028\u2029"
_TOML_SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n",
               "\f": "\\f", "\r": "\\r"}


def inert(value: str, limit: int | None = None, *, one_line: bool = False) -> str:
    """``value`` for the terminal: control and bidi characters as escapes, cut at ``limit``.

    Tab and newline are kept; with ``one_line`` a newline is escaped too, for
    file names and quoted lines.
    """
    cleaned = (_ONE_LINE if one_line else _TERMINAL)().sub(_visible, value)
    if limit is not None and len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return cleaned


def plain(value: str) -> str:
    """``value`` on one line for a picture or page: escapes shown, white space runs collapsed."""
    return " ".join(_PICTURE().sub(_visible, value).split())


def xml(value: str) -> str:
    """``value`` safe inside XML, SVG or HTML text and attribute values."""
    return (
        plain(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def dot_string(value: str) -> str:
    """``value`` for inside a double-quoted DOT string."""
    return plain(value).replace("\\", "\\\\").replace('"', '\\"')


def mermaid_label(value: str) -> str:
    """``value`` for inside a quoted Mermaid label: anything unusual as ``#code;``.

    Only letters, digits, spaces and plain punctuation stay, so nothing can
    close the quote, start HTML or Markdown, or add a statement.
    """
    return "".join(ch if _MERMAID_SAFE().fullmatch(ch) else f"#{ord(ch)};" for ch in plain(value))


def markdown(value: str) -> str:
    """``value`` as Markdown text (or a table cell) that shows the characters it is.

    Markdown and HTML syntax is escaped, so a summary containing ``*`` or
    ``<script>`` prints as written; line breaks become spaces so the text stays
    inside its paragraph, list item or table cell.
    """
    flat = _MARKDOWN_SYNTAX().sub(r"\\\1", " ".join(value.split()))
    # Shown as escapes, like the terminal shows them (a backslash before a
    # letter is printed as it is in Markdown).
    flat = _MARKDOWN().sub(_visible, flat)
    # A paragraph starting with these would become a heading, list or quote.
    if _MARKDOWN_BLOCK_START().match(flat):
        flat = "\\" + flat
    return flat


def _toml_escape(match: re.Match[str]) -> str:
    char = match.group()
    return _TOML_SHORT.get(char) or f"\\u{ord(char):04x}"


def toml_basic(value: str) -> str:
    """``value`` for inside a TOML basic string; TOML reads back exactly ``value``."""
    return _TOML().sub(_toml_escape, value)


def toml_quoted(value: str) -> str:
    """``value`` as a TOML basic string, quotes included; TOML reads back exactly ``value``."""
    return f'"{toml_basic(value)}"'


def toml_key(key: str) -> str:
    """``key`` as TOML writes it: bare when it can be, quoted (and escaped) otherwise."""
    return key if _TOML_BARE_KEY().fullmatch(key) else toml_quoted(key)


def toml_comment(value: str) -> str:
    """``value`` for a TOML comment: one line, control and bidi characters as escapes."""
    return _ONE_LINE().sub(_visible, value)


def script_json(text: str) -> str:
    """JSON ``text`` for inside ``<script>``: nothing in it can end the element.

    ``&``, ``<``, ``>``, U+2028 and U+2029 become ``\\uNNNN`` escapes, which
    JSON reads back as the same characters.
    """
    for char in _SCRIPT:  # str.replace per character: several times faster than translate
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def menu_line(value: str, limit: int) -> str:
    """``value`` for a shell completion menu: one line, escapes shown, at most ``limit`` long."""
    return plain(value)[:limit]
