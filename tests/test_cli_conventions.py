"""Conventions every command keeps: help with an example, exit codes, no tracebacks."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
import typer

from conftest import ROOT, TINY, Invoke
from pmladder import __version__
from pmladder.cli import BUG_EXIT, COMMANDS, app
from pmladder.commands.global_options import hoist_global_options, leading_global_options
from pmladder.commands.messages import format_error_lines
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
def test_the_summary_table_matches_each_commands_own_help(name: str) -> None:
    """The top-level help lists COMMANDS' summaries without importing any
    command: each must be the first paragraph of the command's real help."""
    group = typer.main.get_command(app)
    built = group.get_command(typer.Context(group), name)  # type: ignore[attr-defined]
    assert built.callback.__module__ == f"pmladder.commands.{COMMANDS[name][0]}"
    first_paragraph = inspect.cleandoc(built.help).split("\n\n")[0]
    assert " ".join(first_paragraph.split()) == COMMANDS[name][1]


def test_top_level_help_lists_every_command_with_its_summary_in_order(invoke: Invoke) -> None:
    output = invoke("--help").output
    lines = [f"{name} {summary}" for name, (_, summary) in COMMANDS.items()]
    found = [" ".join(line.strip("│ ").split()) for line in output.splitlines()]
    assert [line for line in found if line in lines] == lines
    assert list(COMMANDS)[:3] == ["list", "show", "path"]


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help_with_an_example(invoke: Invoke, name: str) -> None:
    result = invoke(name, "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout, f"{name} --help shows no example"
    assert f"pmladder {name}" in result.stdout


@pytest.mark.parametrize("name", command_names())
def test_usage_marks_an_optional_argument_once(invoke: Invoke, name: str) -> None:
    # Typer puts an optional argument's metavar in brackets itself: `[FILE]`, not `[[FILE]]`.
    usage = next(line for line in invoke(name, "--help").stdout.splitlines() if "Usage:" in line)
    assert "[[" not in usage
    assert "{{" not in usage


@pytest.mark.parametrize("name", command_names())
def test_every_command_is_in_the_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"pmladder {name}" in readme, f"README.md does not show 'pmladder {name}'"


def test_unknown_command_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("frobnicate")
    assert result.exit_code == ExitCode.USAGE


def test_unknown_option_is_a_usage_error_in_pmladders_style(invoke: Invoke) -> None:
    result = invoke("list", "--colour")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines() == [
        "error: no such option: --colour",
        "hint: run 'pmladder list -h' for help",
    ]


def test_typer_and_pmladder_errors_look_alike(invoke: Invoke) -> None:
    typers = invoke("path", "apm").stderr.splitlines()
    ours = invoke("show", "nobody").stderr.splitlines()
    assert typers[0] == "error: missing argument 'TO'"
    assert ours[0] == "error: no role named 'nobody'"
    for line in typers + ours:
        assert line.startswith(("error: ", "hint: ")), line
        assert "╭" not in line
        assert "│" not in line


def test_a_mistyped_command_gets_a_suggestion(invoke: Invoke) -> None:
    result = invoke("shwo", "apm")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines() == [
        "error: no command named 'shwo'",
        "hint: did you mean: show?",
        "hint: run 'pmladder -h' to see every command",
    ]


def test_error_lines_wrap_between_words_to_the_terminal() -> None:
    long = "error: " + "no route from associate-product-manager to chief-product-officer " * 2
    out = format_error_lines([long.strip(), "tiny.toml:3:5: error: kept whole " + "x" * 60,
                              "hint: short"], width=40, colour=False)
    wrapped = out.splitlines()
    assert all(len(line) <= 40 for line in wrapped[:-2]), wrapped
    assert wrapped[1].startswith("  ")
    assert " ".join(w.strip() for w in wrapped[:-2]) == long.strip()
    assert wrapped[-2].startswith("tiny.toml:3:5:")
    assert len(wrapped[-2]) > 40
    assert wrapped[-1] == "hint: short"
    assert "associate-product-manager" in out  # never broken at a dash


def test_error_prefixes_are_coloured_only_when_asked() -> None:
    assert format_error_lines(["error: x"], None, colour=True) == "\x1b[1;31merror:\x1b[0m x\n"
    assert format_error_lines(["error: x"], None, colour=False) == "error: x\n"


@pytest.mark.parametrize("name", ["leadership", "LEADERSHIP", "Product leadership",
                                  "product-leadership"])
def test_track_by_id_or_name_in_any_case(invoke: Invoke, name: str) -> None:
    for command in ("list", "ladder"):
        result = invoke(command, "--track", name, "--json")
        assert result.exit_code == 0, result.output
        assert "cpo" in result.stdout
        assert "senior-pm" not in result.stdout


def test_unknown_track_suggests_and_names_the_ids(invoke: Invoke) -> None:
    result = invoke("list", "--track", "leadrship")
    assert result.exit_code == ExitCode.USAGE
    assert "hint: did you mean: leadership?" in result.stderr
    assert "hint: tracks: core, specialist, agile, marketing, leadership" in result.stderr


def test_list_shows_each_track_id(invoke: Invoke) -> None:
    out = invoke("list").stdout
    for line in ("Core product management (core)", "Product leadership (leadership)"):
        assert line in out


def test_bad_catalogue_option_exits_3(invoke: Invoke) -> None:
    result = invoke("--catalog", "does-not-exist.toml", "show", "apm")
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert "does-not-exist.toml" in result.stderr
    assert "no such file" in result.stderr
    assert result.stdout == ""


def test_exit_codes_are_the_documented_ones() -> None:
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 4, 130]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Exit codes"):]
    table = table[: table.index("\n\n", table.index("| code"))]
    documented = [int(n) for n in re.findall(r"^\| (\d+) \|", table, re.M)]
    assert documented == [*(int(c) for c in ExitCode), BUG_EXIT]


