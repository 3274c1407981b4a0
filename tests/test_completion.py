"""Shell completion of role names through Typer's completion, in bash, zsh and fish."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import FIXED_ENV, TINY
from pmladder.cli import app
from pmladder.commands.common import complete_role


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


def test_aliases_complete_too() -> None:
    out = complete({"_PMLADDER_COMPLETE": "complete_bash",
                    "COMP_WORDS": "pmladder show Head", "COMP_CWORD": "2"})
    assert "Head of Product" in out


def test_completion_uses_the_catalog_option() -> None:
    out = complete({"_PMLADDER_COMPLETE": "complete_bash",
                    "COMP_WORDS": f"pmladder --catalog {TINY} show j", "COMP_CWORD": "4"})
    assert out.split() == ["junior"]


@pytest.mark.parametrize("option", [None, "missing.toml"])
def test_a_broken_catalogue_completes_nothing_quietly(option: str | None) -> None:
    import typer

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
