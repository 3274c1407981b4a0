"""Entry point for ``pmladder`` and ``python -m pmladder``."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from typing import NoReturn


def main() -> NoReturn:
    """Run the CLI as a program, then end the process (see :func:`leave`)."""
    try:
        from .cli import run
    except KeyboardInterrupt:
        # Ctrl-C while the program loads, before the CLI can handle it: nothing ran.
        with contextlib.suppress(Exception):
            sys.stderr.write("interrupted; nothing was saved\n")
        _end(130)
    try:
        run()
    except SystemExit as done:
        _end(done.code)


def _end(code: int | str | None) -> NoReturn:
    if sys.gettrace() is not None or sys.getprofile() is not None:
        sys.exit(code)  # coverage or a profiler saves its data in the usual teardown
    leave(code)


def leave(code: int | str | None) -> NoReturn:
    """End the process with ``code`` as :func:`sys.exit` would, without the
    interpreter's teardown.

    Teardown frees every object and module one by one, for memory the system
    takes back at once anyway: 7% of a cached ``show``'s instructions, and
    more of its wall time (``benchmarks/startup.py`` gives its floor the same
    ending, so its ratios measure pmladder's own work). What of teardown
    matters is done here: the exit handlers run (they close the cache entry),
    then the standard streams are flushed. A failure to flush at this point
    (only an exit handler could have written since the command's output was
    flushed and checked) is ignored.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message") prints the message and exits 1
        status = 1
        with contextlib.suppress(Exception):
            sys.stderr.write(f"{code}\n")
    try:
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
    except KeyboardInterrupt:
        status = 130
    os._exit(status & 0xFF)


if __name__ == "__main__":
    main()
