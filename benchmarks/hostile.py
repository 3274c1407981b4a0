"""Bounded work on hostile but small files: each case within its stated bound.

Each case writes a catalogue a hostile or unlucky user could hand pmladder
(all under the 64 MiB file limit), runs one command on it as a fresh process
(``sys.executable -m pmladder``, no cache), and measures the wall time and
the peak memory of that process.  The bounds are the ones stated in
docs/catalogue-format.md ("Bounded work"); the figures in the comments are
what the same cases cost before they were bounded:

* 2,000 moves to roles that don't exist (394 KB): ``validate``
  (was 187 s: a did-you-mean against every id for every bad move);
* a chain of 40,000 lateral moves (8 MB): ``path r0 r39999``
  (was over 5.7 GB: every role's route kept as a whole tuple of ids);
* ``compare`` of 10 roles on 10,000 generated roles, and 11 roles refused
  (80 roles took 154 s: a route search per pair, no cap);
* a million keys in one table (13 MB): ``validate``
  (was 60 s, 2.2 GB and a million printed lines; finding the problem's line
  now scans only as far as the problem);
* ``COLUMNS=1`` and ``COLUMNS=2`` for every drawing and table command
  (``ladder`` never ended, growing by ~7 MB/s).

    python benchmarks/hostile.py                 # every case, bounds checked
    python benchmarks/hostile.py --keep /tmp/hostile

The exit status is 1 when a case breaks its bound.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate_catalog_text

MIB = 1024 * 1024

_HEAD = """format_version = 1
name = "Hostile"

[scale]
name = "Skill"
levels = [
  { id = "low", name = "Low", description = "Needs help." },
  { id = "high", name = "High", description = "Teaches others." },
]

[[tracks]]
id = "t"
name = "Track"

[[levels]]
rank = 1
name = "One"
"""


def _role(role_id: str, moves: str = "") -> str:
    return (f'\n[[roles]]\nid = "{role_id}"\ntitle = "Role {role_id}"\ntrack = "t"\nlevel = 1\n'
            f'summary = "A role."\nresponsibilities = ["Work."]\n{moves}')


def bad_moves(count: int) -> str:
    """One role with ``count`` moves to roles that don't exist, among ``count`` real roles."""
    moves = "".join(f'\n[[roles.moves]]\nto = "reel-{i:05d}"\nkind = "lateral"\n'
                    for i in range(count))
    return _HEAD + _role("hub", moves) + "".join(_role(f"real-{i:05d}") for i in range(count))


def chain(count: int) -> str:
    """A valid chain r0 -> r1 -> ... of lateral moves, ``count`` roles long."""
    parts = [_HEAD]
    for i in range(count):
        move = (f'\n[[roles.moves]]\nto = "r{i + 1}"\nkind = "lateral"\ntypical_years = 0.5\n'
                if i + 1 < count else "")
        parts.append(_role(f"r{i}", move))
    return "".join(parts)


def many_keys(count: int) -> str:
    """A catalogue whose [scale] table has ``count`` extra keys."""
    head = _HEAD.replace('name = "Skill"\n', 'name = "Skill"\n'
                         + "".join(f"k{i} = 1\n" for i in range(count)), 1)
    return head + _role("only")


@dataclass(frozen=True)
class Case:
    label: str
    make: Callable[[], str]
    args: Callable[[Path], list[str]]
    seconds: float
    """Bound on the wall time, on a loaded two-core machine."""
    mib: int
    """Bound on the peak memory of the process."""
    expect: int
    max_lines: int | None = None
    env: tuple[tuple[str, str], ...] = ()
    warm: bool = False
    """Run once before measuring, with a private cache, to time the command, not the load."""


def _generated(roles: int) -> Callable[[], str]:
    return lambda: generate_catalog_text(roles, seed=7)


