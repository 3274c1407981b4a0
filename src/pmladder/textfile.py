"""Read a user's text file (a catalogue or a profile) without surprises.

Every way a file can be unreadable (missing, a folder, too big, binary, not
UTF-8, empty) becomes one :class:`Unreadable` with a message that says what
to do; the caller turns it into its own error type.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat as st
import tempfile
import threading
from pathlib import Path


class Unreadable(Exception):
    """The file can't be used; ``message`` says why and how to fix it."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def read_bytes(path: Path, *, kind: str, hint: str, limit: int) -> bytes:
    """The bytes of ``path``, refusing folders and files over ``limit`` bytes before reading."""
    mib = limit // 1024 // 1024
    if "\x00" in str(path):
        raise Unreadable("a file name can't contain a NUL byte; check the path")
    try:
        if path.is_dir():
            raise Unreadable(f"is a folder, not a {kind} file; give the path of a .toml file")
        size = path.stat().st_size
        if size > limit:
            raise Unreadable(
                f"file is {size / 1024 / 1024:.0f} MiB; pmladder reads {kind}s up to {mib} MiB"
            )
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise Unreadable(f"no such file; check the path, or {hint}") from None
    except PermissionError:
        raise Unreadable("permission denied; make the file readable") from None
    except OSError as exc:
        raise Unreadable(f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > limit:  # it grew while we read it, or it is a device
        raise Unreadable(f"file is larger than {mib} MiB; pmladder reads {kind}s up to {mib} MiB")
    return data


def decode(data: bytes, *, kind: str, empty: str) -> str:
    """``data`` as text: UTF-8, not binary, not empty (``empty`` says what it should hold)."""
    if b"\x00" in data:
        raise Unreadable(f"is a binary file, not a TOML {kind}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Unreadable(
            f"is not UTF-8 text (byte {exc.start}, 0x{data[exc.start]:02x}); "
            "save it with the UTF-8 encoding",
            line,
        ) from None
    if not text.strip():
        raise Unreadable(f"is empty; {empty}")
    return text.removeprefix("\ufeff")


# --------------------------------------------------------------------------
# Writing: the one way pmladder writes a file the user named (export, --svg, assess's
# save, the site's pages); the cache replaces its own entries by name (see cache._replace)


class WriteRefused(Exception):
    """pmladder will not write there (the file exists, a folder, a dangling link...)."""

    def __init__(self, message: str, *, exists: bool = False) -> None:
        super().__init__(message)
        self.message = message
        #: Whether the refusal is only because the file exists (``overwrite`` would allow it).
        self.exists = exists


class WriteFailed(Exception):
    """The system failed the write (disk full, permission denied, name too long...)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_TEMP_PREFIX = ".pmladder-"
_TEMP_SUFFIX = ".tmp"


def write_file(path: Path, data: bytes, *, overwrite: bool, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` by pmladder's one policy for every file it writes.

    * A regular file is written whole or not at all: the bytes go to a short
      temporary name in the same folder, which is then renamed (``overwrite``)
      or hard-linked (refusing a file that appeared meanwhile) into place.  The
      temporary file is removed on any failure, on Ctrl-C and on SIGTERM, and
      its name does not grow with ``path``'s, so any name the file system
      takes can be written.
    * An existing file is replaced only with ``overwrite``; it keeps its permissions.
    * A special file (a terminal, ``/dev/null``, ``/dev/stdout``, a FIFO) is
      written through, never replaced; a pipe whose reader went away raises
      :class:`BrokenPipeError`, which the CLI ends quietly as for stdout.
    * A symbolic link is followed: its target is written (and replaced only
      with ``overwrite``), the link stays a link; a link to nothing is refused.

    ``mode`` sets a new file's permissions (default: 0666 less the umask).
    Raise :class:`WriteRefused` or :class:`WriteFailed`, each with a message.
    """
    if "\x00" in str(path):
        raise WriteRefused("a file name can't contain a NUL byte")
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
        if os.path.islink(path):
            raise WriteRefused(
                "is a symbolic link to a file that does not exist; pmladder does not "
                "create files through a dangling link"
            ) from None
    except OSError as exc:
        raise WriteFailed(_reason(exc)) from None
    if info is not None and st.S_ISDIR(info.st_mode):
        raise WriteRefused("is a folder; give a file name")
    if info is not None and (not st.S_ISREG(info.st_mode) or _is_stream(path)):
        _write_through(path, data)
        return
    if info is not None and not overwrite:
        raise WriteRefused("already exists", exists=True)
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    folder = target.parent
    if not folder.is_dir():
        raise WriteRefused(f"the folder {str(folder)!r} does not exist; create it first")
    if mode is None:
        mode = st.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    with _cleanup_on_terminate():
        _write_replacing(target, data, overwrite=overwrite, mode=mode)


def _write_replacing(target: Path, data: bytes, *, overwrite: bool, mode: int) -> None:
    temp: str | None = None
    try:
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=_TEMP_PREFIX,
                                        suffix=_TEMP_SUFFIX)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        if overwrite:
            os.replace(temp, target)
        else:
            try:
                os.link(temp, target)
            except FileExistsError:
                raise WriteRefused("already exists", exists=True) from None
            except OSError:  # no hard links here (some network and FAT file systems)
                with open(target, "xb") as out:
                    out.write(data)
                os.chmod(target, mode)
    except FileExistsError:
        raise WriteRefused("already exists", exists=True) from None
    except OSError as exc:
        raise WriteFailed(_reason(exc)) from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


_STREAM = re.compile(r"/dev/(?:stdout|stderr|fd/\d+)|/proc/(?:self|\d+)/fd/\d+")


def _is_stream(path: Path) -> bool:
    """``/dev/stdout``, ``/dev/fd/N``, ``/proc/self/fd/N``: an open file of the caller's
    (a shell redirection, say), written where it points even when that is a regular file."""
    return _STREAM.fullmatch(str(path.absolute())) is not None


def _write_through(path: Path, data: bytes) -> None:
    """Write into a special file as it is: never create, rename or replace it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOCTTY", 0))
    except OSError:
        try:  # some devices refuse O_TRUNC
            fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        except OSError as exc:
            raise WriteFailed(_reason(exc)) from None
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except BrokenPipeError:
        raise  # the reader went away (`-o /dev/stdout | head`): the caller ends quietly
    except OSError as exc:
        raise WriteFailed(_reason(exc)) from None
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    return str(exc.strerror or exc)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _Terminated(BaseException):
    """SIGTERM arrived while a temporary file existed."""


class _cleanup_on_terminate:
    """Turn SIGTERM (and SIGHUP) into an exception while a temporary file exists, so
    ``finally`` removes it; then die of the signal as if nothing had caught it."""

    def __enter__(self) -> None:
        self._saved: dict[int, object] = {}
        if threading.current_thread() is not threading.main_thread():
            return

        def handler(signum: int, frame: object) -> None:
            raise _Terminated(signum)

        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is None:
                continue
            previous = signal.getsignal(signum)
            if previous is signal.SIG_DFL:  # respect a handler someone else installed
                self._saved[signum] = previous
                signal.signal(signum, handler)

    def __exit__(self, kind: object, error: BaseException | None, tb: object) -> None:
        for signum, previous in self._saved.items():
            signal.signal(signum, previous)  # type: ignore[arg-type]
        if isinstance(error, _Terminated):
            os.kill(os.getpid(), int(error.args[0]))
