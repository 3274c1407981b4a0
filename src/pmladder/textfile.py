"""Read a user's text file (a catalogue or a profile) without surprises.

Every way a file can be unreadable (missing, a folder, too big, binary, not
UTF-8, empty) becomes one :class:`Unreadable` with a message that says what
to do; the caller turns it into its own error type.
"""

from __future__ import annotations

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
