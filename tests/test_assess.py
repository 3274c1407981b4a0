"""pmladder assess: the template, fit scores, the target and the route, on the page and in JSON."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from assess_setup import PROFILES, as_json, filled, write
from conftest import ROOT, TINY, Invoke
from pmladder.assess import FIT_RULE, assess, fits
from pmladder.catalog import CatalogSource, load
from pmladder.errors import ExitCode
from pmladder.index import Ladder
from pmladder.profile import parse_profile
from pmladder.profile_form import profile_text
from pmladder.views.assess import distance


@pytest.fixture(scope="module")
def bundled() -> Ladder:
    return load(CatalogSource(None))


@pytest.fixture(scope="module")
def tiny() -> Ladder:
    return load(CatalogSource(TINY, "option"))


def test_template_lists_every_competency_and_explains_the_scale(
    invoke: Invoke, bundled: Ladder
) -> None:
    result = invoke("assess", "--template")
    assert result.exit_code == 0, result.output
    out = result.stdout
    data = tomllib.loads(out)
    assert data == {"ratings": dict.fromkeys(bundled.competency_names, "")}
    for comp in bundled.whole_catalog().competencies:
        assert f'\n{comp.id} = ""\n' in out
        assert f"# {comp.name}: " in out
    for number, step in enumerate(bundled.whole_catalog().scale.levels, start=1):
        assert re.search(rf"#   {number}\. {step.id} +{step.name}: ", out)
    assert "none" in out
    assert '# target = "senior-pm"' in out
    assert '# name = "Your name"' in out
    assert result.stderr == ""


def test_template_on_own_catalogue(invoke: Invoke) -> None:
    result = invoke("--catalog", str(TINY), "assess", "--template")
    assert result.exit_code == 0, result.output
    data = tomllib.loads(result.stdout)
    assert data == {"ratings": {"craft": "", "people": ""}}
    assert "# Craft: Doing the work." in result.stdout
    assert "#   1. low   Low: Needs help." in result.stdout
    assert f"pmladder --catalog {TINY} assess THIS-FILE" in result.stdout
    assert '# target = "expert"' in result.stdout


def test_template_with_target_sets_it(invoke: Invoke) -> None:
    result = invoke("assess", "--template", "--target", "spm")
    assert result.exit_code == 0, result.output
    assert tomllib.loads(result.stdout)["target"] == "senior-pm"


def test_template_refuses_an_unknown_target(invoke: Invoke) -> None:
    result = invoke("assess", "--template", "--target", "seniro-pm")
    assert result.exit_code == ExitCode.USAGE
    assert "no role named 'seniro-pm'" in result.stderr
    assert result.stdout == ""


def test_template_comments_keep_catalogue_text_inert(invoke: Invoke, tmp_path: Path) -> None:
    hostile = TINY.read_text(encoding="utf-8").replace(
        'description = "Doing the work."',
        'description = "Doing\\nthe \\u001b[31mwork\\u202e.\\n[ratings]\\ncraft = 1"',
    )
    catalogue = write(tmp_path, "hostile.toml", hostile)
    result = invoke("--catalog", catalogue, "assess", "--template")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout
    assert tomllib.loads(result.stdout) == {"ratings": {"craft": "", "people": ""}}


def test_filled_template_round_trips(invoke: Invoke, tmp_path: Path, bundled: Ladder) -> None:
    steps = [s.id for s in bundled.whole_catalog().scale.levels] + ["none"]
    profile = write(tmp_path, "me.toml", filled(invoke, steps))
    doc = as_json(invoke, "assess", profile)
    expected = [steps[i % len(steps)] for i in range(len(bundled.competency_names))]
    got = [r["level"] or "none" for r in doc["ratings"]]
    assert got == expected
    assert [r["competency"] for r in doc["ratings"]] == list(bundled.competency_names)


def test_blank_template_reports_every_rating_not_yet_given(invoke: Invoke, tmp_path: Path,
                                                          bundled: Ladder) -> None:
    blank = invoke("assess", "--template").stdout
    profile = write(tmp_path, "blank.toml", blank)
    result = invoke("assess", profile)
    assert result.exit_code == ExitCode.USAGE
    count = len(bundled.competency_names)
    assert result.stderr.splitlines()[0] == f"error: {profile}: invalid profile ({count} problems)"
    assert result.stderr.count("no rating yet; write one of: foundational, working") == count
    assert result.stdout == ""


def test_all_lowest_fits_the_associate_pm_best(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "low.toml", filled(invoke, "foundational"))
    doc = as_json(invoke, "assess", profile)
    first = doc["fits"][0]
    assert first["role"] == "apm"
    # APM asks Foundational (1 step) in seven competencies and Working (2) in one.
    assert (first["met_steps"], first["required_steps"]) == (8, 9)
    assert first["score"] == 88.8
    assert all(f["score"] < first["score"] for f in doc["fits"][1:])
    result = invoke("assess", profile)
    assert result.exit_code == 0, result.output
    assert "1   Associate Product" in result.stdout
    assert "88%" in result.stdout


def test_all_highest_fits_every_role_fully_most_senior_first(
    invoke: Invoke, tmp_path: Path, bundled: Ladder
) -> None:
    profile = write(tmp_path, "high.toml", filled(invoke, "leading"))
    doc = as_json(invoke, "assess", profile)
    assert all(f["score"] == 100 for f in doc["fits"])
    assert len(doc["fits"]) == len(bundled.ids)
    assert doc["fits"][0]["role"] == "cpo"
    levels = [f["level"] for f in doc["fits"]]
    assert levels == sorted(levels, reverse=True)
    result = invoke("assess", profile, "--top", "3")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("100%") == 3
    assert "and 10 more roles" in result.stdout


def test_fit_score_caps_each_competency(tiny: Ladder) -> None:
    # Lead asks craft=mid (2 steps) and people=mid (2 steps).
    scored, unscored = fits(tiny, {"craft": "high", "people": None})
    lead = next(f for f in scored if f.role == "lead")
    assert (lead.met_steps, lead.required_steps, lead.score) == (2, 4, 50.0)
    assert lead.competencies_met == 1
    assert unscored == ["hermit"]
    # Ties at 100% go to the higher level, then catalogue order.
    assert [f.role for f in scored] == ["expert", "maker", "junior", "lead"]
    assert "Ties go to the higher level" in FIT_RULE


def test_fit_is_rounded_down_so_100_means_fully_met(bundled: Ladder) -> None:
    ratings: dict[str, str | None] = dict.fromkeys(bundled.competency_names, "leading")
    ratings["strategy"] = "expert"  # the CPO asks Leading: one step short
    scored, _ = fits(bundled, ratings)
    for f in scored:
        assert f.score == int(f.met_steps * 1000 / f.required_steps) / 10
        assert (f.score == 100) == (f.met_steps == f.required_steps)
    cpo = next(f for f in scored if f.role == "cpo")
    assert (cpo.met_steps, cpo.required_steps, cpo.score) == (43, 44, 97.7)
    # The VP asks Leading strategy too, so the Director (Expert) is the best full fit.
    assert (scored[0].role, scored[0].score) == ("director", 100)


def test_target_option_overrides_the_profile_target(invoke: Invoke) -> None:
    profile = str(PROFILES / "tiny-kim.toml")
    from_profile = as_json(invoke, "--catalog", str(TINY), "assess", profile)
    assert from_profile["target"] == {"id": "lead", "title": "Team Lead", "origin": "profile"}
    override = as_json(invoke, "--catalog", str(TINY), "assess", profile, "--target", "maker")
    assert override["target"] == {"id": "maker", "title": "Maker", "origin": "option"}
    assert override["profile"]["target"] == "lead"


def test_above_at_and_below_the_target(invoke: Invoke) -> None:
    doc = as_json(invoke, "--catalog", str(TINY), "assess", str(PROFILES / "tiny-kim.toml"))
    comparison = doc["comparison"]
    assert [s["competency"] for s in comparison["below"]] == ["people"]
    assert comparison["below"][0]["yours"] is None
    assert comparison["below"][0]["required_name"] == "Mid"
    assert comparison["below"][0]["difference"] == -2
    assert [s["competency"] for s in comparison["above"]] == ["craft"]
    assert comparison["at"] == []
    assert comparison["fit"]["score"] == 50.0
    result = invoke("--catalog", str(TINY), "assess", str(PROFILES / "tiny-kim.toml"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Against the target: Team Lead (lead), fit 50%" in out
    assert "Below the target: grow these (1)" in out
    assert re.search(r"People +none +Mid \(2\) +2 steps below", out)
    assert re.search(r"Craft +High \(3\) +Mid \(2\) +1 step above", out)


def test_route_starts_at_the_most_senior_role_met_that_leads_there(invoke: Invoke) -> None:
    args = ("--catalog", str(TINY), "assess", str(PROFILES / "tiny-kim.toml"))
    doc = as_json(invoke, *args)
    assert doc["fits"][0]["role"] == "expert"  # met, but no route to the target
    assert doc["route_from"]["id"] == "maker"  # met (100%), above junior (also 100%)
    assert doc["route_from"]["reason"] == "highest-met"
    out = " ".join(invoke(*args).stdout.split())
    assert "You meet Maker (fit 100%), the most senior role you meet (fit 90% or more) " \
        "that leads to Team Lead" in out


def test_with_no_role_met_the_best_fit_is_used(invoke: Invoke, tmp_path: Path) -> None:
    # No role met: the best fit is used; here it is the target itself.
    low = write(tmp_path, "q.toml", 'name = "Q"\n[ratings]\ncraft = "none"\n'
                'people = "low"\n')
    doc = as_json(invoke, "--catalog", str(TINY), "assess", low, "--target", "lead")
    assert all(f["score"] < 90 for f in doc["fits"])
    assert doc["fits"][0]["role"] == "lead"
    assert doc["route_from"]["reason"] == "target-is-best-fit"


def test_route_gaps_are_those_of_path(invoke: Invoke) -> None:
    args = ("--catalog", str(TINY), "assess", str(PROFILES / "tiny-kim.toml"))
    path_doc = as_json(invoke, "--catalog", str(TINY), "path", "maker", "lead")
    route = as_json(invoke, *args)["route"]
    assert route == {k: v for k, v in path_doc.items()
                     if k not in ("schema_version", "command", "catalog")}
    # The text is the same renderer's output too, without repeating the catalogue line,
    # except that a rise is worded from the person: none (you), not new.
    path_text = invoke("--catalog", str(TINY), "path", "maker", "lead").stdout
    assess_text = invoke(*args).stdout
    route_text = assess_text.split("Route to the target", 1)[1]
    path_lines = path_text.split("\n")[1:]
    assert sum("new" in line for line in path_lines) == 1
    for line in path_lines:
        if "new" in line:
            assert re.search(r"People\s+none \(you\)\s+→\s+Mid", route_text)
            assert "new" not in route_text
        else:
            assert " ".join(line.split()) in " ".join(route_text.split())
    assert assess_text.count("catalogue: Tiny test ladder") == 1


def test_bundled_route_matches_path(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "low.toml", filled(invoke, "foundational"))
    doc = as_json(invoke, "assess", profile, "--target", "senior-pm")
    assert doc["route_from"] == {"id": "apm", "title": "Associate Product Manager",
                                 "fit": 88.8, "reason": "best-fit", "passed_over": []}
    path_doc = as_json(invoke, "path", "apm", "senior-pm")
    mine, theirs = doc["route"]["steps"], path_doc["steps"]
    assert [(s["source"], s["target"]) for s in mine] == [(s["source"], s["target"])
                                                          for s in theirs]
    level = {c["competency"]: ("foundational", None) for c in doc["ratings"]}
    for step, path_step in zip(mine, theirs, strict=True):
        gap, path_gap = step["gap"], path_step["gap"]
        asked = {c["competency"]: c["after"] for c in path_gap["rising"] + path_gap["new"]}
        grow = gap["rising"] + gap["new"]
        # What path says rises, split into what to grow and what is met already, plus
        # what the role asks unchanged but the person still lacks; each measured from
        # the person's level: their own step, or what an earlier step asked.
        listed = {c["competency"] for c in grow + gap["met"]}
        assert set(asked) <= listed
        assert {c["competency"] for c in grow} >= listed - set(asked)
        for c in gap["rising"] + gap["met"]:
            assert (c["before"], c["via"]) == level[c["competency"]]
        assert all(c["after"] == c["before"] for c in gap["met"])
        assert all(c["after"] != c["before"] for c in grow)
        for c in grow:
            level[c["competency"]] = (c["after"], step["target"])
    # Communication: the APM asks Working already and the PM the same, so path shows
    # no rise, but this person (Foundational) must still grow it on the first step.
    rises = {c["competency"]: c for c in mine[0]["gap"]["rising"]}
    assert "communication" not in {c["competency"] for c in theirs[0]["gap"]["rising"]}
    assert (rises["communication"]["before"], rises["communication"]["after"]) == (
        "foundational", "working")
    first = {c["competency"] for c in mine[0]["gap"]["met"]}
    assert "go-to-market" in first  # new at PM, but only at Foundational: already met
    out = " ".join(invoke("assess", profile, "--target", "senior-pm").stdout.split())
    assert "Already met: Go-to-market and positioning (yours Foundational, asks " \
        "Foundational)" in out
    below = {s["competency"] for s in doc["comparison"]["below"]}
    assert "strategy" in below
    assert doc["comparison"]["at"] == []


def test_best_fit_is_the_target(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "low.toml", filled(invoke, "foundational"))
    doc = as_json(invoke, "assess", profile, "--target", "apm")
    assert doc["route_from"]["reason"] == "target-is-best-fit"
    assert doc["route"]["same_role"] is True
    assert doc["route"]["steps"] == []
    out = " ".join(invoke("assess", profile, "--target", "apm").stdout.split())
    assert "Associate Product Manager is your best fit already (fit 88%)" in out
    assert "Step 1" not in out


def test_target_below_every_better_fit(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "high.toml", filled(invoke, "leading"))
    doc = as_json(invoke, "assess", profile, "--target", "senior-pm")
    assert doc["route_from"]["id"] == "senior-pm"
    assert doc["route_from"]["reason"] == "highest-met"
    out = " ".join(invoke("assess", profile, "--target", "senior-pm").stdout.split())
    assert "You already meet Senior Product Manager (fit 100%): there is no route to walk, " \
        "and nothing it asks is left to grow." in out


def test_without_a_target_only_fits_and_a_hint(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "low.toml", filled(invoke, "working"))
    doc = as_json(invoke, "assess", profile)
    assert doc["target"] is None
    assert doc["comparison"] is None
    assert doc["route"] is None
    out = invoke("assess", profile).stdout
    assert "Add --target ROLE" in out
    assert "Against the target" not in out


def test_json_document_shape(invoke: Invoke) -> None:
    doc = as_json(invoke, "--catalog", str(TINY), "assess", str(PROFILES / "tiny-kim.toml"))
    assert doc["schema_version"] == 1
    assert doc["command"] == "assess"
    assert doc["catalog"] == {"name": "Tiny test ladder", "file": str(TINY)}
    assert doc["profile"] == {"file": str(PROFILES / "tiny-kim.toml"), "name": "Kim",
                              "target": "lead"}
    assert doc["fit_rule"] == FIT_RULE
    assert doc["unscored"] == ["hermit"]
    assert doc["ratings"][1] == {"competency": "people", "name": "People", "level": None,
                                 "level_name": None, "rank": 0}
    assert set(doc["fits"][0]) == {"role", "title", "track", "level", "level_name", "score",
                                   "met_steps", "required_steps", "competencies_met",
                                   "competencies_rated"}
    assert set(doc["route"]) == {"from", "to", "same_role", "steps", "total", "tie_break"}


def test_saved_profile_parses_back(tiny: Ladder) -> None:
    ratings: dict[str, str | None] = {"craft": "mid", "people": None}
    text = profile_text(tiny, ratings, name='Ana "A" Ruiz', target="lead")
    profile = parse_profile(tiny, text, "saved.toml")
    assert profile.ratings == ratings
    assert profile.name == 'Ana "A" Ruiz'
    assert profile.target == "lead"


def test_assess_core_without_target(tiny: Ladder) -> None:
    profile = parse_profile(tiny, "[ratings]\ncraft = 'low'\npeople = 'none'\n", "p.toml")
    result = assess(tiny, profile)
    assert result.target is None
    assert result.route is None
    assert result.fits[0].role == "junior"


def test_narrow_terminal_gets_lists_not_crushed_tables(invoke: Invoke) -> None:
    args = ("--catalog", str(TINY), "assess", str(PROFILES / "tiny-kim.toml"))
    result = invoke(*args, env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert all(len(line) <= 40 for line in out.splitlines())
    assert "1. Expert Maker (expert), 3 Top: 100%" in out
    assert "• People: you none, target Mid (2 steps below)" in " ".join(out.split())
    assert "…" not in out.split("Route to the target")[0]


def test_fit_formula_is_in_the_help_and_the_docs(invoke: Invoke) -> None:
    doc = " ".join((ROOT / "docs" / "assess.md").read_text(encoding="utf-8").split())
    assert "**fit = steps met / steps asked**" in doc
    result = invoke("assess", "--help")
    assert result.exit_code == 0, result.output
    help_text = " ".join(result.stdout.split())
    assert "Fit = steps met / steps asked" in help_text
    assert "min(your step, k)" in help_text
    assert "Example: pmladder assess --template > me.toml" in help_text


def test_svg_saves_what_was_printed(invoke: Invoke) -> None:
    args = ("--catalog", str(TINY), "assess", str(PROFILES / "tiny-kim.toml"))
    result = invoke(*args, "--svg", "kim.svg")
    assert result.exit_code == 0, result.output
    picture = Path("kim.svg").read_text(encoding="utf-8")
    assert picture.startswith("<svg")
    assert "Team&#160;Lead" in picture or "Team Lead" in picture
    assert "saved kim.svg" in result.stderr
    again = invoke(*args, "--svg", "kim.svg")
    assert again.exit_code == ExitCode.USAGE
    assert "never overwrites" in again.stderr
    for extra in (("--json",), ("--template",)):
        refused = invoke("--catalog", str(TINY), "assess", *extra, "--svg", "x.svg",
                         *(() if extra == ("--template",) else (str(PROFILES / "tiny-kim.toml"),)))
        assert refused.exit_code == ExitCode.USAGE, extra
        assert not Path("x.svg").exists()


def test_nothing_met_fits_the_entry_level_first(invoke: Invoke, tmp_path: Path) -> None:
    template = invoke("assess", "--template").stdout
    profile = tmp_path / "none.toml"
    profile.write_text(template.replace('= ""', '= "none"'), encoding="utf-8")
    result = invoke("assess", str(profile), "--json")
    assert result.exit_code == 0, result.output
    assert '"apm"' in result.stdout.split('"cpo"')[0]


def test_no_ratings_at_all_says_so_instead_of_ranking(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "blank.toml", 'name = "B"\n[ratings]\ncraft = "none"\n'
                    'people = "none"\n')
    out = invoke("--catalog", str(TINY), "assess", profile).stdout
    assert "You rated no competency, so no role can be scored yet" in " ".join(out.split())
    assert "Roles that fit you best now" not in out
    assert "0%" not in out


def test_distance_reads_plainly() -> None:
    assert distance(-1) == "1 step below"
    assert distance(-3) == "3 steps below"
    assert distance(2) == "2 steps above"
    assert distance(0) == "at it"
