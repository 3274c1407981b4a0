"""``pmladder compare``: roles side by side, on the bundled and a team's catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import TINY, Invoke, lines
from pmladder import kinds
from pmladder.catalog import CatalogSource, Ladder, find_source, load
from pmladder.compare import compare_roles
from pmladder.errors import ExitCode, UsageError
from pmladder.lookup import find_role
from pmladder.models import Role


@pytest.fixture(scope="module")
def bundled() -> Ladder:
    return load(find_source(None, environ={}, cwd=Path("/")))


def roles(ladder: Ladder, *names: str) -> list[Role]:
    return [find_role(ladder, n) for n in names]


# --------------------------------------------------------------------------
# Core


def test_competency_rows_mark_the_highest_and_the_missing(bundled: Ladder) -> None:
    result = compare_roles(bundled, roles(bundled, "technical-pm", "growth-pm", "group-pm"))
    rows = {row.competency: row for row in result.competencies}
    technical = rows["technical"]
    assert [r.level if r else None for r in technical.ratings] == ["advanced", None, None]
    assert technical.highest == ("technical-pm",)
    strategy = rows["strategy"]
    assert strategy.highest == ("group-pm",)
    research = rows["research"]
    assert research.highest == ("growth-pm", "group-pm")
    # Rows follow the catalogue's competency order.
    order = [c.id for c in bundled.whole_catalog().competencies]
    assert [r.competency for r in result.competencies] == [
        c for c in order if c in rows
    ]


def test_a_competency_every_role_needs_equally_has_no_highest(bundled: Ladder) -> None:
    result = compare_roles(bundled, roles(bundled, "pm", "growth-pm"))
    rows = {row.competency: row for row in result.competencies}
    assert rows["roadmapping"].highest == ()
    assert not rows["roadmapping"].differs
    assert rows["experimentation"].differs


def test_distinct_and_shared_items(bundled: Ladder) -> None:
    result = compare_roles(bundled, roles(bundled, "apm", "product-owner"))
    shared = {f.casefold() for f in result.frameworks_shared}
    assert {"user stories", "product backlog"} <= shared
    only_po = next(d for d in result.frameworks_only if d.role == "product-owner")
    assert "Scrum" in only_po.items
    assert "User stories" not in only_po.items
    only_apm = next(d for d in result.responsibilities_only if d.role == "apm")
    assert len(only_apm.items) == len(bundled.roles["apm"].responsibilities)


def test_routes_between_every_ordered_pair(bundled: Ladder) -> None:
    result = compare_roles(bundled, roles(bundled, "apm", "senior-pm", "cpo"))
    by_pair = {(r.source, r.target): r for r in result.routes}
    assert len(by_pair) == 6
    up = by_pair[("apm", "senior-pm")]
    assert up.hops is not None
    assert [h.target for h in up.hops] == ["pm", "senior-pm"]
    assert up.typical_years == 5
    assert not by_pair[("cpo", "apm")].found
    assert by_pair[("cpo", "apm")].typical_years is None


def test_the_same_role_twice_is_a_usage_error(bundled: Ladder) -> None:
    with pytest.raises(UsageError, match="more than once"):
        compare_roles(bundled, roles(bundled, "pm", "Product Manager"))


def test_one_role_is_a_usage_error(bundled: Ladder) -> None:
    with pytest.raises(UsageError, match="at least two"):
        compare_roles(bundled, roles(bundled, "pm"))


# --------------------------------------------------------------------------
# Command


def test_three_roles_side_by_side(invoke: Invoke) -> None:
    result = invoke("compare", "technical-pm", "growth-pm", "group-pm")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in (
        "Technical Product Manager", "growth-pm", "Specialist product roles", "4 Lead",
        "Technical fluency", "Advanced ▲", "Competencies", "Only Growth Product Manager",
        "A/B testing", "Routes between them", "no route", "technical-pm ↑ senior-pm ⇑ group-pm",
    ):
        assert expected in out, expected
    # A rating a role does not have shows as "-" in its column.
    row = next(line for line in lines(out) if line.strip().startswith("Technical fluency"))
    assert row.split()[-2:] == ["-", "-"]


def test_an_arrow_on_a_route_line_always_names_a_kind_of_move(invoke: Invoke) -> None:
    # → is the lateral move's arrow, so a pair of roles reads "a to b", never "a → b".
    out = invoke("compare", "pmm", "product-owner", "group-pm", env={"COLUMNS": "120"}).stdout
    routes = out[out.index("Routes between them"):].splitlines()
    assert "pmm to product-owner" in routes[1]
    assert "pmm → pm → product-owner" in routes[1]  # two lateral moves
    assert not any(" → " in line.split(":")[0] for line in routes[1:] if "moves" in line)
    assert kinds.legend() in routes  # the one legend line, as list, show and path print it


def test_a_route_is_as_long_in_compare_as_in_path(invoke: Invoke) -> None:
    compared = invoke("compare", "pm", "director", env={"COLUMNS": "200"})
    routed = invoke("path", "pm", "director", "--brief", env={"COLUMNS": "200"})
    assert compared.exit_code == routed.exit_code == 0, compared.output + routed.output
    length = "typically 9 years, estimate"
    assert f"(3 steps, {length})" in routed.stdout
    assert f"3 moves, {length}:" in compared.stdout


@pytest.mark.parametrize("width", [40, 60, 80, 120])
@pytest.mark.parametrize(
    "names",
    [("pm", "senior-pm"), ("technical-pm", "growth-pm", "group-pm"),
     ("apm", "pm", "senior-pm", "director"), ("apm", "pm", "senior-pm", "director", "cpo", "pmm")],
)
def test_no_line_is_wider_than_the_terminal(invoke: Invoke, width: int,
                                           names: tuple[str, ...]) -> None:
    result = invoke("compare", *names, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    widest = max(len(line) for line in lines(result.stdout))
    assert widest <= width
    # Every role's ratings stay visible, whatever the layout.
    assert result.stdout.count("▲") >= 3


def test_four_roles_at_80_columns_stack_the_facts_and_use_bars(invoke: Invoke) -> None:
    result = invoke("compare", "apm", "pm", "senior-pm", "director", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "Associate Product Manager (apm) ─" in result.stdout
    assert "●●●○○ ▲" in result.stdout
    assert "Proficiency: 1 Foundational" in result.stdout


def test_many_roles_at_40_columns_list_each_competency(invoke: Invoke) -> None:
    result = invoke("compare", "apm", "pm", "senior-pm", "director", "cpo", "pmm",
                    env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.output
    out = lines(result.stdout)
    at = out.index("Market and user research")
    assert out[at + 1].startswith("  apm 1  pm 2")


def test_json(invoke: Invoke) -> None:
    result = invoke("compare", "technical-pm", "growth-pm", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert doc["command"] == "compare"
    assert [r["id"] for r in doc["roles"]] == ["technical-pm", "growth-pm"]
    technical = next(c for c in doc["competencies"] if c["id"] == "technical")
    rated = technical["ratings"]["technical-pm"]
    assert {k: rated[k] for k in ("level", "level_name", "rank")} == {
        "level": "advanced", "level_name": "Advanced", "rank": 3,
    }
    advanced = load(CatalogSource(None)).criterion("technical", "advanced")
    assert advanced is not None
    assert rated["criterion"]["text"] == advanced.text
    assert technical["ratings"]["growth-pm"] is None
    assert technical["highest"] == ["technical-pm"]
    assert doc["routes"] == [
        {"from": "technical-pm", "to": "growth-pm", "found": False, "moves": None,
         "typical_years": None},
        {"from": "growth-pm", "to": "technical-pm", "found": False, "moves": None,
         "typical_years": None},
    ]
    assert "Scrum" not in doc["frameworks"]["only"]["technical-pm"]


def test_json_route_moves(invoke: Invoke) -> None:
    doc = json.loads(invoke("compare", "pm", "director", "--json").stdout)
    route = doc["routes"][0]
    assert route["found"] is True
    assert [m["kind"] for m in route["moves"]] == ["promotion", "management", "promotion"]
    assert route["typical_years"] == 9


def test_duplicate_roles_exit_2(invoke: Invoke) -> None:
    result = invoke("compare", "spm", "senior-pm")
    assert result.exit_code == ExitCode.USAGE
    assert "named more than once" in result.stderr
    assert result.stdout == ""


def test_a_single_role_exits_2(invoke: Invoke) -> None:
    result = invoke("compare", "pm")
    assert result.exit_code == ExitCode.USAGE
    assert "at least two roles" in result.stderr


def test_no_role_exits_2(invoke: Invoke) -> None:
    result = invoke("compare")
    assert result.exit_code == ExitCode.USAGE


def test_unknown_role_exits_2_with_suggestions(invoke: Invoke) -> None:
    result = invoke("compare", "pm", "senoir-pm")
    assert result.exit_code == ExitCode.USAGE
    assert "no role named 'senoir-pm'" in result.stderr
    assert "senior-pm" in result.stderr
    assert "Traceback" not in result.output


def test_a_team_catalogue(invoke: Invoke) -> None:
    result = invoke("--catalog", str(TINY), "compare", "maker", "lead", "hermit")
    assert result.exit_code == 0, result.output
    assert "catalogue: Tiny test ladder" in result.stdout
    assert "People ▲" not in result.stdout  # names are not ratings
    assert "Mid ▲" in result.stdout
    assert "maker ⇑ lead" in result.stdout
    # Hermit has no ratings at all: its column is all "-", and what it asks is unknown,
    # so the maker does not "need the most" against it.
    assert "hermit: no competencies rated for this role" in result.stdout
    doc = json.loads(invoke("--catalog", str(TINY), "compare", "maker", "hermit", "--json").stdout)
    craft = next(c for c in doc["competencies"] if c["id"] == "craft")
    assert craft["ratings"]["hermit"] is None
    assert craft["highest"] == []


def test_catalogue_text_is_inert(invoke: Invoke, tmp_path: Path) -> None:
    hostile = TINY.read_text(encoding="utf-8").replace(
        'summary = "Builds things alone."',
        'summary = "[bold red]Builds[/] \\u001b[31mthings\\u001b[0m alone."',
    )
    path = tmp_path / "hostile.toml"
    path.write_text(hostile, encoding="utf-8")
    result = invoke("--catalog", str(path), "compare", "maker", "junior")
    assert result.exit_code == 0, result.output
    assert "[bold red]Builds[/]" in result.stdout
    assert "\x1b" not in result.stdout
    assert "\\x1b[31mthings" in result.stdout


def test_help_has_an_example(invoke: Invoke) -> None:
    result = invoke("compare", "--help")
    assert result.exit_code == 0
    assert "Example: pmladder compare" in result.stdout
