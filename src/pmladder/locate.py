"""Where each value of a TOML or JSON document starts, to put a line on a problem.

A leaf module: it reads text only, so the catalogue loader, validation and
profile reading can all locate a key without importing each other.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Mapping, Sequence

Loc = tuple[int | str, ...]
"""Path to a value inside a document: ``("roles", 3, "competencies", "strategy")``."""


# Tokens of a TOML document that is already known to be valid: only the
# structure matters (keys, headers, arrays, inline tables), so every scalar
# is a run of "other" tokens up to the next separator.
# Each token may follow spaces and a comment, which are skipped.
_TOML_TOKEN = (
    r"[ \t]*(?:#[^\r\n]*)?(?:(?P<nl>\r?\n)"
    r'|(?P<str>"""(?:\\.|[^\\])*?"""(?!")|\'\'\'.*?\'\'\'(?!\')'
    r'|"(?:\\.|[^"\\\r\n])*"|\'[^\'\r\n]*\')'
    r"|(?P<punct>[\[\]{},=.])|(?P<bare>[^\s\[\]{},=.#\"']+))"
)
_JSON_TOKEN = (
    r'\s*(?:(?P<str>"(?:\\.|[^"\\])*")'
    r'|(?P<punct>[\[\]{},:])|(?P<bare>[^\s\[\]{},:"]+))'
)

Token = tuple[str, str, int]
"""(kind, text, offset)"""


def json_tokens(text: str) -> list[Token]:
    """Every structural token of a JSON document, in order."""
    return list(_LazyTokens(_JSON_TOKEN, text).rest())


class _LazyTokens:
    """The tokens of a document, scanned only as far as they are asked for.

    Finding the line of a problem near the top of a 10 MB file then costs a
    few tokens, not millions.
    """

    def __init__(self, pattern: str, text: str) -> None:
        self._source = re.finditer(pattern, text, re.S)
        self._seen: list[Token] = []

    def has(self, i: int) -> bool:
        """Whether there is an ``i``-th token (scanning up to it if needed)."""
        while len(self._seen) <= i:
            match = next(self._source, None)
            if match is None:
                return False
            kind = match.lastgroup or ""
            self._seen.append((kind, match.group(kind), match.start(kind)))
        return True

    def __getitem__(self, i: int) -> Token:
        return self._seen[i]

    def rest(self) -> list[Token]:
        self.has(1 << 62)
        return self._seen


def key_text(token: str) -> str:
    """The key a bare, literal or quoted key token names."""
    if token.startswith("'"):
        return token[1:-1]
    if token.startswith('"'):
        try:
            value = json.loads(token)
        except ValueError:
            return token[1:-1]
        return value if isinstance(value, str) else token[1:-1]
    return token


class _Found(Exception):
    """Every value asked for has been located: stop scanning."""


class _Locator:
    """Maps each value of a valid TOML or JSON document to the offset it starts at.

    With ``wanted``, scanning stops as soon as each of those values is found.
    """

    def __init__(self, tokens: _LazyTokens, wanted: Iterable[Loc] | None = None) -> None:
        self.toks = tokens
        self.at: dict[Loc, int] = {}
        self.wanted = None if wanted is None else set(wanted)

    def _tok(self, i: int) -> Token:
        return self.toks[i] if self.toks.has(i) else ("end", "", -1)

    def _skip_newlines(self, i: int) -> int:
        while self._tok(i)[0] == "nl":
            i += 1
        return i

    def _mark(self, loc: Loc, at: int) -> None:
        if loc in self.at:
            return
        self.at[loc] = at
        if self.wanted is not None:
            self.wanted.discard(loc)
            if not self.wanted:
                raise _Found

    # -- TOML ------------------------------------------------------------

    def _key(self, i: int) -> tuple[list[str], int]:
        parts: list[str] = []
        while True:
            kind, value, _ = self._tok(i)
            if kind not in ("str", "bare"):
                return parts, i
            parts.append(key_text(value))
            i += 1
            if self._tok(i)[1] != ".":
                return parts, i
            i += 1

    def toml(self) -> dict[Loc, int]:
        arrays: dict[Loc, int] = {}
        table: Loc = ()

        def resolve(parts: Sequence[str]) -> Loc:
            out: Loc = ()
            for part in parts:
                out += (part,)
                if out in arrays:
                    out += (arrays[out] - 1,)
            return out

        i = 0
        while self.toks.has(i):
            kind, value, at = self.toks[i]
            if kind == "nl":
                i += 1
                continue
            if kind == "punct" and value == "[":
                nxt = self._tok(i + 1)
                double = nxt[1] == "[" and nxt[2] == at + 1
                parts, i = self._key(i + (2 if double else 1))
                if parts:
                    path = (*resolve(parts[:-1]), parts[-1])
                    if double:
                        index = arrays.get(path, 0)
                        arrays[path] = index + 1
                        self._mark(path, at)
                        table = (*path, index)
                    else:
                        table = path
                    for k in range(1, len(table) + 1):
                        self._mark(table[:k], at)
                while self.toks.has(i) and self.toks[i][0] != "nl":
                    i += 1
                continue
            parts, j = self._key(i)
            if not parts or self._tok(j)[1] != "=":
                i = max(j, i + 1)
                continue
            loc = table + tuple(parts)
            for k in range(len(table) + 1, len(loc)):
                self._mark(loc[:k], at)
            self._mark(loc, self._value_at(j, at))
            i = self._toml_value(j + 1, loc)
        return self.at

    def _value_at(self, equals: int, key_at: int) -> int:
        """Where the value after the ``=`` token ``equals`` starts (else the key's offset):
        a key's line is its value's, and a message about the value points at it."""
        kind, _, at = self._tok(equals + 1)
        return key_at if kind in ("nl", "end") else at

    def _toml_value(self, i: int, loc: Loc) -> int:
        kind, value, at = self._tok(i)
        if kind == "punct" and value == "[":
            i, index = i + 1, 0
            while True:
                i = self._skip_newlines(i)
                kind, value, at = self._tok(i)
                if kind == "end" or value == "]":
                    return i + 1
                self._mark((*loc, index), at)
                i = self._skip_newlines(self._toml_value(i, (*loc, index)))
                if self._tok(i)[1] == ",":
                    i, index = i + 1, index + 1
                elif self._tok(i)[1] != "]":
                    i += 1  # not valid TOML; keep moving
        if kind == "punct" and value == "{":
            i += 1
            while True:
                i = self._skip_newlines(i)
                kind, value, at = self._tok(i)
                if kind == "end" or value == "}":
                    return i + 1
                parts, i = self._key(i)
                if not parts:
                    return i + 1
                sub = loc + tuple(parts)
                for k in range(len(loc) + 1, len(sub)):
                    self._mark(sub[:k], at)
                self._mark(sub, self._value_at(i, at))
                i = self._skip_newlines(self._toml_value(i + 1, sub))
                if self._tok(i)[1] == ",":
                    i += 1
                elif self._tok(i)[1] != "}":
                    i += 1  # not valid TOML; keep moving
        start = i
        while True:
            kind, value, _ = self._tok(i)
            if kind in ("end", "nl") or (kind == "punct" and value in ",]}"):
                return i if i > start or kind != "end" else i + 1
            i += 1

    # -- JSON ------------------------------------------------------------

    def json(self) -> dict[Loc, int]:
        self._json_value(0, ())
        return self.at

    def _json_value(self, i: int, loc: Loc) -> int:
        kind, value, at = self._tok(i)
        self._mark(loc, at)
        if value == "{":
            i += 1
            while True:
                kind, value, at = self._tok(i)
                if kind == "end" or value == "}":
                    return i + 1
                if value == ",":
                    i += 1
                    continue
                key = key_text(value)
                self._mark((*loc, key), at)
                i = self._json_value(i + 2, (*loc, key))  # skip the key and ':'
        if value == "[":
            i, index = i + 1, 0
            while True:
                kind, value, at = self._tok(i)
                if kind == "end" or value == "]":
                    return i + 1
                if value == ",":
                    i, index = i + 1, index + 1
                    continue
                i = self._json_value(i, (*loc, index))
        return i + 1


class ValueLines:
    """Where each value of a document starts; best effort, only used for messages."""

    def __init__(self, text: str, offsets: Mapping[Loc, int]) -> None:
        self._text = text
        self._offsets = offsets
        self._newlines: list[int] | None = None

    def line(self, loc: Loc) -> int | None:
        """The 1-based line of ``loc``, or of the nearest enclosing value the file holds.

        A missing field has no line of its own, so it points at its table's header.
        """
        return self.position(loc)[0]

    def position(self, loc: Loc) -> tuple[int, int] | tuple[None, None]:
        """The 1-based (line, column) where ``loc``'s value starts (a table: its header),
        or the nearest enclosing value's; ``(None, None)`` when the file holds neither."""
        for end in range(len(loc), 0, -1):
            offset = self._offsets.get(loc[:end])
            if offset is not None:
                if self._newlines is None:
                    self._newlines = [m.start() for m in re.finditer("\n", self._text)]
                line = bisect.bisect_left(self._newlines, offset)
                line_start = self._newlines[line - 1] + 1 if line else 0
                return line + 1, offset - line_start + 1
        return None, None


def value_lines(text: str, fmt: str = "toml", wanted: Iterable[Loc] | None = None) -> ValueLines:
    """The line of every key and list item of a valid TOML or JSON document.

    With ``wanted``, only as much of the document is scanned as it takes to
    find each of those values (all of it when one is not in the file).  A
    document too deeply nested to scan gives no lines at all.
    """
    locator = _Locator(_LazyTokens(_JSON_TOKEN if fmt == "json" else _TOML_TOKEN, text),
                       wanted)
    try:
        offsets = locator.json() if fmt == "json" else locator.toml()
    except _Found:
        offsets = locator.at
    except RecursionError:
        offsets = {}
    return ValueLines(text, offsets)

