"""``pmladder site``: a static website of a catalogue, built and written safely.

:func:`build` returns every file of the site as ``{relative path: text}``;
:func:`write` puts them in a folder.  No Typer, no Rich.

The folder is written only when it is new, empty, or was made by pmladder
(it holds :data:`MARKER`, which lists the files pmladder wrote); anything
else needs ``force``.  Rebuilding a pmladder folder removes the pages of roles
and moves that are gone, and nothing else: only names the site itself
writes, only regular files, never through a link.  The marker is written
before any page, so a build cut short can be run again, finished and cleaned.
Each file is written to a
temporary file first and renamed into place, so a reader never sees half a
page.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from .errors import OutputError, UsageError
from .index import Ladder
from .inert import inert
from .textfile import WriteFailed, WriteRefused, write_file
from .views.html_index import index_page
from .views.html_move import move_page
from .views.html_role import role_page

MARKER = ".pmladder-site"
"""The file that marks a folder as a site pmladder wrote, listing its files."""

_MARKER_HEADER = "# Written by 'pmladder site'; it rebuilds this folder. Files:"
MARKER_LIMIT = 64 * 1024 * 1024
"""Far more than the list of a 100,000-role site; a larger marker was not written by us."""
_UNFINISHED = "# Unfinished: a build was cut short; run 'pmladder site' here again to finish it."

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
    yield "index.html", index_page(ladder)
    yield "assets/site.css", (ASSETS / "site.css").read_text(encoding="utf-8")
    yield "assets/site.js", (ASSETS / "site.js").read_text(encoding="utf-8")
    for role in ladder.every_role():
        yield f"roles/{role.id}.html", role_page(ladder, role)
    for role in ladder.every_role():
        seen: set[str] = set()
        for index, move in enumerate(role.moves):
            # Two moves between the same roles share a page: the gap is the same.
            if move.to not in seen:
                seen.add(move.to)
                yield f"moves/{role.id}/{move.to}.html", move_page(ladder, role, index)


def _previous(folder: Path, force: bool) -> list[str]:
    """Check ``folder`` may be written; return the files an earlier build listed."""
    if "\x00" in str(folder):
        raise UsageError("a folder name can't contain a NUL byte; check the path")
    try:
        return _checked(folder, force)
    except OSError as error:  # a name too long, a loop of links, no permission...
        raise UsageError(
            f"cannot use {_shown(folder)} for the site: {error.strerror or error}"
        ) from None


def _checked(folder: Path, force: bool) -> list[str]:
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
        with marker.open("rb") as handle:
            too_big = os.fstat(handle.fileno()).st_size > MARKER_LIMIT
            data = b"" if too_big else handle.read(MARKER_LIMIT + 1)
        if too_big or len(data) > MARKER_LIMIT:  # refused unread, or it grew as we read
            raise UsageError(
                f"{_shown(marker)} is larger than any list of files pmladder site writes",
                hints=["delete it, and add --force to write the site into the folder anyway"],
            )
        lines = data.decode("utf-8", errors="replace").splitlines()
        return list(dict.fromkeys(line for line in lines[1:] if line and not line.startswith("#")))
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
    try:
        write_file(path, text.encode("utf-8"), overwrite=True)
    except (WriteFailed, WriteRefused) as error:
        raise OSError(error.message) from None


def _shown(path: Path) -> str:
    """A path as messages show it: control characters as visible escapes."""
    return inert(str(path), one_line=True)


_ID = r"[a-z0-9][a-z0-9-]{0,63}"
_SITE_NAME = re.compile(
    rf"index\.html|assets/site\.(?:css|js)|roles/{_ID}\.html|moves/{_ID}/{_ID}\.html"
)
"""Every name :func:`build` can write (role ids as the catalogue's models allow them).

A rebuild removes only names of this shape, whatever a marker lists: a marker
is a file anyone could have planted."""


def _remove(folder: Path, name: str) -> bool:
    """Remove the site's file ``name`` from ``folder``, then its folders left empty.

    Never through a link: every folder on the way is opened without following
    links, and the file is removed only when it is a regular file.  Returns
    whether it was removed.
    """
    if not _SITE_NAME.fullmatch(name):
        return False
    *folders, base = name.split("/")
    nofollow = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
    if not {os.open, os.stat, os.unlink, os.rmdir} <= os.supports_dir_fd:
        return _remove_by_path(folder, folders, base)  # pragma: no cover - not POSIX
    opened: list[int] = []
    try:
        opened.append(os.open(folder, nofollow))
        for part in folders:
            opened.append(os.open(part, nofollow, dir_fd=opened[-1]))
        if not stat.S_ISREG(os.stat(base, dir_fd=opened[-1], follow_symlinks=False).st_mode):
            return False
        os.unlink(base, dir_fd=opened[-1])
        for depth in range(len(folders), 0, -1):
            try:
                os.rmdir(folders[depth - 1], dir_fd=opened[depth - 1])
            except OSError:  # not empty: the rest of the site is still in it
                break
        return True
    except OSError:  # gone already, or a link or a file where a folder should be
        return False
    finally:
        for fd in opened:
            os.close(fd)


def _remove_by_path(folder: Path, folders: list[str], base: str) -> bool:  # pragma: no cover
    """:func:`_remove` where folders can't be opened: check each step is no link."""
    path = folder
    try:
        for part in [*folders, base]:
            path = path / part
            mode = os.lstat(path).st_mode
            if not (stat.S_ISREG(mode) if part is base else stat.S_ISDIR(mode)):
                return False
        path.unlink()
    except OSError:
        return False
    return True


def _folder(path: Path) -> None:
    """Make sure ``path`` is a real folder inside the site (never a link out of it)."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        raise UsageError(f"cannot write the site: {_shown(path)} is in the way (not a folder)")
    path.mkdir(exist_ok=True)


def write(files: Iterable[tuple[str, str]], folder: Path, *, force: bool = False) -> Built:
    """Write ``files`` into ``folder`` (see the module docstring for when it may).

    The marker is written first and lists every file as it is written, so a
    build cut short (Ctrl-C, a full disk) leaves a folder that the next run
    accepts, finishes and cleans.
    """
    previous = _previous(folder, force)
    written: dict[str, None] = {}
    try:
        folder.mkdir(exist_ok=True)
        marker = folder / MARKER
        _in_the_way(marker)
        _save(marker, "\n".join([_MARKER_HEADER, _UNFINISHED, *previous]) + "\n")
        flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(marker, flags), "w", encoding="utf-8") as log:
            for name, text in files:
                if name not in written:
                    written[name] = None
                    log.write(name + "\n")
                    log.flush()  # listed before it exists: a cut-short run never loses track
                path = folder / name
                for parent in reversed(path.relative_to(folder).parents[:-1]):
                    _folder(folder / parent)
                _in_the_way(path)
                _save(path, text)
        removed = sum(_remove(folder, name) for name in previous if name not in written)
        _save(marker, "\n".join([_MARKER_HEADER, *written]) + "\n")
    except OSError as error:  # the system failed a write: a full disk, a read-only mount...
        raise OutputError(
            f"cannot write the site in {_shown(folder)}: {error.strerror or error}"
        ) from None
    return Built(
        folder=folder,
        files=len(written),
        roles=sum(1 for name in written if name.startswith("roles/")),
        moves=sum(1 for name in written if name.startswith("moves/")),
        removed=removed,
    )


def _in_the_way(path: Path) -> None:
    """Refuse to write where a link, a folder or a special file has the name of a file."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise UsageError(f"cannot write the site: {_shown(path)} is in the way (not a file)")
