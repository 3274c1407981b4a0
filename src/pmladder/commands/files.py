"""Files a command writes: checking the name given, and saving by pmladder's one policy."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..inert import inert


def output_path(name: str, *, example: str) -> Path:
    """``name`` as a file to write, refusing one that ends in a slash: that names a
    folder, and ``Path`` would quietly drop the slash and write a file of that name."""
    if name.endswith("/") or (os.altsep is not None and name.endswith((os.sep, os.altsep))):
        from ..errors import UsageError  # off the start-up path: needed only on a mistake

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
    return inert(str(free_name(path)), one_line=True)


def save_file(
    path: Path, data: bytes, *, overwrite: bool, exists_hint: Callable[[], str]
) -> None:
    """Write a file by pmladder's one policy (:func:`pmladder.textfile.write_file`),
    turning a refusal into a usage error and a failure into an output error."""
    # Loaded only when a file is written, never on the start-up path.
    from ..errors import OutputError, UsageError
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
                                  f"e.g. --svg {shown_free_name(path)}")
