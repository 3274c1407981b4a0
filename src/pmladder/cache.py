"""A content-keyed cache of validated catalogues, so start-up skips validation.

Validating a catalogue means building pydantic's validators and running them;
for a file that has not changed since the last run that work gives the same
answer again.  The cache stores the validated data under a BLAKE2 hash of the
file's exact bytes (plus pmladder's and Python's versions), so:

* it never serves stale data: a changed file has another key;
* two runs racing are safe: each writes a private temporary file and renames
  it into place atomically, and a reader sees either no entry or a whole one;
* a damaged or foreign entry is ignored and rewritten, never trusted: an
  entry is a small index, read whole, then one record per role, read only
  when that role is needed (a ``path`` over 10,000 roles reads a handful).
  The index carries a BLAKE2 digest bound to its key and each record's
  digest; each is checked *before* anything is decoded.  The folder and the
  entry must belong to the current user and be writable by nobody else (as
  ssh insists for its keys); and the caller checks the decoded shape before
  using it;
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
import gc
import marshal
import os
import re
import stat
import sys
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from . import __version__

FORMAT = 4
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
_MAGIC = b"pmladder\x03"
_DIGEST = 32
_LENGTH = 8
_HEAD = len(_MAGIC) + _DIGEST + _LENGTH
"""An entry starts: magic, the index's seal, the index's length; then the index, then
the records, one after another."""
_RECORD_DIGEST = 16
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


def account_home() -> str | None:
    """The home folder the user account names, or ``None`` when it has no entry."""
    try:
        import pwd  # absent on Windows, hence inside the try

        return pwd.getpwuid(os.getuid()).pw_dir
    except (ImportError, KeyError, OSError):
        return None


def home_folder(
    env: Any, account: Callable[[], str | None] = account_home
) -> str | None:
    """The home folder (``HOME``, else the ``account``'s), or ``None`` when there is no
    usable one (never raises)."""
    home: str | None = env.get("HOME")
    if home is None:
        home = account()
        if home is None:
            return None
    if not os.path.isabs(home) or os.path.dirname(home) == home:  # "" or "/"
        return None
    return home


def key(content: bytes, kind: str = "") -> str:
    """The entry name for ``content`` (a catalogue's exact bytes) read as ``kind``."""
    digest = blake2b(content, digest_size=32, person=b"pmladder-cache")
    digest.update(f"\n{kind}\n{_SALT}".encode())
    return digest.hexdigest()


def _seal(name: str, payload: bytes | memoryview) -> bytes:
    """The index's digest, bound to its entry's name so a copied entry fails."""
    return blake2b(payload, digest_size=_DIGEST, key=bytes.fromhex(name)[:32],
                   person=b"pmladder-entry").digest()


def _record_digest(record: bytes) -> bytes:
    return blake2b(record, digest_size=_RECORD_DIGEST, person=b"pmladder-record").digest()


def _read_at(fd: int, length: int, offset: int) -> bytes:
    """Up to ``length`` bytes of the open file from ``offset``."""
    if hasattr(os, "pread"):
        return os.pread(fd, length, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # pragma: no cover - systems without pread (Windows)
    return os.read(fd, length)  # pragma: no cover


def _private(info: os.stat_result) -> bool:
    """Owned by the current user and writable by nobody else."""
    uid = os.geteuid() if hasattr(os, "geteuid") else info.st_uid
    return info.st_uid == uid and not info.st_mode & 0o022


class Entry:
    """A trustworthy entry: its index, read whole and checked against its seal
    before it was decoded, and its records, each read only when asked for and
    checked against the digest the sealed index holds for it.

    The entry's file stays open, so a run racing to replace it changes nothing
    this one reads; a record that fails its check reads as ``None``.
    """

    __slots__ = ("__weakref__", "_fd", "_spans", "index")

    def __init__(self, fd: int, index: Any, spans: list[tuple[int, int, bytes]]) -> None:
        self._fd = fd
        self._spans = spans
        weakref.finalize(self, os.close, fd)  # when no role is left to read, or at exit
        #: What :func:`put` stored as the index.
        self.index = index

    def __len__(self) -> int:
        return len(self._spans)

    def record(self, number: int) -> bytes | None:
        """Record ``number`` as :func:`put` stored it, or ``None`` when it is damaged."""
        offset, length, digest = self._spans[number]
        try:
            data = _read_at(self._fd, length, offset)
        except OSError:
            return None
        if len(data) != length or _record_digest(data) != digest:
            return None
        return data


def get(content: bytes, kind: str = "") -> Entry | None:
    """The entry stored for ``content``, or ``None`` when there is no trustworthy one."""
    folder = directory()
    if folder is None:
        return None
    name = key(content, kind)
    try:
        info = os.stat(folder)
        if not stat.S_ISDIR(info.st_mode) or not _private(info):
            return None
        # Never follow a link, and never block on a FIFO planted under an entry's name.
        fd = os.open(folder / f"{name}{_SUFFIX}",
                     os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > MAX_TOTAL:
            raise ValueError("not a private regular file of a possible size")
        entry = _open_entry(fd, name, info.st_size)
        _touch(fd)
    except (OSError, EOFError, ValueError, TypeError, MemoryError, RecursionError):
        os.close(fd)
        return None
    return entry


def _open_entry(fd: int, name: str, size: int) -> Entry:
    """Read and check an entry's index; raise ``ValueError`` when anything is off."""
    head = _read_at(fd, _HEAD, 0)
    length = int.from_bytes(head[-_LENGTH:], "little") if len(head) == _HEAD else -1
    if not head.startswith(_MAGIC) or not 0 < length <= size - _HEAD:
        raise ValueError("not an entry")
    body = _read_at(fd, length, _HEAD)
    if len(body) != length or _seal(name, body) != head[len(_MAGIC):len(_MAGIC) + _DIGEST]:
        raise ValueError("the index is not the one sealed")
    index, table = marshal.loads(body)
    spans: list[tuple[int, int, bytes]] = []
    offset = _HEAD + length
    if type(table) is not list:
        raise ValueError("no table of records")
    for item in table:
        if not (type(item) is tuple and len(item) == 2 and type(item[0]) is int
                and item[0] >= 0 and type(item[1]) is bytes):
            raise ValueError("a bad record span")
        spans.append((offset, item[0], item[1]))
        offset += item[0]
    if offset != size:
        raise ValueError("the records do not fill the entry")
    return Entry(fd, index, spans)


@contextlib.contextmanager
def paused_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while an entry is decoded and checked
    (:mod:`pmladder.catalog` opens every entry inside it).

    The index of 10,000 roles is some 50,000 lists and tuples; every few hundred
    made start a collection, and some of those walk every object the run holds.
    Decoded entries hold no cycles, so those collections free nothing: paused,
    a cached load of 10,000 roles takes ~25 ms less here. Nothing is lost:
    reference counting still frees what is dropped, and the collector resumes after.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _touch(fd: int) -> None:
    """Mark the open entry as used just now, for least-recently-used pruning."""
    if os.utime in os.supports_fd:
        with contextlib.suppress(OSError):
            os.utime(fd)


def put(content: bytes, index: Any, records: Sequence[bytes] = (), *, kind: str = "",
        limit: int = MAX_TOTAL) -> None:
    """Store ``index`` and ``records`` for ``content`` read as ``kind``; any failure
    just leaves no entry.  Entries are kept to ``limit`` bytes in all (see :func:`prune`)."""
    folder = directory()
    if folder is None:
        return
    name = key(content, kind)
    try:
        body = marshal.dumps((index, [(len(r), _record_digest(r)) for r in records]))
        if _HEAD + len(body) + sum(map(len, records)) > limit:
            return
        if not _own_folder(folder):
            return
        head = _MAGIC + _seal(name, body) + len(body).to_bytes(_LENGTH, "little")
        _replace(folder / f"{name}{_SUFFIX}", [head, body, *records])
        prune(folder, limit)
    except (OSError, ValueError, MemoryError):
        return


def _replace(entry: Path, data: Sequence[bytes]) -> None:
    """Put the pieces of ``data`` at ``entry`` by renaming a new private file over the name.

    Not :func:`pmladder.textfile.write_file`, which follows links and writes
    through special files for a user's chosen output: here whatever sits under
    the entry's name (a link, a FIFO, a device) is replaced as a name, never
    opened, so nothing outside the folder is ever written.
    """
    import tempfile  # only when an entry is written; a Tab reads the cache, never writes

    handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as out:
            os.fchmod(out.fileno(), 0o600)
            out.writelines(data)
        os.replace(temp, entry)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _own_folder(folder: Path) -> bool:
    """Create the folder private (0700); refuse one that is not ours alone.

    A folder that already exists is never changed (it may be the user's own,
    named by ``PMLADDER_CACHE_DIR``): entries are private files in it anyway.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    info = os.lstat(folder)
    return stat.S_ISDIR(info.st_mode) and _private(info)


def prune(folder: Path, limit: int = MAX_TOTAL) -> None:
    """Keep at most :data:`MAX_ENTRIES` entries and ``limit`` bytes, newest used first.

    Temporary files a killed run left behind for over an hour go too.  Only
    names pmladder itself makes are ever touched (``<64 hex>.marshal`` and
    ``.pmladder-XXXXXXXX.tmp``), and only regular files: the folder may be the
    user's own.
    """
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
        if count > MAX_ENTRIES or total > limit:
            _remove(path)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
