"""Long pages through a pager on a terminal, as git does; never when piped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping

PAGER_VAR = "PMLADDER_PAGER"
"""Pager for long pages, before ``PAGER``; set empty to never page."""
DEFAULT_PAGER = "less -FRX"
"""Used when neither variable is set and ``less`` is installed: -F prints a page
that fits the screen as it is, -R keeps colours, -X leaves it on screen on exit."""


def pager_command(environ: Mapping[str, str], *, terminal: bool, enabled: bool) -> str | None:
    """The pager for a long page, or ``None`` to print straight to stdout.

    Never when stdout is not a ``terminal`` (piped, redirected), when not
    ``enabled`` (``--no-pager``), with ``TERM=dumb``, or with ``PMLADDER_PAGER``
    (else ``PAGER``) set empty or to ``cat``. Without either variable,
    ``less -FRX`` when ``less`` is on the ``PATH``.
    """
    if not enabled or not terminal or environ.get("TERM", "") == "dumb":
        return None
    command = environ.get(PAGER_VAR)
    if command is None:
        command = environ.get("PAGER")
    if command is None:
        command = DEFAULT_PAGER if shutil.which("less", path=environ.get("PATH")) else ""
    command = command.strip()
    return None if command in ("", "cat") else command


def run_pager(command: str, page: str) -> bool:
    """Show ``page`` through ``command`` (run by the shell, as git does).

    Returns False when the pager could not be started, so the caller prints
    the page itself.
    """
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    sys.stdout.flush()
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(page.encode(sys.stdout.encoding or "utf-8", "replace"))
        process.stdin.close()
    except OSError:
        pass  # the reader quit before the end of the page: that is fine
    while True:
        try:
            code = process.wait()
            break
        except KeyboardInterrupt:
            continue  # Ctrl-C belongs to the pager while it runs, as in git
    # The shell's "command not found": fall back to printing the page.
    return code != 127