def _compare(count: int) -> Callable[[Path], list[str]]:
    def args(file: Path) -> list[str]:
        import re

        text = file.read_text(encoding="utf-8")
        ids = re.findall(r'^"?id"? = "([a-z]+-l\d+-r\d+)"', text, re.M)
        roles = ids[:: max(len(ids) // count, 1)][:count]  # spread over the ladder
        return ["--catalog", str(file), "compare", *roles, "--json"]

    return args


def _nothing() -> str:
    return ""


def _fixed(command: tuple[str, ...]) -> Callable[[Path], list[str]]:
    return lambda file: list(command)


_TEN_K = _generated(10_000)

CASES = [
    Case("validate: 2,000 moves to nowhere", lambda: bad_moves(2_000),
         lambda f: ["validate", str(f)], 5, 300, 3, max_lines=110),
    Case("path: 40,000-move chain", lambda: chain(40_000),
         lambda f: ["--catalog", str(f), "path", "r0", "r39999", "--json"], 45, 800, 0),
    Case("validate: 1,000,000 keys in a table", lambda: many_keys(1_000_000),
         lambda f: ["validate", str(f)], 15, 400, 3, max_lines=5),
    Case("compare: 10 roles of 10,000 (warm cache)", _TEN_K, _compare(10), 5, 400, 0,
         warm=True),
    Case("compare: 11 roles refused", _TEN_K, _compare(11), 2, 200, 2),
    *(
        Case(f"COLUMNS={width} {' '.join(command)}", _nothing, _fixed(command),
             5, 200, 0, env=(("COLUMNS", str(width)),))
        for width in (1, 2)
        for command in (("ladder",), ("list",), ("show", "apm"), ("path", "apm", "cpo"),
                        ("compare", "pm", "tpm", "growth-pm"), ("search", "roadmap"))
    ),
]

_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
    "took = time.perf_counter() - start\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "lines = (done.stdout + done.stderr).count(b'\\n')\n"
    "print(done.returncode, took, peak, lines)\n"
)


@dataclass(frozen=True)
class Measured:
    code: int
    seconds: float
    mib: float
    lines: int


def measure(args: list[str], env: dict[str, str], timeout: float) -> Measured | None:
    """Run ``python -m pmladder ARGS``; ``None`` when it outlives ``timeout``."""
    command = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "pmladder", *args]
    try:
        out = subprocess.run(command, capture_output=True, text=True, env=env,
                             timeout=timeout, check=True).stdout.split()
    except subprocess.TimeoutExpired:
        return None
    return Measured(int(out[0]), float(out[1]), int(out[2]) / 1024, int(out[3]))


def run(folder: Path, cases: list[Case]) -> bool:
    env = {**os.environ, "PMLADDER_NO_CACHE": "1", "COLUMNS": "100"}
    env.pop("PMLADDER_CATALOG", None)
    made: dict[Callable[[], str], Path] = {}
    ok = True
    print(f"{'case':44} {'size':>8} {'time':>8} {'bound':>7} {'memory':>9} {'bound':>8}  result")
    for case in cases:
        file = made.get(case.make)
        if file is None:
            file = folder / f"case-{len(made)}.toml"
            file.write_text(case.make(), encoding="utf-8")
            made[case.make] = file
        case_env = {**env, **dict(case.env)}
        if case.warm:
            case_env.pop("PMLADDER_NO_CACHE")
            case_env["PMLADDER_CACHE_DIR"] = str(folder / "cache")
            measure(case.args(file), case_env, timeout=300)
        got = measure(case.args(file), case_env, timeout=case.seconds * 3)
        size = f"{file.stat().st_size / MIB:.1f}MB" if file.stat().st_size else "-"
        if got is None:
            print(f"{case.label:44} {size:>8} {'>' + str(case.seconds * 3):>8}s "
                  f"{case.seconds:>6}s {'?':>9} {case.mib:>6}MB  FAIL (did not finish)")
            ok = False
            continue
        problems = []
        if got.code != case.expect:
            problems.append(f"exit {got.code}, expected {case.expect}")
        if got.seconds > case.seconds:
            problems.append("too slow")
        if got.mib > case.mib:
            problems.append("too much memory")
        if case.max_lines is not None and got.lines > case.max_lines:
            problems.append(f"{got.lines} lines printed")
        ok = ok and not problems
        print(f"{case.label:44} {size:>8} {got.seconds:>7.2f}s {case.seconds:>6}s "
              f"{got.mib:>7.0f}MB {case.mib:>6}MB  {'; '.join(problems) or 'PASS'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="write the catalogues here and keep them")
    parser.add_argument("--only", help="run only the cases whose label contains this")
    parser.add_argument("--json", action="store_true", help="print the cases as JSON and stop")
    options = parser.parse_args()
    cases = [c for c in CASES if not options.only or options.only in c.label]
    if options.json:
        print(json.dumps([{"case": c.label, "seconds": c.seconds, "mib": c.mib} for c in cases]))
        return 0
    if options.keep:
        options.keep.mkdir(parents=True, exist_ok=True)
        return 0 if run(options.keep, cases) else 1
    with tempfile.TemporaryDirectory(prefix="pmladder-hostile-") as folder:
        start = time.perf_counter()
        ok = run(Path(folder), cases)
        print(f"total {time.perf_counter() - start:.0f}s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
