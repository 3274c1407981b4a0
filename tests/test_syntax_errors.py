"""A catalogue that is not valid TOML (or JSON): the line, the column, a caret, a fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalogue_edits import BAD, edit, invalid, line_number
from conftest import Invoke
from pmladder.errors import ExitCode


def test_syntax_error_shows_line_column_and_caret(invoke: Invoke) -> None:
    path = BAD / "syntax.toml"
    lines = invalid(invoke, path)
    number = line_number(path, "track = core")
    assert lines[0] == f"error: {path}: invalid catalogue (1 problem)"
    assert lines[1] == (
        f"{path}:{number}:9: error: TOML syntax error: Invalid value; "
        'text values need quotes, e.g. track = "core"'
    )
    assert lines[2] == "  track = core"
    assert lines[3] == "          ^"


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ('title = "Maker"', 'title = "Maker', "is a string missing its closing quote?"),
        ("level = 2\n", "level = 2\nlevel = 3\n", "this key is set twice, keep one of them"),
        ("[[levels]]\nrank = 1", "[[levels]\nrank = 1", "Expected ']]'"),
        ('title = "Maker"', 'title = "Maker" level = 2', "put each key = value on its own line"),
    ],
)
def test_syntax_errors_say_how_to_fix(
    invoke: Invoke, tmp_path: Path, old: str, new: str, fragment: str
) -> None:
    lines = invalid(invoke, edit(tmp_path, (old, new)))
    assert re.match(rf"{re.escape(str(tmp_path))}/c\.toml:\d+:\d+: error: TOML syntax", lines[1])
    assert fragment in lines[1]
    assert lines[3].strip() == "^"


def test_caret_of_a_long_line_stays_under_the_column(invoke: Invoke, tmp_path: Path) -> None:
    long = "x" * 300
    path = edit(tmp_path, ('summary = "Learns the craft."', f'summary = "{long}" oops'))
    lines = invalid(invoke, path)
    shown, caret = lines[2], lines[3]
    assert len(shown) < 120
    assert shown[len(caret) - 1 : len(caret) + 3] == "oops"


def test_syntax_error_line_is_printed_inert(invoke: Invoke, tmp_path: Path) -> None:
    path = edit(tmp_path, ('title = "Maker"', 'title = "\x1b[31mMaker\x1b[0m" \u202e broken'))
    result = invoke("validate", str(path))
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert "\x1b" not in result.stderr
    assert "\u202e" not in result.stderr
    assert "\\x1b[31mMaker" in result.stderr


def test_syntax_error_after_unusual_line_breaks(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes('name = "a\u2028b"\r\ndesc = "x\fy"\n[scale]\n'.encode())
    lines = invalid(invoke, path)
    assert lines[1] == f"{path}:2:10: error: TOML syntax error: Illegal character '\\x0c'"
    assert lines[2:4] == ['  desc = "x\\x0cy"', "           ^"]


def test_json_syntax_error(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{\n  "name": "x",\n  "roles": [,]\n}\n', encoding="utf-8")
    lines = invalid(invoke, path)
    assert lines[1].startswith(f"{path}:3:13: error: JSON syntax error: Expecting value")
    assert lines[2] == '    "roles": [,]'
    assert lines[3] == "              ^"


def test_json_catalogue_must_be_an_object(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]\n", encoding="utf-8")
    assert "a JSON catalogue must be an object" in invalid(invoke, path)[1]
