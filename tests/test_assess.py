"""pmladder assess: the template, profiles, fit scores, the target and the route."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, TINY, Invoke
from pmladder.assess import FIT_RULE, assess, fits
from pmladder.catalog import CatalogSource, Ladder, load
from pmladder.errors import ExitCode
from pmladder.profile import ProfileError, parse_profile
from pmladder.profile_form import parse_answer, profile_text
from terminal import CTRL_C, CTRL_D, at_terminal

PROFILES = DATA / "profiles"


@pytest.fixture(scope="module")
def bundled() -> Ladder:
    return load(CatalogSource(None))


@pytest.fixture(scope="module")
def tiny() -> Ladder:
    return load(CatalogSource(TINY, "option"))


def filled(invoke: Invoke, step: str | list[str], *args: str) -> str:
    """The template printed by the CLI, every blank rating filled in with ``step``
    (or with the steps of a list, in turn)."""
    result = invoke(*args, "assess", "--template")
    assert result.exit_code == 0, result.output
    steps = [step] if isinstance(step, str) else step
    counter = iter(range(10_000))
    return re.sub(r'= ""', lambda _: f'= "{steps[next(counter) % len(steps)]}"', result.stdout)


def write(tmp_path: Path, name: str, content: str) -> str:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


def as_json(invoke: Invoke, *args: str) -> dict[str, Any]:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert isinstance(doc, dict)
    return doc


# --------------------------------------------------------------------------
# The template


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


# --------------------------------------------------------------------------
# Both ends of the scale


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
    assert len(doc["fits"]) == len(bundled.roles)
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


# --------------------------------------------------------------------------
# The target, the comparison and the route


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


def test_profile_from_standard_input(invoke: Invoke) -> None:
    text = (PROFILES / "tiny-kim.toml").read_text(encoding="utf-8")
    result = invoke("--catalog", str(TINY), "assess", "-", "--json", input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["profile"]["file"] == "<stdin>"


# --------------------------------------------------------------------------
# Mistakes in profiles


def test_every_mistake_reported_at_once_with_lines(invoke: Invoke) -> None:
    profile = str(PROFILES / "mistakes.toml")
    result = invoke("assess", profile)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {profile}: invalid profile (8 problems)"
    expected = [
        f"{profile}:3:10: error: targte: unknown field 'targte'; did you mean 'target'?",
        f"{profile}:6:11: error: ratings.reserch: unknown competency 'reserch'; "
        "did you mean 'research'?",
        f"{profile}:7:17: error: ratings.data-analysis: 'guru' is not on the Proficiency "
        "scale; use one of: foundational, working, advanced, expert, leading or none",
        f"{profile}:9:18: error: ratings.prioritisation: write the step's id in quotes rather "
        'than a number: prioritisation = "advanced"',
        f"{profile}:10:15: error: ratings.roadmapping: no rating yet; write one of: "
        "foundational, working, advanced, expert, leading or none",
        f"{profile}:11:12: error: ratings.strategy: a rating is a scale step id in quotes, one "
        "of: foundational, working, advanced, expert, leading or none (got a list)",
        f"{profile}:12:12: error: ratings.delivery: 'expret' is not on the Proficiency scale; "
        "did you mean 'expert'? Use one of: foundational, working, advanced, expert, leading "
        "or none",
        f"{profile}:5:1: error: ratings.organisation: no rating for 'organisation' "
        "(Organisation building); add organisation = \"<step>\", or \"none\", under [ratings]",
    ]
    assert lines[1:9] == expected
    assert lines[-1].startswith("hint: run 'pmladder assess --template")
    assert "Traceback" not in result.output
    # 'Advanced' (a step's name) and 'none' are accepted, so are not reported.
    assert "specification" not in result.stderr
    assert "communication" not in result.stderr


def test_missing_rating_is_named(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "p.toml", '[ratings]\ncraft = "mid"\n')
    result = invoke("--catalog", str(TINY), "assess", profile)
    assert result.exit_code == ExitCode.USAGE
    assert (f"{profile}:1:1: error: ratings.people: no rating for 'people' (People); "
            'add people = "<step>", or "none", under [ratings]') in result.stderr


def test_competency_named_by_its_title_is_suggested_once(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "p.toml", '[ratings]\ncraft = "mid"\n"People" = "low"\n')
    result = invoke("--catalog", str(TINY), "assess", profile)
    assert result.exit_code == ExitCode.USAGE
    assert "unknown competency 'People'; did you mean 'people'?" in result.stderr
    assert "no rating for 'people'" not in result.stderr
    assert "(1 problem)" in result.stderr


def test_wrong_types_and_unknown_fields(invoke: Invoke) -> None:
    profile = str(PROFILES / "tiny-mistakes.toml")
    result = invoke("--catalog", str(TINY), "assess", profile)
    assert result.exit_code == ExitCode.USAGE
    err = result.stderr
    assert "invalid profile (5 problems)" in err
    assert (f"{profile}:2:8: error: name: name must be a short piece of text in quotes, "
            'e.g. name = "Alex" (got a number)') in err
    assert f"{profile}:3:10: error: target: no role named 'nobody'" in err
    assert (f"{profile}:4:10: error: colour: unknown field 'colour'; a profile has only: "
            "name, target, ratings") in err
    assert (f"{profile}:7:9: error: ratings.craft: a rating is a scale step id in quotes, one "
            "of: low, mid, high or none (got true/false)") in err
    assert "ratings.people: no rating for 'people'" in err


def test_ratings_not_a_table_and_competency_at_top_level(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "p.toml", 'craft = "mid"\nratings = "all good"\n')
    result = invoke("--catalog", str(TINY), "assess", profile)
    assert result.exit_code == ExitCode.USAGE
    assert f"{profile}:1:9: error: craft: 'craft' is a competency; put its line under " \
           "[ratings]" in result.stderr
    assert f"{profile}:2:11: error: ratings: ratings must be a table" in result.stderr


def test_missing_ratings_table(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "p.toml", 'name = "Kim"\n')
    result = invoke("--catalog", str(TINY), "assess", profile)
    assert result.exit_code == ExitCode.USAGE
    assert "ratings: the [ratings] table is missing" in result.stderr


def test_inline_ratings_table_has_lines(invoke: Invoke, tmp_path: Path) -> None:
    content = 'name = "Kim"\nratings = { craft = "mid", people = "hi" }\n'
    profile = write(tmp_path, "p.toml", content)
    result = invoke("--catalog", str(TINY), "assess", profile)
    assert result.exit_code == ExitCode.USAGE
    assert (f"{profile}:2:37: error: ratings.people: 'hi' is not on the Skill scale; did you "
            "mean 'high'?") in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file; check the path, or run 'pmladder assess --template"),
        (b"", "is empty; a profile needs a [ratings] table"),
        (b"name = \"caf\xe9\"\n", "is not UTF-8 text (byte 11, 0xe9); save it with the UTF-8"),
        (b"\x00\x01", "is a binary file, not a TOML profile"),
    ],
)
def test_unreadable_profiles(
    invoke: Invoke, tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "p.toml"
    if content is not None:
        path.write_bytes(content)
    result = invoke("assess", str(path))
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert message in result.stderr
    assert str(path) in result.stderr.splitlines()[0]
    assert "Traceback" not in result.output


def test_folder_as_profile(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("assess", str(tmp_path))
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines()[0] == (
        f"error: {tmp_path}: is a folder, not a profile file; give the path of a .toml file"
    )


def test_toml_syntax_error_with_line_column_and_caret(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "p.toml", '[ratings]\ncraft = "mid\n')
    result = invoke("--catalog", str(TINY), "assess", profile)
    assert result.exit_code == ExitCode.USAGE
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {profile}: invalid profile (1 problem)"
    assert lines[1].startswith(f"{profile}:2:13: error: TOML syntax error:")
    assert lines[2] == '  craft = "mid'
    assert lines[3] == "              ^"


def test_bad_catalogue_still_exits_3(invoke: Invoke) -> None:
    result = invoke("--catalog", "nope.toml", "assess", str(PROFILES / "tiny-kim.toml"))
    assert result.exit_code == ExitCode.INVALID_CATALOG


def test_profile_error_is_a_usage_error(tiny: Ladder) -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(tiny, "[ratings]\ncraft = 'x'\npeople = 'low'\n", "p.toml")
    assert caught.value.exit_code == ExitCode.USAGE
    assert caught.value.problems[0].line == 2


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--template", "--interactive"),
        ("p.toml", "--template"),
        ("p.toml", "--interactive"),
    ],
)
def test_one_way_in_at_a_time(invoke: Invoke, args: tuple[str, ...]) -> None:
    result = invoke("assess", *args)
    assert result.exit_code == ExitCode.USAGE
    assert "PROFILE file, --template" in result.stderr


def test_template_and_json_do_not_mix(invoke: Invoke) -> None:
    result = invoke("assess", "--template", "--json")
    assert result.exit_code == ExitCode.USAGE
    assert "leave out --json" in result.stderr


# --------------------------------------------------------------------------
# Interactive


def test_interactive_refuses_without_a_terminal(invoke: Invoke) -> None:
    result = invoke("assess", "--interactive", input="3\n")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines()[0] == (
        "error: --interactive needs a terminal to ask questions, and standard input is not one"
    )
    assert "Your level" not in result.output


LEVEL = "Your level"
ROLE = "The role you want"
SAVE = "Save these answers"
FILE = "File to save to"


def test_interactive_asks_and_saves(invoke: Invoke) -> None:
    script = [
        (LEVEL, "guru\n"),  # craft: not on the scale, asked again
        (LEVEL, "3\n"),  # craft: high, by number
        (LEVEL, "\n"),  # people: skipped
        (ROLE, "nobody\n"),  # target: unknown, asked again
        (ROLE, "team lead\n"),
        (SAVE, "y\n"),
        (FILE, "\n"),  # the default, profile.toml
    ]
    result = at_terminal("--catalog", str(TINY), "assess", "-i", script=script)
    assert result.exit_code == 0, result.stderr
    err = result.stderr
    assert "1. Low (low): Needs help." in err
    assert "[1/2] Craft" in err
    assert "'guru' is not on the scale; answer 1-3" in err
    assert "no role named 'nobody'" in err
    assert "saved profile.toml" in err
    assert "Self-assessment: your answers" in result.stdout
    assert "Against the target: Team Lead (lead), fit 50%" in result.stdout
    saved = Path("profile.toml").read_text(encoding="utf-8")
    assert tomllib.loads(saved) == {"target": "lead",
                                    "ratings": {"craft": "high", "people": "none"}}
    again = invoke("--catalog", str(TINY), "assess", "profile.toml")
    assert again.exit_code == 0, again.output


def test_interactive_never_overwrites_without_a_yes() -> None:
    Path("profile.toml").write_text("mine\n", encoding="utf-8")
    script = [(LEVEL, "mid\n"), (LEVEL, "low\n"), (ROLE, "\n"), (SAVE, "y\n"),
              (FILE, "profile.toml\n"), ("Overwrite it?", "n\n"),
              ("Save under another name?", "y\n"), (FILE, "other.toml\n")]
    result = at_terminal("--catalog", str(TINY), "assess", "--interactive", script=script)
    assert result.exit_code == 0, result.stderr
    assert "[profile-2.toml]" in result.stderr  # the suggested name is a free one
    assert "profile.toml exists. Overwrite it?" in result.stderr
    assert Path("profile.toml").read_text(encoding="utf-8") == "mine\n"
    assert tomllib.loads(Path("other.toml").read_text(encoding="utf-8"))["ratings"] == {
        "craft": "mid", "people": "low"}


def test_interactive_overwrites_after_a_yes_and_uses_target_option() -> None:
    Path("p.toml").write_text("old\n", encoding="utf-8")
    script = [(LEVEL, "high\n"), (LEVEL, "high\n"), (SAVE, "y\n"), (FILE, "p.toml\n"),
              ("Overwrite it?", "y\n")]
    result = at_terminal("--catalog", str(TINY), "assess", "-i", "--target", "expert",
                         script=script)
    assert result.exit_code == 0, result.stderr
    assert ROLE not in result.stderr
    assert tomllib.loads(Path("p.toml").read_text(encoding="utf-8"))["target"] == "expert"


def test_interactive_save_asks_again_after_a_bad_name() -> None:
    too_long = "d" * 300
    script = [(LEVEL, "high\n"), (LEVEL, "high\n"), (ROLE, "\n"), (SAVE, "y\n"),
              (FILE, too_long + "\n"), (FILE, "folder/\n"), (FILE, "mine.toml\n")]
    result = at_terminal("--catalog", str(TINY), "assess", "-i", script=script)
    assert result.exit_code == 0, result.stderr
    assert f"cannot use {too_long}: File name too long" in result.stderr
    assert "folder/ is a folder; give a file name" in result.stderr
    assert not Path("folder").exists()
    assert "saved mine.toml" in result.stderr


def test_interactive_json_and_declining_to_save() -> None:
    script = [(LEVEL, "low\n"), (LEVEL, "\n"), (ROLE, "\n"), (SAVE, "n\n")]
    result = at_terminal("--catalog", str(TINY), "assess", "-i", "--json", script=script)
    assert result.exit_code == 0, result.stderr
    # The questions go to stderr; stdout holds the document alone, after every question.
    doc = json.loads(result.stdout)
    assert doc["profile"]["file"] is None
    assert doc["fits"][0]["role"] == "junior"
    assert not Path("profile.toml").exists()


def test_parse_answer(tiny: Ladder) -> None:
    assert parse_answer(tiny, "2") == "mid"
    assert parse_answer(tiny, " HIGH ") == "high"
    assert parse_answer(tiny, "Low") == "low"
    assert parse_answer(tiny, "") is None
    assert parse_answer(tiny, "0") is None
    assert parse_answer(tiny, "none") is None
    for wrong in ("4", "-1", "medium", "hgih"):
        with pytest.raises(ValueError, match="answer 1-3"):
            parse_answer(tiny, wrong)


# --------------------------------------------------------------------------
# Core functions


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


def test_docs_show_the_real_error_output(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/assess.md quotes the mistakes fixture's messages; keep them in step."""
    from conftest import ROOT

    doc = (ROOT / "docs" / "assess.md").read_text(encoding="utf-8")
    quoted = doc.split("$ pmladder assess tests/data/profiles/mistakes.toml\n", 1)[1]
    quoted = quoted.split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    result = invoke("assess", "tests/data/profiles/mistakes.toml")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == quoted


