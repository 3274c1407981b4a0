"""How long ``pmladder diff`` takes on two 10,000-role catalogues, cold and warm.

Generates a 10,000-role catalogue (``benchmarks/generate.py``), then two
"after" versions of it: a reviewed edit (one role renamed, one rating raised,
one move added, one role removed, all mid-ladder) and a different catalogue
altogether (another seed: every role changes).  Times ``pmladder diff OLD NEW``
and ``--json`` as separate processes, twice over:

- cold: ``PMLADDER_NO_CACHE=1``, as for a freshly edited file, whose
  validated form is not cached yet: both files are parsed and validated;
- fresh: with a private cache that holds OLD, against a NEW edited just
  before each run, as when checking an edit: NEW is validated and cached;
- warm: with a private cache that already holds both files, as on a second
  run over the same two files.

It prints the median wall time and the largest peak memory (RSS) of each, and
what each diff found.  The target from issue 13: each finishes in seconds.

    python benchmarks/diff.py                # 10,000 roles, 3 rounds
    python benchmarks/diff.py --roles 2000 --rounds 5
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate_catalog_text

LIMIT = 10.0
"""Seconds: a diff of two 10,000-role catalogues must finish well within this."""


def edited(text: str) -> str:
    """``text`` with one role renamed, a rating raised, a move added and a role removed."""
    blocks = text.split("\n[[roles]]\n")
    head, roles = blocks[0], blocks[1:]
    # Keys may be bare or quoted, depending on the generator's writer.
    ids = [re.search(r'^"?id"? = "([^"]+)"', b, re.M).group(1)  # type: ignore[union-attr]
           for b in roles]
    middle = len(roles) // 2
    # Renamed and a rating raised.
    roles[middle] = re.sub(r'^("?title"? = "[^"]+)"', r'\1 (renamed)"', roles[middle],
                           count=1, flags=re.M)
    roles[middle] = re.sub(r'("?competencies"? = \{ "?\w[\w-]*"? = )"\w+"', r'\1"leading"',
                           roles[middle], count=1)
    # A move added: sideways, to the next role on the same level it has no move to yet.
    levels = [re.search(r'^"?level"? = (\d+)', b, re.M).group(1)  # type: ignore[union-attr]
              for b in roles]
    target = next(
        i for i, level in zip(ids[middle + 2:], levels[middle + 2:], strict=True)
        if level == levels[middle] and f'"{i}"' not in roles[middle]
    )
    roles[middle] = roles[middle].rstrip("\n") + (
        f'\n\n[[roles.moves]]\nto = "{target}"\nkind = "lateral"\ntypical_years = 1\n'
    )
    # A role removed, with every move to it.
    gone = ids[middle + 1]
    del roles[middle + 1]
    pattern = re.compile(
        r'\n\[\[roles\.moves\]\]\n"?to"? = "' + re.escape(gone) + r'"\n(?:[^\[\n].*\n)*'
    )
    roles = [pattern.sub("\n", b) for b in roles]
    return "\n[[roles]]\n".join([head, *roles])


def run(args: list[str], env: dict[str, str]) -> tuple[float, str, float]:
    """Wall seconds, standard output and peak memory (MB) of one pmladder process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "pmladder", *args], stdout=out,
                                 stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if child.returncode not in (0, 1):
        raise SystemExit(f"pmladder {' '.join(args)} exited {child.returncode}: {stderr}")
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return elapsed, stdout, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        env = {**os.environ, "PMLADDER_CACHE_DIR": str(root / "cache"), "NO_COLOR": "1",
               "COLUMNS": "120"}
        env.pop("PMLADDER_CATALOG", None)
        original = generate_catalog_text(options.roles, 7)
        files = {"old": original, "edit": edited(original),
                 "other": generate_catalog_text(options.roles, 8)}
        for name, text in files.items():
            (root / f"{name}.toml").write_text(text, encoding="utf-8")
            run(["validate", str(root / f"{name}.toml")], env)  # warm the cache
        failed = False
        cold_env = {**env, "PMLADDER_NO_CACHE": "1"}
        for label, new in (("reviewed edit", "edit"), ("another catalogue", "other")):
            args = ["diff", str(root / "old.toml"), str(root / f"{new}.toml")]
            found: dict[str, object] = {}
            fresh = 0

            def command(cache: str, *extra: str) -> list[str]:
                """The diff to run; for "fresh", against a NEW edited just now."""
                nonlocal fresh
                if cache != "fresh":
                    return [*args, *extra]
                # Its text misses the cache, OLD's hits it, and NEW's validated
                # form is written to it.
                fresh += 1
                path = root / f"{new}-fresh.toml"
                path.write_text(f"{files[new]}\n# edit {fresh}\n", encoding="utf-8")
                return [*args[:2], str(path), *extra]

            for cache, run_env in (("cold", cold_env), ("fresh", env), ("warm", env)):
                times, json_times, peaks = [], [], []
                for _ in range(options.rounds):
                    took, _, peak = run(command(cache), run_env)
                    times.append(took)
                    peaks.append(peak)
                    took, out, peak = run(command(cache, "--json"), run_env)
                    json_times.append(took)
                    peaks.append(peak)
                    doc = json.loads(out)
                    found = {k: len(v) for k, v in doc.items() if isinstance(v, list) and v}
                    found["routes"] = {k: doc["routes"][k] for k in
                                       ("total", "complete", "searched", "affected")}
                median, json_median = statistics.median(times), statistics.median(json_times)
                ok = max(median, json_median) < LIMIT
                failed |= not ok
                print(f"{options.roles:,} roles, {label}, {cache}: diff {median:.2f} s, --json "
                      f"{json_median:.2f} s (median of {options.rounds}), peak "
                      f"{max(peaks):.0f} MB {'ok' if ok else f'over {LIMIT:g} s'}")
            print(f"  found: {found}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
