"""The installed program, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Invoke
from pmladder import __version__

SCRIPT = Path(sys.executable).with_name("pmladder")


def program() -> list[str]:
    """How to start the installed program: its script, else ``python -m pmladder``."""
    return [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "pmladder"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = program()
    full_env = {**os.environ, "COLUMNS": "100", **(env or {})}
    full_env.pop("PMLADDER_CATALOG", None)
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, env=full_env, timeout=60, check=False
    )


def test_console_script_is_installed() -> None:
    assert SCRIPT.exists(), "install the package (pip install -e .) so the pmladder script exists"


def test_path_apm_cpo_runs() -> None:
    result = run("path", "apm", "cpo")
    assert result.returncode == 0, result.stderr
    assert "Chief Product Officer" in result.stdout
    assert "Step 6:" in result.stdout
    assert result.stderr == ""


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pmladder", "--version"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"pmladder {__version__}"


def test_piped_output_has_no_colour_codes() -> None:
    result = run("show", "apm")
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout


def test_force_color_colours_and_no_color_wins() -> None:
    coloured = run("show", "apm", env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[" in coloured.stdout
    plain = run("show", "apm", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[1m" not in plain.stdout or "\x1b[3" not in plain.stdout


def test_json_parses_from_the_real_program() -> None:
    result = run("path", "apm", "cpo", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"]["steps"] == 6


@pytest.mark.parametrize(
    ("args", "code"),
    [(("show", "seniro-pm"), 2), (("path", "cpo", "apm"), 1), (("show",), 2),
     (("--catalog", "/nonexistent/ladder.toml", "list"), 3), (("frobnicate",), 2)],
)
def test_user_errors_exit_with_documented_codes_and_no_traceback(
    args: tuple[str, ...], code: int
) -> None:
    result = run(*args)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.skipif(sys.platform == "win32", reason="uses a POSIX shell pipe")
def test_broken_pipe_is_quiet() -> None:
    command = f"'{SCRIPT}' list | head -1"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=60,
        check=False, env={**os.environ, "COLUMNS": "100"},
    )
    assert "Traceback" not in result.stderr
    assert "BrokenPipe" not in result.stderr
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="uses a POSIX shell pipe")
@pytest.mark.parametrize("args", ["--help", "list --help", "-h", "list"])
def test_a_reader_gone_before_help_is_printed_is_success(args: str) -> None:
    # `true` exits without reading: every write pmladder makes finds the pipe closed.
    # Help is printed by Typer's own Rich console, which exits 1 on a closed pipe.
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"'{SCRIPT}' {args} | true"], capture_output=True,
        text=True, timeout=60, check=False, env={**os.environ, "COLUMNS": "100"},
    )
    assert result.stderr == ""
    assert result.returncode == 0


@pytest.mark.skipif(sys.platform == "win32", reason="uses a POSIX terminal")
@pytest.mark.parametrize("args", [["show", "nosuch-role-x"], ["lisst"]])
def test_error_lines_wrap_to_the_terminal_stderr_is_on(args: list[str]) -> None:
    # Output to a file, messages to a 40-column terminal: the lines fit that terminal.
    import fcntl
    import pty
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 40, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    try:
        result = subprocess.run([str(SCRIPT), *args], stdout=subprocess.DEVNULL, stderr=child,
                                env={**env, "NO_COLOR": "1"}, timeout=60, check=False)
        os.close(child)
        chunks = []
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the terminal's other end is closed: all was read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(main)
    lines = b"".join(chunks).decode().replace("\r", "").splitlines()
    assert result.returncode == 2
    assert [line for line in lines if line.startswith("hint: ")], lines
    assert max(len(line) for line in lines) <= 40, lines


@pytest.mark.parametrize("args", [
    ("search", "a", "--limit", "0", "--json"),  # more than a pipe holds at once
    ("search", "sql", "--limit", "1", "--json"),  # less than the stream's buffer
])
def test_the_whole_output_arrives_through_a_slow_pipe(
    invoke: Invoke, args: tuple[str, ...], tmp_path: Path
) -> None:
    # The program ends its process without the interpreter's teardown: every
    # byte must still reach a reader that takes its time.
    command = program()
    env = program_env(tmp_path)
    reader = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; time.sleep(0.5); "
         "sys.stdout.buffer.write(sys.stdin.buffer.read())"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    )
    writer = subprocess.run([*command, *args], stdout=reader.stdin, stderr=subprocess.PIPE,
                            env=env, timeout=60, check=False)
    received = reader.communicate(timeout=60)[0]  # closes our end of its input
    assert writer.returncode == 0, writer.stderr
    assert received.decode("utf-8") == invoke(*args).stdout


def program_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a user's run: standard output buffered as usual
    (PYTHONUNBUFFERED would write every line at once), a private cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PMLADDER_", "PYTHON"))}
    return {**env, "PMLADDER_CACHE_DIR": str(tmp_path / "cache")}


EXIT_PROBE = """
import atexit, sys
sys.argv = ["pmladder", *sys.argv[1:]]
atexit.register(lambda: print("exit handler ran", file=sys.stderr))
from pmladder.__main__ import main
main()
"""


@pytest.mark.parametrize(("args", "code"), [
    (["--version"], 0), (["show", "no-such-role"], 2), (["show"], 2), (["frobnicate"], 2),
])
def test_exit_handlers_run_and_the_exit_code_is_kept(
    args: list[str], code: int, tmp_path: Path
) -> None:
    env = program_env(tmp_path)
    done = subprocess.run([sys.executable, "-c", EXIT_PROBE, *args], capture_output=True,
                          text=True, env=env, timeout=60, check=False)
    assert done.returncode == code, done.stderr
    assert done.stderr.endswith("exit handler ran\n")
    assert "Traceback" not in done.stderr


def test_coverage_and_profilers_keep_their_data(tmp_path: Path) -> None:
    # They save it in the interpreter's teardown, which the program then keeps.
    env = program_env(tmp_path)
    coverage = subprocess.run(
        [sys.executable, "-m", "coverage", "run", "--data-file", str(tmp_path / "cov"),
         "-m", "pmladder", "--version"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60, check=False)
    assert coverage.returncode == 0, coverage.stderr
    assert (tmp_path / "cov").stat().st_size > 0
    profile = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(tmp_path / "prof"), "-m", "pmladder",
         "show", "apm", "--brief"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60, check=False)
    assert profile.returncode == 0, profile.stderr
    assert (tmp_path / "prof").stat().st_size > 0


def _shell(line: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``line`` run by the shell, with the program as ``$P``, as users redirect it."""
    return subprocess.run(["sh", "-c", line], capture_output=True, text=True, timeout=60,
                          env={**program_env(tmp_path), "P": shlex.join(program())},
                          check=False)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_an_error_message_that_cannot_be_written_keeps_its_exit_code(tmp_path: Path) -> None:
    assert _shell("$P show no-such-role 2>/dev/full", tmp_path).returncode == 2
    assert _shell("$P show no-such-role 2>&-", tmp_path).returncode == 2
    assert _shell("$P --catalog /no/such/file.toml list 2>/dev/full", tmp_path).returncode == 3


