"""Long pages go through a pager on a terminal, as in git; never when piped.

The commands run with stdout on a real terminal (:mod:`on_a_terminal`), and
the pager is a shell command the test chooses through ``PMLADDER_PAGER``.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from conftest import Invoke
from on_a_terminal import on_a_terminal
from pmladder.commands.pager import DEFAULT_PAGER, pager_command


def pager_env(tmp_path: Path, **more: str | None) -> dict[str, str | None]:
    return {"PMLADDER_PAGER": f"cat > {tmp_path / 'paged.txt'}", "TERM": "xterm",
            "LINES": "30", "COLUMNS": "80", "PAGER": None, **more}


def test_a_long_page_goes_through_the_pager(tmp_path: Path) -> None:
    result = on_a_terminal("path", "apm", "cpo", env=pager_env(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    paged = (tmp_path / "paged.txt").read_text(encoding="utf-8")
    assert "Associate Product Manager" in paged
    assert "Chief Product Officer" in paged
    assert paged.count("\n") > 30
    plain = re.sub(r"\x1b\[[0-9;]*m", "", paged)
    assert max(len(line) for line in plain.splitlines()) <= 80
    assert "\x1b[1m" in paged  # rendered for a terminal: less -R shows the styles


def test_a_page_that_fits_the_screen_is_printed(tmp_path: Path) -> None:
    result = on_a_terminal("search", "RICE", env=pager_env(tmp_path, LINES="200"))
    assert result.exit_code == 0, result.stderr
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
    tmp_path: Path, args: list[str], env: dict[str, str | None]
) -> None:
    result = on_a_terminal(*args, env=pager_env(tmp_path, **env))
    assert result.exit_code == 0, result.stderr
    assert "cpo" in result.stdout
    assert not (tmp_path / "paged.txt").exists()
    assert not Path("x").exists()


def test_never_a_pager_when_piped(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("path", "apm", "cpo", env=pager_env(tmp_path))
    assert "Chief Product Officer" in result.stdout
    assert not (tmp_path / "paged.txt").exists()


def test_pager_variable_order(tmp_path: Path) -> None:
    env = {"TERM": "xterm", "PAGER": "more", "PMLADDER_PAGER": "most"}
    assert pager_command(env, terminal=True, enabled=True) == "most"
    del env["PMLADDER_PAGER"]
    assert pager_command(env, terminal=True, enabled=True) == "more"
    env["PAGER"] = "cat"
    assert pager_command(env, terminal=True, enabled=True) is None
    del env["PAGER"]
    with_less, without = tmp_path / "with-less", tmp_path / "without"
    with_less.mkdir()
    without.mkdir()
    less = with_less / "less"
    less.write_text("#!/bin/sh\ncat\n", encoding="utf-8")
    less.chmod(less.stat().st_mode | stat.S_IXUSR)
    assert pager_command({**env, "PATH": str(with_less)}, terminal=True,
                         enabled=True) == DEFAULT_PAGER == "less -FRX"
    assert pager_command({**env, "PATH": str(without)}, terminal=True, enabled=True) is None


def test_no_pager_off_a_terminal_or_when_disabled() -> None:
    env = {"TERM": "xterm", "PMLADDER_PAGER": "most"}
    assert pager_command(env, terminal=False, enabled=True) is None
    assert pager_command(env, terminal=True, enabled=False) is None
    assert pager_command({**env, "TERM": "dumb"}, terminal=True, enabled=True) is None


def test_a_missing_pager_still_prints_the_page(tmp_path: Path) -> None:
    env = pager_env(tmp_path, PMLADDER_PAGER="pmladder-no-such-pager-here")
    result = on_a_terminal("path", "apm", "cpo", env=env)
    assert result.exit_code == 0, result.stderr
    assert "Chief Product Officer" in result.stdout


def test_a_paged_page_is_still_saved_as_svg(tmp_path: Path) -> None:
    picture = tmp_path / "route.svg"
    result = on_a_terminal("path", "apm", "cpo", "--svg", str(picture), env=pager_env(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "paged.txt").exists()
    svg = picture.read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert "Chief" in svg
