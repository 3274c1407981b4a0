"""The README's first two commands are the ones CI and newcomers run."""

from __future__ import annotations

import re

from conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_opens_with_the_install_and_the_test_command() -> None:
    first, second = readme_commands()[:2]
    assert first.endswith("pmladder path apm cpo")
    assert "pip install" in first
    assert second.endswith("pytest")
    assert "[test]" in second


def test_ci_runs_the_readme_test_command() -> None:
    second = readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci.splitlines()
    assert "ruff check" in ci
    assert "mypy --strict" in ci