def test_fit_formula_is_in_the_help_and_the_docs(invoke: Invoke) -> None:
    from conftest import ROOT

    doc = " ".join((ROOT / "docs" / "assess.md").read_text(encoding="utf-8").split())
    assert "**fit = steps met / steps asked**" in doc
    result = invoke("assess", "--help")
    assert result.exit_code == 0, result.output
    help_text = " ".join(result.stdout.split())
    assert "Fit = steps met / steps asked" in help_text
    assert "min(your step, k)" in help_text
    assert "Example: pmladder assess --template > me.toml" in help_text


def test_odd_profile_names_are_printed_inert(invoke: Invoke) -> None:
    result = invoke("assess", "\x1b[31mx\u202e.toml")
    assert result.exit_code == ExitCode.USAGE
    assert "\x1b" not in result.stderr
    assert "\u202e" not in result.stderr
    assert result.stderr.startswith("error: \\x1b[31mx\\u202e.toml: no such file")
    empty = invoke("assess", "")
    assert empty.exit_code == ExitCode.USAGE
    assert empty.stderr.startswith('error: "": is not a file name')


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


def test_ctrl_d_in_the_questions_exits_130_and_saves_nothing() -> None:
    script = [(LEVEL, "3\n"), (LEVEL, CTRL_D), ("Keep the 1 answers", CTRL_D)]
    result = at_terminal("--catalog", str(TINY), "assess", "-i", script=script)
    assert result.exit_code == ExitCode.INTERRUPTED
    assert result.stderr.rstrip().endswith("interrupted; nothing was saved")
    assert "Aborted" not in result.stdout + result.stderr
    assert list(Path().iterdir()) == [Path(".git")]


