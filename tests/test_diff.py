"""``pmladder diff OLD NEW``: what an edit changes for the people on the ladder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import tomli

from conftest import ROOT, TINY, Invoke
from pmladder.catalog import CatalogSource, load, read_source_bytes
from pmladder.diff import diff_catalogs
from pmladder.views.diff import markdown, routes_note
from pmladder.views.toml_writer import dumps_toml


def write(tmp_path: Path, data: dict[str, Any], name: str = "after.toml") -> Path:
    path = tmp_path / name
    path.write_text(dumps_toml(data), encoding="utf-8")
    return path


def bundled_data() -> dict[str, Any]:
    return tomli.loads(read_source_bytes(CatalogSource(None)).decode("utf-8"))


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """The bundled catalogue with a role renamed, a rating raised, a move added, a role removed."""
    data = bundled_data()
    roles = {r["id"]: r for r in data["roles"]}
    roles["pm"]["title"] = "Product Manager II"
    assert roles["senior-pm"]["competencies"]["strategy"] == "advanced"
    roles["senior-pm"]["competencies"]["strategy"] = "expert"
    # 3.5 years: longer than APM -> PM -> TPM's 3, so the only route it shortens by
    # moves is APM -> TPM, and no longer route through the TPM wins on years.
    roles["apm"]["moves"].append({"to": "technical-pm", "kind": "specialisation",
                                  "typical_years": 3.5})
    data["roles"] = [r for r in data["roles"] if r["id"] != "growth-pm"]
    for role in data["roles"]:
        role["moves"] = [m for m in role.get("moves", []) if m["to"] != "growth-pm"]
    return write(tmp_path, data)


def diff_json(invoke: Invoke, *args: str, options: tuple[str, ...] = ()) -> dict[str, Any]:
    result = invoke(*options, "diff", *args, "--json")
    assert result.exit_code in (0, 1), result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    assert doc["same"] is (result.exit_code == 0)
    return doc


def test_same_catalogue_exits_0(invoke: Invoke, tmp_path: Path) -> None:
    copy = write(tmp_path, bundled_data())
    result = invoke("diff", ":bundled", str(copy))
    assert result.exit_code == 0, result.output
    assert "no changes for the people on the ladder" in result.stdout
    doc = diff_json(invoke, ":bundled", str(copy))
    assert doc["same"] is True
    assert doc["routes"]["total"] == 0


def test_reports_exactly_the_edits_and_the_routes_they_alter(
    invoke: Invoke, edited: Path
) -> None:
    doc = diff_json(invoke, ":bundled", str(edited))
    assert [r["id"] for r in doc["roles_removed"]] == ["growth-pm"]
    assert doc["roles_removed"][0]["moves_in"] == ["pm"]
    assert doc["renamed"] == [{"id": "pm", "before": "Product Manager",
                               "after": "Product Manager II"}]
    assert [(m["source"], m["target"], m["change"], m["kind_after"], m["years_after"])
            for m in doc["moves"]] == [("apm", "technical-pm", "added", "specialisation", 3.5)]
    assert [(r["role"], r["competency"], r["change"], r["before"], r["after"], r["steps"])
            for r in doc["ratings"]] == [("senior-pm", "strategy", "rose", "advanced",
                                          "expert", 1)]
    for nothing in ("roles_added", "relevelled", "aliases", "responsibilities", "fields",
                    "definitions"):
        assert doc[nothing] == [], nothing
    routes = doc["routes"]
    assert routes["complete"] is True
    assert [(r["source"], r["target"]) for r in routes["changed"]] == [("apm", "technical-pm")]
    assert routes["total"] == 1
    # The routes are exactly the ones path finds in each catalogue.
    for change in routes["changed"]:
        for side, args in (("before", ()), ("after", ("--catalog", str(edited)))):
            path = json.loads(invoke(*args, "path", change["source"], change["target"],
                                     "--json").stdout)
            ids = [path["from"]["id"], *(s["target"] for s in path["steps"])]
            assert change[side]["roles"] == ids
            assert change[side]["typical_years"] == path["total"]["typical_years"]


def test_every_changed_route_agrees_with_path(invoke: Invoke, tmp_path: Path) -> None:
    """A bigger edit: a move removed and a typical time changed shift many routes."""
    data = bundled_data()
    roles = {r["id"]: r for r in data["roles"]}
    roles["senior-pm"]["moves"] = [m for m in roles["senior-pm"]["moves"]
                                   if m["to"] != "group-pm"]
    roles["pm"]["moves"][0]["typical_years"] = 9
    after = write(tmp_path, data)
    old, new = load(CatalogSource(None)), load(CatalogSource(after))
    result = diff_catalogs(old, new, routes_shown=1000)
    assert result.routes.total == len(result.routes.changed) > 3
    for change in result.routes.changed:
        for side, args in (("before", ()), ("after", ("--catalog", str(after)))):
            found = invoke(*args, "path", change.source, change.target, "--json")
            summary = getattr(change, side)
            if summary is None:
                assert found.exit_code == 1
                continue
            path = json.loads(found.stdout)
            assert list(summary.roles) == [path["from"]["id"],
                                           *(s["target"] for s in path["steps"])]
    retimed = [m for m in result.moves if m.change == "retimed"]
    assert len(retimed) == 1
    assert [m.change for m in result.moves].count("removed") == 1


def test_text_and_markdown_say_the_same(invoke: Invoke, edited: Path) -> None:
    result = invoke("diff", ":bundled", str(edited))
    assert result.exit_code == 1, result.output
    for title in ("Roles removed", "Roles renamed", "Moves", "Competency ratings",
                  "Routes that changed"):
        assert title in result.stdout
    assert "Responsibilities" not in result.stdout
    assert "Product Manager II" in result.stdout
    md = invoke("diff", ":bundled", str(edited), "--format", "markdown")
    assert md.exit_code == 1
    assert md.stdout.startswith("### Ladder changes: bundled catalogue → ")
    assert "| senior-pm | Strategy and vision | rose | Advanced | Expert |" in md.stdout
    assert "| apm | technical-pm | 2 steps, 3 years: apm → pm → technical-pm | " \
           "1 step, 3.5 years: apm → technical-pm |" in md.stdout


def test_new_defaults_to_the_active_catalogue(invoke: Invoke, edited: Path) -> None:
    doc = diff_json(invoke, ":bundled", options=("--catalog", str(edited)))
    assert doc["new"]["file"] == str(edited)
    assert doc["catalog"] == doc["new"]
    assert doc["old"] == {"name": "Product management career ladder", "file": None}
    assert doc["renamed"][0]["after"] == "Product Manager II"
    backwards = diff_json(invoke, str(edited), ":bundled")
    assert [r["id"] for r in backwards["roles_added"]] == ["growth-pm"]
    assert [m["change"] for m in backwards["moves"]] == ["removed"]
    assert backwards["ratings"][0]["change"] == "fell"


def test_definitions_added_removed_redefined(invoke: Invoke, tmp_path: Path) -> None:
    data = tomli.loads(TINY.read_text(encoding="utf-8"))
    data["scale"]["levels"][1]["name"] = "Middle"
    data["tracks"].append({"id": "new-track", "name": "New track"})
    data["competencies"][0]["description"] = "Doing the work well."
    data["name"] = "Renamed ladder"
    for role in data["roles"]:
        role["aliases"] = [*role.get("aliases", []), f"{role['id']}-alias"][:1]
        if role["id"] == "maker":
            role["responsibilities"] = [*role["responsibilities"][1:], "Ship things."]
            role["summary"] = "Makes things."
    after = write(tmp_path, data)
    doc = diff_json(invoke, str(TINY), str(after))
    found = {(d["what"], d["id"], d["change"], tuple(d["fields"])) for d in doc["definitions"]}
    assert found == {
        ("catalogue", "", "redefined", ("name",)),
        ("scale step", "mid", "redefined", ("name",)),
        ("track", "new-track", "added", ()),
        ("competency", "craft", "redefined", ("description",)),
    }
    maker = next(c for c in doc["responsibilities"] if c["id"] == "maker")
    assert maker["added"] == ["Ship things."]
    assert len(maker["removed"]) == 1
    assert {"id": "maker", "title": "Maker", "fields": ["summary"]} in doc["fields"]
    assert doc["aliases"]


def test_long_lists_are_capped_with_and_n_more(tmp_path: Path) -> None:
    data = bundled_data()
    data["scale"]["levels"].insert(0, {"id": "aware", "name": "Aware",
                                       "description": "Knows the words."})
    for role in data["roles"]:
        role["competencies"] = dict.fromkeys(role["competencies"], "aware")
        for move in role.get("moves", []):
            move["typical_years"] = 1
    after = write(tmp_path, data)
    result = diff_catalogs(load(CatalogSource(None)), load(CatalogSource(after)), routes_shown=3)
    assert len(result.ratings) > 50
    assert len(result.routes.changed) == 3
    note = routes_note(result)
    assert note == f"and {result.routes.total - 3} more changed routes"
    text = markdown(result)
    assert f"... and {len(result.ratings) - 50} more (pmladder diff --json lists them all)" in text
    bounded = diff_catalogs(load(CatalogSource(None)), load(CatalogSource(after)), route_work=1)
    assert bounded.routes.complete is False
    assert "there may be more" in (routes_note(bounded) or "")


def test_invalid_catalogue_is_reported_as_validate_would(invoke: Invoke) -> None:
    bad = ROOT / "tests" / "data" / "bad" / "many-mistakes.toml"
    result = invoke("diff", ":bundled", str(bad))
    assert result.exit_code == 3
    validate = invoke("validate", str(bad))
    problems = [line for line in validate.stderr.splitlines() if ": error: " in line]
    assert problems
    for line in problems:
        assert line in result.stderr
    assert "Traceback" not in result.output
    missing = invoke("diff", ":bundled", "no-such-file.toml")
    assert missing.exit_code == 3
    assert "no-such-file.toml" in missing.stderr


def test_usage_errors_exit_2(invoke: Invoke, edited: Path) -> None:
    both = invoke("diff", ":bundled", str(edited), "--json", "--format", "markdown")
    assert both.exit_code == 2
    assert "choose one" in both.stderr
    assert invoke("diff").exit_code == 2
    assert invoke("diff", ":bundled", str(edited), "--format", "html").exit_code == 2


def test_catalogue_text_is_inert(invoke: Invoke, tmp_path: Path) -> None:
    data = bundled_data()
    next(r for r in data["roles"] if r["id"] == "pm")["title"] = "[bold]PM[/bold] \x1b[2J | *x*"
    after = write(tmp_path, data)
    result = invoke("diff", ":bundled", str(after), env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "[bold]PM[/bold] \\x1b[2J | *x*" in result.stdout
    assert "\x1b" not in result.stdout
    md = invoke("diff", ":bundled", str(after), "--format", "markdown").stdout
    assert "\\[bold\\]PM\\[/bold\\] \\x1b\\[2J \\| \\*x\\*" in md


def _catalogue_with_years(tmp_path: Path, years: list[float]) -> Path:
    """The bundled catalogue with awkward typical years (0.1 + 0.2 against 0.3...)."""
    data = bundled_data()
    i = 0
    for role in data["roles"]:
        for move in role.get("moves", []):
            move["typical_years"] = years[i % len(years)]
            i += 1
    return write(tmp_path, data, "years.toml")


@pytest.mark.parametrize("years", [[], [0.1, 0.2, 0.3], [1, 1, 2, 0.5, 0.25, 0.75], [0.0]],
                         ids=["as-is", "tenths", "halves", "zero"])
def test_route_search_agrees_with_path_for_every_pair(tmp_path: Path, years: list[float]) -> None:
    from pmladder.routes import route_ids, routes_from, shortest_route, year_units

    source = CatalogSource(None) if not years else CatalogSource(
        _catalogue_with_years(tmp_path, years))
    ladders = [load(source), load(CatalogSource(TINY)),
               load(CatalogSource(ROOT / "examples" / "startup-product-team.toml"))]
    for ladder in ladders:
        _, units = year_units(y for moves in ladder.edges.values() for _, y in moves)
        for start in ladder.order:
            tree = routes_from(ladder.edges, start, [0], units)
            for end in ladder.order:
                hops = shortest_route(ladder, start, end)
                if hops is None:
                    assert end not in tree.total
                    continue
                expected = [start, *(ladder.edges[r][i][0] for r, i in hops)]
                assert list(route_ids(tree, end)) == expected, (start, end)


def test_narrow_terminal_shows_whole_ids_not_cut_columns(invoke: Invoke, edited: Path) -> None:
    result = invoke("diff", ":bundled", str(edited), env={"COLUMNS": "40"})
    assert result.exit_code == 1, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 40
    for whole in ("growth-pm", "technical-pm", "Strategy and vision", "Product Manager II"):
        assert whole in result.stdout, whole
    assert " • senior-pm" in result.stdout
    assert "Change: rose" in result.stdout


def test_readme_example_is_what_diff_prints(invoke: Invoke, edited: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("`pmladder diff :bundled ours.toml` prints one table per kind of change:")
    block = readme[readme.index("```text\n", start) + 8:]
    block = block[:block.index("```\n")]
    Path("ours.toml").write_text(edited.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke("diff", ":bundled", "ours.toml", env={"COLUMNS": "80"})
    assert result.exit_code == 1, result.output
    assert [line.rstrip() for line in result.stdout.splitlines()] == block.splitlines()


def test_bundled_is_named_as_everywhere_else(invoke: Invoke) -> None:
    """`:bundled` names the bundled catalogue, as --catalog and validate take it."""
    assert invoke("diff", ":bundled", ":bundled").exit_code == 0
    plain = invoke("diff", "bundled", ":bundled")
    assert plain.exit_code == 2
    assert "write :bundled for the bundled catalogue" in plain.stderr
