"""The benchmark generator makes catalogues pmladder accepts, and `path` works on them.

No timing here: the benchmarks under ``benchmarks/`` are run by hand.  This
only keeps the generator honest, so a benchmark never times an error message.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from conftest import BUNDLED, ROOT, Invoke
from modules_loaded import imported
from pmladder.catalog import CatalogSource, load
from pmladder.names import normalise

sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate_catalog, generate_catalog_text


@pytest.mark.parametrize("roles", [1, 2, 7, 30, 120])
def test_generated_catalogue_loads_through_the_real_loader(tmp_path: Path, roles: int) -> None:
    generated = generate_catalog(roles, seed=3)
    file = tmp_path / "ladder.toml"
    file.write_text(generated.text, encoding="utf-8")
    ladder = load(CatalogSource(file, "option"))
    assert len(ladder.whole_catalog().roles) == roles
    assert not [w for w in ladder.warnings if w.severity == "error"]
    assert generated.bottom in ladder.roles
    assert generated.top in ladder.roles
    levels = {lv.rank for lv in ladder.whole_catalog().levels}
    assert ladder.roles[generated.bottom].level == min(levels)
    assert ladder.roles[generated.top].level == max(levels)


def test_generated_roles_are_copies_of_real_roles() -> None:
    import tomli

    bundled = tomli.loads(BUNDLED.read_text(encoding="utf-8"))["roles"]
    summaries = {role["summary"] for role in bundled}
    roles = tomli.loads(generate_catalog_text(30, seed=1))["roles"]
    for role in roles:
        assert role["summary"] in summaries
        assert role["responsibilities"]
        assert len(role["aliases"]) == 3
        assert len({normalise(n) for n in (role["id"], role["title"], *role["aliases"])}) == 5
    # Only top-level roles may lack a promotion; everyone has somewhere to go.
    assert all(1 <= len(role["moves"]) <= 4 for role in roles)


def test_generated_catalogue_validates_without_warnings(tmp_path: Path, invoke: Invoke) -> None:
    file = tmp_path / "ladder.toml"
    file.write_text(generate_catalog_text(200, seed=2), encoding="utf-8")
    result = invoke("validate", str(file))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_generator_is_deterministic() -> None:
    assert generate_catalog_text(40, seed=9) == generate_catalog_text(40, seed=9)
    assert generate_catalog_text(40, seed=9) != generate_catalog_text(40, seed=10)


def test_path_works_on_a_generated_catalogue(tmp_path: Path, invoke: Invoke) -> None:
    generated = generate_catalog(30, seed=5)
    file = tmp_path / "ladder.toml"
    file.write_text(generated.text, encoding="utf-8")

    result = invoke("--catalog", str(file), "path", generated.bottom, generated.top, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["from"]["id"] == generated.bottom
    assert document["to"]["id"] == generated.top
    steps = document["steps"]
    assert len(steps) == document["total"]["steps"] == generated.route_steps
    assert steps[0]["source"] == generated.bottom
    assert steps[-1]["target"] == generated.top
    assert all(a["target"] == b["source"] for a, b in pairwise(steps))

    table = invoke("--catalog", str(file), "path", generated.bottom, generated.top)
    assert table.exit_code == 0, table.output
    assert generated.top in table.stdout


def _kind_of_value(annotation: Any) -> str:
    """An annotation, with any Enum as "choice" (the choices are compared apart)."""
    is_enum = isinstance(annotation, type) and issubclass(annotation, Enum)
    return "choice" if is_enum else repr(annotation)


def _interface(command: Any) -> list[tuple[object, ...]]:
    """What a command line can say to ``command``: each parameter's name, kind,
    spellings, arity, whether it is required, a flag, eager or repeated, its
    metavar, its type, its bounds, its default and its choices."""
    return [
        (p.name, type(p).__name__.removeprefix("Typer"), tuple(p.opts), p.nargs, p.required,
         getattr(p, "is_flag", None), p.is_eager, p.multiple, p.metavar,
         _kind_of_value(p.type_descriptor.annotation),
         getattr(p.type_descriptor.parameter_info, "min", None),
         getattr(p.type_descriptor.parameter_info, "max", None),
         None if p.default is None else str(p.default),
         tuple(map(str, p.type_descriptor.choices or ())))
        for p in command.params
    ]


def test_the_floor_has_pmladders_commands_and_parameters() -> None:
    # PRODUCT.md's floor is "a minimal Typer app with the same commands":
    # benchmarks/startup.py measures against it, so it must not drift.
    import typer
    from benchmarks import floor_app
    from typer.core import TyperGroup
    from typer.main import get_command

    from pmladder import cli

    for setting in ("rich_markup_mode", "pretty_exceptions_enable", "_add_completion"):
        assert getattr(floor_app.app, setting) == getattr(cli.app, setting), setting
    assert floor_app.app.info.context_settings == cli.app.info.context_settings
    assert floor_app.app.info.no_args_is_help == cli.app.info.no_args_is_help
    ours, floor = get_command(cli.app), get_command(floor_app.app)
    assert isinstance(ours, TyperGroup)
    assert isinstance(floor, TyperGroup)
    assert _interface(floor) == _interface(ours)
    ours_ctx = typer.Context(ours, info_name="pmladder")
    floor_ctx = typer.Context(floor, info_name="floor")
    assert floor.list_commands(floor_ctx) == ours.list_commands(ours_ctx) == list(cli.COMMANDS)
    for name, (_, summary) in cli.COMMANDS.items():
        built = floor.get_command(floor_ctx, name)
        assert built is not None
        assert built.help == summary
        assert _interface(built) == _interface(ours.get_command(ours_ctx, name)), name


@pytest.mark.parametrize("args", [("show", "senior-pm"), ("--help",)])
def test_the_floor_imports_only_what_pmladder_imports_too(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    # A floor that loaded more than the framework would flatter pmladder's ratio.
    ours = imported(tmp_path, *args)
    floor = imported(tmp_path, *args, script=str(ROOT / "benchmarks" / "floor_app.py"))
    # runpy's helper, the emoji table of a Console left at its defaults
    # (pmladder's consoles turn emoji codes off), and Typer's conversion of
    # parameter values, which pmladder skips where it changes nothing
    # (pmladder.commands.coercion).
    assert floor - ours <= {"pkgutil", "rich._emoji_codes", "typer._adapters",
                            "pydantic.type_adapter"}
