"""A site written by the real CLI, for the tests of ``pmladder site``."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke


def make_site(invoke: Invoke, folder: Path, *options: str) -> Path:
    result = invoke(*options, "site", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {sum(1 for _ in folder.rglob('*.*')) - 1} files")
    return folder
