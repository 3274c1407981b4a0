"""Files a command writes: checking the name given, and saving by pmladder's one policy."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..errors import OutputError, UsageError


def svg_target(svg: str | None, json: bool) -> Path | None:
    """Check ``--svg FILE`` before any work is done: the file to write, or ``None``.

    Refuse (usage error) with ``--json``, an empty name, a missing folder, or a
    file that already exists: pmladder never overwrites a file.
    """
    if svg is None:
        return None
    # Off the start-up path: needed only when --svg is given.
    from ..inert import inert

    if json:
        raise UsageError(
            "--svg saves the printed tables as a picture and cannot be combined with --json",
            hints=["drop --json to save an SVG, or drop --svg to print JSON"],
        )
    if not svg.strip():
        raise UsageError("--svg needs a file name, e.g. --svg ladder.svg")
    path = output_path(svg, example="ladder.svg")
    shown = inert(svg, one_line=True)
    try:
        exists = path.is_file()  # a device or /dev/stdout is written through, a file never replaced
        folder = path.is_dir()
        parent_ok = path.parent.is_dir()
    except OSError as error:  # a name too long, a loop of links...
        raise UsageError(f"cannot save {shown}: {error.strerror or error}") from None
    if exists:
        raise UsageError(
            f"{shown} already exists; pmladder never overwrites a file",
            hints=[f"choose another name, e.g. --svg {shown_free_name(path)}"],
        )
    if folder:
        raise UsageError(f"{shown} is a folder; give a file name, e.g. --svg {path / 'ladder.svg'}")
    if not parent_ok:
        raise UsageError(
            f"cannot save {shown}: the folder {inert(repr(str(path.parent)), one_line=True)} "
            "does not exist"
        )
    return path


def output_path(name: str, *, example: str) -> Path:
    """``name`` as a file to write, refusing one that ends in a slash: that names a
    folder, and ``Path`` would quietly drop the slash and write a file of that name."""
    if name.endswith("/") or (os.altsep is not None and name.endswith((os.sep, os.altsep))):
        # Off the start-up path: needed only on a mistake.
        from ..inert import inert

        raise UsageError(
            f"{inert(name, one_line=True)} ends with a slash, so it names a folder; "
            f"give a file name, e.g. {inert(name, one_line=True)}{example}"
        )
    return Path(name)


def free_name(path: Path) -> Path:
    """``path`` itself when nothing is there, else the first ``name-2.ext``,
    ``name-3.ext``... beside it that does not exist yet."""
    stem, suffix = path.stem, path.suffix or ".svg"
    candidate = path
    for n in range(2, 1000):
        try:
            if not candidate.exists():
                return candidate
        except OSError:  # too long a name, say: suggest a short one
            break
        candidate = path.with_name(f"{stem}-{n}{suffix}")
    return path.with_name(f"{stem[:16]}-new{suffix}")


def shown_free_name(path: Path) -> str:
    """:func:`free_name` as a message shows it."""
    from ..inert import inert  # only for a message: off the start-up path

    return inert(str(free_name(path)), one_line=True)


def save_file(
    path: Path, data: bytes, *, overwrite: bool, exists: Callable[[str], UsageError]
) -> None:
    """Write a file by pmladder's one policy (:func:`pmladder.textfile.write_file`),
    turning a refusal into a usage error (``exists`` gives the one for a file
    already there, named as shown) and a failure into an output error."""
    # Loaded only when a file is written, never on the start-up path.
    from ..inert import inert
    from ..textfile import WriteFailed, WriteRefused, write_file

    shown = inert(str(path), one_line=True)
    try:
        write_file(path, data, overwrite=overwrite)
    except WriteRefused as error:
        if error.exists:
            raise exists(shown) from None
        raise UsageError(f"cannot write {shown}: {error.message}") from None
    except WriteFailed as error:
        raise OutputError(f"cannot write {shown}: {error.message}") from None


def write_new_file(path: Path, content: str) -> None:
    """Save ``content`` in ``path``, never replacing an existing file (see :func:`save_file`)."""

    save_file(path, content.encode("utf-8"), overwrite=False,
              exists=lambda shown: UsageError(
                  f"{shown} already exists",
                  hints=["pmladder never overwrites a file; choose another name, "
                         f"e.g. --svg {shown_free_name(path)}"]))
