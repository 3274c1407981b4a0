"""pmladder show ROLE."""

from __future__ import annotations

import json

import pytest

from conftest import TINY, Invoke


def test_show_prints_the_whole_record(invoke: Invoke) -> None:
    result = invoke("show", "senior-pm")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for heading in ("Senior Product Manager (senior-pm)", "Responsibilities", "Competencies",
                    "Education", "Experience", "Frameworks", "Comes from", "Moves onward",
                    "Sources", "Advanced"):
        assert heading in out, heading
    assert "group-pm" in out
    assert "into management" in out
    assert "technical-pm" in out  # comes from


def test_show_displays_notes_where_sources_disagree(invoke: Invoke) -> None:
    result = invoke("show", "director")
    assert result.exit_code == 0, result.output
    assert "Notes" in result.stdout


@pytest.mark.parametrize("name", ["SPM", "senior product manager", "Senior-PM"])
def test_show_by_alias_and_title(invoke: Invoke, name: str) -> None:
    result = invoke("show", name)
    assert result.exit_code == 0, result.output
    assert "Senior Product Manager (senior-pm)" in result.stdout


def test_show_unknown_role_suggests(invoke: Invoke) -> None:
    result = invoke("show", "seniro-pm")
    assert result.exit_code == 2
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first == "error: no role named 'seniro-pm'"
    assert "did you mean: senior-pm" in result.stderr
    assert "Traceback" not in result.output


def test_show_ambiguous(invoke: Invoke) -> None:
    result = invoke("show", "product")
    assert result.exit_code == 2
    assert "could mean several roles" in result.stderr


def test_show_without_argument_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("show")
    assert result.exit_code == 2
    assert "error: missing argument 'ROLE'" in result.stderr
    assert "Traceback" not in result.output


def test_show_json(invoke: Invoke) -> None:
    result = invoke("show", "apm", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert doc["command"] == "show"
    assert doc["role"]["id"] == "apm"
    assert doc["role"]["title"] == "Associate Product Manager"
    assert doc["level_name"] == "Entry"
    assert doc["comes_from"] == []
    assert any(m["role"] == "pm" for m in doc["leads_to"])
    assert {r["competency"] for r in doc["ratings"]} == set(doc["role"]["competencies"])
    assert len(doc["sources"]) == len(doc["role"]["sources"])


def test_show_on_own_catalogue(invoke: Invoke) -> None:
    result = invoke("--catalog", str(TINY), "show", "apprentice")
    assert result.exit_code == 0, result.output
    assert "Junior Maker (junior)" in result.stdout
    assert "nothing leads here" in result.stdout