def test_answers_so_far_are_kept_only_when_asked() -> None:
    keep = [(LEVEL, "3\n"), (LEVEL, CTRL_C), ("Keep the 1 answers given so far", "y\n"),
            (FILE, "partial.toml\n")]
    result = at_terminal("--catalog", str(TINY), "assess", "-i", script=keep)
    assert result.exit_code == ExitCode.INTERRUPTED
    assert result.stderr.rstrip().endswith("interrupted; the answers so far were saved")
    saved = tomllib.loads(Path("partial.toml").read_text(encoding="utf-8"))
    assert saved["ratings"]["craft"] == "high"
    Path("partial.toml").unlink()
    drop = [(LEVEL, "3\n"), (LEVEL, CTRL_C), ("Keep the 1 answers", "n\n")]
    result = at_terminal("--catalog", str(TINY), "assess", "-i", script=drop)
    assert result.exit_code == ExitCode.INTERRUPTED
    assert result.stderr.rstrip().endswith("interrupted; nothing was saved")
    assert not Path("partial.toml").exists()


def test_a_profile_with_a_huge_table_is_one_problem(invoke: Invoke, tmp_path: Path) -> None:
    from pmladder.validation.sizes import MAX_KEYS

    profile = tmp_path / "huge.toml"
    profile.write_text("[ratings]\n" + "".join(f'k{i} = "mid"\n' for i in range(MAX_KEYS + 1)),
                       encoding="utf-8")
    result = invoke("--catalog", str(TINY), "assess", str(profile))
    assert result.exit_code == ExitCode.USAGE
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[1].endswith(f"ratings: has {MAX_KEYS + 1:,} keys; pmladder allows at most "
                             f"{MAX_KEYS:,} in a table (a profile rates each competency once)")


