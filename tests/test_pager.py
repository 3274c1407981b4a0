"""Long pages go through a pager on a terminal, as in git; never when piped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Invoke
from pmladder.commands import common


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend stdout is a terminal (CliRunner's never is)."""
    monkeypatch.setattr(common, "stdout_is_terminal", lambda: True)


def pager_env(tmp_path: Path, **more: str | None) -> dict[str, str | None]:
    return {"PMLADDER_PAGER": f"cat > {tmp_path / 'paged.txt'}", "TERM": "xterm",
            "LINES": "30", "COLUMNS": "80", "PAGER": None, **more}


def test_a_long_page_goes_through_the_pager(
    invoke: Invoke, tmp_path: Path, terminal: None
) -> None:
    result = invoke("path", "apm", "cpo", env=pager_env(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    paged = (tmp_path / "paged.txt").read_text(encoding="utf-8")
    assert "Associate Product Manager" in paged
    assert "Chief Product Officer" in paged
    assert paged.count("\n") > 30
    plain = re.sub(r"\x1b\[[0-9;]*m", "", paged)
    assert max(len(line) for line in plain.splitlines()) <= 80
    assert "\x1b[1m" in paged  # rendered for a terminal: less -R shows the styles


def test_a_page_that_fits_the_screen_is_printed(
    invoke: Invoke, tmp_path: Path, terminal: None
) -> None:
    result = invoke("search", "RICE", env=pager_env(tmp_path, LINES="200"))
    assert result.exit_code == 0, result.output
    assert "RICE" in result.stdout
    assert not (tmp_path / "paged.txt").exists()


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--no-pager", "path", "apm", "cpo"], {}),
        (["path", "apm", "cpo", "--no-pager"], {}),
        (["path", "apm", "cpo"], {"PMLADDER_PAGER": "", "PAGER": "cat > x"}),
        (["path", "apm", "cpo"], {"TERM": "dumb"}),
        (["path", "apm", "cpo", "--json"], {}),
    ],
    ids=["no-pager-first", "no-pager-after", "empty-variable", "dumb-terminal", "json"],
)
def test_no_pager_when_turned_off(
    invoke: Invoke,
    tmp_path: Path,
    terminal: None,
    args: list[str],
    env: dict[str, str | None],
) -> None:
    result = invoke(*args, env=pager_env(tmp_path, **env))
    assert result.exit_code == 0, result.output
    assert "cpo" in result.stdout
    assert not (tmp_path / "paged.txt").exists()
    assert not Path("x").exists()


def test_never_a_pager_when_piped(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("path", "apm", "cpo", env=pager_env(tmp_path))
    assert "Chief Product Officer" in result.stdout
    assert not (tmp_path / "paged.txt").exists()


def test_pager_variable_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "stdout_is_terminal", lambda: True)
    monkeypatch.setattr(common, "_paging", True)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("PAGER", "more")
    monkeypatch.setenv("PMLADDER_PAGER", "most")
    assert common.pager_command() == "most"
    monkeypatch.delenv("PMLADDER_PAGER")
    assert common.pager_command() == "more"
    monkeypatch.setenv("PAGER", "cat")
    assert common.pager_command() is None
    monkeypatch.delenv("PAGER")
    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/less")
    assert common.pager_command() == "less -FRX"
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert common.pager_command() is None


def test_a_missing_pager_still_prints_the_page(
    invoke: Invoke, tmp_path: Path, terminal: None
) -> None:
    env = pager_env(tmp_path, PMLADDER_PAGER="pmladder-no-such-pager-here")
    result = invoke("path", "apm", "cpo", env=env)
    assert result.exit_code == 0
    assert "Chief Product Officer" in result.stdout


def test_a_paged_page_is_still_saved_as_svg(
    invoke: Invoke, tmp_path: Path, terminal: None
) -> None:
    picture = tmp_path / "route.svg"
    result = invoke("path", "apm", "cpo", "--svg", str(picture), env=pager_env(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "paged.txt").exists()
    svg = picture.read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert "Chief" in svg
