"""pmladder assess: the route measured from the person, and what the target does not rate."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from assess_setup import PROFILES, as_json, filled, write
from conftest import TINY, Invoke
from pmladder.catalog import CatalogSource, Ladder, load
from pmladder.output_schemas import output_schema


@pytest.fixture(scope="module")
def bundled() -> Ladder:
    return load(CatalogSource(None))


def _reviewer_profile(invoke: Invoke, tmp_path: Path) -> str:
    """Technical fluency Expert, go-to-market none, every other competency Working."""
    text = filled(invoke, "working")
    text = re.sub(r'(?m)^technical = "working"', 'technical = "expert"', text)
    text = re.sub(r'(?m)^go-to-market = "working"', 'go-to-market = "none"', text)
    return write(tmp_path, "me.toml", text)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _check_running_levels(doc: dict[str, Any], bundled: Ladder) -> None:
    """Every step of the assessment's route is measured from the person's level,
    worked out here independently: their own rating, raised to what each step asks."""
    Draft202012Validator(output_schema("assess")).validate(doc)
    steps = doc["route"]["steps"]
    rank = {s.id: i + 1 for i, s in enumerate(bundled.whole_catalog().scale.levels)}
    step_id = {i + 1: s.id for i, s in enumerate(bundled.whole_catalog().scale.levels)}
    # The person's level, worked out here independently: own rating, then raised to
    # what each step's role asks.
    level: dict[str, tuple[int, str | None]] = {
        r["competency"]: (r["rank"], None) for r in doc["ratings"]}
    for step in steps:
        gap = step["gap"]
        asks = bundled.roles[step["target"]].competencies
        short = {c for c, s in asks.items() if rank[s] > level[c][0]}
        assert {c["competency"] for c in gap["rising"] + gap["new"]} == short
        for c in gap["rising"] + gap["met"] + gap["falling"] + gap["unrated"]:
            have, via = level[c["competency"]]
            assert (c["before"], c["via"]) == (step_id[have], via), (step["target"], c)
        for c in gap["new"]:
            assert level[c["competency"]][0] == 0
        for c in gap["met"]:
            assert rank[c["after"]] <= level[c["competency"]][0]
        for f in gap["falling"] + gap["unrated"]:
            need = rank[f["after"]] if f["after"] else 0
            assert level[f["competency"]][0] > need
        for c in short:
            level[c] = (rank[asks[c]], step["target"])
    overall = {c["competency"]: (c["before"], c["after"]) for c in doc["route"]["total"]
               ["competencies"]}
    mine = {r["competency"]: r["level"] for r in doc["ratings"]}
    assert overall == {c: (mine[c], step_id[r]) for c, (r, via) in level.items() if via}


def test_route_steps_start_from_the_persons_running_level(
    invoke: Invoke, tmp_path: Path, bundled: Ladder
) -> None:
    profile = _reviewer_profile(invoke, tmp_path)
    doc = as_json(invoke, "assess", profile, "--target", "group-pm")
    assert [s["target"] for s in doc["route"]["steps"]] == ["senior-pm", "group-pm"]
    _check_running_levels(doc, bundled)

    out = _flat(invoke("assess", profile, "--target", "group-pm").stdout)
    route = out.split("Route to the target", 1)[1]
    # Technical fluency is rated Expert: never read as Advanced or Working.
    assert "Technical fluency (yours Expert)" in route
    assert not re.search(r"Technical fluency (\(was )?(Advanced|Working)", route)
    # Go-to-market is rated none: the first step raises it, and that is what is left.
    assert "Go-to-market and positioning: none (you) → Working" in route
    assert "Go-to-market and positioning (Working as senior-pm)" in route
    # The last step starts from what the step before it asked, not from the profile.
    assert "Prioritisation and backlog: Advanced (as senior-pm) → Expert" in route
    assert "Prioritisation and backlog: Working (you) → Expert" not in route.split(
        "Step 2:", 1)[1]
    assert "(was " not in route
    assert re.search(r"\bnew\b", route) is None


def test_route_from_the_technical_pm_measures_falls_from_the_person(
    invoke: Invoke, tmp_path: Path, bundled: Ladder
) -> None:
    # The TPM's own ratings, but technical fluency Expert and no leadership yet.
    tpm = bundled.roles["technical-pm"].competencies
    ratings = {c: tpm.get(c, "none") for c in bundled.competency_names}
    ratings["technical"] = "expert"
    ratings["go-to-market"] = "none"
    body = "".join(f'{c} = "{s}"\n' for c, s in ratings.items())
    profile = write(tmp_path, "tpm.toml", f"[ratings]\n{body}")
    doc = as_json(invoke, "assess", profile, "--target", "group-pm")
    assert doc["route_from"]["id"] == "technical-pm"
    assert [s["target"] for s in doc["route"]["steps"]] == ["senior-pm", "group-pm"]
    _check_running_levels(doc, bundled)
    out = _flat(invoke("assess", profile, "--target", "group-pm").stdout)
    route = out.split("Route to the target", 1)[1]
    first, second = route.split("Step 2:", 1)
    assert "asks less than your level: Technical fluency Expert (you) → Working" in first
    assert "Technical fluency Advanced" not in route
    assert "People leadership and mentoring: none (you) → Working" in first
    assert "People leadership and mentoring: Working (as senior-pm) → Advanced" in second
    assert "Prioritisation and backlog: Advanced (as senior-pm) → Expert" in second
    assert "Technical fluency (yours Expert)" in second
    assert "Go-to-market and positioning (Working as senior-pm)" in second


SMALL = '''
format_version = 1
name = "Small ladder"

[scale]
name = "Skill"
levels = [
  { id = "low", name = "Low", description = "Needs help." },
  { id = "mid", name = "Mid", description = "Works alone." },
  { id = "high", name = "High", description = "Teaches others." },
]

[[tracks]]
id = "ic"
name = "Makers"

[[levels]]
rank = 1
name = "One"

[[competencies]]
id = "alpha"
name = "Alpha"
description = "The first skill."

[[competencies]]
id = "beta"
name = "Beta"
description = "The second skill."

[[competencies]]
id = "gamma"
name = "Gamma"
description = "The third skill."

[[roles]]
id = "start"
title = "Start"
track = "ic"
level = 1
summary = "Where the route starts."
responsibilities = ["Begin."]
competencies = { alpha = "mid", beta = "high", gamma = "high" }

[[roles.moves]]
to = "next"
kind = "lateral"
typical_years = 1

[[roles]]
id = "next"
title = "Next"
track = "ic"
level = 1
summary = "Where the route ends."
responsibilities = ["Carry on."]
competencies = { alpha = "high", gamma = "low" }
'''


@pytest.mark.parametrize(("beta", "shown"), [("low", "Beta (yours Low)"), ("none", None)])
def test_a_low_rating_is_never_shown_as_the_roles_high_one(
    invoke: Invoke, tmp_path: Path, beta: str, shown: str | None
) -> None:
    catalogue = write(tmp_path, "small.toml", SMALL)
    profile = write(tmp_path, "p.toml", f'target = "next"\n[ratings]\nalpha = "low"\n'
                                        f'beta = "{beta}"\ngamma = "high"\n')
    args = ("--catalog", catalogue, "assess", profile)
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    out = _flat(result.stdout)
    route = out.split("Route to the target", 1)[1]
    assert "Step 1: Start to Next" in route
    assert "Beta (was High)" not in out
    assert "Beta High" not in out
    assert re.search(r"Alpha:? Low \(you\) → High", route)
    assert "asks less than your level: Gamma High (you) → Low" in route
    if shown:
        assert f"not rated by Next: {shown}" in route
    else:
        assert "not rated by" not in route  # nothing the person had is left behind
    gap = as_json(invoke, *args)["route"]["steps"][0]["gap"]
    assert [(f["competency"], f["before"]) for f in gap["unrated"]] == (
        [("beta", beta)] if shown else [])
    assert [(f["competency"], f["before"], f["after"]) for f in gap["falling"]] == [
        ("gamma", "high", "low")]
    # Path itself still measures from the roles.
    path = _flat(invoke("--catalog", catalogue, "path", "start", "next").stdout)
    assert "Beta (was High)" in path
    assert "asks less: Gamma High → Low" in path


def test_what_the_target_does_not_rate_is_unknown_not_above(
    invoke: Invoke, tmp_path: Path
) -> None:
    profile = _reviewer_profile(invoke, tmp_path)
    doc = as_json(invoke, "assess", profile, "--target", "group-pm")
    comparison = doc["comparison"]
    unrated = {s["competency"]: s for s in comparison["unrated"]}
    assert set(unrated) == {"specification", "technical", "experimentation"}
    technical = unrated["technical"]
    assert (technical["yours"], technical["required"], technical["required_rank"],
            technical["difference"]) == ("expert", None, 0, None)
    listed = [s["competency"] for group in ("above", "at", "below")
              for s in comparison[group]]
    assert not set(listed) & set(unrated)
    assert all(s["required"] is not None and s["difference"] is not None
               for group in ("above", "at", "below") for s in comparison[group])
    out = _flat(invoke("assess", profile, "--target", "group-pm").stdout)
    assert "Above the target (0) none" in out
    assert ("Not rated by the target (3): what it needs there is unknown "
            "• Requirements and specification: you Working "
            "• Technical fluency: you Expert") in out
    assert "not asked" not in out
    assert "4 steps above" not in out
    # Narrow terminals too.
    narrow = _flat(invoke("assess", profile, "--target", "group-pm",
                          env={"COLUMNS": "40"}).stdout)
    assert "Technical fluency: you Expert" in narrow
    assert "not asked" not in narrow


def test_tiny_unrated_competency_and_none_worded_from_the_person(
    invoke: Invoke, tmp_path: Path
) -> None:
    profile = write(tmp_path, "p.toml", '[ratings]\ncraft = "mid"\npeople = "high"\n')
    args = ("--catalog", str(TINY), "assess", profile, "--target", "expert")
    comparison = as_json(invoke, *args)["comparison"]
    assert [s["competency"] for s in comparison["below"]] == ["craft"]
    assert comparison["above"] == []
    assert comparison["at"] == []
    assert [(s["competency"], s["difference"]) for s in comparison["unrated"]] == [
        ("people", None)]
    out = _flat(invoke(*args).stdout)
    assert "Not rated by the target (1): what it needs there is unknown • People: you High" \
        in out
    # Kim rates people none: the route to Team Lead raises it from "none (you)".
    kim = ("--catalog", str(TINY), "assess", str(PROFILES / "tiny-kim.toml"))
    out = _flat(invoke(*kim).stdout)
    route = out.split("Route to the target", 1)[1]
    assert re.search(r"People none \(you\) → Mid", route)
    assert re.search(r"\bnew\b", route) is None
    # People is rated by neither Kim nor the expert role: left out, not "unknown".
    doc = as_json(invoke, *kim[:-1], str(PROFILES / "tiny-kim.toml"), "--target", "expert")
    assert doc["comparison"]["unrated"] == []
