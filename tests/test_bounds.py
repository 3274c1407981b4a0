"""Bounded work on hostile but small files (timings live in benchmarks/hostile.py).

These tests check the mechanisms that keep the work bounded, on files small
enough for a unit test: suggestions and printed problems are capped, tables
and lists are bounded, compare refuses absurd counts and searches once per
role, and every view survives any width.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Invoke
from pmladder.catalog import CatalogSource, load
from pmladder.compare import MAX_ROLES
from pmladder.errors import ExitCode
from pmladder.routes import shortest_route, shortest_routes
from pmladder.validation.did_you_mean import MAX_SUGGESTIONS
from pmladder.validation.sizes import MAX_KEYS

sys.path.insert(0, str(ROOT))

from benchmarks.hostile import CASES, bad_moves, chain, many_keys


def _file(tmp_path: Path, text: str) -> Path:
    file = tmp_path / "hostile.toml"
    file.write_text(text, encoding="utf-8")
    return file


def test_many_bad_moves_get_few_suggestions_and_a_capped_report(
    invoke: Invoke, tmp_path: Path
) -> None:
    from pmladder.cli import MAX_PROBLEMS_SHOWN

    count = 300
    result = invoke("validate", str(_file(tmp_path, bad_moves(count))))
    assert result.exit_code == ExitCode.INVALID_CATALOG
    lines = result.stderr.splitlines()
    assert lines[0].endswith(f"invalid catalogue ({count} problems)")
    shown = [line for line in lines if "which is not a role" in line]
    assert len(shown) == MAX_PROBLEMS_SHOWN
    assert lines[-1] == (f"... and {count - MAX_PROBLEMS_SHOWN} more; fix these first, "
                         "then check again")
    assert sum("did you mean" in line for line in shown) <= MAX_SUGGESTIONS
    assert "did you mean 'real-00000'" in shown[0]
    assert "did you mean" not in shown[-1]


def test_a_table_with_too_many_keys_is_refused_before_validation(
    invoke: Invoke, tmp_path: Path
) -> None:
    result = invoke("validate", str(_file(tmp_path, many_keys(MAX_KEYS + 1))))
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert result.stderr.splitlines()[1].endswith(
        f"scale: has {MAX_KEYS + 3:,} keys; pmladder allows at most {MAX_KEYS:,} in a table")
    assert len(result.stderr.splitlines()) == 2  # the error and the problem, nothing more


def test_a_long_chain_routes_end_to_end(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("--catalog", str(_file(tmp_path, chain(300))), "path", "r0", "r299",
                    "--json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["steps"]) == 299


def test_compare_refuses_more_than_its_cap_before_any_work(invoke: Invoke) -> None:
    result = invoke("compare", *(["nosuch"] * (MAX_ROLES + 1)))
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith(f"error: compare takes at most {MAX_ROLES} roles")
    ids = list(load(CatalogSource(None)).ids)[:MAX_ROLES]
    result = invoke("compare", *ids, "--json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["routes"]) == MAX_ROLES * (MAX_ROLES - 1)


def test_one_search_per_role_finds_the_same_routes_as_one_per_pair() -> None:
    ladder = load(CatalogSource(None))
    ids = list(ladder.ids)
    for source in ids:
        routes = shortest_routes(ladder, source, ids)
        for target in ids:
            assert routes[target] == shortest_route(ladder, source, target), (source, target)


@pytest.mark.parametrize("width", ["1", "2", "3", "7"])
@pytest.mark.parametrize(
    "args",
    [("ladder",), ("list",), ("show", "apm"), ("path", "apm", "cpo"),
     ("compare", "pm", "tpm", "growth-pm"), ("search", "roadmap"), ("list", "--json")],
    ids=" ".join,
)
def test_every_view_survives_any_width(invoke: Invoke, width: str, args: tuple[str, ...]) -> None:
    result = invoke(*args, env={"COLUMNS": width})
    assert result.exit_code == 0, result.output


def test_a_one_column_ladder_ends(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "COLUMNS": "1"}
    env.pop("PMLADDER_CATALOG", None)
    done = subprocess.run([sys.executable, "-m", "pmladder", "ladder"], capture_output=True,
                          env=env, cwd=tmp_path, timeout=60)
    assert done.returncode == 0
    assert len(done.stdout) < 5_000_000


def test_the_benchmark_cases_are_well_formed() -> None:
    labels = [case.label for case in CASES]
    assert len(labels) == len(set(labels))
    assert all(case.seconds > 0 and case.mib > 0 for case in CASES)
    docs = (ROOT / "docs" / "catalogue-format.md").read_text(encoding="utf-8")
    assert "benchmarks/hostile.py" in docs


def test_a_problems_line_is_found_without_scanning_the_whole_file() -> None:
    from pmladder.locate import _TOML_TOKEN, _Found, _LazyTokens, _Locator

    text = many_keys(50_000)
    tokens = _LazyTokens(_TOML_TOKEN, text)
    locator = _Locator(tokens, [("scale",)])
    with pytest.raises(_Found):
        locator.toml()
    assert locator.at[("scale",)] == text.index("[scale]")
    assert len(tokens._seen) < 100  # of some 200,000