def test_catalogue_text_is_printed_as_data(invoke: Invoke, tmp_path: object) -> None:
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


@pytest.mark.parametrize("name", ["", *command_names()])
def test_help_points_only_to_what_an_installed_pmladder_can_show(
    invoke: Invoke, name: str
) -> None:
    # A pip install has no docs/ folder: help names commands instead.
    result = invoke(*([name] if name else []), "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "docs/" not in result.stdout
    assert not re.search(r"\b(?!ladder\.md)[\w-]+\.md\b", result.stdout)  # an output file is fine


def test_json_help_names_the_schema_command(invoke: Invoke) -> None:
    out = " ".join(invoke("list", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "'pmladder schema COMMAND' prints its JSON Schema" in out
    assert invoke("schema", "list").exit_code == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["list", "--catalog", "t.toml"], ["--catalog", "t.toml", "list"]),
        (["--catalog", "a.toml", "show", "pm", "--catalog=b.toml"],
         ["--catalog", "a.toml", "--catalog=b.toml", "show", "pm"]),
        (["path", "apm", "cpo", "--no-pager", "--json"], ["--no-pager", "path", "apm", "cpo",
                                                          "--json"]),
        (["search", "--", "--catalog"], ["search", "--", "--catalog"]),
        (["-h"], ["-h"]),
        (["show", "--help"], ["show", "--help"]),
        ([], []),
    ],
)
def test_global_options_move_before_the_command(args: list[str], expected: list[str]) -> None:
    assert hoist_global_options(args) == expected


@pytest.mark.parametrize(
    ("args", "found", "end"),
    [
        (["--catalog", "a.toml", "--no-pager", "show"], {"--catalog": "a.toml", "--no-pager": ""},
         3),
        (["--catalog=a.toml", "--catalog", "b.toml", "list"], {"--catalog": "b.toml"}, 3),
        (["--catalog"], {"--catalog": ""}, 2),
        (["show", "--catalog", "a.toml"], {}, 0),
        ([], {}, 0),
    ],
    ids=["value-and-flag", "last-wins", "missing-value", "after-the-command", "nothing"],
)
def test_leading_global_options_are_read_as_the_command_reads_them(
    args: list[str], found: dict[str, str], end: int
) -> None:
    # Completion reads --catalog with this, after hoisting, as the command will.
    assert leading_global_options(args) == (found, end)


def test_version_after_a_command(invoke: Invoke) -> None:
    result = invoke("list", "--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"pmladder {__version__}"


def test_a_mistyped_option_gets_its_suggestion_as_a_hint(invoke: Invoke) -> None:
    result = invoke("path", "apm", "cpo", "--brif")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines() == [
        "error: no such option: --brif",
        "hint: did you mean: --brief?",
        "hint: run 'pmladder path -h' for help",
    ]
