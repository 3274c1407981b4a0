"""Skipping Typer's value conversion where it changes nothing changes no value.

Each case runs one small Typer command twice, with Typer's own conversion and
with :func:`skip_needless_conversion`, and compares what the command received
and any error; pmladder's own commands are the CLI tests' business.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from types import SimpleNamespace
from typing import Annotated, Any

import pytest
import typer
from typer._click import exceptions as click_exceptions
from typer.main import get_command

from modules_loaded import imported
from pmladder.commands.coercion import AsGiven, skip_needless_conversion


class Colour(StrEnum):
    red = "red"
    blue = "blue"


def _app() -> tuple[typer.Typer, list[dict[str, Any]]]:
    received: list[dict[str, Any]] = []
    app = typer.Typer()

    @app.command()
    def run(
        name: Annotated[str, typer.Argument()],
        extra: Annotated[list[str] | None, typer.Argument()] = None,
        title: Annotated[str | None, typer.Option()] = None,
        label: Annotated[str, typer.Option()] = "plain",
        loud: Annotated[bool, typer.Option(envvar="TEST_LOUD")] = False,
        count: Annotated[int, typer.Option(min=0, max=9)] = 1,
        clamped: Annotated[int, typer.Option(min=0, max=9, clamp=True)] = 20,
        tally: Annotated[int, typer.Option("-v", count=True)] = 0,
        colour: Annotated[Colour, typer.Option()] = Colour.red,
        shade: Annotated[Colour, typer.Option(case_sensitive=False)] = Colour.blue,
        where: Annotated[Path | None, typer.Option()] = None,
        pair: Annotated[tuple[str, int] | None, typer.Option()] = None,
        upper: Annotated[str | None, typer.Option(parser=str.upper)] = None,
    ) -> None:
        received.append({key: (value, type(value)) for key, value in locals().items()
                         if key != "received"})

    return app, received


def _command(app: typer.Typer, skip: bool) -> Any:
    """``app``'s command, its parameters given :class:`AsGiven` when ``skip``."""
    command = get_command(app)
    if skip:
        ctx = typer.Context(command, info_name="run")
        skip_needless_conversion(command.get_params(ctx))
        assert all(isinstance(getattr(p, "_runtime_param", None), AsGiven)
                   for p in command.get_params(ctx))
    return command


def _run(args: list[str], skip: bool) -> tuple[Any, ...]:
    app, received = _app()
    try:
        _command(app, skip).main(list(args), standalone_mode=False)
    except Exception as error:  # the error is what is compared
        return (type(error).__name__, str(error))
    return tuple(received)


CASES = [
    (["ada"], {}),
    (["ada", "b", "c"], {}),
    (["", "--title", ""], {}),
    (["\udcff", "--title", "t\udcff", "--label", "x"], {}),
    (["ada", "--loud"], {}),
    (["ada"], {"TEST_LOUD": "yes"}),
    (["ada"], {"TEST_LOUD": "0"}),
    (["ada"], {"TEST_LOUD": "maybe"}),
    (["ada", "--count", "3"], {}),
    (["ada", "--count", "12"], {}),
    (["ada", "--count", "three"], {}),
    (["ada", "--count", "-1"], {}),
    (["ada", "--clamped", "3"], {}),
    (["ada", "--clamped", "30"], {}),
    (["ada", "-vvv"], {}),
    (["ada", "--colour", "blue"], {}),
    (["ada", "--colour", "BLUE"], {}),
    (["ada", "--shade", "RED"], {}),
    (["ada", "--colour", "green"], {}),
    (["ada", "--where", "some/file"], {}),
    (["ada", "--pair", "a", "2"], {}),
    (["ada", "--pair", "a", "b"], {}),
    (["ada", "--upper", "shout"], {}),
    ([], {}),
]


@pytest.mark.parametrize(("args", "env"), CASES)
def test_every_value_arrives_as_typer_would_give_it(
    args: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert _run(args, True) == _run(args, False)


def test_a_default_out_of_bounds_is_typers_error_still() -> None:
    def build() -> typer.Typer:
        app = typer.Typer()

        @app.command()
        def run(count: Annotated[int, typer.Option(min=0, max=9)] = 12) -> None:
            pass

        return app

    outcomes = []
    for skip in (True, False):
        command = _command(build(), skip)
        with pytest.raises(click_exceptions.BadParameter) as raised:
            command.main([], standalone_mode=False)
        outcomes.append(str(raised.value))
    assert outcomes[0] == outcomes[1]


def test_a_typer_without_the_converter_attribute_is_left_alone() -> None:
    # A parameter like Typer's, but with no _runtime_param to take the place of.
    param = SimpleNamespace(nargs=1, multiple=False, get_runtime_param=lambda: None,
                            type_descriptor=SimpleNamespace(
                                annotation=str, parameter_info=typer.models.OptionInfo()))
    skip_needless_conversion([param])
    assert not hasattr(param, "_runtime_param")


# show, path and list: tests/test_startup_imports.py, with their other rules.
@pytest.mark.parametrize("command", [["compare", "pm", "senior-pm"], ["search", "roadmap"],
                                     ["diff", ":bundled"], ["ladder"]])
def test_a_cached_command_loads_no_pydantic_plugins(tmp_path: Path, command: list[str]) -> None:
    # Typer's first conversion imports pydantic's plugin loader (importlib.metadata,
    # email, zipfile...): 56M instructions, about 15 ms of a run.
    imported(tmp_path, *command)  # fills the cache
    again = imported(tmp_path, *command)
    for forbidden in ("pydantic.plugin._loader", "importlib.metadata", "typer._adapters"):
        assert forbidden not in again, forbidden
