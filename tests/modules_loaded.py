"""Which modules one run loads, read in a fresh interpreter: for the start-up
rules (tests/test_startup_imports.py) and the benchmark floor's fairness."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import atexit, json, os, runpy, sys
script = os.environ["PROBE_SCRIPT"]
sys.argv = [script, *json.loads(os.environ["PROBE_ARGS"])]

@atexit.register  # the program ends the process itself, after the exit handlers
def record():
    with open(os.environ["PROBE_OUT"], "w", encoding="utf-8") as out:
        json.dump(sorted(sys.modules), out)

if script == "pmladder":
    from pmladder.__main__ import main
    main()
runpy.run_path(script, run_name="__main__")
"""


def imported(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None, script: str = "pmladder"
) -> set[str]:
    """The modules loaded by one run of ``pmladder ARGS`` (or of the Python
    file ``script``) in a fresh interpreter, with a cache of its own."""
    out = tmp_path / "modules.json"
    merged = {
        **os.environ,
        "PROBE_SCRIPT": script,
        "PROBE_ARGS": json.dumps(list(args)),
        "PROBE_OUT": str(out),
        "PMLADDER_CACHE_DIR": str(tmp_path / "cache"),
        **(env or {}),
    }
    merged.pop("PMLADDER_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=merged, capture_output=True, text=True, check=False,
        timeout=60,
    )
    assert out.exists(), done.stderr
    return set(json.loads(out.read_text(encoding="utf-8")))
