"""pyproject.toml's lower bounds are the versions CI tests (.ci/lowest.txt)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def _lowest_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / ".ci" / "lowest.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip()] = version.strip()
    return pins


def _lower_bounds() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    bounds = {}
    for requirement in project["dependencies"]:
        found = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)(,<[0-9.]+)?", requirement)
        assert found, f"{requirement!r} has no plain lower bound"
        bounds[found.group(1)] = found.group(2)
    return bounds


def _padded(version: str) -> tuple[int, ...]:
    parts = tuple(int(part) for part in version.split("."))
    return parts + (0,) * (3 - len(parts))


def test_ci_tests_every_dependency_at_its_lower_bound() -> None:
    pins, bounds = _lowest_pins(), _lower_bounds()
    assert pins.keys() == bounds.keys()
    for name, bound in bounds.items():
        assert _padded(pins[name]) == _padded(bound), name


def test_ci_installs_the_lowest_versions() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-c .ci/lowest.txt -e '.[test]'" in run
