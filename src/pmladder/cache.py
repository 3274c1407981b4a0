"""A content-keyed cache of validated catalogues, so start-up skips validation.

Validating a catalogue means building pydantic's validators and running them;
for a file that has not changed since the last run that work gives the same
answer again.  The cache stores the validated data under a BLAKE2 hash of the
file's exact bytes (plus pmladder's and Python's versions), so:

* it never serves stale data: a changed file has another key;
* two runs racing are safe: each writes a private temporary file and renames
  it into place atomically, and a reader sees either no entry or a whole one;
* a damaged or foreign entry is ignored and rewritten, never trusted: an
  entry carries a BLAKE2 digest of its payload, bound to its key, which is
  checked *before* anything is decoded; the folder and the entry must belong
  to the current user and be writable by nobody else (as ssh insists for its
  keys); and the caller checks the decoded shape before using it;
* it is bounded: at most :data:`MAX_ENTRIES` entries and :data:`MAX_TOTAL`
  bytes, the least recently used removed first;
* any problem with it (no home folder, a read-only disk, a relative
  ``XDG_CACHE_HOME``) costs only a cold load, silently.

Entries are written with :mod:`marshal` (plain data only: no code runs when
one is read).  ``PMLADDER_NO_CACHE=1`` turns the cache off;
``PMLADDER_CACHE_DIR`` moves it (default: ``$XDG_CACHE_HOME/pmladder`` or
``~/.cache/pmladder``); a path that is not absolute turns it off.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

from . import __version__

FORMAT = 3
"""Bumped whenever the layout of an entry changes, or what validation reports for a file."""

MAX_ENTRIES = 16
"""Most entries kept; the least recently used go first."""

MAX_TOTAL = 256 * 1024 * 1024
"""Most bytes kept in all entries together; an entry larger than this is not stored."""

try:  # the hash alone, without hashlib's OpenSSL bindings (~3 ms to import)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

_SALT = f"pmladder {__version__} cache {FORMAT} python {sys.version_info[:2]} {marshal.version}"
_MAGIC = b"pmladder\x02"
_DIGEST = 32
_SUFFIX = ".marshal"
_TEMP_PREFIX = ".pmladder-"
_TEMP_SUFFIX = ".tmp"
_ENTRY = re.compile(r"[0-9a-f]{64}" + re.escape(_SUFFIX))
"""The name of an entry, as :func:`key` makes it: pruning touches nothing else."""
_TEMP = re.compile(re.escape(_TEMP_PREFIX) + r"[a-z0-9_]{8}" + re.escape(_TEMP_SUFFIX))
"""The name of a temporary file as :func:`tempfile.mkstemp` makes it for :func:`_replace`."""


def directory(environ: dict[str, str] | None = None) -> Path | None:
    """Where entries live, or ``None`` when the cache is off or has no sensible place."""
    env = os.environ if environ is None else environ
    if env.get("PMLADDER_NO_CACHE", "") not in ("", "0"):
        return None
    if "PMLADDER_CACHE_DIR" in env:
        chosen = env["PMLADDER_CACHE_DIR"]
        return Path(chosen) if os.path.isabs(chosen) else None
    xdg = env.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the XDG rule: a relative value is ignored
        return Path(xdg) / "pmladder"
    home = home_folder(env)
    return None if home is None else Path(home) / ".cache" / "pmladder"


def home_folder(env: Any) -> str | None:
    """The home folder, or ``None`` when there is no usable one (never raises)."""
    home: str | None = env.get("HOME")
    if home is None:
        try:
            import pwd

            home = pwd.getpwuid(os.getuid()).pw_dir
        except (ImportError, KeyError, OSError):
            return None
    if not os.path.isabs(home) or os.path.dirname(home) == home:  # "" or "/"
        return None
    return home


def key(content: bytes) -> str:
    """The entry name for a catalogue with exactly these bytes."""
    digest = blake2b(content, digest_size=32, person=b"pmladder-cache")
    digest.update(_SALT.encode())
    return digest.hexdigest()


def _seal(name: str, payload: bytes | memoryview) -> bytes:
    """The payload's digest, bound to its entry's name so a copied entry fails."""
    return blake2b(payload, digest_size=_DIGEST, key=bytes.fromhex(name)[:32],
                   person=b"pmladder-entry").digest()


def _private(info: os.stat_result) -> bool:
    """Owned by the current user and writable by nobody else."""
    uid = os.geteuid() if hasattr(os, "geteuid") else info.st_uid
    return info.st_uid == uid and not info.st_mode & 0o022


def get(content: bytes) -> Any | None:
    """The payload stored for ``content``, or ``None`` when there is no trustworthy entry."""
    folder = directory()
    if folder is None:
        return None
    import stat

    name = key(content)
    try:
        info = os.stat(folder)
        if not stat.S_ISDIR(info.st_mode) or not _private(info):
            return None
        # Never follow a link, and never block on a FIFO planted under an entry's name.
        fd = os.open(folder / f"{name}{_SUFFIX}",
                     os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or not _private(info):
                return None
            if info.st_size > MAX_TOTAL:
                return None
            with os.fdopen(os.dup(fd), "rb") as handle:
                raw = handle.read(MAX_TOTAL + 1)
            _touch(fd)
        finally:
            os.close(fd)
        head = len(_MAGIC) + _DIGEST
        if len(raw) <= head or not raw.startswith(_MAGIC):
            return None
        payload = memoryview(raw)[head:]
        if _seal(name, payload) != raw[len(_MAGIC):head]:
            return None
        value = marshal.loads(payload)
    except (OSError, EOFError, ValueError, TypeError, MemoryError, RecursionError):
        return None
    return value


def _touch(fd: int) -> None:
    """Mark the open entry as used just now, for least-recently-used pruning."""
    if os.utime in os.supports_fd:
        with contextlib.suppress(OSError):
            os.utime(fd)


def put(content: bytes, payload: Any) -> None:
    """Store ``payload`` for ``content``; any failure just leaves no entry."""
    folder = directory()
    if folder is None:
        return
    name = key(content)
    try:
        body = marshal.dumps(payload)
        if len(body) > MAX_TOTAL:
            return
        if not _own_folder(folder):
            return
        _replace(folder / f"{name}{_SUFFIX}", _MAGIC + _seal(name, body) + body)
        prune(folder)
    except (OSError, ValueError, MemoryError):
        return


def _replace(entry: Path, data: bytes) -> None:
    """Put ``data`` at ``entry`` by renaming a new private file over the name.

    Not :func:`pmladder.textfile.write_file`, which follows links and writes
    through special files for a user's chosen output: here whatever sits under
    the entry's name (a link, a FIFO, a device) is replaced as a name, never
    opened, so nothing outside the folder is ever written.
    """
    import tempfile

    handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as out:
            os.fchmod(out.fileno(), 0o600)
            out.write(data)
        os.replace(temp, entry)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _own_folder(folder: Path) -> bool:
    """Create the folder private (0700); refuse one that is not ours alone.

    A folder that already exists is never changed (it may be the user's own,
    named by ``PMLADDER_CACHE_DIR``): entries are private files in it anyway.
    """
    import stat

    folder.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    info = os.lstat(folder)
    return stat.S_ISDIR(info.st_mode) and _private(info)


def prune(folder: Path) -> None:
    """Keep at most :data:`MAX_ENTRIES` entries and :data:`MAX_TOTAL` bytes, newest used first.

    Temporary files a killed run left behind for over an hour go too.  Only
    names pmladder itself makes are ever touched (``<64 hex>.marshal`` and
    ``.pmladder-XXXXXXXX.tmp``), and only regular files: the folder may be the
    user's own.
    """
    import stat
    import time

    entries: list[tuple[float, int, str]] = []
    stale = time.time() - 3600
    with os.scandir(folder) as it:
        for item in it:
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                continue
            if _ENTRY.fullmatch(item.name):
                entries.append((info.st_mtime, info.st_size, item.path))
            elif _TEMP.fullmatch(item.name) and info.st_mtime < stale:
                _remove(item.path)
    entries.sort(reverse=True)
    total = 0
    for count, (_, size, path) in enumerate(entries, 1):
        total += size
        if count > MAX_ENTRIES or total > MAX_TOTAL:
            _remove(path)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
