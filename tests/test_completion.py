"""Shell completion of role names through Typer's completion, in bash, zsh and fish."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import FIXED_ENV, TINY
from pmladder.cli import app
from pmladder.commands.completion import complete_role


def complete(env: dict[str, str]) -> str:
    result = CliRunner().invoke(app, [], env={**FIXED_ENV, **env}, prog_name="pmladder")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_bash_completes_a_role_id() -> None:
    out = complete({"_PMLADDER_COMPLETE": "complete_bash",
                    "COMP_WORDS": "pmladder show sen", "COMP_CWORD": "2"})
    assert out.split() == ["senior-pm"]


def test_zsh_completes_both_path_arguments_with_titles() -> None:
    out = complete({"_PMLADDER_COMPLETE": "complete_zsh",
                    "_TYPER_COMPLETE_ARGS": "pmladder path apm gr"})
    assert '"growth-pm":"Growth Product Manager"' in out
    assert '"group-pm":"Group Product Manager"' in out
    assert "senior-pm" not in out


def test_fish_completes_with_descriptions() -> None:
    out = complete({"_PMLADDER_COMPLETE": "complete_fish",
                    "_TYPER_COMPLETE_ARGS": "pmladder show sen",
                    "_TYPER_COMPLETE_FISH_ACTION": "get-args"})
    assert out.strip() == "senior-pm\tSenior Product Manager"


def bash(line: str) -> list[str]:
    words = line.split(" ")
    out = complete({"_PMLADDER_COMPLETE": "complete_bash",
                    "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)})
    return out.splitlines()


def test_a_multi_word_name_completes_to_the_id() -> None:
    # "Head of Product" unquoted would become three arguments.
    assert bash("pmladder show Head") == ["vp-product"]
    assert bash("pmladder show chief") == ["cpo"]


@pytest.mark.parametrize(("typed", "expected"), [("sp", ["SPM"]), ("tp", ["TPM"]),
                                                  ("SEN", ["senior-pm"]), ("Dir", ["director"])])
def test_completion_ignores_case(typed: str, expected: list[str]) -> None:
    assert bash(f"pmladder show {typed}") == expected


def test_nothing_typed_offers_only_ids() -> None:
    offered = bash("pmladder show ")
    assert offered[:3] == ["apm", "pm", "senior-pm"]
    assert len(offered) == 13
    assert all(" " not in name for name in offered)


def fish(line: str) -> list[tuple[str, str]]:
    out = complete({"_PMLADDER_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": line,
                    "_TYPER_COMPLETE_FISH_ACTION": "get-args"})
    rows = [[*row.split("\t", 1), ""][:2] for row in out.splitlines() if row]
    return [(name, label) for name, label in rows]


@pytest.mark.parametrize("prefix", ["", "a", "p", "s", "sp", "d", "v", "h", "c", "g", "t",
                                    "Head", "VP", "jun", "Mid", "Data/"])
def test_ids_come_first_and_no_completion_breaks_a_line(prefix: str) -> None:
    offered = fish(f"pmladder compare apm {prefix}")
    assert offered, prefix
    kinds = [label.startswith("alias of ") for _, label in offered]
    assert kinds == sorted(kinds), offered  # every id before every alias
    for name, _ in offered:
        assert name
        assert not any(ch in name for ch in " '\"$`\\()"), name


def test_aliases_are_described_as_aliases() -> None:
    out = complete({"_PMLADDER_COMPLETE": "complete_fish",
                    "_TYPER_COMPLETE_ARGS": "pmladder show sp",
                    "_TYPER_COMPLETE_FISH_ACTION": "get-args"})
    assert out.strip() == "SPM\talias of senior-pm: Senior Product Manager"


@pytest.mark.parametrize("typed", ["", "le", "LEAD", "product-l"])
def test_track_option_completes_track_ids(typed: str) -> None:
    offered = bash(f"pmladder list --track {typed}")
    assert "leadership" in offered
    assert all(" " not in name for name in offered)


def test_global_option_after_the_command_steers_completion() -> None:
    assert bash(f"pmladder ladder --catalog {TINY} --track ") == ["ic", "mgmt"]
    assert bash(f"pmladder path --catalog {TINY} j") == ["junior"]


def bash_at(line: str, cword: int) -> list[str]:
    """Bash completion with the cursor on word ``cword`` of the whole ``line``."""
    out = complete({"_PMLADDER_COMPLETE": "complete_bash", "COMP_WORDS": line,
                    "COMP_CWORD": str(cword)})
    return out.splitlines()


def test_a_catalog_after_the_cursor_steers_completion() -> None:
    # Bash passes the whole line; the command will read --catalog from anywhere in it.
    assert bash_at(f"pmladder show j --catalog {TINY}", 2) == ["junior"]
    assert bash_at(f"pmladder path j senior --catalog = {TINY}", 2) == ["junior"]
    # The last one wins, as when the command runs; ':bundled' arrives split at ':'.
    assert bash_at(f"pmladder show sen --catalog {TINY} --catalog : bundled", 2) == ["senior-pm"]
    # After '--' it is an argument, not the option.
    assert "junior" not in bash_at(f"pmladder show j -- --catalog {TINY}", 2)


def test_completion_reads_the_environment_like_the_command(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert complete({"_PMLADDER_COMPLETE": "complete_bash", "COMP_WORDS": "pmladder show j",
                     "COMP_CWORD": "2", "PMLADDER_CATALOG": str(TINY)}).split() == ["junior"]
    (tmp_path / "pmladder.toml").write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert bash("pmladder show j") == ["junior"]


def test_completion_uses_the_catalog_option() -> None:
    out = complete({"_PMLADDER_COMPLETE": "complete_bash",
                    "COMP_WORDS": f"pmladder --catalog {TINY} show j", "COMP_CWORD": "4"})
    assert out.split() == ["junior"]


@pytest.mark.parametrize("option", [None, "missing.toml"])
def test_a_broken_catalogue_completes_nothing_quietly(option: str | None) -> None:
    ctx = typer.Context(typer.main.get_command(app))
    ctx.params["catalog"] = option or str(TINY.with_name("nope.toml"))
    assert complete_role(ctx, "x") == []


def test_the_installed_program_completes_in_bash() -> None:
    script = os.path.join(os.path.dirname(sys.executable), "pmladder")
    env = {**os.environ, "_PMLADDER_COMPLETE": "complete_bash",
           "COMP_WORDS": "pmladder show grow", "COMP_CWORD": "2"}
    result = subprocess.run([script], capture_output=True, text=True, env=env, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["growth-pm"]


def test_hostile_names_never_reach_the_command_line(tmp_path: Path) -> None:
    source = TINY.read_text(encoding="utf-8").replace(
        'id = "maker"', 'id = "maker"\naliases = ["M $(rm -rf ~)", "m\'k", "mk`x`", "MK"]', 1)
    source = source.replace('title = "Maker"', 'title = "Maker\\u0007 [bold]\\nTwo"', 1)
    path = tmp_path / "hostile.toml"
    path.write_text(source, encoding="utf-8")
    for typed in ["m", "M", "mk", "M $", ""]:
        for name, label in fish(f"pmladder --catalog {path} show {typed}"):
            assert re.fullmatch(r"[\w.+/:@,-]+", name), name
            assert "\n" not in label
            assert "\x07" not in label
    # Aliases that would need quoting complete to the role's id instead.
    assert [name for name, _ in fish(f"pmladder --catalog {path} show mk")] == ["maker"]
