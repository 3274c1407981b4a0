"""pmladder path FROM TO."""

from __future__ import annotations

import json

from conftest import TINY, Invoke


def test_path_apm_cpo_shows_each_step_and_total(invoke: Invoke) -> None:
    result = invoke("path", "apm", "cpo")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Route: Associate Product Manager → Chief Product Officer (6 steps" in out
    for n in range(1, 7):
        assert f"Step {n}:" in out
    assert "Competencies to grow" in out
    assert "Responsibilities added" in out
    assert "Foundational" in out
    assert "→" in out
    assert "Total" in out
    assert "Steps: 6" in out


def test_path_by_titles(invoke: Invoke) -> None:
    result = invoke("path", "Associate Product Manager", "Head of Product")
    assert result.exit_code == 0, result.output
    assert "VP of Product" in result.stdout


def test_path_to_itself(invoke: Invoke) -> None:
    result = invoke("path", "pm", "Product Manager")
    assert result.exit_code == 0, result.output
    assert "same role" in result.stdout
    doc = json.loads(invoke("path", "pm", "pm", "--json").stdout)
    assert doc["same_role"] is True
    assert doc["steps"] == []


def test_no_route_exits_1_and_suggests_the_reverse(invoke: Invoke) -> None:
    result = invoke("path", "cpo", "apm")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0].startswith("error: no route from cpo to apm")
    assert "pmladder path apm cpo" in result.stderr


def test_unknown_role_in_path(invoke: Invoke) -> None:
    result = invoke("path", "apm", "ceo")
    assert result.exit_code == 2
    assert "no role named 'ceo'" in result.stderr


def test_path_json(invoke: Invoke) -> None:
    result = invoke("path", "apm", "cpo", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert doc["from"]["id"] == "apm"
    assert doc["to"]["id"] == "cpo"
    assert doc["total"]["steps"] == len(doc["steps"]) == 6
    first = doc["steps"][0]
    assert first["kind"] == "promotion"
    assert first["source"] == "apm"
    assert first["target"] == "pm"
    assert first["gap"]["rising"][0]["before"] == "foundational"
    assert "tie_break" in doc
    assert doc["total"]["typical_years"] == sum(s["typical_years"] for s in doc["steps"])


def test_path_on_own_catalogue(invoke: Invoke) -> None:
    result = invoke("--catalog", str(TINY), "path", "jm", "lead")
    assert result.exit_code == 0, result.output
    assert "into management" in result.stdout
    assert "People" in result.stdout
    assert "new" in result.stdout


def test_path_degrades_at_40_columns(invoke: Invoke) -> None:
    result = invoke("path", "pm", "senior-pm", env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.output
    assert all(len(line) <= 40 for line in result.stdout.splitlines())
    assert "Market and user research: Working →" in result.stdout
