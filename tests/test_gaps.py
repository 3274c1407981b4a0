"""Routes, tie-breaking and gaps, on the tiny fixture catalogue and the bundled one."""

from __future__ import annotations

import pytest

from conftest import TINY
from pmladder.catalog import CatalogSource, load
from pmladder.errors import ExitCode, NotFoundError
from pmladder.gaps import competency_changes, gap, route
from pmladder.index import Ladder
from pmladder.overview import overview
from pmladder.routes import shortest_route


@pytest.fixture(scope="module")
def tiny() -> Ladder:
    return load(CatalogSource(TINY))


@pytest.fixture(scope="module")
def bundled() -> Ladder:
    return load(CatalogSource(None))


def test_route_takes_fewest_moves(tiny: Ladder) -> None:
    hops = shortest_route(tiny, "junior", "expert")
    assert hops is not None
    assert [tiny.roles[r].moves[i].to for r, i in hops] == ["maker", "expert"]


def test_same_role_is_an_empty_route(tiny: Ladder) -> None:
    result = route(tiny, tiny.roles["maker"], tiny.roles["maker"])
    assert result.steps == ()
    assert result.typical_years == 0


def test_no_route_says_why_and_offers_the_reverse(tiny: Ladder) -> None:
    with pytest.raises(NotFoundError) as info:
        route(tiny, tiny.roles["expert"], tiny.roles["junior"])
    assert info.value.exit_code == ExitCode.NOT_FOUND
    assert any("pmladder path junior expert" in h for h in info.value.hints)


def test_no_route_without_reverse_has_no_reverse_hint(tiny: Ladder) -> None:
    with pytest.raises(NotFoundError) as info:
        route(tiny, tiny.roles["hermit"], tiny.roles["junior"])
    assert not any("reverse" in h for h in info.value.hints)


def test_gap_lists_rises_new_competencies_and_added_responsibilities(tiny: Ladder) -> None:
    g = gap(tiny, tiny.roles["maker"], tiny.roles["lead"])
    assert g.rising == ()  # craft stays at mid
    assert [(c.competency, c.before, c.after) for c in g.new] == [("people", None, "mid")]
    # "Review work." is shared, so only the new responsibility is added.
    assert g.responsibilities_added == ("Lead the team.",)
    assert g.experience_years == (2, 5)


def test_route_totals(tiny: Ladder) -> None:
    result = route(tiny, tiny.roles["junior"], tiny.roles["expert"])
    assert len(result.steps) == 2
    assert result.typical_years == 5
    assert result.years_known
    assert [(c.competency, c.before, c.after, c.steps) for c in result.overall] == [
        ("craft", "low", "high", 2)
    ]


def test_apm_to_cpo_is_six_steps_through_group_pm(bundled: Ladder) -> None:
    result = route(bundled, bundled.roles["apm"], bundled.roles["cpo"])
    ids = [result.source, *(s.target for s in result.steps)]
    # group-pm and product-lead tie on moves and years; group-pm comes first alphabetically.
    assert ids == ["apm", "pm", "senior-pm", "group-pm", "director", "vp-product", "cpo"]
    assert [s.kind for s in result.steps] == [
        "promotion", "promotion", "management", "promotion", "promotion", "promotion",
    ]  # fmt: skip
    assert result.typical_years == sum(s.typical_years or 0 for s in result.steps)
    for step in result.steps:
        assert step.gap.rising or step.gap.new, step
        assert step.gap.responsibilities_added, step


def test_overall_rise_matches_first_and_last_role(bundled: Ladder) -> None:
    result = route(bundled, bundled.roles["apm"], bundled.roles["cpo"])
    rising, new = competency_changes(bundled, bundled.roles["apm"], bundled.roles["cpo"])
    assert {c.competency for c in result.overall} == {c.competency for c in rising + new}


def _diamond(left_years: float, right_years: float) -> Ladder:
    """start -> {left, right} -> end: two routes of two moves each."""
    from pmladder.models import Catalog

    def role(rid: str, level: int, moves: list[dict[str, object]]) -> dict[str, object]:
        return {"id": rid, "title": rid.title(), "track": "t", "level": level,
                "summary": "s", "responsibilities": ["r"], "moves": moves}

    data = {
        "name": "diamond",
        "scale": {"name": "s", "levels": [{"id": "a", "name": "A", "description": "a"},
                                          {"id": "b", "name": "B", "description": "b"}]},
        "tracks": [{"id": "t", "name": "T"}],
        "levels": [{"rank": 1, "name": "1"}, {"rank": 2, "name": "2"}, {"rank": 3, "name": "3"}],
        "roles": [
            role("start", 1, [{"to": "right", "kind": "promotion", "typical_years": 1},
                              {"to": "left", "kind": "promotion", "typical_years": 1}]),
            role("left", 2, [{"to": "end", "kind": "promotion", "typical_years": left_years}]),
            role("right", 2, [{"to": "end", "kind": "promotion", "typical_years": right_years}]),
            role("end", 3, []),
        ],
    }
    return Ladder.of_catalog(Catalog.model_validate(data), CatalogSource(None))


