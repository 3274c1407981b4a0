"""``pmladder site``: a static website of a catalogue, built and written safely.

:func:`build` returns every file of the site as ``{relative path: text}``;
:func:`write` puts them in a folder.  No Typer, no Rich.

The folder is written only when it is new, empty, or was made by pmladder
(it holds :data:`MARKER`, which lists the files pmladder wrote); anything
else needs ``force``.  Rebuilding a pmladder folder removes the pages of roles
and moves that are gone, and nothing else.  Each file is written to a
temporary file first and renamed into place, so a reader never sees half a
page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from .catalog import Ladder
from .errors import UsageError

MARKER = ".pmladder-site"
"""The file that marks a folder as a site pmladder wrote, listing its files."""

_MARKER_HEADER = "# Written by 'pmladder site'; it rebuilds this folder. Files:"

ASSETS = Path(__file__).parent / "data" / "site"
"""The site's style sheet and script, written for it and copied as they are."""


class Built(NamedTuple):
    """What :func:`write` wrote."""

    folder: Path
    files: int
    roles: int
    moves: int
    removed: int
    """Files of an earlier build that the new one no longer has."""


def build(ladder: Ladder) -> Iterator[tuple[str, str]]:
    """Every file of the site as (path relative to its root, text), in a stable order.

    One at a time, so a 10,000-role site (45,000 pages) never sits in memory whole.
    """
    from .views import html

    yield "index.html", html.index_page(ladder)
    yield "assets/site.css", (ASSETS / "site.css").read_text(encoding="utf-8")
    yield "assets/site.js", (ASSETS / "site.js").read_text(encoding="utf-8")
    for role in ladder.catalog.roles:
        yield f"roles/{role.id}.html", html.role_page(ladder, role)
    for role in ladder.catalog.roles:
        seen: set[str] = set()
        for index, move in enumerate(role.moves):
            # Two moves between the same roles share a page: the gap is the same.
            if move.to not in seen:
                seen.add(move.to)
                yield f"moves/{role.id}/{move.to}.html", html.move_page(ladder, role, index)


def _previous(folder: Path, force: bool) -> list[str]:
    """Check ``folder`` may be written; return the files an earlier build listed."""
    if "\x00" in str(folder):
        raise UsageError("a folder name can't contain a NUL byte; check the path")
    if folder.is_symlink():
        raise UsageError(f"{_shown(folder)} is a symbolic link; give the folder it points to")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{_shown(folder)} is not a folder; give a folder for the site")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise UsageError(
                f"cannot create {_shown(folder)}: the folder {_shown(folder.parent)} "
                "does not exist"
            )
        return []
    marker = folder / MARKER
    if marker.is_file() and not marker.is_symlink():
        lines = marker.read_text(encoding="utf-8", errors="replace").splitlines()
        return [line for line in lines[1:] if line and not line.startswith("#")]
    if any(folder.iterdir()) and not force:
        raise UsageError(
            f"{_shown(folder)} is not empty and was not made by pmladder site; "
            "pmladder will not write into it",
            hints=["choose a new or empty folder, or add --force to write the site "
                   "into it anyway (files of the same name are replaced)"],
        )
    return []


def _save(path: Path, text: str) -> None:
    """Write one file of the site by pmladder's one file policy (see :mod:`pmladder.textfile`)."""
    from .textfile import WriteFailed, WriteRefused, write_file

    try:
        write_file(path, text.encode("utf-8"), overwrite=True)
    except (WriteFailed, WriteRefused) as error:
        raise OSError(error.message) from None


def _shown(path: Path) -> str:
    """A path as messages show it: control characters as visible escapes."""
    from .inert import inert

    return inert(str(path), one_line=True)


def _inside(name: str) -> bool:
    """Whether a name read from the marker stays inside the site folder."""
    relative = Path(name)
    return not relative.is_absolute() and ".." not in relative.parts and not relative.drive


def _folder(path: Path) -> None:
    """Make sure ``path`` is a real folder inside the site (never a link out of it)."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        raise UsageError(f"cannot write the site: {_shown(path)} is in the way (not a folder)")
    path.mkdir(exist_ok=True)


def write(files: Iterable[tuple[str, str]], folder: Path, *, force: bool = False) -> Built:
    """Write ``files`` into ``folder`` (see the module docstring for when it may)."""
    previous = _previous(folder, force)
    written: dict[str, None] = {}
    try:
        folder.mkdir(exist_ok=True)
        for name, text in files:
            written[name] = None
            path = folder / name
            for parent in reversed(path.relative_to(folder).parents[:-1]):
                _folder(folder / parent)
            if path.is_symlink() or path.is_dir():
                raise UsageError(
                    f"cannot write the site: {_shown(path)} is in the way (not a file)"
                )
            _save(path, text)
        removed = 0
        for name in previous:
            path = folder / name
            if name not in written and _inside(name) and path.is_file() \
                    and not path.is_symlink():
                path.unlink()
                removed += 1
                for parent in path.relative_to(folder).parents[:-1]:
                    try:
                        (folder / parent).rmdir()
                    except OSError:
                        break
        _save(folder / MARKER, "\n".join([_MARKER_HEADER, *written]) + "\n")
    except OSError as error:
        raise UsageError(
            f"cannot write the site in {_shown(folder)}: {error.strerror or error}"
        ) from None
    return Built(
        folder=folder,
        files=len(written),
        roles=sum(1 for name in written if name.startswith("roles/")),
        moves=sum(1 for name in written if name.startswith("moves/")),
        removed=removed,
    )
