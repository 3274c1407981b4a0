"""pmladder path FROM TO."""

from __future__ import annotations

import json

from conftest import TINY, Invoke
from pmladder.kinds import legend


def test_path_apm_cpo_shows_each_step_and_total(invoke: Invoke) -> None:
    result = invoke("path", "apm", "cpo")
    assert result.exit_code == 0, result.output
    out = result.stdout
    # The answer comes first: the route, its length, what grows overall.
    # "to", not →: an arrow beside the titles would read as a lateral move.
    assert out.startswith("Route: Associate Product Manager to Chief Product Officer (6 steps")
    assert "Step 1: Associate Product Manager to Product Manager" in out
    assert out.index("Competencies to grow overall") < out.index("Frameworks gained")
    assert out.index("Frameworks gained") < out.index("Step 1:")
    for n in range(1, 7):
        assert f"Step {n}:" in out
    assert "Responsibilities added" in out
    assert "Foundational" in out


def test_brief_path_prints_only_the_summary(invoke: Invoke) -> None:
    full = invoke("path", "apm", "cpo").stdout
    brief = invoke("path", "apm", "cpo", "--brief").stdout
    assert "Step 1:" not in brief
    top = brief.split(f"\n\n{legend()}")[0]  # brief ends with the legends it needs
    assert full.startswith(top)
    assert "(estimate) marks" in brief
    assert "Competencies to grow overall" in brief
    assert len(brief.splitlines()) < 30


def test_each_framework_is_named_once_at_the_step_that_first_needs_it(invoke: Invoke) -> None:
    doc = json.loads(invoke("path", "apm", "cpo", "--json").stdout)
    added = [f for step in doc["steps"] for f in step["gap"]["frameworks_added"]]
    assert len(added) == len(set(added))
    assert added == doc["total"]["frameworks"]
    assert "Product vision" in added
    out = invoke("path", "apm", "cpo").stdout
    step6 = out[out.index("Step 6:"):]
    assert "Product vision" not in step6  # step 4 already added it
    assert "Frameworks gained: " in out


def test_education_and_experience_read_from_and_to(invoke: Invoke) -> None:
    out = invoke("path", "apm", "pm").stdout
    lines = [line.rstrip() for line in out.splitlines()]
    at = lines.index("Education")
    assert lines[at + 1].startswith("  from ")
    assert any(line.startswith("  to ") for line in lines[at + 2: at + 6])
    at = lines.index("Experience")
    assert lines[at + 1].startswith("  from ")
    flowing = " ".join(out.split())
    assert "(no experience expected)" in flowing
    assert "(typically 2+ years, estimate)" in flowing


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
