"""What every command shares: the active catalogue, shared options, output."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
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

SvgOption = Annotated[
    str | None,
    typer.Option(
        "--svg",
        metavar="FILE",
        help=(
            "Also save the output, exactly as printed, as an SVG picture in FILE. "
            "Never overwrites: an existing FILE is refused. Not with --json."
        ),
        show_default=False,
    ),
]


class State:
    """Global options, and the catalogue once a command has loaded it."""

    __slots__ = ("_ladder", "catalog_option")

    def __init__(self, catalog_option: str | None) -> None:
        self.catalog_option = catalog_option
        self._ladder: Ladder | None = None

    def ladder(self) -> Ladder:
        """The active catalogue, read and validated on first use."""
        if self._ladder is None:
            from ..catalog import find_source, load

            source = find_source(self.catalog_option)
            if source.skipped:
                write_stderr(f"warning: {source.skipped}")
            self._ladder = load(source)
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
    from ..catalog import find_source, normalise, read_source
    from ..validation import parse_source

    option = ctx.find_root().params.get("catalog")
    try:
        source = find_source(option if isinstance(option, str) else None)
        data = parse_source(read_source(source), source)
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


def svg_target(svg: str | None, json: bool) -> Path | None:
    """Check ``--svg FILE`` before any work is done: the file to write, or ``None``.

    Refuse (usage error) with ``--json``, an empty name, a missing folder, or a
    file that already exists: pmladder never overwrites a file.
    """
    from ..errors import UsageError

    if svg is None:
        return None
    if json:
        raise UsageError(
            "--svg saves the printed tables as a picture and cannot be combined with --json",
            hints=["drop --json to save an SVG, or drop --svg to print JSON"],
        )
    if not svg.strip():
        raise UsageError("--svg needs a file name, e.g. --svg ladder.svg")
    from ..inert import inert

    path = Path(svg)
    shown = inert(svg, one_line=True)
    if path.is_file():  # a device or /dev/stdout is written through, a file never replaced
        raise UsageError(
            f"{shown} already exists; pmladder never overwrites a file",
            hints=[f"choose another name, e.g. --svg {_free_name(path)}"],
        )
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(
            f"cannot save {shown}: the folder {inert(repr(str(parent)), one_line=True)} "
            "does not exist"
        )
    return path


def _free_name(path: Path) -> str:
    """The first ``name-2.svg``, ``name-3.svg``... next to ``path`` that does not exist."""
    from ..inert import inert

    stem, suffix = path.stem, path.suffix or ".svg"
    for n in range(2, 1000):
        candidate = path.with_name(f"{stem}-{n}{suffix}")
        try:
            if not candidate.exists():
                return inert(str(candidate), one_line=True)
        except OSError:  # too long a name, say: suggest a short one
            break
    return inert(str(path.with_name(f"picture-new{suffix}")), one_line=True)


def save_file(
    path: Path, data: bytes, *, overwrite: bool, exists_hint: Callable[[], str]
) -> None:
    """Write a file by pmladder's one policy (:func:`pmladder.textfile.write_file`),
    turning a refusal into a usage error and a failure into an output error."""
    from ..errors import OutputError, UsageError
    from ..inert import inert
    from ..textfile import WriteFailed, WriteRefused, write_file

    shown = inert(str(path), one_line=True)
    try:
        write_file(path, data, overwrite=overwrite)
    except WriteRefused as error:
        if error.exists:
            raise UsageError(f"{shown} already exists", hints=[exists_hint()]) from None
        raise UsageError(f"cannot write {shown}: {error.message}") from None
    except WriteFailed as error:
        raise OutputError(f"cannot write {shown}: {error.message}") from None


def write_new_file(path: Path, content: str) -> None:
    """Save ``content`` in ``path``, never replacing an existing file (see :func:`save_file`)."""
    save_file(path, content.encode("utf-8"), overwrite=False,
              exists_hint=lambda: "pmladder never overwrites a file; choose another name, "
                                  f"e.g. --svg {_free_name(path)}")


def print_rich(
    renderables: Iterable[RenderableType], *, svg: Path | None = None, title: str = "pmladder"
) -> None:
    """Print to stdout; with ``svg``, also save exactly what was printed as an SVG."""
    from rich.console import Group

    from ..views.terminal import console

    out = console(record=svg is not None)
    out.print(Group(*renderables))
    if svg is not None:
        write_new_file(svg, out.export_svg(title=title))
        write_stderr(f"saved {svg}")
