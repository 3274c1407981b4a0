"""Layout snapshots of list, show and path, rendered from tests/data/snapshot.toml.

The snapshots pin layout, not content: they render a catalogue only tests change,
so an edit of the bundled catalogue never forces regenerating them. After a
deliberate change of layout, run ``PMLADDER_UPDATE_SNAPSHOTS=1 pytest
tests/test_snapshots.py`` and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SNAPSHOT_CATALOG, Invoke, assert_snapshot


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("list.txt", ["list"]),
        ("show-maker.txt", ["show", "maker"]),
        ("path-starter-team-lead.txt", ["path", "starter", "team-lead"]),
    ],
)
def test_layout_snapshot(invoke: Invoke, name: str, args: list[str]) -> None:
    # A relative name, so the "catalogue: ... from FILE" line is the same on every machine.
    shutil.copyfile(SNAPSHOT_CATALOG, Path.cwd() / "snapshot.toml")
    result = invoke("--catalog", "snapshot.toml", *args)
    assert result.exit_code == 0, result.output
    assert_snapshot(name, result.stdout)