def test_tie_break_prefers_fewer_typical_years() -> None:
    ladder = _diamond(left_years=4, right_years=2)
    hops = shortest_route(ladder, "start", "end")
    assert hops is not None
    assert [r for r, _ in hops] == ["start", "right"]


def test_tie_break_then_alphabetical() -> None:
    ladder = _diamond(left_years=2, right_years=2)
    hops = shortest_route(ladder, "start", "end")
    assert hops is not None
    assert [r for r, _ in hops] == ["start", "left"]


def test_overview_groups_by_track_and_sorts_by_level(bundled: Ladder) -> None:
    tracks = overview(bundled)
    assert [t.id for t in tracks] == ["core", "specialist", "agile", "marketing", "leadership"]
    leadership = tracks[-1]
    levels = [r.level for r in leadership.roles]
    assert levels == sorted(levels)
    assert overview(bundled, "core")[0].id == "core"


def _graph(moves: dict[str, list[tuple[str, float]]]) -> Ladder:
    """A valid one-track catalogue whose roles have exactly these (target, years) moves."""
    from pmladder.validation.validate import validate_data

    ids = sorted({*moves, *(to for out in moves.values() for to, _ in out)})
    data = {
        "name": "Graph",
        "scale": {"name": "P", "levels": [{"id": "a", "name": "A", "description": "a"},
                                          {"id": "b", "name": "B", "description": "b"}]},
        "tracks": [{"id": "t", "name": "T"}],
        "levels": [{"rank": 1, "name": "One"}],
        "roles": [
            {"id": i, "title": f"Role {i}", "track": "t", "level": 1, "summary": "s",
             "responsibilities": ["r"],
             "moves": [{"to": to, "kind": "lateral", "typical_years": years}
                       for to, years in moves.get(i, [])]}
            for i in ids
        ],
    }
    catalog, _ = validate_data(data, "graph")
    return Ladder.of_catalog(catalog, CatalogSource(None))


def _ids(ladder: Ladder, hops: list[tuple[str, int]] | None) -> list[str]:
    assert hops is not None
    return [hops[0][0], *(ladder.roles[r].moves[i].to for r, i in hops)]


def test_tie_break_compares_exact_years_below_a_tenth() -> None:
    # b-route: 0.05 + 0.05 = 0.10 years; x-route: 0.04 + 0.04 = 0.08 years.
    # Rounded to tenths first, both were 0.1 (or 0) and "b" won on its id.
    ladder = _graph({"a": [("b", 0.05), ("x", 0.04)], "b": [("d", 0.05)], "x": [("d", 0.04)]})
    assert _ids(ladder, shortest_route(ladder, "a", "d")) == ["a", "x", "d"]
    assert ladder.edges["a"] == [("b", 0.05), ("x", 0.04)]  # kept exact, not in tenths


def test_tie_break_adds_decimals_as_written() -> None:
    # 0.1 + 0.2 is 0.3 on paper, though not in binary floating point: a tie,
    # which the ids break.
    ladder = _graph({"a": [("c", 0.3), ("z", 0.1)], "c": [("d", 0.0)], "z": [("d", 0.2)]})
    assert _ids(ladder, shortest_route(ladder, "a", "d")) == ["a", "c", "d"]
    ladder = _graph({"a": [("c", 0.1), ("z", 0.3)], "c": [("d", 0.2)], "z": [("d", 0.0)]})
    assert _ids(ladder, shortest_route(ladder, "a", "d")) == ["a", "c", "d"]


def test_a_long_chain_routes_in_linear_memory() -> None:
    import tracemalloc

    n = 4000
    ladder = _graph({f"r{i}": [(f"r{i + 1}", 0.5)] for i in range(n - 1)})
    tracemalloc.start()
    hops = shortest_route(ladder, "r0", f"r{n - 1}")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert hops is not None
    assert len(hops) == n - 1
    # Whole routes per role would hold n**2 / 2 ids (~64 MB here); predecessors hold n.
    assert peak < 5_000_000, peak
