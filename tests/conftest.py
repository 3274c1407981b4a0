"""Shared fixtures: the real CLI in-process at a fixed width, and the catalogues."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from pmladder.cli import app

DATA = Path(__file__).parent / "data"
TINY = DATA / "tiny.toml"
SNAPSHOT_CATALOG = DATA / "snapshot.toml"
"""The catalogue the layout snapshots render: only tests change it, never the bundled content."""
ROOT = Path(__file__).parent.parent
BUNDLED = ROOT / "src" / "pmladder" / "data" / "catalog.toml"

# A fixed, colourless terminal so rendered tables are the same on every machine.
FIXED_ENV = {
    "COLUMNS": "100",
    "LINES": "50",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "FORCE_COLOR": None,
    "PMLADDER_CATALOG": None,
}

Invoke = Callable[..., Result]

# Hypothesis profiles: a small, fast default for every run of the test command, and
# a deep one for hunting bugs by hand: PMLADDER_HYPOTHESIS_PROFILE=deep pytest.
# Tests size their examples with examples(), so one variable scales them all.
settings.register_profile("default", deadline=None)
settings.register_profile("deep", deadline=None, max_examples=1000)
PROFILE = os.environ.get("PMLADDER_HYPOTHESIS_PROFILE", "default")
settings.load_profile(PROFILE)
DEEP_FACTOR = 20


def examples(default: int) -> int:
    """How many examples a property test runs: ``default``, or 20 times it when deep."""
    return default * DEEP_FACTOR if PROFILE == "deep" else default


def interruptible() -> None:
    """In a child process before it starts (``preexec_fn``): Ctrl-C back to its default.

    A shell without job control (a script, CI, ``pytest &``) starts background
    jobs with SIGINT ignored, every child inherits that, and Python keeps an
    ignored SIGINT ignored: a test's SIGINT would then never arrive, and the
    test would hang or see the command finish.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def missing(why: str) -> NoReturn:
    """Something a test needs is not on this machine: skip here, but fail in CI
    (``CI=true``), where ``.ci/run`` installs it: a check that silently never
    runs is no check."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{why}; .ci/run should have installed it")
    pytest.skip(why)


def require_tool(name: str, package: str) -> str:
    """The path of an outside program a test needs (Graphviz's ``dot``, ``rsvg-convert``...),
    or :func:`missing` naming the Debian ``package`` that provides it."""
    found = shutil.which(name)
    if found is None:
        missing(f"{name} is not installed (Debian package: {package})")
    return found


# Keep the validated-catalogue cache out of the real home folder from the very
# start: some test modules load a catalogue while they are imported, before any
# fixture runs.  Each test then gets the session's folder again (below).
TEST_CACHE = Path(tempfile.mkdtemp(prefix="pmladder-test-cache-"))
os.environ["PMLADDER_CACHE_DIR"] = str(TEST_CACHE)
os.environ.pop("PMLADDER_NO_CACHE", None)
atexit.register(shutil.rmtree, TEST_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_cwd(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run every test from an empty folder, so no stray pmladder.toml is discovered."""
    folder = tmp_path_factory.mktemp("cwd")
    (folder / ".git").mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.delenv("PMLADDER_CATALOG", raising=False)
    # Keep the validated-catalogue cache out of the real home folder.
    monkeypatch.setenv("PMLADDER_CACHE_DIR", str(TEST_CACHE))
    monkeypatch.delenv("PMLADDER_NO_CACHE", raising=False)


@pytest.fixture
def invoke() -> Invoke:
    """Run the CLI in-process: ``invoke("show", "apm", env={...})``."""

    def run(
        *args: str, env: dict[str, str | None] | None = None, input: str | None = None
    ) -> Result:
        runner = CliRunner()
        merged = {**FIXED_ENV, **(env or {})}
        return runner.invoke(app, list(args), env=merged, input=input, catch_exceptions=False)

    return run


def lines(text: str) -> Sequence[str]:
    return [line.rstrip() for line in text.splitlines()]


SNAPSHOTS = Path(__file__).parent / "snapshots"


def assert_snapshot(name: str, text: str) -> None:
    """Compare rendered output with ``tests/snapshots/NAME``.

    Set ``PMLADDER_UPDATE_SNAPSHOTS=1`` to (re)write the file after a deliberate
    change of layout; the diff then shows in review. A missing snapshot fails:
    a test that writes its own expectation proves nothing.
    """
    import os

    path = SNAPSHOTS / name
    normalised = "\n".join(lines(text)) + "\n"
    if os.environ.get("PMLADDER_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(normalised, encoding="utf-8")
        return
    if not path.exists():
        raise AssertionError(
            f"snapshot {name} is missing; create it with PMLADDER_UPDATE_SNAPSHOTS=1 and review it"
        )
    expected = path.read_text(encoding="utf-8")
    assert normalised == expected, f"output differs from tests/snapshots/{name}"