def test_a_profile_from_a_closed_standard_input_is_an_error_not_a_crash(
    tmp_path: Path
) -> None:
    done = _shell("$P assess - <&-", tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("error: <stdin>: cannot be read: standard input is closed")
    assert "Traceback" not in done.stderr


def test_version_to_a_reader_that_went_away_is_a_success(tmp_path: Path) -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        gone = subprocess.run([*program(), "--version"], stdout=write, stderr=subprocess.PIPE,
                              text=True, timeout=60, env=program_env(tmp_path), check=False)
    finally:
        os.close(write)
    assert gone.returncode == 0, gone.stderr
    assert gone.stderr == ""


INTERRUPT_WHILE_LOADING = """
import sys
sys.argv = ["pmladder", "show", "apm"]

class CtrlC:  # Ctrl-C lands while the program imports Typer, before the CLI runs
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, CtrlC())
from pmladder.__main__ import main
main()
"""


def test_ctrl_c_while_the_program_loads_is_130_with_one_line(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", INTERRUPT_WHILE_LOADING], capture_output=True,
                          text=True, env=program_env(tmp_path), timeout=60, check=False)
    assert done.returncode == 130, done.stderr
    assert done.stderr == "interrupted; nothing was saved\n"
    # Under a profiler the usual teardown stays, and the profile is saved
    # (cProfile itself turns every exit code into 0).
    probe = tmp_path / "probe.py"
    probe.write_text(INTERRUPT_WHILE_LOADING, encoding="utf-8")
    profiled = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(tmp_path / "prof"), str(probe)],
        capture_output=True, text=True, env=program_env(tmp_path), timeout=60, check=False)
    assert profiled.stderr == "interrupted; nothing was saved\n"
    assert (tmp_path / "prof").stat().st_size > 0
