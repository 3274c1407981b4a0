"""What each start-up path may import, checked deterministically in a subprocess.

A wall-clock benchmark (benchmarks/startup.py) is too noisy on a shared machine
to guard start-up alone; this test pins the rules it depends on: ``--help`` never
builds the models or validation, a cached ``show`` never validates nor converts a
value through pydantic, a Tab never loads the models, and errors.py (imported at
the top of every module) stays cheap.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from modules_loaded import imported
from pmladder.cli import COMMANDS


def test_help_builds_no_models_and_no_validation(tmp_path: Path) -> None:
    modules = imported(tmp_path, "--help")
    for forbidden in ("pmladder.models", "pmladder.validation", "pmladder.catalog", "pydantic",
                      "tomli", "tomllib", "pmladder.inert"):
        assert forbidden not in modules, forbidden


COMMAND_MODULES = {f"pmladder.commands.{module}" for module, _ in COMMANDS.values()}


def test_help_imports_no_command_module(tmp_path: Path) -> None:
    modules = imported(tmp_path, "--help")
    assert not COMMAND_MODULES & modules


def test_a_cached_show_imports_only_what_show_needs(tmp_path: Path) -> None:
    imported(tmp_path, "show", "senior-pm")  # fills the cache
    modules = imported(tmp_path, "show", "senior-pm")
    assert COMMAND_MODULES & modules == {"pmladder.commands.show"}
    # A role's ratings are all show needs of the core: no gaps, no route search.
    assert not {"pmladder.gaps", "pmladder.routes"} & modules


@pytest.mark.parametrize("command", [["show", "senior-pm"], ["path", "apm", "cpo"], ["list"]])
def test_a_cached_command_never_validates(tmp_path: Path, command: list[str]) -> None:
    first = imported(tmp_path, *command)
    assert "pmladder.validation" in first  # the cold run validated and filled the cache
    again = imported(tmp_path, *command)
    # Nor does it convert a value through pydantic (tests/test_coercion.py).
    for forbidden in ("pmladder.validation", "tomli", "tomllib", "pydantic.plugin._loader",
                      "importlib.metadata", "typer._adapters"):
        assert forbidden not in again, forbidden


def test_json_output_needs_no_rich_tables(tmp_path: Path) -> None:
    imported(tmp_path, "path", "apm", "cpo", "--json")
    modules = imported(tmp_path, "path", "apm", "cpo", "--json")
    assert "rich.table" not in modules


def test_completion_of_a_cached_catalogue_never_parses_or_validates(tmp_path: Path) -> None:
    imported(tmp_path, "show", "apm")  # validates the bundled catalogue and caches it
    tab = {"_PMLADDER_COMPLETE": "complete_bash", "COMP_WORDS": "pmladder show sen",
           "COMP_CWORD": "2"}
    modules = imported(tmp_path, env=tab)
    assert "pmladder.catalog" in modules  # the names came from the catalogue's cache entry
    # pydantic itself is loaded by Typer (typer._adapters coerces parameters), not by pmladder.
    for forbidden in ("pmladder.validation", "pmladder.models", "tomli", "tomllib", "rich.table"):
        assert forbidden not in modules, forbidden


def test_errors_is_cheap_enough_for_every_run() -> None:
    """Every run loads errors.py, so every module imports it at the top: it must stay cheap."""
    probe = "import sys, json; import pmladder.errors; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, timeout=60)
    modules = set(json.loads(done.stdout))
    for forbidden in ("pydantic", "rich", "typer", "pmladder.models", "pmladder.catalog"):
        assert forbidden not in modules, forbidden


@pytest.mark.parametrize("command", [["export"], ["schema"]])
def test_saving_to_a_file_never_loads_rich(tmp_path: Path, command: list[str]) -> None:
    modules = imported(tmp_path, *command, "--output", str(tmp_path / "out"))
    assert (tmp_path / "out").exists()
    assert not [m for m in modules if m == "rich" or m.startswith("rich.")]


def test_typer_reads_command_annotations_without_compiling_them() -> None:
    # Typer reads each command's (and the app callback's) annotations when it
    # builds the command. Postponed (`from __future__ import annotations`),
    # every one is a string it must compile and evaluate, making each
    # typer.Option again: 5.8M instructions of a cached `show` for show and the
    # callback alone (benchmarks/startup.py --instructions).
    source = Path(__file__).parents[1] / "src" / "pmladder"
    modules = [source / "cli.py", *(source / "commands" / f"{module}.py"
                                     for module, _ in COMMANDS.values())]
    for module in modules:
        assert "from __future__ import annotations" not in module.read_text(encoding="utf-8"), (
            f"{module.name} postpones the annotations Typer reads")
