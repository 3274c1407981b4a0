"""When the output can't be written, or the user interrupts: one line and a documented code.

These run pmladder as a program, since only a real process has a full disk,
a closed descriptor or a terminal encoding that is not UTF-8.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import interruptible
from pmladder.errors import ExitCode


def shell(command: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``pmladder ...`` (as ``python -m pmladder``) through sh, for redirections."""
    program = f"'{sys.executable}' -m pmladder"
    full_env = {**os.environ, "COLUMNS": "80", **env}
    full_env.pop("PMLADDER_CATALOG", None)
    return subprocess.run(["sh", "-c", command.replace("pmladder", program, 1)],
                          capture_output=True, text=True, env=full_env, cwd=tmp_path,
                          timeout=60)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", ["list", "list --json", "export", "schema", "path apm cpo"])
def test_a_full_disk_is_one_line_and_exit_4(tmp_path: Path, args: str) -> None:
    done = shell(f"pmladder {args} > /dev/full", tmp_path)
    assert done.returncode == ExitCode.CANNOT_WRITE, done.stderr
    assert done.stderr == "error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("args", ["list", "list --json", "export", "schema", "show apm"])
def test_a_closed_stdout_is_one_line_and_exit_4(tmp_path: Path, args: str) -> None:
    done = shell(f"pmladder {args} >&-", tmp_path)
    assert done.returncode == ExitCode.CANNOT_WRITE, done.stderr
    assert done.stderr == "error: cannot write the output: standard output is closed\n"


def test_a_closed_stderr_keeps_the_exit_code(tmp_path: Path) -> None:
    assert shell("pmladder show nosuch 2>&-", tmp_path).returncode == ExitCode.USAGE
    assert shell("pmladder show apm 2>&-", tmp_path).returncode == 0


def test_a_closed_reader_is_still_success(tmp_path: Path) -> None:
    done = shell("pmladder list | head -1", tmp_path)
    assert done.returncode == 0
    assert done.stderr == ""


@pytest.mark.parametrize(
    "env", [{"PYTHONIOENCODING": "latin-1"}, {"LC_ALL": "C", "PYTHONUTF8": "0", "LANG": "C"}]
)
@pytest.mark.parametrize("args", ["list", "show apm", "path apm cpo", "compare pm tpm",
                                  "ladder", "search roadmap", "list --json"])
def test_output_that_is_not_utf8_never_crashes(
    tmp_path: Path, env: dict[str, str], args: str
) -> None:
    done = shell(f"pmladder {args}", tmp_path, **env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout


def _interrupt(child: subprocess.Popen[str]) -> str:
    """Ctrl-C until ``child`` ends (at most a minute); its standard error.

    One SIGINT can land after Python last checked for signals but before the
    ``read`` of the catalogue blocks: CPython then notes it, and the read waits
    on.  A person presses Ctrl-C again; so does this.
    """
    deadline = time.monotonic() + 60
    while True:
        child.send_signal(signal.SIGINT)
        try:
            return child.communicate(timeout=1)[1]
        except subprocess.TimeoutExpired:
            assert time.monotonic() < deadline, "pmladder ignored Ctrl-C for a minute"


def test_ctrl_c_anywhere_is_130_with_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "catalog.toml"
    os.mkfifo(fifo)  # reading the catalogue waits for a writer: a moment to interrupt
    env = {**os.environ, "COLUMNS": "80", "PMLADDER_CATALOG": str(fifo)}
    with subprocess.Popen([sys.executable, "-m", "pmladder", "list"], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          preexec_fn=interruptible) as child:
        writer = None
        deadline = time.monotonic() + 60
        while writer is None:  # opening our end succeeds once pmladder has opened its own
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            assert time.monotonic() < deadline, "pmladder never opened the catalogue"
            try:
                writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # ENXIO: no reader yet
                time.sleep(0.01)
        try:
            stderr = _interrupt(child)
        finally:
            os.close(writer)
    assert child.returncode == ExitCode.INTERRUPTED, stderr
    assert stderr == "interrupted; nothing was saved\n"
