"""What the assess tests share: the profiles folder, writing a profile, filling in
the template the CLI prints and reading a --json answer."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conftest import DATA, Invoke

PROFILES = DATA / "profiles"


def filled(invoke: Invoke, step: str | list[str], *args: str) -> str:
    """The template printed by the CLI, every blank rating filled in with ``step``
    (or with the steps of a list, in turn)."""
    result = invoke(*args, "assess", "--template")
    assert result.exit_code == 0, result.output
    steps = [step] if isinstance(step, str) else step
    counter = iter(range(10_000))
    return re.sub(r'= ""', lambda _: f'= "{steps[next(counter) % len(steps)]}"', result.stdout)


def write(tmp_path: Path, name: str, content: str) -> str:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


def as_json(invoke: Invoke, *args: str) -> dict[str, Any]:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert isinstance(doc, dict)
    return doc
