"""Run pmladder as a program whose standard output is a real terminal (a pty).

CliRunner's output is never a terminal, so what pmladder does only on one
(paging, wrapping a one-line result) is tested here for real, in a subprocess.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from typing import NamedTuple

from conftest import FIXED_ENV


class Run(NamedTuple):
    exit_code: int
    stdout: str
    """What reached the terminal, with its line ends as written (``\\n``)."""
    stderr: str


def fixed_environment(env: dict[str, str | None]) -> dict[str, str]:
    """This process's environment with the usual fixed test settings, changed by
    ``env`` (``None`` removes a variable)."""
    merged = dict(os.environ)
    for name, value in {**FIXED_ENV, **env}.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = value
    return merged


def on_a_terminal(*args: str, env: dict[str, str | None]) -> Run:
    """Run ``pmladder ARGS`` with stdout on a pty, in the usual fixed test
    environment changed by ``env`` (``None`` removes a variable)."""
    merged = fixed_environment(env)
    leader, follower = pty.openpty()
    try:
        done = subprocess.Popen(
            [sys.executable, "-m", "pmladder", *args], env=merged, stdin=subprocess.DEVNULL,
            stdout=follower, stderr=subprocess.PIPE,
        )
    finally:
        os.close(follower)
    shown = bytearray()
    while True:  # read as it comes: a pty holds only a few kilobytes
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: every writer closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert done.stderr is not None
    errors = done.stderr.read().decode("utf-8")
    code = done.wait(timeout=60)
    return Run(code, shown.decode("utf-8").replace("\r\n", "\n"), errors)
