"""Hostile catalogue text and hostile files: printed inert, refused cleanly."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conftest import TINY, Invoke


def _with_summary(tmp_path: Path, summary: str, name: str = "hostile.toml") -> Path:
    text = TINY.read_text(encoding="utf-8").replace(
        'summary = "Learns the craft."', f"summary = {json.dumps(summary)}"
    )
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("[bold red]loud[/bold red]", "[bold red]loud[/bold red]"),
        ("[link=https://example.com]click[/link]", "[link=https://example.com]click[/link]"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("\x1b]8;;http://x\x07link\x1b]8;;\x07", "\\x1b]8;;http://x\\x07link\\x1b]8;;\\x07"),
        (
            "bell\x07 back\x08 nul\x00 del\x7f c1\x9b",
            "bell\\x07 back\\x08 nul\\x00 del\\x7f c1\\x9b",
        ),
        ("abc\u202edef\u2066x\u2069", "abc\\u202edef\\u2066x\\u2069"),
        (":smile: @user #tag", ":smile: @user #tag"),
    ],
)
def test_catalogue_text_is_inert(invoke: Invoke, tmp_path: Path, raw: str, shown: str) -> None:
    path = _with_summary(tmp_path, raw)
    result = invoke("--catalog", str(path), "show", "junior")
    assert result.exit_code == 0, result.output
    summary_lines = [line.strip() for line in result.stdout.splitlines()]
    assert shown in summary_lines
    for bad in ("\x1b", "\x07", "\x00", "\u202e", "\x9b"):
        assert bad not in result.stdout
    # JSON keeps the data exactly as it is in the file.
    doc = json.loads(invoke("--catalog", str(path), "show", "junior", "--json").stdout)
    assert doc["role"]["summary"] == raw


def test_very_long_text_is_cut_not_crashing(invoke: Invoke, tmp_path: Path) -> None:
    path = _with_summary(tmp_path, "word " * 800)
    result = invoke("--catalog", str(path), "show", "junior")
    assert result.exit_code == 0, result.output
    assert "…" in result.stdout


def test_hostile_title_in_list_and_path(invoke: Invoke, tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8").replace(
        'title = "Maker"', 'title = "[red]Maker\\u001b[2J"'
    )
    path = tmp_path / "title.toml"
    path.write_text(text, encoding="utf-8")
    for args in (("list",), ("path", "junior", "expert"), ("show", "maker")):
        result = invoke("--catalog", str(path), *args)
        assert result.exit_code == 0, result.output
        assert "[red]Maker\\x1b[2J" in result.stdout
        assert "\x1b" not in result.stdout


@pytest.mark.parametrize(
    "env",
    [{"COLUMNS": "20"}, {"FORCE_COLOR": "1"}, {"NO_COLOR": "1"}, {"TERM": "dumb"},
     {"COLUMNS": "300", "FORCE_COLOR": "1", "TERM": "xterm-256color"}],
)
@pytest.mark.parametrize(
    "args", [("list", "--json"), ("show", "apm", "--json"), ("path", "apm", "cpo", "--json")]
)
def test_json_is_identical_whatever_the_terminal(
    invoke: Invoke, env: dict[str, str | None], args: tuple[str, ...]
) -> None:
    base = invoke(*args)
    other = invoke(*args, env={"NO_COLOR": None, "TERM": None, **env})
    assert base.exit_code == other.exit_code == 0
    assert base.stdout == other.stdout


# --------------------------------------------------------------------------
# Hostile files: each refused with one clear line, quickly, without a traceback.


def _refused(invoke: Invoke, path: Path, fragment: str) -> None:
    start = time.perf_counter()
    result = invoke("--catalog", str(path), "list")
    elapsed = time.perf_counter() - start
    assert result.exit_code == 3, result.output
    assert fragment in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert elapsed < 20, f"took {elapsed:.1f}s to refuse"


def test_huge_file_is_refused_before_reading(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB without using the disk
    _refused(invoke, path, "MiB")


def test_binary_file(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "binary.toml"
    path.write_bytes(bytes(range(256)) * 10)
    _refused(invoke, path, "binary")


def test_deeply_nested_arrays(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    _refused(invoke, path, str(path))


def test_deeply_nested_tables(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "deep-tables.toml"
    path.write_text("[" + ".".join(["a"] * 50_000) + "]\n", encoding="utf-8")
    _refused(invoke, path, str(path))


def test_million_element_array(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "million.toml"
    path.write_text("aliases = [" + "1," * 1_000_000 + "]\n", encoding="utf-8")
    _refused(invoke, path, "at most")


def test_a_huge_single_value_is_refused_before_parsing(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    path.write_text('name = "' + "x" * 2_000_000 + '"\n', encoding="utf-8")
    _refused(invoke, path, "refuses lines over")
