"""The example catalogues in ``examples/``: valid, different from the bundled one, usable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, Invoke
from pmladder.catalog import CatalogSource, Ladder, load
from pmladder.routes import reachable

EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
STARTUP = ROOT / "examples" / "startup-product-team.toml"


def ladder_of(path: Path) -> Ladder:
    return load(CatalogSource(path, "option"))


def test_there_are_examples() -> None:
    assert STARTUP in EXAMPLES


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_validates_without_warnings(invoke: Invoke, path: Path) -> None:
    result = invoke("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "valid catalogue" in result.stdout


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_differs_from_the_bundled_ladder(path: Path) -> None:
    mine, bundled = ladder_of(path).whole_catalog(), load(CatalogSource(None)).whole_catalog()
    assert {r.id for r in mine.roles}.isdisjoint({"apm", "senior-pm", "cpo"})
    assert {t.id for t in mine.tracks} != {t.id for t in bundled.tracks}
    assert len(mine.scale.levels) != len(bundled.scale.levels)
    assert len(mine.levels) != len(bundled.levels)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_role_shows_and_the_top_is_reachable(invoke: Invoke, path: Path) -> None:
    ladder = ladder_of(path)
    top = max(ladder.whole_catalog().roles, key=lambda r: r.level)
    for role in ladder.whole_catalog().roles:
        result = invoke("--catalog", str(path), "show", role.id)
        assert result.exit_code == 0, result.output
        assert role.title in result.stdout
        if role.level == min(r.level for r in ladder.whole_catalog().roles):
            assert top.id in reachable(ladder, role.id), f"{role.id} can't reach {top.id}"


def test_startup_ladder_list(invoke: Invoke) -> None:
    result = invoke("--catalog", str(STARTUP), "list", env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"catalogue: Larkspur Labs product and design ladder from {STARTUP}"
    for track in ("Product", "Design", "Leadership"):
        assert track in lines
    assert "⇑ design-lead into management after ~1y" in result.stdout


def test_startup_ladder_path_by_alias(invoke: Invoke) -> None:
    result = invoke("--catalog", str(STARTUP), "path", "PA", "hop")
    assert result.exit_code == 0, result.output
    route = "Route: Product Analyst to Head of Product (3 steps, typically 8 years)"
    assert route in " ".join(result.stdout.split())
    assert "Owning" in result.stdout  # the example's own scale


def test_startup_ladder_path_from_design(invoke: Invoke) -> None:
    result = invoke("--catalog", str(STARTUP), "path", "junior-designer", "head-of-product",
                    "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [s["target"] for s in doc["steps"]] == [
        "product-designer", "senior-designer", "design-lead", "head-of-product",
    ]
    assert doc["steps"][2]["kind"] == "management"


def test_startup_ladder_show_uses_its_scale(invoke: Invoke) -> None:
    result = invoke("--catalog", str(STARTUP), "show", "senior designer")
    assert result.exit_code == 0, result.output
    assert "Ownership" in result.stdout
    assert "●●●● Shaping" in result.stdout


def test_startup_ladder_exports(invoke: Invoke) -> None:
    markdown = invoke("--catalog", str(STARTUP), "export", "--format", "markdown")
    assert markdown.exit_code == 0, markdown.output
    assert markdown.stdout.startswith("# Larkspur Labs product and design ladder\n")
    assert markdown.stdout.count("| Level | Role | Leads to |") == 3
