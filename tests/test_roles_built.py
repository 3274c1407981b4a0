"""How many roles each command builds on a cached 10,000-role catalogue.

A cached catalogue builds a role only when a command uses it
(:class:`pmladder.index.RoleStore` counts them): ``show`` builds its role and
the roles that lead to it, ``path`` the roles on the route, ``compare`` the
compared roles and those on the routes between them, whatever the output.
``list``, ``ladder`` and ``search`` read every role (``list --track`` only
that track's), and say so.

Each command runs as the CLI runs it (the command function with a context
holding the global options); the count is read from the ladder it loaded.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import typer

from conftest import ROOT
from pmladder.catalog import CatalogSource, load
from pmladder.cli import app
from pmladder.commands import compare, drawing, listing, path, search, show
from pmladder.commands.common import State
from pmladder.routes import shortest_route

sys.path.insert(0, str(ROOT))

from benchmarks.generate import Generated, write_catalog

ROLES = 10_000


class Catalogue(NamedTuple):
    file: Path
    made: Generated


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    file = tmp_path_factory.mktemp("large") / "ladder.toml"
    made = write_catalog(file, ROLES)
    load(CatalogSource(file, "option"))  # validated once; every run below is cached
    return Catalogue(file, made)


def built(file: Path, command: Callable[..., None], **options: Any) -> int:
    """Run one command on ``file`` as the CLI does; the roles its ladder built."""
    root = typer.Context(typer.main.get_command(app), obj=State(str(file), pager=False))
    command(root, **options)
    ladder = root.obj.ladder()
    assert len(ladder.ids) == ROLES
    return int(ladder.roles.built)


def route_roles(file: Path, source: str, target: str) -> set[str]:
    """The roles on the route ``path`` takes (found from the moves alone)."""
    ladder = load(CatalogSource(file, "option"))
    hops = shortest_route(ladder, source, target)
    assert hops
    return {source, *(ladder.edges[here][index][0] for here, index in hops)}


@pytest.mark.parametrize("json", [False, True], ids=["table", "json"])
def test_show_builds_its_role_and_those_leading_to_it(
    catalogue: Catalogue, json: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    top = catalogue.made.top
    ladder = load(CatalogSource(catalogue.file, "option"))
    sources = {source for source, _ in ladder.incoming[top]}
    count = built(catalogue.file, show.show, role=top, brief=False, json=json, svg=None)
    assert count == len(sources | {top})
    assert top in capsys.readouterr().out


@pytest.mark.parametrize("json", [False, True], ids=["table", "json"])
def test_path_builds_the_roles_on_its_route(
    catalogue: Catalogue, json: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    made = catalogue.made
    on_route = route_roles(catalogue.file, made.bottom, made.top)
    assert len(on_route) == made.route_steps + 1
    count = built(catalogue.file, path.path, source=made.bottom, target=made.top,
                  brief=False, json=json, svg=None)
    assert count == len(on_route)
    assert made.top in capsys.readouterr().out


@pytest.mark.parametrize("json", [False, True], ids=["table", "json"])
def test_compare_builds_the_roles_and_their_routes(
    catalogue: Catalogue, json: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    made = catalogue.made
    on_route = route_roles(catalogue.file, made.bottom, made.top)
    count = built(catalogue.file, compare.compare, roles=[made.bottom, made.top],
                  criteria=False, brief=False, json=json, svg=None)
    assert count == len(on_route)  # no route back from the top: nothing more
    assert made.top in capsys.readouterr().out


@pytest.mark.parametrize(
    ("command", "options"),
    [
        (listing.list_roles, {"track": None}),
        (drawing.ladder, {"track": "growth"}),  # one track, yet every role is read
        (search.search, {"query": ["roadmap"], "limit": 5}),
    ],
    ids=["list", "ladder", "search"],
)
def test_whole_ladder_commands_build_every_role(
    catalogue: Catalogue, command: Callable[..., None], options: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert built(catalogue.file, command, json=True, svg=None, **options) == ROLES
    assert capsys.readouterr().out.startswith("{")


def test_list_of_one_track_builds_that_track_only(
    catalogue: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    ladder = load(CatalogSource(catalogue.file, "option"))
    growth = [role_id for role_id in ladder.ids if ladder.places[role_id][0] == "growth"]
    assert 0 < len(growth) < ROLES
    count = built(catalogue.file, listing.list_roles, track="growth", json=True, svg=None)
    assert count == len(growth)
    assert growth[0] in capsys.readouterr().out
