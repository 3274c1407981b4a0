"""Helpers for the tests of ``pmladder validate``: edit a catalogue, run validate on it."""

from __future__ import annotations

from pathlib import Path

from conftest import DATA, TINY, Invoke
from pmladder.errors import ExitCode

BAD = DATA / "bad"
"""Invalid catalogues kept as files."""


def edit(
    tmp_path: Path, *changes: tuple[str, str], base: Path = TINY, name: str = "c.toml"
) -> Path:
    """A copy of ``base`` with each (old, new) replaced once; every old text must exist."""
    text = base.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, f"fixture text not found: {old!r}"
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_number(path: Path, fragment: str) -> int:
    """The 1-based line of the first line of ``path`` containing ``fragment``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in {path}")


def invalid(invoke: Invoke, path: Path) -> list[str]:
    """Run ``validate`` on a file that must be invalid; return its stderr lines."""
    result = invoke("validate", str(path))
    assert result.exit_code == ExitCode.INVALID_CATALOG, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


def problem_line(lines: list[str], fragment: str) -> str:
    found = [line for line in lines if fragment in line]
    assert found, f"{fragment!r} not in:\n" + "\n".join(lines)
    return found[0]
