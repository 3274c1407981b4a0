"""What every command shares: the active catalogue, shared options, output."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..catalog import Ladder

ENV_VAR = "PMLADDER_CATALOG"

JsonOption = Annotated[
    bool,
    typer.Option(
        "--json", help="Print JSON (documented in docs/json-output.md) instead of tables."
    ),
]


@dataclass(slots=True)
class State:
    """Global options, and the catalogue once a command has loaded it."""

    catalog_option: str | None
    _ladder: Ladder | None = field(default=None)

    def ladder(self) -> Ladder:
        """The active catalogue, read and validated on first use."""
        if self._ladder is None:
            from ..catalog import find_source, load

            self._ladder = load(find_source(self.catalog_option))
        return self._ladder


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = ctx.find_root().obj = State(None)
    return obj


def complete_role(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Role ids and aliases starting with what was typed, without validating the catalogue.

    Completion runs on every Tab, so it reads names straight from the TOML and
    skips the models; any problem with the file simply completes nothing.
    """
    from ..catalog import find_source, normalise, parse_toml, read_source

    option = ctx.find_root().params.get("catalog")
    try:
        source = find_source(option if isinstance(option, str) else None)
        data = parse_toml(read_source(source), source.label)
    except Exception:
        return []
    prefix = normalise(incomplete)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    roles = data.get("roles")
    if not isinstance(roles, list):
        return []
    for role in roles:
        if not isinstance(role, dict):
            continue
        title = role.get("title")
        aliases = role.get("aliases")
        names: list[object] = [role.get("id"), *(aliases if isinstance(aliases, list) else [])]
        for name in names:
            if isinstance(name, str) and name not in seen and normalise(name).startswith(prefix):
                seen.add(name)
                out.append((name, title if isinstance(title, str) else ""))
    return out


RoleArgument = Annotated[
    str,
    typer.Argument(
        metavar="ROLE",
        help="A role's id, alias or title, in any case: senior-pm, spm, 'Senior Product Manager'.",
        autocompletion=complete_role,
        show_default=False,
    ),
]


def write_stderr(message: str) -> None:
    """Write a plain message to stderr."""
    sys.stderr.write(message.rstrip("\n") + "\n")
    sys.stderr.flush()


def print_json(document: dict[str, Any]) -> None:
    from ..views.jsonout import dumps

    sys.stdout.write(dumps(document) + "\n")


def print_rich(renderables: Iterable[RenderableType]) -> None:
    from ..views.terminal import console

    out = console()
    for item in renderables:
        out.print(item)
