"""The leaf modules stay leaves, so the catalogue and validation never import each other.

Each check imports one module in a fresh interpreter and lists the pmladder
modules that came with it.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def pmladder_modules_after_importing(module: str) -> set[str]:
    """The pmladder modules loaded by ``import MODULE`` in a fresh interpreter."""
    probe = (
        f"import json, sys, {module}; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('pmladder'))))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, timeout=60)
    return set(json.loads(done.stdout))


@pytest.mark.parametrize("leaf", ["pmladder.names", "pmladder.locate"])
def test_a_leaf_module_imports_nothing_else_from_pmladder(leaf: str) -> None:
    assert pmladder_modules_after_importing(leaf) == {"pmladder", leaf}


def test_loading_the_catalogue_module_does_not_import_validation() -> None:
    modules = pmladder_modules_after_importing("pmladder.catalog")
    assert "pmladder.names" in modules
    assert not any(m.startswith("pmladder.validation") for m in modules)


def test_parsing_a_file_does_not_build_the_models() -> None:
    """Shell completion parses the catalogue; it must not pay for pydantic."""
    modules = pmladder_modules_after_importing("pmladder.validation.parsing")
    assert "pmladder.models" not in modules
    assert "pmladder.validation.validate" not in modules
