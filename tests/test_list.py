"""pmladder list."""

from __future__ import annotations

import json

from conftest import TINY, Invoke


def test_list_shows_every_track_and_role(invoke: Invoke) -> None:
    result = invoke("list")
    assert result.exit_code == 0, result.output
    for text in ("Core product management", "Product leadership", "senior-pm", "cpo",
                 "Chief Product Officer", "promotion"):
        assert text in result.stdout
    assert result.stderr == ""


def test_list_track_filter(invoke: Invoke) -> None:
    result = invoke("list", "--track", "leadership")
    assert result.exit_code == 0, result.output
    assert "Director of Product" in result.stdout
    assert "Associate Product Manager" not in result.stdout


def test_list_unknown_track_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("list", "--track", "leadershp")
    assert result.exit_code == 2
    assert "no track named 'leadershp'" in result.stderr
    assert "leadership" in result.stderr
    assert result.stdout == ""


def test_list_json(invoke: Invoke) -> None:
    result = invoke("list", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert doc["command"] == "list"
    assert doc["catalog"]["file"] is None
    ids = [r["id"] for t in doc["tracks"] for r in t["roles"]]
    assert len(ids) == 13
    apm = doc["tracks"][0]["roles"][0]
    assert apm["id"] == "apm"
    assert {m["role"] for m in apm["leads_to"]} >= {"pm"}


def test_list_on_own_catalogue_names_the_file(invoke: Invoke) -> None:
    result = invoke("--catalog", str(TINY), "list")
    assert result.exit_code == 0, result.output
    assert str(TINY) in result.stdout
    assert "Junior Maker" in result.stdout
    doc = json.loads(invoke("--catalog", str(TINY), "list", "--json").stdout)
    assert doc["catalog"]["file"] == str(TINY)
