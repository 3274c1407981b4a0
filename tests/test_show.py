"""pmladder show ROLE."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import TINY, Invoke
from pmladder.kinds import legend


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


def test_show_opens_with_level_track_and_where_it_leads(invoke: Invoke) -> None:
    out = invoke("show", "pm").stdout.splitlines()
    assert out[1].startswith("Level:")
    assert "2 Mid-level" in out[1]
    assert out[2].startswith("Track:")
    assert "Core product management" in out[2]
    assert out[3].startswith("Leads to:")
    assert "↑ senior-pm promotion after ~3y (estimate)" in out[3]


def test_brief_show_prints_only_the_top(invoke: Invoke) -> None:
    full = invoke("show", "pm").stdout
    brief = invoke("show", "pm", "--brief").stdout
    assert "Responsibilities" not in brief
    top = brief.split(f"\n\n{legend()}")[0]  # brief ends with the legends it needs
    assert full.startswith(top)
    assert brief.rstrip().endswith("not a source's statement.")
    assert "Leads to:" in brief


def test_a_level_named_with_its_number_is_shown_once(invoke: Invoke, tmp_path: Path) -> None:
    source = TINY.read_text(encoding="utf-8")
    named = re.sub(r'(\[\[levels\]\]\s*rank = (\d+)\s*name = )"[^"]*"', r'\1"Level \2"', source)
    assert named != source
    path = tmp_path / "levels.toml"
    path.write_text(named, encoding="utf-8")
    out = invoke("--catalog", str(path), "show", "maker").stdout
    assert "Level:    Level 2" in out
    assert "2 Level 2" not in out
