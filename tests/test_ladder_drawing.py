"""``pmladder ladder``: the ladder drawn in the terminal, at any width."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import BUNDLED, TINY, Invoke, lines
from pmladder import kinds
from pmladder.catalog import find_source, load
from pmladder.errors import ExitCode
from pmladder.views.drawing import wrap_title

ALL_IDS = list(load(find_source(str(BUNDLED), environ={}, cwd=Path("/"))).ids)


def test_the_bundled_catalogue_has_roles_to_draw() -> None:
    assert len(ALL_IDS) == 13


@pytest.mark.parametrize("width", [40, 60, 80, 100, 140, 200])
def test_no_line_is_wider_than_the_terminal(invoke: Invoke, width: int) -> None:
    result = invoke("ladder", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    out = lines(result.stdout)
    assert max(len(line) for line in out) <= width
    for role_id in ALL_IDS:
        assert any(role_id in line for line in out), role_id


def test_80_columns_draws_tracks_side_by_side(invoke: Invoke) -> None:
    result = invoke("ladder", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    out = lines(result.stdout)
    header = out[1]
    assert header.index("Core product") < header.index("Specialist") < header.index("Agile")
    # Levels run from the most senior at the top down to the entry level.
    rules = [line.split(" ─")[0] for line in out if " ──" in line]
    assert rules == ["7 Executive", "6 Vice President", "5 Director", "4 Lead", "3 Senior",
                     "2 Mid-level", "1 Entry"]
    # The CPO's box is in the leadership column, on the executive row.
    cpo_row = next(i for i, line in enumerate(out) if "│cpo" in line)
    assert out[cpo_row].index("│cpo") > header.index("Product")
    assert cpo_row < next(i for i, line in enumerate(out) if "│apm" in line)


def test_moves_are_marked_by_kind(invoke: Invoke) -> None:
    out = invoke("ladder", env={"COLUMNS": "80"}).stdout
    for marker in ("⇑ group-pm", "⇑ product-lead", "↑ senior-pm", "→ pmm", "↪ data-pm",
                   "↑ cpo"):
        assert marker in out, marker
    legend = "↑ promotion  → lateral  ↪ specialisation  ⇑ into management"
    assert legend in out


def test_a_wide_terminal_puts_roles_of_one_cell_side_by_side(invoke: Invoke) -> None:
    out = lines(invoke("ladder", env={"COLUMNS": "140"}).stdout)
    row = next(line for line in out if "│technical-pm" in line or "│Technical" in line)
    assert "│Data/Analytics" in row
    assert "│Growth Product" in row


def test_40_columns_stacks_the_tracks(invoke: Invoke) -> None:
    out = lines(invoke("ladder", env={"COLUMNS": "40"}).stdout)
    sections = [line.split(" ─")[0] for line in out if line.endswith("─") and " ─" in line]
    assert sections == ["Core product management", "Specialist product roles", "Agile delivery",
                        "Product marketing", "Product leadership"]
    assert any(line.startswith("│Data/Analytics Product Manager ") for line in out)


def test_track_filter(invoke: Invoke) -> None:
    result = invoke("ladder", "--track", "leadership")
    assert result.exit_code == 0, result.output
    assert "cpo" in result.stdout
    assert "│apm" not in result.stdout
    assert "Product leadership" in result.stdout
    assert "Core product" not in result.stdout


def test_unknown_track_exits_2_with_suggestion(invoke: Invoke) -> None:
    result = invoke("ladder", "--track", "leadershp")
    assert result.exit_code == ExitCode.USAGE
    assert "no track named 'leadershp'" in result.stderr
    assert "did you mean: leadership" in result.stderr


def test_json_layout(invoke: Invoke) -> None:
    result = invoke("ladder", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert doc["command"] == "ladder"
    assert [t["id"] for t in doc["tracks"]] == [
        "core", "specialist", "agile", "marketing", "leadership"]
    assert [lv["rank"] for lv in doc["levels"]] == [7, 6, 5, 4, 3, 2, 1]
    specialist = next(c for c in doc["cells"] if c["track"] == "specialist")
    assert specialist == {"track": "specialist", "level": 2,
                          "roles": ["technical-pm", "data-pm", "growth-pm"]}
    roles = {r["id"]: r for r in doc["roles"]}
    assert (roles["cpo"]["column"], roles["cpo"]["row"]) == (4, 0)
    assert (roles["growth-pm"]["column"], roles["growth-pm"]["slot"]) == (1, 2)
    edge = {"from": "senior-pm", "to": "group-pm", "kind": "management",
            "typical_years": 3.0, "shown": True}
    assert edge in doc["edges"]
    assert len(doc["edges"]) == sum(1 for _ in re.finditer(
        r"^\[\[roles\.moves\]\]", BUNDLED.read_text(encoding="utf-8"), re.M))


def test_json_with_a_track_marks_moves_leaving_it(invoke: Invoke) -> None:
    doc = json.loads(invoke("ladder", "--track", "core", "--json").stdout)
    edges = {(e["from"], e["to"]): e["shown"] for e in doc["edges"]}
    assert edges[("apm", "pm")] is True
    assert edges[("senior-pm", "group-pm")] is False


def test_a_team_catalogue(invoke: Invoke) -> None:
    result = invoke("--catalog", str(TINY), "ladder", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "catalogue: Tiny test ladder" in out
    assert "Individual contributors" in out
    assert "Management" in out
    assert "⇑ lead" in out
    assert "→ expert" in out
    assert max(len(line) for line in lines(out)) <= 80


def test_hostile_titles_are_inert(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(
        TINY.read_text(encoding="utf-8").replace(
            'title = "Maker"', 'title = "[red]Maker[/red] \\u001b[2J"'),
        encoding="utf-8",
    )
    result = invoke("--catalog", str(path), "ladder", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    assert "[red]Maker" in result.stdout


def test_wrap_title_breaks_at_slashes_first() -> None:
    assert wrap_title("Data/Analytics Product Manager", 13) == [
        "Data/", "Analytics", "Product", "Manager"]
    assert wrap_title("Supercalifragilistic", 8) == ["Supercal", "ifragili", "stic"]
    assert all(len(line) <= 10 for line in wrap_title("a-b-c-d-e-f-g-h-i-j-k-l-m", 10))


def test_the_drawing_shows_the_one_legend_line(invoke: Invoke) -> None:
    result = invoke("ladder", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert kinds.legend() in lines(result.stdout)


@pytest.mark.parametrize("width", [40, 50])
def test_the_legend_never_breaks_between_an_arrow_and_its_label(
    invoke: Invoke, width: int
) -> None:
    result = invoke("ladder", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    out = lines(result.stdout)
    for look in kinds.KINDS.values():
        assert any(look.notation in line for line in out), look.notation


def test_help_names_the_kinds_as_the_legend_does(invoke: Invoke) -> None:
    result = invoke("ladder", "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert kinds.legend() in result.stdout


def test_help_has_an_example(invoke: Invoke) -> None:
    result = invoke("ladder", "--help")
    assert result.exit_code == 0
    assert "Example: pmladder ladder" in result.stdout
