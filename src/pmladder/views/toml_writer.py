"""A TOML writer: plain data (dicts, lists, strings, numbers) as a readable TOML file.

Strings are escaped so that reading the file back gives exactly the value
written; long prose wraps over lines; lists of tables become ``[[x]]``.
No Rich, no Typer.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..inert import toml_basic, toml_comment, toml_key

WIDTH = 88
"""Longest line the TOML writer aims for; longer strings are wrapped over lines."""


def toml_string(value: str, indent: int = 0, *, wrap: bool = True) -> str:
    """A string as a TOML literal; long prose wraps over lines.

    Wrapping uses multi-line basic strings with a backslash at the end of each
    line, which TOML removes together with the line break and the next line's
    indentation, so the value is exactly the original.  A break only goes
    where one space separates two words, so no space is lost or added.
    """
    escaped = toml_basic(value)
    short = len(escaped) + indent + 2 <= WIDTH
    if not wrap or short or value != value.strip() or " " not in value:
        return f'"{escaped}"'
    words = escaped.split(" ")
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        if word and len(current) + 1 + len(word) > WIDTH - 2:
            lines.append(current + " \\")
            current = word
        else:
            current += " " + word
    lines.append(current)
    return '"""\n' + "\n".join(lines) + '"""'


def toml_value(value: Any, indent: int = 0, *, wrap: bool = True) -> str:
    """Any JSON-like value as a TOML value (arrays and inline tables inline)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value, indent, wrap=wrap)
    if isinstance(value, Mapping):
        inner = ", ".join(
            f"{toml_key(str(k))} = {toml_value(v, wrap=False)}" for k, v in value.items()
        )
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, list | tuple):
        # Items stay on one line each: a wrapped string inside a list reads badly.
        items = [toml_value(v, 4, wrap=False) for v in value]
        one_line = "[" + ", ".join(items) + "]"
        if len(one_line) + indent <= WIDTH and "\n" not in one_line:
            return one_line
        return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
    raise TypeError(f"TOML has no way to write {type(value).__name__} values")


def _is_table_array(value: Any) -> bool:
    return (
        isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)
    )


Comment = Callable[[tuple[str, ...], Mapping[str, Any]], str | None]
"""Gives the comment line to write above an item of an array of tables, if any."""


def dumps_toml(
    data: Mapping[str, Any], *, header: Sequence[str] = (), comment: Comment | None = None
) -> str:
    """Write a document as TOML: tables as ``[x]``, lists of tables as ``[[x]]``.

    ``header`` lines become comments at the top of the file.
    """
    out = [f"# {toml_comment(line)}".rstrip() for line in header]
    if out:
        out.append("")
    _write_table(out, (), data, comment)
    return "\n".join(out).strip("\n") + "\n"


def _write_table(
    out: list[str], path: tuple[str, ...], table: Mapping[str, Any], comment: Comment | None
) -> None:
    tables = []
    for key, value in table.items():
        if (isinstance(value, Mapping) and value and not _fits_inline(key, value)) or (
            _is_table_array(value)
        ):
            tables.append((key, value))
        else:
            out.append(f"{toml_key(key)} = {toml_value(value)}")
    for key, value in tables:
        sub = (*path, key)
        name = ".".join(toml_key(k) for k in sub)
        if isinstance(value, Mapping):
            # A table that only holds tables needs no header of its own.
            if not all(isinstance(v, Mapping) and v and not _fits_inline(k, v)
                       for k, v in value.items()):
                out.extend(("", f"[{name}]"))
            _write_table(out, sub, value, comment)
            continue
        for item in value:
            note = comment(sub, item) if comment else None
            out.append("")
            if note:
                out.append(f"# {toml_comment(note)}")
            out.append(f"[[{name}]]")
            _write_table(out, sub, item, comment)


def _fits_inline(key: str, value: Mapping[str, Any]) -> bool:
    """Whether a table reads best inline: a basis, e.g. ``basis = { sources = [...] }``."""
    return (key == "basis" or key.endswith("_basis")) and len(
        f"{toml_key(key)} = {toml_value(value)}"
    ) <= WIDTH

