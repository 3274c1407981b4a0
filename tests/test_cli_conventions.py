"""Conventions every command keeps: help with an example, exit codes, no tracebacks."""

from __future__ import annotations

import pytest
import typer

from conftest import Invoke
from pmladder import __version__
from pmladder.cli import app
from pmladder.errors import ExitCode


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.list_commands(typer.Context(group)))


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"pmladder {__version__}"


def test_no_arguments_shows_help(invoke: Invoke) -> None:
    result = invoke()
    assert "Usage" in result.output
    assert "path" in result.output


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help_with_an_example(invoke: Invoke, name: str) -> None:
    result = invoke(name, "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout, f"{name} --help shows no example"
    assert f"pmladder {name}" in result.stdout


@pytest.mark.parametrize("name", command_names())
def test_every_command_is_in_the_readme(name: str) -> None:
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"pmladder {name}" in readme, f"README.md does not show 'pmladder {name}'"


def test_unknown_command_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("frobnicate")
    assert result.exit_code == ExitCode.USAGE


def test_unknown_option_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("list", "--colour")
    assert result.exit_code == ExitCode.USAGE
    assert "No such option" in result.stderr


def test_bad_catalogue_option_exits_3(invoke: Invoke) -> None:
    result = invoke("--catalog", "does-not-exist.toml", "show", "apm")
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert "does-not-exist.toml" in result.stderr
    assert "no such file" in result.stderr
    assert result.stdout == ""


def test_exit_codes_are_the_documented_ones() -> None:
    import re

    from conftest import ROOT
    from pmladder.cli import BUG_EXIT

    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 4, 130]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Exit codes"):]
    table = table[: table.index("\n\n", table.index("| code"))]
    documented = [int(n) for n in re.findall(r"^\| (\d+) \|", table, re.M)]
    assert documented == [*(int(c) for c in ExitCode), BUG_EXIT]


def test_catalogue_text_is_printed_as_data(invoke: Invoke, tmp_path: object) -> None:
    from pathlib import Path

    from conftest import TINY

    assert isinstance(tmp_path, Path)
    hostile = TINY.read_text(encoding="utf-8").replace(
        'summary = "Learns the craft."',
        'summary = "[bold red]Learns[/] \\u001b[31mthe\\u001b[0m craft \\u202e."',
    )
    file = tmp_path / "hostile.toml"
    file.write_text(hostile, encoding="utf-8")
    result = invoke("--catalog", str(file), "show", "junior")
    assert result.exit_code == 0, result.output
    assert "[bold red]Learns[/] \\x1b[31mthe\\x1b[0m craft \\u202e." in result.stdout
    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout
