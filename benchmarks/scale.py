"""How pmladder scales: 1,000 against 10,000 generated roles, side by side.

Generates both catalogues (``benchmarks/generate.py``) into a temporary folder,
then runs each command on each catalogue, alternating sizes and order every
round, with ``pmladder --catalog FILE ...`` (the script pip installed for
``sys.executable``, as ``benchmarks/startup.py`` finds it).  Prints the
median wall times, the 10k/1k ratio, and the targets from issue 5:

* ``path`` on 10,000 roles: median < 0.6 s
* ``path`` 10k / 1k: <= 12x (nothing quadratic)

``show``, ``list --json`` and ``validate`` (when the command exists) are shown
for information.  Then, in this process, the phases of loading the 10,000-role
catalogue are timed one by one, to show where the time goes.

    python benchmarks/scale.py               # 10 rounds
    python benchmarks/scale.py --rounds 15 --keep /tmp/ladders
    python benchmarks/scale.py --phases-only

The exit status is 1 when a target fails.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

# Run as a script (`python benchmarks/scale.py`): make `benchmarks` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import DEFAULT_SEED, Generated, write_catalog
from benchmarks.startup import bench_env, entry_point

SMALL, LARGE = 1_000, 10_000
PATH_LIMIT = 0.6
RATIO_LIMIT = 12.0

T = TypeVar("T")


@dataclass(frozen=True)
class Command:
    label: str
    args: Callable[[Path, Generated], list[str]]
    """pmladder arguments for a catalogue file and what the generator made."""
    expect: int = 0


def _path(file: Path, g: Generated) -> list[str]:
    return ["--catalog", str(file), "path", g.bottom, g.top]


def _show(file: Path, g: Generated) -> list[str]:
    return ["--catalog", str(file), "show", g.top]


def _list_json(file: Path, g: Generated) -> list[str]:
    return ["--catalog", str(file), "list", "--json"]


def _validate(file: Path, g: Generated) -> list[str]:
    return ["validate", str(file)]


EXTRA_ENV: dict[str, str] = {}
"""Added to every run: a private cache folder, so runs never touch the user's cache."""


