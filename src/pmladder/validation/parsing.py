"""Parse a catalogue's text, reporting a syntax error at its line with a caret.

The first step after reading a file: TOML (or JSON, for an exported
catalogue) becomes plain data.  A syntax error quotes the offending line only
when the file looks like a pmladder file, so a credentials file given by
mistake is never echoed to the terminal.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import TYPE_CHECKING, Any

import tomli

from ..errors import CatalogError, Problem
from ..inert import inert
from ..locate import json_tokens, key_text

if TYPE_CHECKING:
    from ..catalog import CatalogSource


def _excerpt(text: str, line: int, column: int | None) -> tuple[str, ...]:
    """The offending line and a caret under the column, cut to a readable width."""
    lines = text.split("\n")  # as the parsers count lines: not at \f, \u2028...
    if not 0 < line <= len(lines):
        return ()
    shown = lines[line - 1].removesuffix("\r").replace("\t", " ")
    col = max((column or 1) - 1, 0)
    start = max(col - 60, 0) if len(shown) > 100 else 0
    piece = shown[start : start + 100]
    lead = "…" if start else ""
    tail = "…" if start + 100 < len(shown) else ""
    before = inert(lead + shown[start:col])
    return (f"  {lead}{inert(piece)}{tail}", "  " + " " * len(before) + "^")


_TOML_HINTS = (
    ("Invalid value", "; text values need quotes, e.g. track = \"core\""),
    ("Cannot overwrite a value", "; this key is set twice, keep one of them"),
    ("Illegal character '\\n'", "; is a string missing its closing quote?"),
    ("Expected newline or end of document after a statement", "; put each key = value on its own line"),  # noqa: E501
)


_CATALOGUE_MARK = re.compile(
    r'^[ \t]*(?:\[\[(?:roles|tracks|levels|competencies|sources)\]\]|\[(?:scale|ratings)\]'
    r'|format_version[ \t]*=|"(?:roles|scale|tracks|levels)"[ \t]*:)',
    re.M,
)
_NOT_SHOWN = "; the line is not shown, as the file does not look like a pmladder file"


def looks_like_catalogue(text: str) -> bool:
    """Whether ``text`` has any of a catalogue's (or a profile's) own tables or keys.

    Only then does a syntax error quote the offending line: a file that is
    something else (a credentials file, say) is never echoed to the terminal.
    """
    return _CATALOGUE_MARK.search(text) is not None


def _context(text: str, line: int | None, column: int | None) -> tuple[str, ...]:
    if not line or not looks_like_catalogue(text):
        return ()
    return _excerpt(text, line, column)


def parse_toml(text: str, label: str) -> dict[str, Any]:
    """Parse TOML, reporting a syntax error with its line, column and a caret."""
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        lineno: int | None = getattr(exc, "lineno", None)
        colno: int | None = getattr(exc, "colno", None)
        msg = str(getattr(exc, "msg", exc))
        msg += next((hint for start, hint in _TOML_HINTS if msg.startswith(start)), "")
        context = _context(text, lineno, colno)
        if lineno and not context:
            msg += _NOT_SHOWN
        problem = Problem(f"TOML syntax error: {msg}", line=lineno, column=colno, context=context)
        raise CatalogError(label, [problem]) from None
    except RecursionError:
        raise CatalogError(label, [Problem("nesting is too deep to be a catalogue")]) from None


def parse_json(text: str, label: str) -> dict[str, Any]:
    """Parse a catalogue exported as JSON, reporting a syntax error like :func:`parse_toml`."""
    repeated = False

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        out = dict(pairs)
        if len(out) != len(pairs):
            repeated = True
        return out

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        context = _context(text, exc.lineno, exc.colno)
        note = "" if context else _NOT_SHOWN
        problem = Problem(
            f"JSON syntax error: {exc.msg}{note}", line=exc.lineno, column=exc.colno,
            context=context,
        )
        raise CatalogError(label, [problem]) from None
    except RecursionError:
        raise CatalogError(label, [Problem("nesting is too deep to be a catalogue")]) from None
    if repeated:
        raise CatalogError(label, _json_duplicates(text))
    if not isinstance(data, dict):
        raise CatalogError(
            label, [Problem("a JSON catalogue must be an object ({...}) at the top level", line=1)]
        )
    return data


def _json_duplicates(text: str) -> list[Problem]:
    """Every key set twice in one JSON object, at its line and column, as TOML reports it."""
    problems: list[Problem] = []
    objects: list[set[str] | None] = []  # None for an array
    tokens = json_tokens(text)
    newlines: list[int] = [m.start() for m in re.finditer("\n", text)]
    for i, (kind, value, at) in enumerate(tokens):
        if value in ("{", "["):
            objects.append(set() if value == "{" else None)
        elif value in ("}", "]"):
            if objects:
                objects.pop()
        elif kind == "str" and objects and objects[-1] is not None:
            after = tokens[i + 1][1] if i + 1 < len(tokens) else ""
            if after != ":":
                continue
            key = key_text(value)
            if key in objects[-1]:
                line = bisect.bisect_left(newlines, at) + 1
                column = at - (newlines[line - 2] if line > 1 else -1)
                problems.append(Problem(
                    f"JSON key {key!r} is set twice in the same object; keep one of them",
                    line=line, column=column,
                ))
            objects[-1].add(key)
    return problems or [Problem("a key is set twice in the same object; keep one of them")]


def parse_source(text: str, source: CatalogSource) -> dict[str, Any]:
    """Parse a catalogue's text in the format its file name says (TOML unless ``.json``)."""
    if source.format == "json":
        return parse_json(text, source.label)
    return parse_toml(text, source.label)
