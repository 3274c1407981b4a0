"""A content-keyed cache of validated catalogues, so start-up skips validation.

Validating a catalogue means building pydantic's validators and running them;
for a file that has not changed since the last run that work gives the same
answer again.  The cache stores the validated data under a BLAKE2 hash of the
file's exact bytes (plus pmladder's and Python's versions), so:

* it never serves stale data: a changed file has another key;
* two runs racing are safe: each writes a private temporary file and renames
  it into place atomically, and a reader sees either no entry or a whole one;
* a damaged or foreign entry is ignored and rewritten, never trusted.

Entries are written with :mod:`marshal` (plain data only: no code runs when
one is read).  ``PMLADDER_NO_CACHE=1`` turns the cache off;
``PMLADDER_CACHE_DIR`` moves it (default: ``$XDG_CACHE_HOME/pmladder`` or
``~/.cache/pmladder``).
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import __version__

FORMAT = 2
"""Bumped whenever the layout of an entry changes, or what validation reports for a file."""

try:  # the hash alone, without hashlib's OpenSSL bindings (~3 ms to import)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

_SALT = f"pmladder {__version__} cache {FORMAT} python {sys.version_info[:2]} {marshal.version}"


def directory(environ: dict[str, str] | None = None) -> Path | None:
    """Where entries live, or ``None`` when the cache is turned off."""
    env = os.environ if environ is None else environ
    if env.get("PMLADDER_NO_CACHE", "") not in ("", "0"):
        return None
    if env.get("PMLADDER_CACHE_DIR"):
        return Path(env["PMLADDER_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pmladder"


def key(content: bytes) -> str:
    """The entry name for a catalogue with exactly these bytes."""
    digest = blake2b(content, digest_size=32, person=b"pmladder-cache")
    digest.update(_SALT.encode())
    return digest.hexdigest()


def get(content: bytes) -> Any | None:
    """The payload stored for ``content``, or ``None`` when there is no usable entry."""
    folder = directory()
    if folder is None:
        return None
    name = key(content)
    try:
        raw = (folder / f"{name}.marshal").read_bytes()
        stored_key, payload = marshal.loads(raw)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    # The key is inside the entry too, so a file renamed or copied over
    # another entry is never mistaken for it.
    return payload if stored_key == name else None


def put(content: bytes, payload: Any) -> None:
    """Store ``payload`` for ``content``; any failure just leaves no entry."""
    folder = directory()
    if folder is None:
        return
    name = key(content)
    try:
        data = marshal.dumps((name, payload))
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, folder / f"{name}.marshal")
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        return
