"""``--svg FILE``: save exactly what a table command printed, never over a file."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import TINY, Invoke
from pmladder.commands.files import write_new_file
from pmladder.errors import ExitCode, UsageError

COMMANDS: list[tuple[list[str], str]] = [
    (["list"], "senior-pm"),
    (["show", "senior-pm"], "Responsibilities"),
    (["path", "apm", "cpo"], "Competencies"),
    (["compare", "pm", "growth-pm"], "Experimentation"),
    (["search", "SQL"], "data-pm"),
    (["ladder"], "product-lead"),
]


def svg_lines(path: Path) -> list[str]:
    """The lines of text drawn in a Rich SVG export, rebuilt from each piece's position.

    Rich draws each styled run as a ``<text>`` at ``x = column * char_width`` on
    the line's ``y``, skips runs of spaces, and writes spaces as ``&#160;``.
    """
    root = ET.parse(path).getroot()
    rows: dict[float, list[tuple[float, str]]] = {}
    char_width = 0.0
    for node in root.iter("{http://www.w3.org/2000/svg}text"):
        piece = html.unescape(node.text or "").replace("\xa0", " ")
        if not piece or node.get("textLength") is None:
            continue
        char_width = float(node.get("textLength", "0")) / len(piece)
        rows.setdefault(float(node.get("y", "0")), []).append((float(node.get("x", "0")), piece))
    out = []
    for y in sorted(rows):
        line = ""
        for x, piece in sorted(rows[y]):
            column = round(x / char_width)
            line = line.ljust(column) + piece
        out.append(line.rstrip())
    return out


def svg_text(path: Path) -> str:
    return "\n".join(svg_lines(path))


@pytest.mark.parametrize(("args", "word"), COMMANDS)
def test_saves_what_was_printed(invoke: Invoke, tmp_path: Path, args: list[str],
                                word: str) -> None:
    target = tmp_path / "out.svg"
    result = invoke(*args, "--svg", str(target))
    assert result.exit_code == 0, result.output
    assert target.exists()
    assert word in result.stdout
    drawn = svg_text(target)
    assert word in drawn
    # The picture holds exactly the printed lines.
    printed = [line.rstrip() for line in result.stdout.splitlines()]
    assert svg_lines(target) == printed
    assert f"saved {target}" in result.stderr


def test_the_picture_keeps_the_terminal_width(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "narrow.svg"
    result = invoke("ladder", "--svg", str(target), env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.output
    drawn = svg_text(target)
    assert "Core product management ─" in drawn  # the stacked, narrow layout


def test_an_existing_file_is_refused_and_left_alone(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "keep.svg"
    target.write_text("precious", encoding="utf-8")
    result = invoke("list", "--svg", str(target))
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert f"{target} already exists" in result.stderr
    assert "keep-2.svg" in result.stderr
    assert target.read_text(encoding="utf-8") == "precious"


def test_suggested_name_is_free(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "a.svg").write_text("x", encoding="utf-8")
    (tmp_path / "a-2.svg").write_text("x", encoding="utf-8")
    result = invoke("show", "pm", "--svg", str(tmp_path / "a.svg"))
    assert result.exit_code == ExitCode.USAGE
    assert "a-3.svg" in result.stderr


@pytest.mark.parametrize(("args", "_word"), COMMANDS)
def test_with_json_is_a_usage_error(invoke: Invoke, tmp_path: Path, args: list[str],
                                    _word: str) -> None:
    target = tmp_path / "out.svg"
    result = invoke(*args, "--json", "--svg", str(target))
    assert result.exit_code == ExitCode.USAGE
    assert "cannot be combined with --json" in result.stderr
    assert result.stdout == ""
    assert not target.exists()


def test_missing_folder_is_a_usage_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("list", "--svg", str(tmp_path / "nowhere" / "out.svg"))
    assert result.exit_code == ExitCode.USAGE
    assert "does not exist" in result.stderr
    assert result.stdout == ""


def test_blank_name_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("list", "--svg", " ")
    assert result.exit_code == ExitCode.USAGE
    assert "needs a file name" in result.stderr


def test_an_error_saves_nothing(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "out.svg"
    result = invoke("search", "zzzzqqq", "--svg", str(target))
    assert result.exit_code == ExitCode.NOT_FOUND
    assert not target.exists()


def test_works_on_a_team_catalogue(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "tiny.svg"
    result = invoke("--catalog", str(TINY), "compare", "maker", "lead", "--svg", str(target))
    assert result.exit_code == 0, result.output
    assert "Team Lead" in svg_text(target)


def test_write_new_file_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "x.svg"
    write_new_file(target, "<svg/>")
    assert target.read_text(encoding="utf-8") == "<svg/>"
    with pytest.raises(UsageError, match="already exists"):
        write_new_file(target, "<svg>new</svg>")
    assert target.read_text(encoding="utf-8") == "<svg/>"
    # No temporary files are left behind.
    assert [p.name for p in tmp_path.iterdir()] == ["x.svg"]


def test_saved_file_is_readable_by_others(tmp_path: Path) -> None:
    target = tmp_path / "perm.svg"
    write_new_file(target, "<svg/>")
    assert target.stat().st_mode & 0o044  # not the temporary file's private 0600


def test_help_documents_the_option(invoke: Invoke) -> None:
    for name in ("list", "show", "path", "compare", "search", "ladder"):
        out = invoke(name, "--help").stdout
        assert "--svg" in out, name
        assert re.search(r"Never\s+overwrites", out), name