def test_a_profile_with_many_problems_lists_the_first_hundred(
    invoke: Invoke, tmp_path: Path
) -> None:
    profile = tmp_path / "many.toml"
    profile.write_text("[ratings]\n" + "".join(f'zz{i} = "mid"\n' for i in range(250)),
                       encoding="utf-8")
    result = invoke("--catalog", str(TINY), "assess", str(profile))
    assert result.exit_code == ExitCode.USAGE
    lines = result.stderr.splitlines()
    assert sum("unknown competency" in line for line in lines) == 100
    assert any(line.startswith("... and ") and "more" in line for line in lines)


def test_no_ratings_at_all_says_so_instead_of_ranking(invoke: Invoke, tmp_path: Path) -> None:
    profile = write(tmp_path, "blank.toml", 'name = "B"\n[ratings]\ncraft = "none"\n'
                    'people = "none"\n')
    out = invoke("--catalog", str(TINY), "assess", profile).stdout
    assert "You rated no competency, so no role can be scored yet" in " ".join(out.split())
    assert "Roles that fit you best now" not in out
    assert "0%" not in out


def test_distance_reads_plainly() -> None:
    from pmladder.views.assess import distance

    assert distance(-1) == "1 step below"
    assert distance(-3) == "3 steps below"
    assert distance(2) == "2 steps above"
    assert distance(0) == "at it"


# --------------------------------------------------------------------------
# The route measured from the person, and what the target does not rate


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
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

    from pmladder.output_schemas import output_schema

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
    assert "Step 1: Start → Next" in route
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