def run_once(
    args: Sequence[str], cwd: str, expect: int = 0, extra: dict[str, str] | None = None
) -> float:
    argv = [*entry_point(), *args]
    start = time.perf_counter()
    proc = subprocess.run(
        argv, env={**bench_env(), **EXTRA_ENV, **(extra or {})}, cwd=cwd,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != expect:
        message = proc.stderr.decode("utf-8", "replace").strip()[:2000]
        raise SystemExit(f"pmladder {shlex.join(args)} exited {proc.returncode}:\n{message}")
    return elapsed


def has_validate(cwd: str) -> bool:
    proc = subprocess.run(
        [*entry_point(), "validate", "--help"],
        env=bench_env(), cwd=cwd, capture_output=True, check=False,
    )
    return proc.returncode == 0


def measure(
    commands: Sequence[Command],
    catalogues: dict[int, tuple[Path, Generated]],
    rounds: int,
    cwd: str,
) -> dict[tuple[str, int], list[float]]:
    sizes = sorted(catalogues)
    times: dict[tuple[str, int], list[float]] = {
        (c.label, n): [] for c in commands for n in sizes
    }
    for command in commands:  # warm up: byte-code, page caches and pmladder's own cache
        for n in sizes:
            file, g = catalogues[n]
            run_once(command.args(file, g), cwd, command.expect)
    for r in range(rounds):
        for command in commands:
            order = sizes if r % 2 == 0 else sizes[::-1]
            for n in order:
                file, g = catalogues[n]
                times[(command.label, n)].append(
                    run_once(command.args(file, g), cwd, command.expect)
                )
        print(f"  round {r + 1}/{rounds} done", file=sys.stderr)
    return times


def report(
    commands: Sequence[Command], times: dict[tuple[str, int], list[float]]
) -> bool:
    print(f"{'command':<14} {'1k median':>10} {'10k median':>11} {'10k/1k':>7}  targets")
    ok = True
    for command in commands:
        small = statistics.median(times[(command.label, SMALL)])
        large = statistics.median(times[(command.label, LARGE)])
        ratio = large / small
        verdict = "info"
        if command.label == "path":
            fast = large < PATH_LIMIT
            linear = ratio <= RATIO_LIMIT
            ok = fast and linear
            verdict = (
                f"10k < {PATH_LIMIT}s {'PASS' if fast else 'FAIL'}; "
                f"ratio <= {RATIO_LIMIT:g}x {'PASS' if linear else 'FAIL'}"
            )
        print(f"{command.label:<14} {small:>9.3f}s {large:>10.3f}s {ratio:>6.2f}x  {verdict}")
    return ok


def cold(catalogues: dict[int, tuple[Path, Generated]], cwd: str, runs: int = 3) -> None:
    """``path`` with the cache turned off: what a first run on a new file costs."""
    medians = {}
    for n, (file, g) in sorted(catalogues.items()):
        medians[n] = statistics.median(
            run_once(_path(file, g), cwd, extra={"PMLADDER_NO_CACHE": "1"}) for _ in range(runs)
        )
    small, large = medians[SMALL], medians[LARGE]
    print(f"{'path, no cache':<14} {small:>9.3f}s {large:>10.3f}s {large / small:>6.2f}x  "
          f"info: a first run on a new or changed file (median of {runs})")


def _timed(label: str, results: dict[str, list[float]], func: Callable[[], T]) -> T:
    start = time.perf_counter()
    value = func()
    results.setdefault(label, []).append(time.perf_counter() - start)
    return value


def phases(file: Path, g: Generated, repeats: int = 3) -> None:
    """Time each step of loading ``file`` and answering ``path`` in this process."""
    from pmladder import cache, gaps, routes
    from pmladder import catalog as cat
    from pmladder.index import Ladder, index_of, role_record
    from pmladder.lookup import find_role
    from pmladder.models import Catalog
    from pmladder.validation import parsing, sizes
    from pmladder.validation.validate import validate_data

    results: dict[str, list[float]] = {}
    source = cat.CatalogSource(file, "option")
    for _ in range(repeats):
        raw = _timed("read bytes", results, lambda: cat.read_source_bytes(source))
        _timed("hash source (cache key)", results, lambda: cache.key(raw, "toml"))
        text = _timed("check lines + decode", results, lambda: cat.decode_source(source, raw))
        data = _timed("tomli parse", results, lambda: parsing.parse_toml(text, source.label))
        _timed("size guard", results, lambda: list(sizes.oversized(data)))
        catalog = _timed("pydantic validate", results, lambda: Catalog.model_validate(data))
        ladder = _timed("Ladder.of_catalog", results,
                        lambda: Ladder.of_catalog(catalog, source))
        a = _timed("find_role x2", results, lambda: find_role(ladder, g.bottom))
        b = find_role(ladder, g.top)
        _timed("shortest_route", results, lambda: routes.shortest_route(ladder, a.id, b.id))
        _timed("route + gaps", results, lambda: gaps.route(ladder, a, b))
        _timed("validate_data (whole)", results,
               lambda: validate_data(data, source.label, text))
        _timed("index + role records", results,
               lambda: (index_of(catalog, ()), [role_record(r) for r in catalog.roles]))
        with tempfile.TemporaryDirectory() as cache_dir:
            os.environ["PMLADDER_CACHE_DIR"] = cache_dir
            _timed("load(), cold", results, lambda: cat.load(source))
            _timed("load(), cached", results, lambda: cat.load(source))
    size = file.stat().st_size
    print(f"\nIn-process phases for {g.roles:,} roles ({size / 1e6:.1f} MB), "
          f"median of {repeats}:")
    for label, values in results.items():
        print(f"  {label:<24} {statistics.median(values) * 1000:>9.1f} ms")
    print("  (validate_data = size guard + pydantic validate + cross-checks + line mapping;"
          "\n   load(), cold = read + decode + parse + validate_data + index + writing the cache;"
          "\n   load(), cached = read bytes + hash + the entry's index; roles built when used)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="pmladder at 1,000 and 10,000 roles.")
    parser.add_argument("--rounds", type=int, default=10, help="alternating rounds (>= 10)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--keep", type=Path, help="write the catalogues here and keep them")
    parser.add_argument("--phases-only", action="store_true",
                        help="skip the command runs; only time the in-process phases")
    args = parser.parse_args(argv)
    if args.rounds < 10 and not args.phases_only:
        parser.error("use at least 10 rounds; medians of fewer are noise")
    with tempfile.TemporaryDirectory(prefix="pmladder-scale-") as tmp:
        cwd = Path(tmp, "cwd")
        (cwd / ".git").mkdir(parents=True)
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        EXTRA_ENV["PMLADDER_CACHE_DIR"] = str(Path(tmp, "cache"))
        catalogues: dict[int, tuple[Path, Generated]] = {}
        for n in (SMALL, LARGE):
            file = folder / f"ladder-{n}.toml"
            g = write_catalog(file, n, args.seed)
            catalogues[n] = (file, g)
            print(f"{file.name}: {n:,} roles, {file.stat().st_size / 1e6:.1f} MB, "
                  f"path {g.bottom} -> {g.top} ({g.route_steps} moves)")
        ok = True
        if not args.phases_only:
            commands = [
                Command("path", _path),
                Command("show", _show),
                Command("list --json", _list_json),
            ]
            if has_validate(str(cwd)):
                commands.append(Command("validate", _validate))
            else:
                print("(no 'validate' command yet: not timed)")
            print(f"{shlex.join(entry_point())}: {args.rounds} alternating rounds")
            times = measure(commands, catalogues, args.rounds, str(cwd))
            ok = report(commands, times)
            cold(catalogues, str(cwd))
        phases(*catalogues[LARGE])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
