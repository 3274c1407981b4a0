"""File names, argv and keys are shown inert, as catalogue text already is."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TINY, Invoke
from pmladder.errors import ExitCode

HOSTILE = "evil\x1b]0;pwned\x07\x1b[2J\u202e"
RAW = ("\x1b", "\x07", "\u202e")


def _clean(text: str) -> None:
    for char in RAW:
        assert char not in text, repr(text)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    hostile = tmp_path / HOSTILE
    hostile.mkdir()
    return hostile


def test_a_hostile_folder_name_never_reaches_the_terminal(
    invoke: Invoke, folder: Path
) -> None:
    good = folder / "ladder.toml"
    good.write_bytes(TINY.read_bytes())
    bad = folder / "bad.toml"
    bad.write_text("[broken\n", encoding="utf-8")
    runs = [
        invoke("validate", str(good)),  # the success line and the hermit's warning
        invoke("validate", str(bad)),
        invoke("--catalog", str(bad), "list"),  # the error and the validate hint
        invoke("list", env={"PMLADDER_CATALOG": str(bad)}),
        invoke("--catalog", str(folder / "missing.toml"), "list"),
        invoke("export", "-o", str(folder / "out.toml")),
        invoke("export", "-o", str(folder / "out.toml")),  # exists
        invoke("show", "apm", "--svg", str(folder / "pic.svg")),
        invoke("show", "apm", "--svg", str(folder / "pic.svg")),  # exists
        invoke("show", "apm", "--svg", str(folder / "no" / "pic.svg")),
        invoke("show", HOSTILE),
        invoke("--catalog", str(good), "show", "maker"),
    ]
    assert runs[0].exit_code == 0
    assert "\\x1b]0;pwned\\x07" in runs[0].stdout
    assert runs[1].exit_code == ExitCode.INVALID_CATALOG
    assert runs[5].exit_code == 0
    assert runs[6].exit_code == ExitCode.USAGE
    for result in runs:
        _clean(result.output)


def test_a_hostile_scale_name_is_inert_in_show(invoke: Invoke, tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8").replace(
        'name = "Skill"', 'name = "Skill\\u001b[2J\\u202e"', 1)
    file = tmp_path / "scale.toml"
    file.write_text(text, encoding="utf-8")
    result = invoke("--catalog", str(file), "show", "maker")
    assert result.exit_code == 0, result.output
    _clean(result.output)
    assert "Skill\\x1b[2J\\u202e" in result.stdout


def test_hostile_profile_keys_are_inert_in_assess_errors(invoke: Invoke, tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text('[ratings]\n"cr\\u001b[31maft\\u202e" = "mid"\n', encoding="utf-8")
    result = invoke("--catalog", str(TINY), "assess", str(profile))
    assert result.exit_code == ExitCode.USAGE
    _clean(result.output)
    assert "\\x1b[31m" in result.stderr or "\\u001b[31m" in result.stderr
