"""Fuzzed command lines: no traceback, and only documented exit codes.

Runs a few hundred random command lines in CI; set PMLADDER_FUZZ_EXAMPLES to
run thousands locally, e.g. ``PMLADDER_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import os

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import FIXED_ENV, TINY, examples
from pmladder.cli import app

EXAMPLES = int(os.environ.get("PMLADDER_FUZZ_EXAMPLES", str(examples(300))))
DOCUMENTED = {0, 1, 2, 3}


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.list_commands(typer.Context(group)))


COMMANDS = _commands()
ROLES = ["apm", "pm", "senior-pm", "spm", "Senior Product Manager", "cpo", "vp", "director",
         "head of product", "growth", "product", "seniro-pm", "junior", "maker"]
OPTIONS = ["--json", "--help", "-h", "--track", "--catalog", "--version", "--format", "--output",
           "--force", "--target", "--template", "--interactive", "--svg", "core", "leadership",
           "toml", "json", "markdown", "mermaid", "dot", "svg", "--", "-", "", " ", "-x",
           "--json=1", str(TINY), "nonexistent.toml", "out.txt"]
WORDS = st.one_of(
    st.sampled_from(COMMANDS),
    st.sampled_from(ROLES),
    st.sampled_from(OPTIONS),
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(argv=st.lists(WORDS, max_size=6))
def test_random_command_lines_never_crash(argv: list[str]) -> None:
    runner = CliRunner()
    result = runner.invoke(app, argv, env=FIXED_ENV, input="", catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{argv!r} raised {result.exception!r}") from result.exception
    assert result.exit_code in DOCUMENTED, (argv, result.exit_code, result.output)
    assert "Traceback" not in result.output, argv


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_with_random_words(command: str) -> None:
    """Every command sees at least a few odd arguments even when the fuzzer misses it."""
    runner = CliRunner()
    for extra in ([], ["--"], [""], ["\u202e\x1b[31m"], ["--json", "x" * 500], ["-", "-"]):
        result = runner.invoke(app, [command, *extra], env=FIXED_ENV, input="",
                               catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"{[command, *extra]!r} raised") from result.exception
        assert result.exit_code in DOCUMENTED, ([command, *extra], result.output)
