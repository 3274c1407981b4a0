"""The README's first two commands are the ones CI and newcomers run."""

from __future__ import annotations

import re

from conftest import ROOT, Invoke


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


def console_blocks() -> list[list[tuple[str, list[str]]]]:
    """Each ```console block of the README as (command, expected output lines) pairs."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = []
    for body in re.findall(r"```console\n(.*?)\n```", text, flags=re.DOTALL):
        runs: list[tuple[str, list[str]]] = []
        for line in body.splitlines():
            if line.startswith("$ "):
                runs.append((line[2:], []))
            elif runs:
                runs[-1][1].append(line.rstrip())
        blocks.append(runs)
    return blocks


def test_readme_examples_print_what_the_readme_shows(invoke: Invoke) -> None:
    """Every `pmladder` example in the README still prints the lines it shows, in order.

    Examples that need a file the README doesn't create (`broken.toml`,
    `me.toml`) are skipped; `...` in a block stands for lines left out.
    """
    import shlex
    from pathlib import Path

    checked = 0
    for runs in console_blocks():
        for command, expected in runs:
            words = shlex.split(command)
            if words[0] != "pmladder" or any(
                w.endswith(".toml") and not Path(w).exists() and "--output" not in words
                for w in words
            ):
                continue
            result = invoke(*words[1:], env={"COLUMNS": "80"})
            # diff exits 1 when the catalogues differ, as diff(1) does.
            allowed = (0, 1, 3) if words[1:2] == ["diff"] else (0, 3)
            assert result.exit_code in allowed, (command, result.output)
            actual = [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]
            position = 0
            for line in expected:
                if line in ("...", ""):
                    continue
                assert line in actual[position:], f"{command!r} no longer prints {line!r}"
                position = actual.index(line, position) + 1
            checked += 1
    assert checked >= 8


def test_the_development_section_names_only_modules_that_exist() -> None:
    """Each module the layout names is where it says: at the top of the package,
    or in the folder (`views/`, `commands/`, `benchmarks/`...) of the bullet
    that names it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Development", 1)[1].split("\n## ", 1)[0]
    package = ROOT / "src" / "pmladder"
    for bullet in section.split("\n- ")[1:]:
        folder = re.match(r"`(\w+)/`", bullet)
        if folder is None:
            base = package
        elif folder.group(1) == "benchmarks":
            base = ROOT / "benchmarks"
        else:
            base = package / folder.group(1)
        for name in re.findall(r"`(?:(\w+)/)?([\w*]+)\.py`", bullet):
            place = package / name[0] if name[0] else base
            assert list(place.glob(f"{name[1]}.py")), f"README names {name[1]}.py, not in {place}"
