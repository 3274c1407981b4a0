"""Run pmladder with a real terminal as its standard input, and type at its prompts.

(:mod:`on_a_terminal` gives it one as standard output instead.)

``assess --interactive`` asks questions only when standard input is a terminal.
Instead of pretending (patching the check), these tests give it one: a
pseudo-terminal, in a subprocess, as a person at a keyboard would.  Standard
output and error stay pipes, so the test reads them apart.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass

from conftest import interruptible
from on_a_terminal import fixed_environment

CTRL_C = "\x03"
"""Interrupts the program, as at a terminal (SIGINT)."""
CTRL_D = "\x04"
"""Ends the input at the start of a line, as at a terminal; later lines are read again."""


@dataclass(frozen=True)
class Session:
    """What one run at the terminal printed, and how it ended."""

    exit_code: int
    stdout: str
    stderr: str


def _own_the_terminal() -> None:
    """In the child: make standard input (the pty) its controlling terminal, so
    Ctrl-C reaches it as SIGINT.  It is a new session's leader already.

    SIGINT is put back to its default (see :func:`conftest.interruptible`).
    """
    interruptible()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _reading_its_input(pid: int) -> bool:
    """Whether process ``pid`` waits in a system call on descriptor 0, its standard
    input (``read(0, ...)``); true wherever Linux's ``/proc`` cannot tell.

    A prompt shows a moment before the program reads: a Ctrl-C typed in that
    moment can be lost.  CPython notes the signal, and the next place it checks
    for it is inside ``input()``, which discards the KeyboardInterrupt there
    (pmladder's ``sys.stdout`` wrapper runs Python code when ``input()`` asks it
    for its ``fileno``); or it checks no more before the ``read``, which waits on.
    A person cannot type that fast; the harness must not either.
    """
    try:
        with open(f"/proc/{pid}/syscall", encoding="ascii") as call:
            fields = call.read().split()  # "NR ARG1 ARG2 ...", or "running"
    except OSError:
        return True
    return fields[1:2] == ["0x0"]


def at_terminal(*args: str, script: Sequence[tuple[str, str]], timeout: float = 60) -> Session:
    """Run ``pmladder ARGS``; for each ``(prompt, keys)`` of ``script``, wait until
    ``prompt`` is asked on standard error and the program waits for an answer,
    then type ``keys``.

    Fails when a prompt is never asked, or the program is still running at ``timeout``.
    """
    keyboard, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "pmladder", *args], stdin=terminal, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env=fixed_environment({}), start_new_session=True,
        preexec_fn=_own_the_terminal,
    )
    os.close(terminal)
    assert process.stdout is not None
    assert process.stderr is not None
    out, err = process.stdout.fileno(), process.stderr.fileno()
    # The keyboard side reads back what the terminal echoes: read, so it never fills up.
    seen = {out: bytearray(), err: bytearray(), keyboard: bytearray()}
    watching = {out, err, keyboard}
    pending, asked_up_to = list(script), 0
    deadline = time.monotonic() + timeout
    try:
        while out in watching or err in watching:
            asked = False
            if pending:
                found = seen[err].find(pending[0][0].encode(), asked_up_to)
                asked = found >= 0
                if asked and _reading_its_input(process.pid):
                    asked_up_to = found + len(pending[0][0].encode())
                    os.write(keyboard, pending.pop(0)[1].encode())
                    continue
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"still running, waiting for {pending[:1]}; stderr so far:\n"
                                     + seen[err].decode(errors="replace"))
            wait = min(left, 0.002) if asked else left  # asked, not reading yet: look again soon
            for fd in select.select(list(watching), [], [], wait)[0]:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # the terminal's side closes with the program
                    chunk = b""
                seen[fd] += chunk
                if not chunk:
                    watching.discard(fd)
    finally:
        if process.poll() is None:
            process.kill()
        code = process.wait()
        process.stdout.close()
        process.stderr.close()
        os.close(keyboard)
    assert not pending, f"never asked {pending[0][0]!r}; stderr:\n{seen[err].decode()}"
    return Session(code, seen[out].decode(), seen[err].decode())
